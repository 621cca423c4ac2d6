## The privacy notice (/en/privacy) and the link to it from forms and the footer.

privacy-title = Privacy and personal data
privacy-heading = How we handle personal data
privacy-intro = This page says which personal data the portal handles, why, how long it is kept, who receives it and what your rights are. The portal sets only the cookies it needs to work.
privacy-toc = Contents
privacy-footer-link = Privacy and cookies
privacy-form-link = How we handle your personal data

privacy-controller-heading = Controller
privacy-controller = The controller of the personal data in the portal is
privacy-controller-email = Questions and requests about your personal data can be e-mailed to
privacy-controller-no-email = Send questions and requests about your personal data to us through
privacy-contact-form = the contact form

privacy-purposes-heading = Why we use the data, and on what legal basis
privacy-col-purpose = Purpose
privacy-col-data = Data
privacy-col-basis = Legal basis
privacy-purpose-account = To give the organisation an account and check that it meets the program's conditions
privacy-purpose-account-data = Name, e-mail address and phone number of the people who use the account; the organisation's name, organisation number and legal form; the validation certificate from Microsoft
privacy-purpose-account-basis = Contract (Article 6(1)(b) GDPR): the terms accepted when the organisation registers
privacy-purpose-orders = To receive, review and deliver orders
privacy-purpose-orders-data = The order, who placed it and the decisions on it
privacy-purpose-orders-basis = Contract (Article 6(1)(b)); the records behind the fees are kept under the Swedish Accounting Act (legal obligation, Article 6(1)(c))
privacy-purpose-support = To answer questions from the contact form, in tickets and by e-mail
privacy-purpose-support-data = Name, e-mail address, organisation, messages and attached files; for questions sent by e-mail also the original e-mail, which support staff can open
privacy-purpose-support-basis = Legitimate interest (Article 6(1)(f)): being able to help whoever asks
privacy-purpose-usage = To check that the licences are used (the usage check)
privacy-purpose-usage-data = The number of active and licensed users in the report you upload. The file itself is not kept.
privacy-purpose-usage-basis = Contract (Article 6(1)(b)): the program's rules on how the licences are used
privacy-purpose-mail = To send e-mail about the account, orders and tickets
privacy-purpose-mail-data = E-mail address, name and the content of the message
privacy-purpose-mail-basis = Contract (Article 6(1)(b)) and legitimate interest (Article 6(1)(f))
privacy-purpose-security = To protect the portal and the accounts against intrusion and abuse
privacy-purpose-security-data = IP address and time of sign-ins, attempts and changes; sign-in sessions; a log of who did what
privacy-purpose-security-basis = Legitimate interest (Article 6(1)(f)): keeping the data secure, as Article 32 also requires

