# Registration, log in, password reset, confirmation, invitations: templates/accounts/*.html

form-error-required = Please fill in this field.
form-error-too-long = The text is too long. Use at most 200 characters.
form-error-control = The text contains characters that cannot be used, such as line breaks or null characters.
form-error-email = Enter a valid e-mail address, for example name@charity.org.
form-error-phone = Enter the phone number in digits, for example +46 8 123 45 67.
form-error-choice = Choose one of the options in the list.

password-error-short = The password must be at least 10 characters long.
password-error-long = The password may be at most 256 characters long.
password-error-email = The password must not be the same as the e-mail address.
password-error-organisation = The password must not be the same as the organisation's name.
password-error-common = This password is one of the most common and so easy to guess. Choose another, for example several words in a row.
password-error-mismatch = The passwords do not match. Type the same password twice.
password-error-current = The current password is not right.

register-title = Register your organisation
register-title-errors = Please correct your answers – Register your organisation
register-heading = Register your organisation
register-lead = Register the organisation and yourself as its contact person. You become the organisation's administrator and can invite colleagues later.
register-org-legend = The organisation
register-org-name = Organisation name
register-org-number = Organisation number
register-person-legend = Contact person and login
register-name = Name
register-email = E-mail address
register-email-hint = We send a link to this address so that you can confirm it.
register-password = Password
register-password-hint = At least 10 characters. Several words in a row are easy to remember and hard to guess.
register-password-confirm = Repeat the password
register-accept = I have read and accept the terms and the privacy notice.
register-terms-link = Read the terms and the privacy notice
register-submit = Register
register-have-account = Does your organisation already have an account?
register-error-org-type = Choose the type of organisation.
register-error-terms = You need to accept the terms to register the organisation.
register-error-org-taken = This organisation is already registered.
register-error-too-many = There have been many registrations from here or for this e-mail address in the past hour. Please try again later.
register-org-taken-help = The organisation already has an account with us. Ask the person who registered it to invite you, log in if that was you, or contact support if you cannot reach the account.
register-done = Thank you! We have sent an e-mail with a link for you to confirm the address. You can log in right away.

terms-title = Terms and privacy
terms-heading = Terms and privacy notice
terms-use-heading = Terms of use
terms-use-1 = The portal is for nonprofit organisations that want to take part in the programme. The information you give must be true, and the person who registers the organisation must be entitled to act for it.
terms-use-2 = The licences may only be used as the programme's rules allow: donated licences by paid staff and unpaid executives, discounted licences by staff and volunteers.
terms-use-3 = Microsoft reserves the right to grant or deny any order at any time, for any reason, and our partner may close an account that breaks the rules.
terms-privacy-heading = How we handle personal data
terms-privacy-1 = We keep the information needed to validate the organisation, handle orders and answer questions: names, e-mail addresses, phone numbers, the organisation's details and what you send us.
terms-privacy-2 = The information is used only for the programme and shared with our partner, who handles validation and support, and with Microsoft when an order requires it.
terms-privacy-more = Who the controller is, how long the data is kept, your rights and which cookies we use are set out on the page

login-title = Log in
login-heading = Log in
login-password = Password
login-submit = Log in
login-forgot = Forgotten your password?
login-no-account = Does your organisation not have an account yet?
login-error-wrong = The e-mail address or the password is not right.

forgot-title = Forgotten password
forgot-heading = Forgotten your password?
forgot-lead = Enter your e-mail address and we will send you a link where you choose a new password. The link is valid for one hour.
forgot-submit = Send the link
forgot-sent = If we have that address, we have sent a link to it. Check your inbox, and your spam folder if it takes a while.

reset-title = Choose a new password
reset-heading = Choose a new password
reset-intro = Once you have saved the new password you are logged out everywhere and log in again with the new one.
reset-done = Your password has been changed. Log in with the new password.
invitation-title = Welcome
invitation-heading = Welcome to the portal
invitation-intro = You have been invited. Check your name and choose a password, and your account is ready.
invitation-done = Welcome! Your account is ready.
set-password-for = Account:
set-password-new = New password
set-password-submit = Save the password

confirm-title = Confirm your e-mail address
confirm-heading = Confirm your e-mail address
confirm-lead = Press the button to confirm the address.
confirm-submit = Confirm
confirm-done = Thank you! Your e-mail address is confirmed.

link-invalid-title = This link does not work
link-invalid-text = The link is wrong, has already been used or has expired. Ask for a new link if you need one.
link-invalid-forgot = Ask for a new link to change your password

mail-member-registration-attempt-subject = Someone tried to register your e-mail address at { $program }
mail-member-registration-attempt-body = Hello { $name },

    Someone just tried to register an organisation with your e-mail address, but the address already has an account with us. If it was you, you can log in here:

    { $link }

    If you have forgotten your password, you can change it via the login page. If it was not you, there is nothing you need to do.
mail-member-password-reset-subject = Change your password at { $program }
mail-member-password-reset-body = Hello { $name },

    Open the link below to choose a new password. The link is valid for one hour and can be used once.

    { $link }

    If you did not ask for this, you can ignore this message; your password has not changed.
mail-member-invitation-subject = You are invited to your organisation's account at { $program }
mail-member-invitation-body = Hello { $name },

    { $inviter } has invited you to your organisation's account at { $program }. Open the link below and choose a password. The link is valid for seven days.

    { $link }
mail-member-invitation-attempt-subject = Someone tried to invite your e-mail address at { $program }
mail-member-invitation-attempt-body = Hello { $name },

    Someone just tried to invite you to an organisation's account with us, but your e-mail address already has an account. If you want to change organisation or think this concerns you, contact the person who invited you or our support. You can log in here:

    { $link }

    If you do not know about the invitation, there is nothing you need to do.
mail-staff-invitation-subject = Your staff account at { $program }
mail-staff-invitation-body = Hello { $name },

    { $inviter } has created a staff account for you at { $program }. Open the link below and choose a password. The link is valid for seven days.

    { $link }
