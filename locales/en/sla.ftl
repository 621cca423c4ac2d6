# Response targets in business time: the admin page, the queue's due times, breach e-mails (issue 22).

sla-span-minutes = { $m } min
sla-span-hours = { $m ->
        [0] { $h } hrs
       *[other] { $h } hrs { $m } min
    }
sla-span-days = { $n ->
        [one] { $n } business day
       *[other] { $n } business days
    }
sla-when-today = today { $time }
sla-when-weekday = { $day } { $time }
sla-when-date = { $month } { $day }, { $time }
sla-weekday-1 = Mon
sla-weekday-2 = Tue
sla-weekday-3 = Wed
sla-weekday-4 = Thu
sla-weekday-5 = Fri
sla-weekday-6 = Sat
sla-weekday-7 = Sun
sla-due-response = answer by { $when }
sla-due-resolution = resolve by { $when }
sla-late-response = answer { $late } overdue
sla-late-resolution = resolution { $late } overdue
sla-target-response = First answer
sla-target-resolution = Resolution
sla-targets-title = Response targets
sla-targets-goal = Target
sla-targets-status = Status
sla-status-met = met, after { $took }
sla-status-missed = missed, after { $took }
sla-status-paused = paused while we wait for the customer
sla-status-closed = closed without a resolution
sla-status-late = { $late } overdue
sla-status-due = by { $when }

mail-ticket-sla-breach-subject = [{ $number }] { $target ->
        [response] First-answer target missed
       *[other] Resolution target missed
    }
mail-ticket-sla-breach-body = Hello { $name },

    Ticket { $number }, “{ $subject }”, { $target ->
        [response] was due a first answer
       *[other] was due to be resolved
    } by { $due } (Swedish time). Open the ticket here:

    { $link }
sla-filter-label = Targets
sla-filter-late = Overdue
sla-holiday-new-years-day = New Year's Day
sla-holiday-epiphany = Epiphany
sla-holiday-good-friday = Good Friday
sla-holiday-easter-sunday = Easter Sunday
sla-holiday-easter-monday = Easter Monday
sla-holiday-may-day = May Day
sla-holiday-ascension = Ascension Day
sla-holiday-pentecost = Whit Sunday
sla-holiday-national-day = National Day of Sweden
sla-holiday-midsummer-eve = Midsummer Eve
sla-holiday-midsummer-day = Midsummer Day
sla-holiday-all-saints = All Saints' Day
sla-holiday-christmas-eve = Christmas Eve
sla-holiday-christmas-day = Christmas Day
sla-holiday-boxing-day = Boxing Day
sla-holiday-new-years-eve = New Year's Eve
sla-weekday-long-1 = Monday
sla-weekday-long-2 = Tuesday
sla-weekday-long-3 = Wednesday
sla-weekday-long-4 = Thursday
sla-weekday-long-5 = Friday
sla-weekday-long-6 = Saturday
sla-weekday-long-7 = Sunday
sla-admin-title = Response targets and business hours
sla-admin-link = Response targets and business hours
sla-admin-lead = Targets count business time: only the hours support is open, and not while a ticket waits for the customer or is resolved. Changes apply at once, to tickets already open too.
sla-admin-hours = Business hours
sla-admin-hours-hint = Swedish time. A day left unticked is closed all day.
sla-admin-open = Open
sla-admin-opens = Opens
sla-admin-closes = Closes
sla-admin-targets = Targets per priority
sla-admin-targets-hint = In business hours, for example 2 or 1.5. With the default hours a business day is 9 hours.
sla-admin-response = First answer within (hours)
sla-admin-resolution = Resolved within (hours)
sla-admin-save = Save hours and targets
sla-admin-saved = The business hours and targets are saved.
sla-admin-closed = Extra closed days
sla-admin-closed-hint = Days support is closed besides the public holidays below, such as a bridge day or a staff day.
sla-admin-closed-empty = No extra closed days.
sla-admin-day = Date
sla-admin-note = Reason
sla-admin-add-day = Add closed day
sla-admin-remove-day = Remove
sla-admin-day-added = The closed day was added.
sla-admin-day-removed = The closed day was removed.
sla-admin-holidays = Public holidays { $year }
sla-admin-holidays-hint = Computed for every year: the public holidays by law plus Midsummer Eve, Christmas Eve and New Year's Eve.
sla-error-time = Enter a time such as 08:00.
sla-error-order = The closing time must be later than the opening time.
sla-error-hours = Enter a number of hours between 0.1 and 2,000, for example 4 or 1.5.
sla-error-response-after = The resolution target cannot be shorter than the first-answer target.
sla-error-never-open = Support must be open on at least one day a week.
sla-error-date = Enter a date such as 2026-12-24.
sla-error-note = Enter a short reason, at most 100 characters.
sla-error-day-exists = That day is already closed.
