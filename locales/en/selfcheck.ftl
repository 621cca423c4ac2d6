# Eligibility self-check: templates/public/self_check.html (src/public/selfcheck.rs)

selfcheck-title = Do we qualify?
selfcheck-title-errors = Please correct your answers – Do we qualify?
selfcheck-heading = Check whether your organisation qualifies
selfcheck-lead = Answer what you know; every question is optional. You then see each rule and whether it is met, not met or cannot be assessed – and why. Nothing is saved.
selfcheck-org-legend = Your organisation
selfcheck-org-type-label = Type of organisation
selfcheck-org-type-choose = Choose a type
selfcheck-org-number-label = Organisation number (optional)
selfcheck-org-number-hint = Ten digits, for example 802000-0009.
selfcheck-licenses-legend = Discounted licences
selfcheck-licenses-label = How many discounted licences does your organisation plan to order?
selfcheck-licenses-hint = Count all licences in the order together, whatever the product.
selfcheck-exempt-label = Are the products exempt from the five-licence minimum?
selfcheck-exempt-none = No, none is exempt
selfcheck-exempt-some = Some are exempt, others are not
selfcheck-exempt-all = Yes, all are exempt
selfcheck-cloud-legend = Donated cloud services
selfcheck-cloud-hint = Fill this in if your organisation already has donated cloud licences. The figures are in the Microsoft 365 admin center under Reports → Usage.
selfcheck-cloud-seats-label = Number of donated licences
selfcheck-cloud-active-label = Users active in the last 90 days
selfcheck-submit = Show the result

selfcheck-error-org-type = Choose one of the organisation types in the list.
selfcheck-error-exempt = Choose one of the answers in the list.
selfcheck-error-number = Enter a whole number in digits, for example 5.
selfcheck-error-at-least-one = Enter at least 1.
selfcheck-error-too-large = That number is too large. Enter at most 1,000,000.
selfcheck-error-active-over-seats = There cannot be more active users than licences.
selfcheck-error-active-missing = Please also enter how many users were active.
selfcheck-error-seats-missing = Please also enter how many donated licences your organisation has.

selfcheck-result-heading = Result
selfcheck-summary = Met: { $met }. Not met: { $notmet }. Cannot be assessed: { $unknown }.
selfcheck-read-rule = Read the rule
selfcheck-disclaimer = This is guidance. Our partner decides once your organisation is registered and has sent in the validation certificate, and Microsoft reserves the right to grant or deny any order.
selfcheck-status-met = Met
selfcheck-status-not-met = Not met
selfcheck-status-unknown = Cannot be assessed
selfcheck-rule-org-type = Type of organisation
selfcheck-rule-org-number = Organisation number
selfcheck-rule-quantity = At least five licences
selfcheck-rule-budget = Budget
selfcheck-rule-cloud-use = Active use of cloud services
selfcheck-rule-validation = Validation certificate

selfcheck-orgtype-missing = You have not chosen a type of organisation.
selfcheck-orgtype-eligible = { $type } is one of the types of organisation that may qualify.
selfcheck-orgtype-assess = Our partner will judge from the organisation's documents whether it is a nonprofit.
selfcheck-orgtype-older-rules = { $type }: Microsoft's current rules do not name this type of organisation, but older programme terms excluded it. Our partner assesses each organisation individually from its documents.
selfcheck-orgtype-excluded-government = { $type }: government organisations, including intergovernmental organisations and UN entities, are not covered by Microsoft's nonprofit programme.
selfcheck-orgtype-excluded-school = { $type }: schools, colleges and universities, including museums that belong to a university or college, are not covered. Microsoft has separate education programmes for them.
selfcheck-orgtype-excluded-healthcare = { $type }: hospitals, healthcare networks, health plans and outpatient care are not covered.
selfcheck-orgtype-excluded-public-utility = { $type }: companies that supply electricity, water or heating are not covered.
selfcheck-orgtype-excluded-financial = { $type }: financial institutions are not covered.

selfcheck-orgnr-missing = You have not entered an organisation number. You will need it when you register the organisation.
selfcheck-orgnr-nonprofit = The number belongs to the group { $group }, the usual one for nonprofits.
selfcheck-orgnr-review = The number is valid but belongs to the group { $group }. Such organisations are usually not nonprofits, so our partner reviews the organisation with extra care when it registers. Public libraries, public museums and religious communities may still take part.

selfcheck-quantity-missing = You have not said how many licences your organisation plans to order.
selfcheck-quantity-none = The order has no discounted licences, so the five-licence minimum does not apply.
selfcheck-quantity-exempt = { $total ->
        [one] The licence is exempt
       *[other] All { $total } licences are exempt
    } from the minimum, so the order has no minimum.
selfcheck-quantity-enough = { $total ->
        [one] 1 licence is enough
       *[other] { $total } licences are enough
    }: an order needs at least { $min }.
selfcheck-quantity-short = The order contains { $total ->
        [one] 1 licence
       *[other] { $total } licences
    }, but these products need at least { $min } together. Add { $missing ->
        [one] 1 more licence
       *[other] { $missing } more licences
    } – for example of another product your organisation needs – or order only products that are exempt from the minimum.

selfcheck-budget = Organisations with a budget of any size may take part.

selfcheck-cloud-missing = You have not entered any donated cloud licences. The rule applies once your organisation has donated cloud services.
selfcheck-cloud-met = { $active } of { $licensed ->
        [one] 1 licence
       *[other] { $licensed } licences
    } ({ $share }) were used in the last { $days } days. That is enough: at least { $needed } are needed.
selfcheck-cloud-short = { $active } of { $licensed ->
        [one] 1 licence
       *[other] { $licensed } licences
    } ({ $share }) were used in the last { $days } days. At least { $needed } are needed, so { $missing ->
        [one] 1 more user needs
       *[other] { $missing } more users need
    } to become active. Move unused licences to people who need them, cancel licences nobody needs, and help users get started with, for example, Teams or Outlook on the web.

selfcheck-validation = Once your organisation is registered, you upload Microsoft's validation certificate. Our partner reviews it, normally within 5 to 10 working days.
