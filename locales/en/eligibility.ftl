# Eligibility rules: templates/public/eligibility.html

eligibility-title = Who can take part?
eligibility-lead = These are the programme's rules. Microsoft makes the final decision on every order, and our partner validates the organisations.
eligibility-toc = Contents
eligibility-anchor-quantity = quantity
eligibility-anchor-budget = budget
eligibility-anchor-nonprofit = nonprofits-only
eligibility-anchor-cloud = active-use
eligibility-anchor-further = further-requirements

eligibility-quantity-heading = Quantity
eligibility-quantity-unlimited = Organisations may order an unlimited number of discounted products and cloud services from Microsoft. A single order may have a maximum per product, and Microsoft's grants have their own caps – the catalogue shows them for each product.
eligibility-quantity-minimum = Every order of discounted products must contain at least { $min ->
        [one] 1 licence
       *[other] { $min } licences
    }.
eligibility-quantity-combination = The licences may be for one product or for a combination of products.
eligibility-quantity-exempt = Microsoft exempts some products from this minimum – the product catalogue shows which. An order of exempt products only has no minimum, and exempt licences count toward the total when the order also holds other discounted products.
eligibility-quantity-cloud = Donated cloud services do not count toward the five licences and do not trigger the minimum either.

eligibility-budget-heading = Budget
eligibility-budget-text = Organisations with an annual operating budget of any size may qualify for the products in this programme.

eligibility-nonprofit-heading = Nonprofits only
eligibility-nonprofit-only = The products are only available to nonprofit organisations.
eligibility-nonprofit-certificate = Microsoft requires organisations that order discounted products to register on Microsoft's nonprofit portal (Nonprofit Hub) and send a Microsoft validation certificate to the programme.
eligibility-nonprofit-separate = A Microsoft nonprofit account and this programme's validation are two separate things. One may be approved while the other is still pending; our pages always say which one a status refers to.
eligibility-nonprofit-time = Our partner reviews the certificate and normally decides within 5 to 10 working days. You are told by e-mail.
eligibility-nonprofit-decision = Microsoft reserves the right to grant or deny any organisation's order at any time, for any reason. Every order that is sent gets a documented decision: granted or denied. If it is denied, the reason is shown with the order.

eligibility-cloud-heading = Active use of donated cloud services
eligibility-cloud-rule = Organisations that receive donated cloud services must keep at least { $percent } per cent of all donated licences in active use. An active user has used at least one Microsoft 365 cloud service in the last { $days } days. The rule covers only the donated licences, not licences the organisation pays for.
eligibility-cloud-services = These cloud services include Exchange Online, Yammer/Viva Engage, Microsoft Teams, the Microsoft 365 apps, OneDrive and SharePoint.
eligibility-cloud-perpetual = Using perpetually licensed Office apps, such as Office Standard or Office Professional, does not count as active use.
eligibility-cloud-example = Example: with { $licensed ->
        [one] 1 donated licence
       *[other] { $licensed } donated licences
    }, at least { $needed ->
        [one] 1 user must have been active
       *[other] { $needed } users must have been active
    } in the last 90 days.

eligibility-further-heading = Further requirements
eligibility-further-intro = Which types of organisation may take part is decided by Microsoft's nonprofit eligibility rules. The organisation must be a nonprofit – for example a nonprofit association with statutes and an organisation number, or a registered foundation – with a mission that benefits the community, such as relief of poverty, education, social welfare, culture, the environment, human rights or a strong civil society.
eligibility-further-eligible = Can take part
eligibility-further-excluded = Cannot take part
eligibility-further-assess = Assessed case by case
eligibility-further-assess-note = Microsoft's current rules do not name these types of organisation, but older programme terms excluded them. Our partner assesses each organisation individually.
eligibility-users-heading = Who may use the licences?
eligibility-users-donated = Donated (free) licences: paid staff and unpaid executives.
eligibility-users-discounted = Discounted licences: all staff, volunteers included.
eligibility-users-never = Never: the people the organisation serves, donors, or members in their capacity as members.
eligibility-cta-check = Check whether your organisation qualifies
