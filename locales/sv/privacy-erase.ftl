# Erasure (issue 21, point 2): erased tickets, deleting an account or an organisation, and the
# staff's erasure of a visitor's data.

## Erased tickets (templates/tickets/*, templates/staff/ticket*.html, the organisation page)

erased-content = Innehållet är raderat
erased-person = Raderad
