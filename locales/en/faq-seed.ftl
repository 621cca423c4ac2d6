# FAQ seed: the articles the FAQ starts with. Staff can edit them afterwards in the admin pages.
# For each article key K in faq-seed-articles: faq-seed-K-category (a key in faq-seed-categories,
# the same in every language), faq-seed-K-slug (a-z, 0-9 and hyphens), faq-seed-K-title and
# faq-seed-K-body (Markdown: paragraphs, "-" lists, bold). No variables in this file.

faq-seed-categories = eligibility orders validation cloud support
faq-seed-articles = who-can-take-part who-cannot-take-part budget-size who-may-use-licences how-to-order five-licence-minimum several-orders order-decision how-validation-works validation-time documents-needed two-validations active-use check-active-use below-85-per-cent get-support partner-role

faq-seed-category-eligibility = Who can take part?
faq-seed-category-orders = Orders and licences
faq-seed-category-validation = Validation
faq-seed-category-cloud = Cloud services and active use
faq-seed-category-support = Help and support

## Category: eligibility

faq-seed-who-can-take-part-category = eligibility
faq-seed-who-can-take-part-slug = who-can-take-part
faq-seed-who-can-take-part-title = Which organisations can take part?
faq-seed-who-can-take-part-body =
    The programme is for nonprofit organisations. To take part, your organisation must:

    - be a nonprofit, for example a nonprofit association (ideell förening) with statutes and an organisation number, or a registered foundation (stiftelse)
    - exist for a purpose that benefits the community, such as relieving poverty, education, social welfare, culture, the environment, human rights or a strong civil society

    Public libraries and public museums may also take part.

    Which kinds of organisation qualify is decided by Microsoft's nonprofit eligibility rules. Our partner assesses each organisation individually, and Microsoft has the final say on every order.

    For a quick first answer, try the self-check, **Do we qualify?**.

faq-seed-who-cannot-take-part-category = eligibility
faq-seed-who-cannot-take-part-slug = who-cannot-take-part
faq-seed-who-cannot-take-part-title = Which organisations cannot take part?
faq-seed-who-cannot-take-part-body =
    Microsoft's rules exclude some kinds of organisation, even if they are not run for profit:

    - organisations that are not nonprofits
    - government bodies, including intergovernmental organisations and UN entities
    - schools, colleges and universities, including museums that belong to a university or college; Microsoft has separate education programmes for them
    - hospitals, healthcare networks, health insurers and outpatient care
    - companies that supply electricity, water or heating
    - banks, insurers, pension funds and other financial institutions

    Public libraries and public museums are the exception: they can take part even though they are publicly run.

    Political parties, lobbying groups, trade unions, and business and professional associations are not named in Microsoft's current rules, but older programme terms excluded them. Our partner therefore assesses each such organisation individually.

    Not sure where your organisation stands? Contact support before you register it.

faq-seed-budget-size-category = eligibility
faq-seed-budget-size-slug = does-our-budget-matter
faq-seed-budget-size-title = Does the size of our budget matter?
faq-seed-budget-size-body =
    No. Organisations with an annual operating budget of any size may qualify, from a small volunteer-run club to a large national organisation.

    What matters is whether your organisation is a nonprofit and meets Microsoft's other requirements, not how much money it turns over.

    One thing to bear in mind: every order of discounted products must contain at least five licences, unless the products are exempt. The product catalogue shows which products are exempt.

faq-seed-who-may-use-licences-category = eligibility
faq-seed-who-may-use-licences-slug = who-may-use-the-licences
faq-seed-who-may-use-licences-title = Who may use the licences?
faq-seed-who-may-use-licences-body =
    That depends on whether the licences are donated or discounted:

    - **Donated (free) licences** may only be used by paid staff and unpaid executives.
    - **Discounted licences** may be used by all staff, volunteers included.

    Neither kind may ever go to the people your organisation serves, to donors, or to members in their capacity as members.

    If you are unsure whether a particular person qualifies, ask support before you assign the licence.

## Category: orders

faq-seed-how-to-order-category = orders
faq-seed-how-to-order-slug = how-do-we-order
faq-seed-how-to-order-title = How do we order?
faq-seed-how-to-order-body =
    Ordering takes four steps:

    - Register your organisation in the portal and confirm your e-mail address.
    - Register your organisation on Microsoft's nonprofit portal (Nonprofit Hub). Then upload the validation certificate you get there – you do that under **My account** here in the portal.
    - Wait until our partner has validated your organisation in the programme. You will hear by e-mail.
    - Choose products and quantities on the order form under **My account**. Every order of discounted products must contain at least five licences, unless the products are exempt.

    The product catalogue lists the fee for each licence. It is an administrative fee in Swedish kronor.

    Once the order has been sent, you can follow it in the order history. Every order is granted or denied, and you are told the decision by e-mail. Microsoft reserves the right to deny an order at any time.

    Donated cloud services, such as Microsoft 365 Business Basic and the Azure credit, are not ordered here: your organisation activates them itself in the Nonprofit Hub. Read more under **Cloud services and active use**.

