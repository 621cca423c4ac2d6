# Catalogue and orders: templates/catalog/*.html, templates/orders/*.html, templates/staff/order*.html, product*.html

nav-products = Products
products-title = Products
products-heading = Products in the programme
products-lead = Discounted licences and donated cloud services from Microsoft. The fee is an administrative fee per licence.
products-fee-note = Prices are administrative fees in Swedish kronor per licence. Microsoft reserves the right to grant or deny any order.
products-back = All products
product-col-name = Product
product-col-kind = Type
product-col-minimum = Five-licence minimum
product-col-fee = Fee per licence
product-col-max = Maximum per order
product-col-sku = Item code
product-kind-discounted = Discounted licence
product-kind-donated-cloud = Donated cloud service
product-minimum-applies = Counts toward the five-licence minimum
product-minimum-exempt = Exempt from the minimum
product-minimum-cloud = Cloud service – does not count
product-exempt-heading = What the exemption means
product-exempt-why = Microsoft has exempted some products from the five-licence minimum, and this is one of them. An order of exempt products only has no minimum. If you order it together with other discounted products, its licences count toward the five.
product-active = In the catalogue
product-retired = No longer in the catalogue
product-sku-hint = Lower-case letters, digits and hyphens.
product-name-sv = Name in Swedish
product-name-en = Name in English
product-description-sv = Description in Swedish
product-description-en = Description in English
product-exempt-label = Exempt from the five-licence minimum
product-active-label = Shown in the catalogue and can be ordered
product-fee-hint = In kronor, for example 699 or 699.50.
product-error-sku = Enter an item code of lower-case letters, digits and hyphens.
product-error-sku-taken = There is already a product with that item code.
product-error-fee = Enter the fee in kronor, for example 699 or 699.50.
product-error-max = Enter a whole number from 1 to 10,000.
staff-products-title = Products
staff-product-new = New product
staff-product-edit = Edit product
staff-product-save = Save the product
staff-product-saved = The product has been saved.
staff-product-differs = Changed by staff: differs from the default text for this item.
staff-products-differs-note = Products marked “Changed” have text or terms that differ from the programme's defaults. They are not updated automatically when the defaults change – compare them with the catalogue's current facts.
staff-product-differs-short = Changed

orders-title = Orders
orders-empty = Your organisation has not placed any orders yet.
orders-back = All orders
order-title = Order
order-new-title = New order
order-new-heading = New order
order-new-lead = Enter how many licences you want of each product. We check the programme's rules before you confirm.
order-col-quantity = Quantity
order-col-sum = Amount
order-col-reference = Order
order-col-validation = Validation
order-col-licences = Licences
order-total = Total
order-review-submit = Review the order
order-review-title = Review the order
order-review-heading = Review the order
order-review-lead = Check the lines and the total. The order is only sent when you confirm.
order-rules-met = The order meets the programme's rules.
order-confirm-submit = Confirm the order
order-change = Change
order-problems-heading = The order cannot be sent yet
order-warnings-heading = Check the number of core licences
order-warning-cores = { $product }: { $cores ->
        [one] 1 core licence is
       *[other] { $cores } core licences are
    } not enough for a single server. Every server needs at least { $min } core licences, so order at least { $units ->
        [one] 1 item
       *[other] { $units } items
    } per server.
order-placed = Thank you! The order has been sent. You will hear by e-mail once it has been handled.
order-cancelled = The order has been cancelled.
order-cancel = Cancel the order
order-history = History
order-reason = Reason:
order-state-submitted = Submitted
order-state-granted = Granted
order-state-denied = Denied
order-state-fulfilled = Fulfilled
order-state-cancelled = Cancelled
order-filter-submitted = Waiting for a decision
order-filter-granted = Granted
order-filter-denied = Denied
order-filter-fulfilled = Fulfilled
order-filter-cancelled = Cancelled
order-filter-all = All
order-validation-valid = Validated
order-validation-none = No certificate
order-validation-pending = Certificate under review
order-validation-rejected = Certificate not approved
order-validation-expired = Validation expired
order-error-not-validated-none = Your organisation is not validated in the programme. Send Microsoft's validation certificate on the Validation certificate page before you order.
order-error-not-validated-pending = Your organisation's validation certificate is still being reviewed. You can order once it has been approved.
order-error-not-validated-rejected = Your organisation's latest validation certificate was not approved. Send a new certificate before you order.
order-error-not-validated-expired = Your organisation's validation has expired, so you cannot order right now. Get a current validation certificate from the Nonprofit Hub and upload it on the Validation certificate page. Once our partner has approved it, you can order again.
order-error-empty = The order contains no products. Enter a quantity for at least one product.
order-error-unknown-product = A product in the order is not in the catalogue.
order-error-retired = { $product } is no longer in the catalogue and cannot be ordered.
order-error-quantity = The quantity for { $product } must be a whole number from 1 to { $max }.
order-error-minimum = The order contains { $total ->
        [one] 1 licence
       *[other] { $total } licences
    }, but these products need at least { $min } together. Add { $missing ->
        [one] 1 more licence
       *[other] { $missing } more licences
    }, or order only products that are exempt from the minimum.
