# The member's own pages: templates/accounts/dashboard.html, settings.html, colleagues.html

dashboard-title = My account
dashboard-heading = Overview
dashboard-unconfirmed-heading = Confirm your e-mail address
dashboard-unconfirmed-text = You can use the portal once you have confirmed the address. Until then you cannot send a certificate, order or open tickets. We have sent a link to
dashboard-resend = Send the link again
dashboard-resent = We have sent a new link. The old link no longer works.
dashboard-review-heading = Your organisation number is under review
dashboard-review-note = The organisation number belongs to the group { $group }. Such organisations are usually not nonprofits, so our partner reviews the organisation with extra care before it can be validated. Public libraries, public museums and religious communities may still take part. The account works as usual.
dashboard-validation-heading = Validation in the programme
dashboard-validation-none = Your organisation has not sent a validation certificate yet.
dashboard-steps-heading = Next steps
dashboard-step-done = Done
dashboard-step-confirm = Confirm your e-mail address.
dashboard-step-certificate = Register the organisation on Microsoft's nonprofit portal (Nonprofit Hub) and upload the validation certificate here.
dashboard-step-order = Order licences once the organisation is validated.
dashboard-account-heading = Account and colleagues

settings-title = Account settings
settings-contact-legend = Contact details
settings-phone = Phone (optional)
settings-phone-hint = So that support can call you if something needs sorting out.
settings-language = Language for e-mails
settings-save = Save the contact details
settings-contact-done = Your contact details have been saved.
settings-password-legend = Change password
settings-password-hint = When you change your password you are logged out on every other device.
settings-password-current = Current password
settings-password-submit = Change password
settings-password-done = Your password has been changed. You are logged out on every other device.

colleagues-title = Colleagues
colleagues-lead = Everyone in the list can see the organisation's tickets, orders and validation.
colleagues-status = Status
colleagues-actions = Actions
colleagues-status-admin = Administrator
colleagues-status-member = User
colleagues-status-invited = Invited, not logged in yet
colleagues-remove = Remove
colleagues-invite-heading = Invite a colleague
colleagues-invite-submit = Send the invitation
colleagues-only-admin = Only the organisation's administrator can invite and remove colleagues.
colleagues-invited = The invitation has been sent.
colleagues-removed = The colleague has been removed and logged out.
colleagues-error-taken = This e-mail address already has an account.
colleagues-error-unconfirmed = Confirm your own e-mail address before you invite colleagues. The link is in the e-mail we sent when you registered.
colleagues-error-too-many = Your organisation has sent many invitations in the past hour. Please try again later.
