# Bulk actions on the queue, reply collisions and who else is reading (issue 22).

## templates/staff/tickets.html: the bulk form above the queue
bulk-legend = Ändra markerade ärenden
bulk-hint = Markera ärendena i tabellen nedan och välj sedan vad som ska ändras.
bulk-change = Ändring
bulk-choose = Välj en ändring …
bulk-group-assign = Tilldela
bulk-assign-me = Mig
bulk-group-state = Ändra status till
bulk-group-priority = Ändra prioritet till
bulk-apply = Ändra markerade
bulk-close = Stäng markerade
bulk-done = { $count ->
    [0] Inget ärende ändrades.
    [one] Ett ärende ändrades.
   *[other] { $count } ärenden ändrades.
}
bulk-error-none = Markera minst ett ärende i tabellen.
bulk-error-too-many = Du kan ändra högst 200 ärenden åt gången.
bulk-error-unknown = Ärendet { $number } finns inte. Inget ärende ändrades.
bulk-error-merged = Ärendet { $number } är sammanslaget med ett annat och förblir stängt. Inget ärende ändrades.
bulk-error-change = Välj en av ändringarna i listan.

## templates/staff/ticket.html: a reply refused because someone else wrote first
bulk-collision-heading = Nytt i ärendet sedan du öppnade det
bulk-collision-text = Ditt svar skickades inte: meddelandena nedan har kommit till sedan du öppnade sidan. Ditt utkast finns kvar. Läs dem och skicka sedan ändå, eller ändra först.
bulk-collision-files = Bifogade filer behöver väljas igen.
bulk-collision-send = Skicka ändå

## static/presence.js: who else has the ticket open
presence-reading = { $count ->
    [one] { $names } läser också det här ärendet.
   *[other] { $names } läser också det här ärendet.
}
presence-and = och
