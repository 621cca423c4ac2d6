# The staff dashboard with its counts and charts (issue 22).
dash-links-label = Staff pages
dash-now-heading = Waiting now
dash-new = new tickets
dash-mine = active tickets assigned to you
dash-unassigned = active tickets without an assignee
dash-overdue = tickets past their target
dash-validations = validation requests waiting
dash-oldest = the oldest has waited { $age }
dash-age-today = less than a day
dash-orders = orders awaiting a decision
dash-trends-heading = The last twelve weeks
dash-trends-lead = Weeks run from Monday to Sunday, Swedish time; the current week is the last one. Times are business hours, not counting time spent waiting for the customer.
dash-show-table = Show the figures as a table
dash-week = Wk { $week }
dash-hours = { $hours } h
dash-none = none
dash-col-week = Week
dash-col-age = Waiting time
dash-volume-title = Tickets opened and resolved per week
dash-volume-summary = In the last { $weeks } weeks, { $opened } tickets were opened and { $resolved } resolved.
dash-opened = Opened
dash-resolved = Resolved
dash-times-title = Median time to first response and to resolution
dash-times-summary = This week the median first response took { $response } and the median resolution { $resolution }, in business hours.
dash-response = First response
dash-resolution = Resolution
dash-target-title = First responses within the target
dash-target-summary = In the last { $weeks } weeks, { $share } of first responses were given within the target.
dash-target-share = Within the target
dash-target-met = Answered in time
dash-target-answered = Answered
dash-csat-title = Satisfied customers per week
dash-csat-summary = In the last { $weeks } weeks, { $share } of the customers' answers said they were satisfied ({ $rated ->
    [one] one answer
   *[other] { $rated } answers
    }).
dash-csat-share = Satisfied
dash-csat-good = Satisfied answers
dash-csat-rated = Answers
dash-backlog-title = Validation requests waiting, by age
dash-backlog-summary = { $count ->
    [one] One validation request is waiting
   *[other] { $count } validation requests are waiting
    }; { $old } of them for a week or longer.
dash-backlog-count = Requests
dash-age-under-day = under a day
dash-age-range = { $from }–{ $to } days
dash-age-over = { $days } days or more