faq-seed-five-licence-minimum-category = orders
faq-seed-five-licence-minimum-slug = five-licence-minimum
faq-seed-five-licence-minimum-title = Do we have to order at least five licences?
faq-seed-five-licence-minimum-body =
    Usually, yes. Every order of discounted products must contain at least five licences. They can all be for one product or a mix, say three licences of one product and two of another.

    Microsoft exempts some products from the minimum. The product catalogue shows for each product whether it counts toward the minimum.

    - An order made up only of exempt products has no minimum.
    - If you mix exempt and other discounted products, the exempt licences count toward the five.
    - Donated cloud services neither count toward the five nor make the minimum apply.

    Server products are licensed per core and sold in packs of two cores. Each server needs at least 16 core licences for Windows Server and at least 4 for SQL Server, so a single pack is never enough for a server.

faq-seed-several-orders-category = orders
faq-seed-several-orders-slug = can-we-order-more-than-once
faq-seed-several-orders-title = Can we order more than once?
faq-seed-several-orders-body =
    Yes. There is no limit on the number of orders. A single order may have a maximum per product, and Microsoft's grants have their own caps – the catalogue shows them for each product.

    The five-licence minimum does apply to each order of discounted products on its own, though: two orders of three licences each do not add up to six.

    All your organisation's orders, current and past, are listed in the order history under **My account**.

faq-seed-order-decision-category = orders
faq-seed-order-decision-slug = can-an-order-be-denied
faq-seed-order-decision-title = Can an order be denied?
faq-seed-order-decision-body =
    Yes. Microsoft reserves the right to grant or deny any organisation's order at any time, for any reason. Being validated in the programme is therefore no guarantee that every order will be granted.

    Every order ends with a documented decision: granted or denied. If an order is denied, the reason is shown with the order and you are told by e-mail.

    If the reason is unclear, or you think a mistake has been made, contact support. You can place a new order once the problem has been dealt with.

## Category: validation

faq-seed-how-validation-works-category = validation
faq-seed-how-validation-works-slug = how-does-validation-work
faq-seed-how-validation-works-title = How does validation work?
faq-seed-how-validation-works-body =
    Before you can order, your organisation has to be validated, that is, approved as a nonprofit in the programme. This is how it works:

    - Register your organisation on Microsoft's nonprofit portal (Nonprofit Hub), where it gets a Microsoft validation certificate.
    - Upload the certificate under **My account** as a PDF, PNG or JPEG.
    - Our partner reviews it and may ask for further documents if needed.
    - You are told the decision by e-mail. An approval is valid for a set period, and the dates are shown under **My account**.

    Microsoft's certificate is valid for two years and carries its own expiry date. Validation in the programme lasts at most until the certificate's expiry date.

    If the certificate is not approved, the reason is shown on the page. Put right whatever the reason mentions and send a new certificate. Only one certificate can be under review at a time.

faq-seed-validation-time-category = validation
faq-seed-validation-time-slug = how-long-does-validation-take
faq-seed-validation-time-title = How long does validation take?
faq-seed-validation-time-body =
    Our partner normally decides within 5 to 10 working days of receiving your certificate. Under **My account** you can see the date by which to expect an answer at the latest.

    It can take longer if the certificate is hard to read or the partner needs more documents, so send a clear copy, preferably as a PDF, and reply promptly if the partner gets in touch.

    This applies to validation in the programme. How long it takes to get your Microsoft nonprofit account approved is up to Microsoft.

    You will receive an e-mail once a decision has been made. If you have heard nothing by the expected date, contact support.

faq-seed-documents-needed-category = validation
faq-seed-documents-needed-slug = which-documents-do-we-need
faq-seed-documents-needed-title = Which documents do we need?
faq-seed-documents-needed-body =
    The key document is the Microsoft validation certificate, which your organisation receives once it is registered on Microsoft's nonprofit portal (Nonprofit Hub). Microsoft requires it from every organisation that orders discounted products.

    Our partner may also want to see documents showing that your organisation is a nonprofit, such as:

    - the latest signed and verified (justerat) minutes of your annual general meeting, for associations
    - the minutes of the founding meeting (konstituerande möte), for newly formed associations
    - your latest annual report, for foundations

    It is worth having these to hand before you register, so that you are ready if the partner asks for them. If further documents are needed, the partner will tell you how to send them.

    Files are uploaded as PDF, PNG or JPEG, up to 10 MB each.

