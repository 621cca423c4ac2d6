# Support tickets: the member's tickets, the contact form and the staff help desk.

nav-contact = Contact
dashboard-tickets-link = Support tickets
staff-tickets-link = Tickets from organisations and visitors

## The member's list and form

tickets-title = Tickets
tickets-lead = Here are all the tickets your organisation has sent to support. Many questions are already answered under
tickets-faq-link = Questions and answers
tickets-empty = Your organisation has no tickets yet.
tickets-past-end = There is no such page – the list is shorter than that.
tickets-first-page = Go to the first page
tickets-back = Back to all tickets
ticket-new-title = New ticket
ticket-new-title-errors = New ticket – please check the form
ticket-new-lead = Tell us what you need help with and we will answer as soon as we can. The answer is often already under
ticket-about-article = This ticket is about the article:
ticket-category = What is it about?
ticket-category-choose = Choose a topic
ticket-category-validation = Validation
ticket-category-order = Order
ticket-category-account = Account and login
ticket-category-usage = Active use of cloud services
ticket-category-other = Something else
ticket-link = Is it about an order or a validation? (optional)
ticket-link-none = No, nothing in particular
ticket-link-order = Order { $reference } of { $date }
ticket-link-validation = Validation certificate sent { $date }
ticket-link-article = The article “{ $title }”
ticket-subject = Subject
ticket-message = Message
ticket-message-hint = It helps to say what you tried and what happened. Links become clickable.
ticket-files = Attachments (optional)
ticket-files-hint = { $count ->
        [one] Up to 1 file
       *[other] Up to { $count } files
    } of 10 MB each: PDF, PNG, JPEG or plain text.
ticket-send = Send
ticket-created = Thank you! Your ticket has been sent to support.
ticket-replied = Your reply has been sent.
ticket-error-category = Choose what the ticket is about.
ticket-error-too-long = The text is too long. Shorten it or split it into several messages.
ticket-error-file-empty = The file { $name } is empty. Choose the file again.
ticket-error-file-type = The file { $name } is not a PDF, PNG, JPEG or text file. Save it in one of those formats and try again.
ticket-error-closed = This ticket is closed and takes no more replies. Open a new ticket if you need more help.
upload-error-too-many = You can attach at most five files. Choose fewer files.
upload-error-quota = The files do not fit: your organisation already has { $used } MB of its { $quota } MB. Send the message without files, or ask us to help you remove old files.
upload-error-rate = You have uploaded { $limit } MB in the last hour, which is as much as we accept. Send the message without files now, or wait a while.

## A ticket

ticket-title = Ticket
ticket-title-number = Ticket { $number }
ticket-col-number = Number
ticket-col-subject = Subject
ticket-col-state = Status
ticket-col-requester = From
ticket-col-updated = Last changed
ticket-col-priority = Priority
ticket-col-assignee = Assignee
ticket-col-age = Age
ticket-col-customer = Since the customer's last message
ticket-col-due = Next target
ticket-col-csat = Satisfied
ticket-col-pick = Select
ticket-opened = Opened
ticket-related = About
ticket-thread-heading = Messages
ticket-attachments = Attachments
ticket-reply-heading = Reply
ticket-reply-send = Send reply
ticket-closed-note = This ticket is closed. If you need more help, you are welcome to open a new ticket.
ticket-role-customer = customer
ticket-role-staff = support
ticket-role-internal = internal note, visible to staff only
ticket-merged-here = Ticket { $number } was merged into this ticket.
ticket-requester-member = user with an account
ticket-requester-visitor = visitor without an account
ticket-state-new = New
ticket-state-open = Open
ticket-state-waiting = Waiting for your reply
ticket-state-resolved = Resolved
ticket-state-closed = Closed
ticket-priority-low = Low
ticket-priority-normal = Normal
ticket-priority-high = High
ticket-priority-urgent = Urgent
ticket-age-minutes = { $n } min
ticket-age-hours = { $n } h
ticket-age-days = { $n } d

## The contact form

