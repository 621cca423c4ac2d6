# Bulk actions on the queue, reply collisions and who else is reading (issue 22).

## templates/staff/tickets.html: the bulk form above the queue
bulk-legend = Change the selected tickets
bulk-hint = Select tickets in the table below, then choose what to change.
bulk-change = Change
bulk-choose = Choose a change …
bulk-group-assign = Assign to
bulk-assign-me = Me
bulk-group-state = Set state to
bulk-group-priority = Set priority to
bulk-apply = Change selected
bulk-close = Close selected
bulk-done = { $count ->
    [0] No ticket changed.
    [one] One ticket changed.
   *[other] { $count } tickets changed.
}
bulk-error-none = Select at least one ticket in the table.
bulk-error-too-many = You can change at most 200 tickets at a time.
bulk-error-unknown = Ticket { $number } does not exist. No ticket was changed.
bulk-error-merged = Ticket { $number } is merged into another and stays closed. No ticket was changed.
bulk-error-change = Choose one of the changes in the list.

## templates/staff/ticket.html: a reply refused because someone else wrote first
bulk-collision-heading = New on this ticket since you opened it
bulk-collision-text = Your reply was not sent: the messages below arrived after you opened the page. Your draft is kept. Read them, then send anyway or change it first.
bulk-collision-files = Attached files need to be chosen again.
bulk-collision-send = Send anyway

## static/presence.js: who else has the ticket open
presence-reading = { $count ->
    [one] { $names } is also reading this ticket.
   *[other] { $names } are also reading this ticket.
}
presence-and = and
