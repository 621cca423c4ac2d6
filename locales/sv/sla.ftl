# Response targets in business time: the admin page, the queue's due times, breach e-mails (issue 22).