faq-seed-two-validations-category = validation
faq-seed-two-validations-slug = microsoft-account-and-programme-validation
faq-seed-two-validations-title = Is our Microsoft nonprofit account the same as validation in the programme?
faq-seed-two-validations-body =
    No, they are two separate things:

    - **Your Microsoft nonprofit account** is set up in the Nonprofit Hub and approved by Microsoft. That is also where your organisation gets its validation certificate.
    - **Validation in the programme** is carried out by our partner here in the portal, and your organisation needs it to order from us.

    The two are handled independently, so one can be approved while the other is still pending.

    Our pages always say which of the two a status refers to. Under **My account** you see the status of your validation in the programme.

## Category: cloud

faq-seed-active-use-category = cloud
faq-seed-active-use-slug = what-is-active-use
faq-seed-active-use-title = What does “active use” mean?
faq-seed-active-use-body =
    If your organisation receives donated cloud services from Microsoft, at least 85 per cent of the donated licences must be in active use. The requirement covers only the donated (free) licences, not licences your organisation pays for, at a discount or at full price.

    A user counts as active if they have used at least one Microsoft 365 cloud service in the last 90 days. These services include:

    - Exchange Online (e-mail)
    - Microsoft Teams
    - Viva Engage (formerly Yammer)
    - the Microsoft 365 apps
    - OneDrive
    - SharePoint

    Using perpetually licensed Office apps, such as Office Standard or Office Professional, does not count.

    For example, with 20 donated licences, at least 17 users must have been active in the last 90 days.

    Microsoft's donated cloud services for nonprofits today are:

    - **Microsoft 365 Business Basic** – free, up to 300 licences.
    - **Azure** – a credit of USD 2,000 a year. It is activated in the Nonprofit Hub and renewed every year.

    The free grant of Microsoft 365 Business Premium (up to 10 licences) ended on 1 July 2025, or at each organisation's next renewal. Business Premium and Business Standard are now discounted subscriptions. If your organisation still holds the old Premium grant, its users have to move to Business Basic or to paid licences.

    Your organisation activates these grants itself in Microsoft's nonprofit portal (Nonprofit Hub). The programme does not ship them, but our partner validates your organisation and helps if anything goes wrong.

faq-seed-check-active-use-category = cloud
faq-seed-check-active-use-slug = how-do-we-check-active-use
faq-seed-check-active-use-title = How do we check our active use?
faq-seed-check-active-use-body =
    Use the **Active use** page under **My account**:

    - Sign in to the Microsoft 365 admin center and go to Reports → Usage → Active users.
    - Choose the 90-day period and export the report as a CSV file.
    - Upload the file on the Active use page.

    The page shows the share of licences in active use against the 85 per cent requirement, both overall and per product, and lists the users who have not been active. You can download that list as a CSV file.

    To capture more of your activity, you can also upload the Microsoft 365 apps, Teams, e-mail and Viva Engage exports from the same day. The files themselves are not stored, but you can choose to save the figures and follow them over time. Our partner sees the saved figures too.

faq-seed-below-85-per-cent-category = cloud
faq-seed-below-85-per-cent-slug = below-85-per-cent
faq-seed-below-85-per-cent-title = What happens if active use falls below 85 per cent?
faq-seed-below-85-per-cent-body =
    Microsoft then sends your organisation notices, such as “M365 Utilization Grant Requirements” and “Licenses Will Be Disabled”. Microsoft may remove the grant or convert it to commercial pricing, so it pays to put things right as soon as you can. Contact support if you are unsure what it means for your organisation.

    To get back to at least 85 per cent:

    - **Reassign licences** from people who do not use them to people who need them.
    - **Cancel licences** that nobody needs. Fewer licences mean a higher share of active users.
    - **Help users get started**, for example with Teams, Outlook on the web or OneDrive. Using any one of the cloud services is enough.

    When you reassign licences, remember that donated licences are only for paid staff and unpaid executives.

    Run a new check on the **Active use** page after a few days to make sure the share has gone up.

## Category: support

faq-seed-get-support-category = support
faq-seed-get-support-slug = how-do-we-get-help
faq-seed-get-support-title = How do we get help?
faq-seed-get-support-body =
    Our partner handles all customer support for the programme. If you are logged in, open a ticket under **My account**, so that your colleagues see it too. Otherwise use the form under **Contact** – no account is needed.

    Answers about validation and orders also come by e-mail: we send a message whenever a certificate or an order has been handled, with the decision.

    It helps if you tell us which organisation you are writing about, what your question concerns and what you have already tried. Never send a password.

faq-seed-partner-role-category = support
faq-seed-partner-role-slug = what-does-the-partner-do
faq-seed-partner-role-title = What does the programme's partner organisation do?
faq-seed-partner-role-body =
    The programme works with a partner organisation that handles all validation and all customer support for the programme's customers. The partner is the support, and the partner's staff work in this same portal.

    The partner:

    - reviews validation certificates and decides on validation in the programme
    - handles orders and lets your organisation know the decision on each one
    - answers customers' questions and tickets

    So when you need help, it is the partner you will be dealing with. Microsoft still reserves the right to grant or deny any order.
