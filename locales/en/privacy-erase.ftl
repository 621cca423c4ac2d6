# Erasure (issue 21, point 2): erased tickets, deleting an account or an organisation, and the
# staff's erasure of a visitor's data.

## Erased tickets (templates/tickets/*, templates/staff/ticket*.html, the organisation page)

erased-content = Content erased
erased-person = Erased

## Shared by the deletion pages (templates/privacy/*.html)

erase-goes-heading = What is deleted
erase-stays-heading = What is kept
erase-deleted-title = Deleted
erase-deleted-home = To the home page

## A member deletes their account (templates/privacy/account_delete.html)

erase-account-title = Delete your account
erase-account-goes = Your account and your contact details (name, e-mail address and phone number), your sign-ins on every device, two-step verification and the recovery codes. Tickets you sent through the contact form from the same e-mail address are emptied, and e-mails waiting to be sent to you are not sent.
erase-account-stays = Your organisation keeps its orders, certificates, usage results and tickets, including what you wrote in them, but your name, e-mail address and phone number are removed from them. The portal's log keeps its entries, but you appear there under a pseudonym that cannot be linked to you.
erase-account-password = Your password
erase-account-password-hint = Enter your password to confirm. Deleting cannot be undone.
erase-account-submit = Delete my account
erase-account-last-admin = You are your organisation's last administrator, so your account cannot be deleted on its own. Make a colleague an administrator on the Colleagues page first, or delete the whole organisation.
erase-account-to-organisation = Delete the organisation
erase-account-to-colleagues = See your colleagues
erase-account-deleted = Your account has been deleted and you are signed out on every device. Thank you for using the portal.
erase-error-password = The password is not correct.

## An admin deletes the organisation (templates/privacy/organisation_delete.html)

erase-org-title = Delete the organisation
erase-org-goes-users = { $n ->
    [one] one user
   *[other] { $n } users
}
erase-org-goes-certificates = { $n ->
    [one] one certificate with its validation decision
   *[other] { $n } certificates with their validation decisions
}
erase-org-goes-usage = { $n ->
    [one] one usage check result
   *[other] { $n } usage check results
}
erase-org-goes-files = { $n ->
    [one] one uploaded file
   *[other] { $n } uploaded files
}
erase-org-goes-tickets = { $n ->
    [one] the content of one ticket
   *[other] the content of { $n } tickets
} ({ $messages ->
    [one] one message
   *[other] { $messages } messages
}); the ticket numbers remain
erase-org-goes-people = Every user is signed out and their accounts, sign-ins and contact details are deleted. The portal's log keeps its entries, but with pseudonyms in place of the people.
erase-org-stays = { $orders ->
    [0] The organisation has no orders.
    [one] The order is kept as a bookkeeping record for { $years } years, with the organisation's name and number but no personal data. After that it is deleted too.
   *[other] The { $orders } orders are kept as bookkeeping records for { $years } years, with the organisation's name and number but no personal data. After that they are deleted too.
}
erase-org-confirm = The organisation's name or organisation number
erase-org-confirm-hint = Enter the organisation's name or organisation number to confirm. Deleting cannot be undone.
erase-org-submit = Delete the organisation
erase-org-error-confirm = That does not match the organisation's name or organisation number.
erase-org-deleted = The organisation and all its users have been deleted, and you are signed out. The orders are kept as bookkeeping records for as long as the law requires.

## Staff erase a visitor's data (templates/privacy/staff_erase.html)

erase-visitor-title = Erase a visitor's data
erase-visitor-lead = Enter the visitor's e-mail address. You see what will be erased first; nothing is erased until you confirm. The tickets are emptied but keep their numbers.
erase-visitor-email = The visitor's e-mail address
erase-visitor-preview = Show what will be erased
erase-visitor-preview-heading = What will be erased
erase-visitor-tickets = { $n ->
    [one] One ticket will lose its messages and attachments:
   *[other] { $n } tickets will lose their messages and attachments:
}
erase-visitor-no-tickets = There are no tickets from that address. E-mails to the address and rate-limit counts are erased all the same.
erase-visitor-has-account = The address belongs to a user account, which is not deleted here. The person deletes their account themselves, or their organisation's administrator removes them. You can disable the account under
erase-visitor-accounts-link = Accounts
erase-visitor-submit = Erase the data
erase-visitor-done = The visitor's data has been erased.