privacy-retention-heading = How long we keep the data
privacy-retention-intro = The portal removes data automatically once a day when the time below has passed.
privacy-col-kind = Data
privacy-col-kept = Kept
privacy-kind-account = Your account: name, e-mail address and phone number
privacy-keep-account = Until you delete the account or the organisation is deleted
privacy-kind-organisation = The organisation's details and usage checks
privacy-keep-organisation = Until the organisation is deleted
privacy-kind-certificate-approved = Approved validation certificates
privacy-keep-certificate-approved = { $months ->
    [0] Until the certificate expires
    [one] One month after the certificate expires
   *[other] { $months } months after the certificate expires
}
privacy-kind-certificate-rejected = Rejected validation certificates
privacy-keep-certificate-rejected = { $months ->
    [one] One month after the decision
   *[other] { $months } months after the decision
}
privacy-kind-orders = Orders
privacy-keep-orders = { $years ->
    [one] As long as the organisation exists, then one year as accounting records without personal data
   *[other] As long as the organisation exists, then { $years } years as accounting records without personal data
}
privacy-kind-tickets = Tickets: messages and attached files
privacy-keep-tickets = { $months ->
    [one] One month after the ticket is closed; after that only the ticket number remains
   *[other] { $months } months after the ticket is closed; after that only the ticket number remains
}
privacy-kind-visitor-link = The private link to a ticket from the contact form
privacy-keep-visitor-link = { $days ->
    [one] One day after the ticket is closed
   *[other] { $days } days after the ticket is closed
}
privacy-kind-outbox = Links and personal data in e-mails sent and in messages to our partner
privacy-keep-outbox = { $days ->
    [0] Removed once the message has been sent
    [one] One day after the message is sent
   *[other] { $days } days after the message is sent
}
privacy-kind-mail-records = Incoming e-mail that did not become a ticket (automatic replies and notices that an e-mail could not be delivered)
privacy-keep-mail-records = { $days ->
    [0] Removed at the next clean-up
    [one] One day after it arrived
   *[other] { $days } days after it arrived
}
privacy-kind-audit = IP addresses in the log of who did what
privacy-keep-audit = { $months ->
    [one] One month; the entry itself stays, without the address
   *[other] { $months } months; the entry itself stays, without the address
}
privacy-kind-security = Sign-in sessions, one-time links and abuse counters
privacy-keep-security = Until they expire
privacy-retention-backups = Backups of the portal are kept by whoever runs it and removed under their own routines.

privacy-recipients-heading = Who receives the data
privacy-recipient-partner = { $partner } handles validation and support for the program and works with the data in the portal.
privacy-recipient-partner-unnamed = Our partner organisation handles validation and support for the program and works with the data in the portal.
privacy-recipient-smtp = E-mail from the portal is sent through the mail server { $host }, which handles the recipient's address and the message on our behalf.
privacy-recipient-partner-email = Notices of new tickets, validations and orders are e-mailed to { $email }.
privacy-recipient-webhook = Notices of registrations, tickets and orders are sent to { $host }, our partner's system.
privacy-recipient-microsoft = Microsoft receives the details of the organisation that an order requires.
privacy-recipients-eu = We do not sell the data or pass it to anyone else unless the law requires it.

privacy-rights-heading = Your rights
privacy-rights-intro = Under the GDPR you have the right to:
privacy-right-access = know which data we hold about you and get a copy of it (access)
privacy-right-rectification = have wrong data corrected (rectification)
privacy-right-erasure = have the data erased when it is no longer needed, or when you object and we have no overriding grounds to keep it (erasure)
privacy-right-restriction = ask us to only store the data for the time being (restriction)
privacy-right-objection = object to processing based on legitimate interest (objection)
privacy-right-portability = get the data in a machine-readable format to take elsewhere (portability)
privacy-rights-self = When you are signed in you can download everything we hold about you and the organisation, delete your account or delete the organisation yourself. You change your name and phone number in the account settings.
privacy-your-data-link = Your data
privacy-rights-others = For other requests, or if you have no account, write to
privacy-rights-answer = We answer without undue delay and within one month at the latest.

privacy-complaint-heading = Complaints
privacy-complaint = If you think we handle your personal data wrongly, you can complain to the Swedish Authority for Privacy Protection (IMY). Their website says how:
privacy-imy = imy.se – making a complaint

privacy-cookies-heading = Cookies
privacy-cookies-intro = The portal sets only cookies it needs to work, so we do not ask for consent (Swedish Electronic Communications Act, chapter 9, section 28). No cookies are used for statistics or marketing, and none come from other sites.
privacy-col-cookie = Cookie
privacy-col-why = Why
privacy-col-how-long = How long
privacy-cookie-session = Keeps you signed in during your visit and remembers where you are in a form with several steps.
privacy-cookie-session-lifetime = Until you sign out or close the browser. The sign-in also ends after a while without activity.
privacy-cookie-csrf = Protects the forms against forged requests from other sites before you sign in.
privacy-cookie-lang = Remembers the language you read in, so that the home page shows in the same language.
privacy-cookie-browser-session = Until you close the browser.
