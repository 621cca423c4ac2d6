# Shared by every page: templates/base.html, templates/error.html

site-name = Donera
site-description = Discounted and donated Microsoft products for nonprofit organisations in Sweden.
lang-name = English
skip-link = Skip to content
nav-label = Main menu
nav-home = Home
nav-eligibility = Who can take part?
nav-self-check = Do we qualify?
footer-partner = { $partner } handles all validation and customer support for { $program } customers.
footer-partner-unnamed = Our partner organisation handles all validation and customer support for { $program } customers.
footer-microsoft = Microsoft reserves the right to grant or deny any order at any time, for any reason.
form-error-summary = Something needs fixing before we can go on

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
datetime = { $date }, { $time }

# Organisation types (eligibility, self-check and, later, registration)
orgtype-nonprofit-association = Non-profit association
orgtype-foundation = Foundation
orgtype-religious-community = Registered religious community
orgtype-other-nonprofit = Other nonprofit (a registered legal entity)
orgtype-public-library = Public library
orgtype-public-museum = Public museum
orgtype-government = Government body, region, municipality, intergovernmental organisation or UN entity
orgtype-school = School, college or university
orgtype-healthcare = Hospital, healthcare provider or health plan
orgtype-public-utility = Utility company (electricity, water, heating)
orgtype-financial = Bank, insurer or pension fund
orgtype-political-party = Political party or lobbying group
orgtype-trade-union = Trade union
orgtype-business-association = Business or professional association
orgtype-other = Other

# Organisation numbers
orgnr-error-format = Enter the organisation number as ten digits, for example 802000-0009.
orgnr-error-personal = This looks like a personal identity number. Enter the organisation number instead – in an organisation number the third digit is always 2 or higher.
orgnr-error-checksum = The check digit does not match. Please check that the number is right.
orgnr-group-public = the state, regions, municipalities and parishes
orgnr-group-limited-company = limited companies
orgnr-group-simple-partnership = simple partnerships
orgnr-group-economic-association = economic associations
orgnr-group-nonprofit = non-profit associations and foundations
orgnr-group-trading-partnership = trading and limited partnerships
orgnr-group-other = other legal forms

# E-mails (src/outbox/mail.rs): subject and body per event kind, `mail-<kind>-subject/-body`
# The first line of a ticket e-mail when answers come back by mail: incoming replies are cut here
# (mail_in::quote recognises exactly this text, in both languages).
mail-reply-above = — Reply above this line —
mail-footer = { $program } – this message was sent automatically. If you need help, reply to it or contact support through the portal.
mail-member-email-verification-subject = Confirm your e-mail address at { $program }
mail-member-email-verification-body = Hello { $name },

    Please confirm your e-mail address by opening the link below. The link is valid for 48 hours and can be used once.

    { $link }

    If you did not register with { $program }, you can ignore this message.
mail-partner-event-subject = [{ $program }] New event: { $event }
mail-partner-event-body = A new event has been recorded in the portal.

    Event: { $event }
    Id: { $id }

    { $details }

# Header account links: templates/base.html
nav-login = Log in
nav-register = Register
nav-logout = Log out
nav-account = My account
nav-staff-area = Staff area
