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
eligibility-quantity-unlimited = Organisations may order as many discounted products and cloud services from Microsoft as they need.
eligibility-quantity-minimum = Every order of discounted products must contain at least { $min } licences.
eligibility-quantity-combination = The licences may be of one product or of several products together.
eligibility-quantity-exempt = Some products are exempt from this minimum; the product catalogue says which. An order of exempt products only has no minimum, and exempt licences count toward the total when the order also holds other discounted products.
eligibility-quantity-cloud = Donated cloud services do not count toward the five licences and do not trigger the minimum either.

eligibility-budget-heading = Budget
eligibility-budget-text = Organisations with an annual operating budget of any size may qualify for the products in this programme.

eligibility-nonprofit-heading = Nonprofits only
eligibility-nonprofit-only = The products are only available to nonprofit organisations.
eligibility-nonprofit-certificate = Microsoft requires organisations that order discounted products to register on Microsoft's nonprofit portal and send a Microsoft validation certificate to the programme.
eligibility-nonprofit-separate = A Microsoft nonprofit account and this programme's validation are two separate things. One may be approved while the other is still pending; our pages always say which one a status refers to.
eligibility-nonprofit-time = Our partner reviews the certificate and normally decides within 5 to 10 working days. You are told by e-mail.
eligibility-nonprofit-decision = Microsoft reserves the right to grant or deny any organisation's order at any time, for any reason. Every order gets a recorded decision: granted or denied, with a reason.

eligibility-cloud-heading = Active use of donated cloud services
eligibility-cloud-rule = Organisations that receive donated cloud services must keep at least { $percent } per cent of all donated licences in active use. An active user has used at least one Microsoft 365 cloud service in the last { $days } days.
eligibility-cloud-services = These cloud services include Exchange Online, Yammer/Viva Engage, Microsoft Teams, the Microsoft 365 apps, OneDrive and SharePoint.
eligibility-cloud-perpetual = Using perpetually licensed Office apps, such as Office Standard or Office Professional, does not count as active use.
eligibility-cloud-example = Example: with { $licensed } assigned licences, at least { $needed } users must have been active during the period.

eligibility-further-heading = Further requirements
eligibility-further-intro = Which types of organisation may take part follows Microsoft's nonprofit eligibility rules. The organisation must have recognised nonprofit status in Sweden and a mission that benefits the community, such as relief of poverty, education, social welfare, culture, the environment, human rights or civil society.
eligibility-further-eligible = Can take part
eligibility-further-excluded = Cannot take part
eligibility-users-heading = Who may use the licences?
eligibility-users-donated = Donated (free) licences: paid staff and unpaid executives.
eligibility-users-discounted = Discounted licences: all staff, volunteers included.
eligibility-users-never = Never: the people the organisation serves, donors or members.
eligibility-cta-check = Check whether your organisation qualifies
