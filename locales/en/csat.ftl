# Satisfaction: the question in the resolved e-mail and its page (issue 22).

## The question's page (templates/tickets/rating.html)

csat-title = Did we help?
csat-heading = Did we help?
csat-ticket = Ticket
csat-question = Did you get the help you needed?
csat-answer-good = Yes, I got help
csat-answer-bad = No, I did not get the help I needed
csat-comment-optional = Comment (optional)
csat-comment-hint = Tell us what went well or what we could do better. At most 2,000 characters.
csat-comment = Comment
csat-submit = Send answer
csat-thanks = Thank you for your answer! It helps us get better.
csat-your-answer = Your answer
csat-change-hint = Changed your mind? You can change your answer until the ticket is closed.
csat-change-link = Change the answer
csat-closed = The ticket is closed, so the answer can no longer be changed.
csat-closed-none = No answer was given before the ticket was closed.
csat-error-choose = Choose whether you got help or not.
csat-error-too-long = The comment is too long. Write at most 2,000 characters.

## The answer on the staff pages (templates/staff/ticket.html, the queue)

csat-short-good = Yes
csat-short-bad = No
csat-staff-heading = Customer's answer

## E-mail: the question under a resolved ticket's message (mail-ticket-state-body,
## mail-ticket-answered-body)

mail-ticket-csat = {""}

    Did we help? Answer with one click, so we know how we did:

    Yes, I got help:

    { $rate_good_link }

    No, I did not get the help I needed:

    { $rate_bad_link }