contact-title = Contact support
contact-title-errors = Contact support – please check the form
contact-heading = Contact support
contact-lead = Do you have a question about the programme, validation or orders? Write to us and we will answer by e-mail. The answer may already be under
contact-members = Is your organisation already registered? Log in and send the ticket from My account, so that your colleagues see it too.
contact-member-note = You are logged in. Send the ticket from My account instead, so that it is linked to your organisation.
contact-name = Your name
contact-email = Your e-mail address
contact-email-hint = We send a link there where you can follow and answer the ticket.
contact-organisation = Organisation (optional)
contact-message-hint = Do not write passwords or personal identity numbers. Links become clickable.
contact-website = Leave this field empty
contact-privacy = We keep what you write in order to help you, and use it for nothing else.
contact-refused-honeypot = The form could not be sent because a field that must stay empty was filled in. Empty it and send again.
contact-refused-too-fast = The form was sent unusually fast, so we need to be sure you are not a robot. Wait a few seconds and send it again.
contact-refused-expired = The form had been open for too long. Check the text and send it again.
contact-refused-ip = Many tickets have been sent from your connection in the last hour. Please wait a while and try again.
contact-refused-email = Many tickets have been sent from this e-mail address in the last hour. Please wait a while, or reply in a ticket you already have.
contact-sent-title = Thank you for your message
contact-sent-heading = Thank you, we have received your ticket
contact-sent-number = Ticket number:
contact-sent-text = We have sent you an e-mail with a personal link where you can follow the ticket and reply. If you cannot find it, look in your spam folder.

## The staff help desk

staff-tickets-title = Tickets
staff-tickets-back = Back to the ticket queue
staff-tickets-empty = No tickets match these filters.
staff-tickets-search = Search subject, messages, requester and organisation
staff-tickets-filter-active = In progress (new, open, waiting)
staff-tickets-filter-all = All
staff-tickets-filter-any = All
staff-tickets-filter-anyone = Any assignee
staff-tickets-filter-mine = Mine
staff-tickets-filter-unassigned = Unassigned
staff-tickets-sort = Sort
staff-tickets-sort-activity = Latest activity first
staff-tickets-sort-due = Nearest target first
staff-tickets-sort-oldest = Oldest first
staff-tickets-sort-newest = Newest first
staff-tickets-named = { $count ->
        [one] The search is an organisation's name. These are the tickets of the organisation
       *[other] The search is the name of { $count } organisations. These are their tickets:
    }
staff-tickets-named-search-text = Search every ticket for these words instead
staff-tickets-named-text = { $count ->
        [one] These are all tickets with these words. They are also the name of the organisation
       *[other] These are all tickets with these words. They are also the name of { $count } organisations:
    }
staff-tickets-named-list = { $count ->
        [one] Show only the organisation's tickets
       *[other] Show only these organisations' tickets
    }
staff-ticket-state-waiting = Waiting for the customer
staff-ticket-title = Ticket
staff-ticket-reply-heading = Reply or add a note
staff-ticket-canned = Canned reply
staff-ticket-canned-insert = Insert the canned reply
staff-ticket-internal = Internal note (visible to staff only, never sent)
staff-ticket-state-after = Status after the reply
staff-ticket-state-after-hint = Applies to replies to the customer; an internal note leaves the status as it is.
staff-ticket-send = Save
staff-ticket-answered = The reply has been sent to the customer.
staff-ticket-noted = The note has been saved.
staff-ticket-manage = Manage the ticket
staff-ticket-save = Save changes
staff-ticket-updated = The ticket has been updated.
staff-ticket-unchanged = Nothing was changed.
staff-ticket-requester = Requester
staff-ticket-org = Organisation
staff-ticket-org-validated = Validated today.
staff-ticket-org-not-validated = Not validated today.
staff-ticket-org-orders = Orders
staff-ticket-org-validations = Validations
staff-ticket-others = The organisation's other tickets
staff-ticket-merge = Merge with another ticket
staff-ticket-merge-target = Number of the ticket to merge into
staff-ticket-merge-hint = For example D-2026-00042. The messages move there and this ticket is closed.
staff-ticket-merge-submit = Merge
staff-ticket-merged = The tickets have been merged.
staff-ticket-merged-into = This ticket has been merged into
ticket-merge-error-same = A ticket cannot be merged into itself.
ticket-merge-error-missing = There is no ticket with that number.
ticket-merge-error-merged = One of the tickets has already been merged into another.
ticket-merge-error-closed = The ticket you want to merge into is closed. Reopen it first.
ticket-merge-error-requester = The tickets have different requesters. Only tickets from the same organisation, or the same e-mail address, can be merged.

## Canned replies

staff-canned-title = Canned replies
staff-canned-edit-title = Edit canned reply
staff-canned-lead = Ready-made answers that staff can insert into a reply. The version in the customer's language is used.
staff-canned-empty = There are no canned replies yet.
staff-canned-new = New canned reply
staff-canned-title-sv = Name in Swedish
staff-canned-title-en = Name in English
staff-canned-body-sv = Text in Swedish
staff-canned-body-en = Text in English
staff-canned-hint = { "{name}" } is replaced by the customer's name and { "{number}" } by the ticket number.
staff-canned-save = Save the canned reply
staff-canned-delete = Delete the canned reply
staff-canned-saved = The canned reply has been saved.
staff-canned-deleted = The canned reply has been deleted.
canned-seed-received-title = We have received the ticket
canned-seed-received-body = Hello { "{name}" },

    Thank you for your message. We have received ticket { "{number}" } and will get back to you as soon as we can.
