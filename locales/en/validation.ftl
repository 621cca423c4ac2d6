# Validation: templates/validation/member.html, templates/staff/validations.html, validation.html

certificate-title = Validation certificate
certificate-heading = Validation certificate
certificate-lead = Register your organisation on Microsoft's nonprofit portal (Nonprofit Hub) and upload the validation certificate you get there. Our partner reviews it and normally decides within 5 to 10 working days.
certificate-status-heading = Status of your validation in the programme
certificate-sent-on = Sent
certificate-download = Download the certificate
certificate-upload-heading = Send a certificate
certificate-file = The certificate (PDF, PNG or JPEG)
certificate-file-hint = At most { $mb } MB. We tell the file type from its content, not from its name.
certificate-note = Message to the reviewer (optional)
certificate-submit = Send the certificate
certificate-sent = Thank you! The certificate has been sent. You will hear by e-mail once it has been reviewed.
certificate-history-heading = Earlier certificates
certificate-blocked-unconfirmed = Confirm your e-mail address first; the link is in the message we sent when you registered.
certificate-blocked-pending = A certificate is already waiting for review. You can send a new one once it has a decision.
certificate-error-note = The message is too long. Use at most 2,000 characters.

upload-error-missing = Choose a file to upload.
upload-error-empty = The file is empty. Choose the file again.
upload-error-type = The file is not a PDF, PNG or JPEG. Save the certificate as a PDF or an image and try again.
upload-error-too-large = The file is too large. It may be at most 10 MB; save it at a lower resolution or as a PDF.
upload-error-malformed = The file did not arrive complete. Please try again.
upload-error-timeout = The upload took too long. Check your connection and try again.
upload-error-storage = We could not receive the file just now. Please try again in a while.

validation-state-pending = Under review
validation-state-approved = Approved
validation-state-rejected = Rejected
validation-state-expired = Expired
validation-status-pending = Our partner is reviewing the certificate. You can expect a decision by { $date }.
validation-status-approved = Your organisation is validated in the programme from { $from } to { $to } inclusive.
validation-countdown = The validation is valid { $days ->
        [one] for today only
       *[other] for { $days } more days
    }.
validation-status-expired = The validation was valid up to and including { $to }.
validation-status-rejected = The certificate was not approved. Reason: { $reason }
validation-next-rejected = Fix what the reason mentions and send a new certificate below, or contact support if anything is unclear.
validation-next-expired = Send a new certificate to renew the validation.
validation-next-renew = Get a new validation certificate from the Nonprofit Hub and upload it here in good time, so that your organisation can keep ordering when the validation expires.

validation-reason-unreadable = The certificate cannot be read. Please send a clearer copy, preferably as a PDF.
validation-reason-wrong-document = The file is not a Microsoft validation certificate. Download the certificate from Microsoft's nonprofit portal.
validation-reason-expired = The certificate has expired. Renew your validation with Microsoft and send the new certificate.
validation-reason-name-mismatch = The organisation's name or number on the certificate does not match the details of the organisation's account.
validation-reason-not-nonprofit = The organisation does not meet the requirements for nonprofits in Microsoft's programme.

validations-title = Validations
validation-title = Validation
validations-filter-label = Show
validations-filter-pending = Waiting for a decision
validations-filter-approved = Approved
validations-filter-rejected = Rejected
validations-filter-all = All
validations-col-org = Organisation
validations-col-sent = Sent
validations-col-age = Waiting
validations-empty = No certificates sent in this list.
validations-flag = Review specially: the number belongs to the group { $group }.
validations-back = Back to the queue
validations-file = The certificate
validations-image-alt = The certificate that was sent
validations-decide-heading = Decision
validations-decision = Decision
validations-approve = Approve
validations-reject = Reject
validations-approve-legend = When approving: validity period
validations-valid-from = Valid from
validations-valid-to = Valid to (inclusive)
validations-certificate-expires = The certificate's expiry date
validations-certificate-expires-hint = As printed on Microsoft's certificate, which is valid for two years. The validation lasts until that date at the latest.
validations-reject-legend = When rejecting: reason
validations-canned = Standard reason
validations-canned-none = None, I will write my own
validations-reason-sv = Reason in Swedish
validations-reason-en = Reason in English
validations-save = Save the decision
validations-decided = The decision has been saved and the organisation has been told.
validations-error-date = Enter the date as YYYY-MM-DD.
validations-error-order = The end date cannot be before the start date.
validations-error-certificate-expired = The certificate expires before the start date. Reject it instead, with the reason that the certificate has expired.
validations-error-reason = Choose a standard reason or write your own, in Swedish or English.
staff-validations-link = Validations waiting
dashboard-certificate-link = Send or view the certificate

age-days = { $days ->
        [one] 1 day
       *[other] { $days } days
    }

mail-validation-approved-subject = Your organisation is validated at { $program }
mail-validation-approved-body = Hello { $name },

    Your organisation's validation certificate has been approved. Your organisation is validated in the programme from { $from } to { $to } inclusive, and you can now order.

    { $link }
mail-validation-rejected-subject = { $program }: your organisation's validation certificate was not approved
mail-validation-rejected-body = Hello { $name },

    Your validation certificate was not approved. Reason: { $reason }

    Fix what the reason mentions and send a new certificate here:

    { $link }
mail-validation-reminder-subject = Your validation at { $program } needs renewing
mail-validation-reminder-body = Hello { $name },

    Your organisation's validation in the programme is valid up to and including { $to }, that is { $days ->
            [one] for today only
           *[other] for { $days } more days
        }. Get a new validation certificate from Microsoft's nonprofit portal (Nonprofit Hub) and upload it here, so that your organisation can keep ordering:

    { $link }