order-error-reason = Write why the order is denied.
staff-orders-title = Orders
staff-order-title = Order
staff-order-grant = Grant
staff-order-deny = Deny
staff-order-deny-reason = Reason for denying (shown to the organisation)
staff-order-fulfil-heading = Fulfilment
staff-order-fulfil-note = Message to the organisation, for example where to fetch the licence keys
staff-order-fulfil = Mark as fulfilled
staff-order-saved = The decision has been saved and the organisation has been told.
staff-orders-link = Orders waiting
staff-products-link = The product catalogue
dashboard-orders-link = Orders

mail-order-submitted-subject = We have received your order at { $program }
mail-order-submitted-body = Hello { $name },

    Thank you for your order. We will be in touch once it has been handled. You can follow it here:

    { $link }
mail-order-granted-subject = Order { $reference } has been granted
mail-order-granted-body = Hello { $name },

    Order { $reference } has been granted. We will let you know once the licences have been delivered.

    { $link }
mail-order-denied-subject = Order { $reference } has been denied
mail-order-denied-body = Hello { $name },

    Order { $reference } has been denied. Reason: { $note }

    { $link }
mail-order-fulfilled-subject = Order { $reference } has been fulfilled
mail-order-fulfilled-body = Hello { $name },

    Order { $reference } has been fulfilled. { $note }

    { $link }

seed-product-m365-business-basic-name = Microsoft 365 Business Basic (donation)
seed-product-m365-business-basic-description = Web and mobile versions of Office, e-mail with Exchange, Teams, OneDrive and SharePoint. Donated free of charge to eligible organisations, up to 300 licences. Your organisation activates the grant itself in Microsoft's nonprofit portal (Nonprofit Hub); the programme validates your organisation and our partner helps if anything goes wrong.
seed-product-m365-business-premium-name = Microsoft 365 Business Premium
seed-product-m365-business-premium-description = Everything in Business Basic plus the desktop Office apps and advanced security. A discounted subscription for nonprofits, about 75 per cent below the commercial price. The free grant of up to 10 licences ended on 1 July 2025 (or at each organisation's next renewal). Organisations that still hold the old grant have to move their users to the donated Business Basic or to paid licences, such as this subscription.
seed-product-office-ltsc-standard-name = Office LTSC Standard 2024
seed-product-office-ltsc-standard-description = Word, Excel, PowerPoint and Outlook with a perpetual licence for one computer.
seed-product-office-ltsc-pro-plus-name = Office LTSC Professional Plus 2024
seed-product-office-ltsc-pro-plus-description = Office Standard plus Access, with a perpetual licence for one computer.
seed-product-windows-pro-upgrade-name = Windows 11 Pro upgrade
seed-product-windows-pro-upgrade-description = Upgrades a computer with Windows Home to Windows 11 Pro, with BitLocker and joining a domain among other things.
seed-product-windows-server-standard-name = Windows Server 2025 Standard (16 cores)
seed-product-windows-server-standard-description = Server operating system with the right to two virtual machines. Licensed per core and sold in packs of two cores; every server needs at least 16 core licences, even if it has fewer cores. This item holds 16 core licences (eight packs), the least a server needs. A server with more than 16 cores needs more licences.
seed-product-windows-server-cal-name = Windows Server 2025 CAL, user
seed-product-windows-server-cal-description = Access licence for one user connecting to Windows Server.
seed-product-sql-server-standard-name = SQL Server 2022 Standard (2 cores)
seed-product-sql-server-standard-description = Database server. Licensed per core and sold in packs of two cores; every server needs at least four core licences, that is at least two packs, even if it has fewer cores. One item is a pack of two cores.
seed-product-visio-professional-name = Visio Professional 2024
seed-product-visio-professional-description = Diagrams and flowcharts, with a perpetual licence for one computer.
seed-product-project-professional-name = Project Professional 2024
seed-product-project-professional-description = Project planning and resource management, with a perpetual licence for one computer.