canned-seed-certificate-title = Ask for a new validation certificate
canned-seed-certificate-body = Hello { "{name}" },

    The certificate we received cannot be read or has expired. Please upload a current validation certificate from Microsoft under My account and we will review it as soon as we can.
canned-seed-solved-title = Resolved – get in touch if anything else comes up
canned-seed-solved-body = Hello { "{name}" },

    We hope this solved it. Reply to this message if something still does not work; otherwise the ticket closes automatically after a while.

## E-mail

mail-ticket-received-subject = [{ $number }] We have received your ticket
mail-ticket-received-body = Hello { $name },

    Thank you for your message “{ $subject }”. Your ticket number is { $number } and we will answer as soon as we can. Follow the ticket and reply here:

    { $link }
mail-ticket-answered-subject = [{ $number }] New reply from support
mail-ticket-answered-body = Hello { $name },

    Support has replied in ticket { $number }, “{ $subject }”. Read the reply and answer here:

    { $link }{ $state ->
        [resolved] { mail-ticket-csat }
       *[other] {""}
    }
mail-ticket-state-subject = [{ $number }] { $state ->
        [resolved] Your ticket is resolved
        [closed] Your ticket is closed
        [waiting] We are waiting for your reply
        *[other] Your ticket has been updated
    }
mail-ticket-state-body = Hello { $name },

    { $state ->
        [new] Ticket { $number }, “{ $subject }”, is new again.
        [open] Ticket { $number }, “{ $subject }”, is open and support is working on it.
        [waiting] Support is waiting for your reply in ticket { $number }, “{ $subject }”.
        [resolved] Ticket { $number }, “{ $subject }”, is resolved. Reply if something still does not work; otherwise it closes automatically.
        *[closed] Ticket { $number }, “{ $subject }”, is closed. If you need more help, you can open a new ticket.
    }

    { $link }{ $state ->
        [resolved] { mail-ticket-csat }
       *[other] {""}
    }
mail-ticket-merged-subject = [{ $number }] Your ticket has been merged into { $target }
mail-ticket-merged-body = Hello { $name },

    Your ticket { $number }, “{ $subject }”, was about the same thing as ticket { $target }, so we have merged them. The whole conversation is now in { $target }:

    { $link }

## Support by e-mail

mail-ticket-files-refused-subject = [{ $number }] Some attachments did not come through
mail-ticket-files-refused-body = Hello,

    Your e-mail has been added to ticket { $number }, “{ $subject }”, but these attachments were not accepted:

    { $type_count ->
        [0] {""}
       *[other] { $type_files }: this type of file is not accepted. PDF, PNG, JPEG and text files are fine.
    }
    { $size_count ->
        [0] {""}
       *[other] { $size_files }: the file is too large.
    }
    { $empty_count ->
        [0] {""}
       *[other] { $empty_files }: the file is empty.
    }
    { $count_count ->
        [0] {""}
       *[other] { $count_files }: a message can carry at most five files.
    }
    { $quota_count ->
        [0] {""}
       *[other] { $quota_files }: your organisation's storage is full.
    }
    { $visitor_count ->
        [0] {""}
       *[other] { $visitor_files }: we only accept files from people with an account in the portal. Please describe what they show in a reply instead.
    }

    Reply to this e-mail if you have any questions.
ticket-mail-closed = Sent as a reply to ticket { $number }, which was closed.
ticket-mail-subject = The subject line named ticket { $number }, but the sender does not belong to that ticket, so the e-mail became a new ticket.
ticket-mail-by = by e-mail
ticket-mail-original = Original e-mail (.eml)
ticket-mail-refused = Not accepted
mail-in-refused-type = { $name } was not accepted: this type of file is not allowed
mail-in-refused-size = { $name } was not accepted: the file is too large
mail-in-refused-empty = { $name } was not accepted: the file is empty
mail-in-refused-count = { $name } was not accepted: too many files in one message
mail-in-refused-quota = { $name } was not accepted: the organisation's storage is full
mail-in-refused-visitor = { $name } was not accepted: the sender has no account in the portal
staff-ticket-bouncing = E-mail to { $email } bounced on { $when } ({ $status }). Answers from support may not reach them.
staff-org-member-bouncing = E-mail bounced on { $when } ({ $status })
