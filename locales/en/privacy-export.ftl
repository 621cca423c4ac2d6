# Your data and the data export: templates/privacy/your_data.html, templates/privacy/staff.html,
# and the README.txt inside the export's ZIP (src/privacy/export.rs).

privacy-export-account-link = Your data and export
privacy-export-your-data-title = Your data
privacy-export-your-data-heading = Your data
privacy-export-your-data-lead = What the portal holds about you and your organisation, and a download of all of it in one file.
privacy-export-held-heading = What the portal keeps
privacy-export-held-account = Your account: name, e-mail address, phone number if you gave one, language, and when you registered and confirmed your address.
privacy-export-held-organisation = Your organisation's name, registration number and legal form
privacy-export-held-certificates = Validation certificates uploaded and our partner's decisions on them.
privacy-export-held-orders = Orders with their lines and history.
privacy-export-held-tickets = Support tickets with their messages and attached files.
privacy-export-held-usage = Results of usage checks.
privacy-export-held-mail = Messages the portal has sent to your address.
privacy-export-held-audit = The log of who did what in the portal, with IP addresses.
privacy-export-held-not = Passwords are kept only as a check value that cannot be read back. That, like sign-ins, temporary links and two-step sign-in codes, is not in the export.
privacy-export-download-heading = Download your data
privacy-export-download-admin = You are an administrator of the organisation, so the file holds everything the portal has about the organisation and all its users.
privacy-export-download-own = You are not an administrator, so the file holds what concerns you: your account, tickets you sent, messages to your address and log entries about you. Your organisation's administrator can download everything about the organisation.
privacy-export-download = Download (ZIP)
privacy-export-rights-heading = Your rights
privacy-export-privacy-link = How we handle personal data
privacy-export-delete-account-link = Delete your account
privacy-export-delete-organisation-link = Delete the organisation

privacy-export-staff-link = Personal data: export by e-mail address
privacy-export-staff-title = Personal data
privacy-export-staff-heading = Personal data
privacy-export-staff-lead = Answer an access request that came by e-mail, phone or letter. First make sure the person asking really holds the address.
privacy-export-staff-export-heading = Export everything about an e-mail address
privacy-export-staff-export-text = The file holds the user with that address, visitors' tickets that gave it, messages the portal sent to it and log entries about it. The export is logged with your name and the address.
privacy-export-staff-email = E-mail address
privacy-export-staff-email-hint = The address the request is about, for example anna@association.org.
privacy-export-staff-submit = Export
privacy-export-staff-nothing = The portal holds nothing about that address: no user, no tickets and no messages sent.

privacy-export-readme-title = Your data in the portal
privacy-export-readme-made = Exported { $when } (UTC).
privacy-export-readme-scope-organisation = This export holds everything the portal has about the organisation and all its users.
privacy-export-readme-scope-person = This export holds what the portal has about one person: the user account if there is one, tickets the person sent, messages to the address and log entries about the person.
privacy-export-readme-files = The files
privacy-export-readme-file-organisation = { $file }: the organisation's name, registration number, legal form and when it registered.
privacy-export-readme-file-users = { $file }: the users with name, e-mail address, phone, role, language and dates. Passwords, sign-ins and two-step sign-in codes are not included.
privacy-export-readme-file-validation-requests = { $file }: validation requests with the decision, validity period and reason. The certificate is in the files folder.
privacy-export-readme-file-orders = { $file }: orders with products, quantities, fees and a history of who changed what.
privacy-export-readme-file-tickets = { $file }: support tickets with every message. Our partner's internal notes are included (marked "internal": true), since they may hold data about you. Attached files are in the files folder.
privacy-export-readme-file-usage-checks = { $file }: the results of usage checks. The reports themselves are not kept.
privacy-export-readme-file-outbox = { $file }: messages the portal has sent or will send. Links in them are removed, since they may still work.
privacy-export-readme-file-audit = { $file }: log entries of who did what, when and from which IP address.
privacy-export-readme-file-files = { $file }: certificates and attached files, named by their id in the JSON files.
privacy-export-readme-left-heading = What is not included, and why
privacy-export-left-security = Sign-ins, temporary links and counters against overload. They keep accounts safe, expire on their own and would give access to the account if handed out.
privacy-export-left-secret = Two-step sign-in secrets and recovery codes. They are secret and would protect nothing once handed out.
privacy-export-left-derived = Search index built from the tickets' text. The tickets themselves are included above.
privacy-export-left-published = Frequently asked questions written by our partner. They are not about you.
privacy-export-readme-formats = The files are JSON (UTF-8). Times are in UTC and amounts in öre (hundredths of a krona).
