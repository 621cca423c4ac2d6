# Erasure (issue 21, point 2): erased tickets, deleting an account or an organisation, and the
# staff's erasure of a visitor's data.

## Erased tickets (templates/tickets/*, templates/staff/ticket*.html, the organisation page)

erased-content = Innehållet är raderat
erased-person = Raderad

## Shared by the deletion pages (templates/privacy/*.html)

erase-goes-heading = Det här raderas
erase-stays-heading = Det här finns kvar
erase-deleted-title = Raderat
erase-deleted-home = Till startsidan

## A member deletes their account (templates/privacy/account_delete.html)

erase-account-title = Radera ditt konto
erase-account-goes = Ditt konto och dina kontaktuppgifter (namn, e-postadress och telefonnummer), dina inloggningar på alla enheter, tvåstegsverifieringen och reservkoderna. Ärenden som du har skickat via kontaktformuläret med samma e-postadress töms på innehåll, och e-post som väntar på att skickas till dig skickas inte.
erase-account-stays = Din organisation behåller sina beställningar, certifikat, användningsresultat och ärenden, även det du har skrivit i dem, men ditt namn, din e-postadress och ditt telefonnummer tas bort därifrån. Portalens logg behåller sina rader, men du står där under en pseudonym som inte går att koppla till dig.
erase-account-password = Ditt lösenord
erase-account-password-hint = Skriv ditt lösenord för att bekräfta. Det går inte att ångra raderingen.
erase-account-submit = Radera mitt konto
erase-account-last-admin = Du är den sista administratören för din organisation, så ditt konto kan inte raderas ensamt. Gör först en kollega till administratör på sidan Kollegor, eller radera hela organisationen.
erase-account-to-organisation = Radera organisationen
erase-account-to-colleagues = Se dina kollegor
erase-account-deleted = Ditt konto är raderat och du är utloggad på alla enheter. Tack för att du har använt portalen.
erase-error-password = Lösenordet stämmer inte.

## An admin deletes the organisation (templates/privacy/organisation_delete.html)

erase-org-title = Radera organisationen
erase-org-goes-users = { $n ->
    [one] en användare
   *[other] { $n } användare
}
erase-org-goes-certificates = { $n ->
    [one] ett certifikat med valideringsbeslut
   *[other] { $n } certifikat med valideringsbeslut
}
erase-org-goes-usage = { $n ->
    [one] ett resultat av användningskontrollen
   *[other] { $n } resultat av användningskontrollen
}
erase-org-goes-files = { $n ->
    [one] en uppladdad fil
   *[other] { $n } uppladdade filer
}
erase-org-goes-tickets = { $n ->
    [one] innehållet i ett ärende
   *[other] innehållet i { $n } ärenden
} ({ $messages ->
    [one] ett meddelande
   *[other] { $messages } meddelanden
}); ärendenumren finns kvar
erase-org-goes-people = Alla användare loggas ut och deras konton, inloggningar och kontaktuppgifter raderas. Portalens logg behåller sina rader, men med pseudonymer i stället för personerna.
erase-org-stays = { $orders ->
    [0] Organisationen har inga beställningar.
    [one] Beställningen finns kvar som bokföringsunderlag i { $years } år, med organisationens namn och organisationsnummer men utan personuppgifter. Därefter raderas den också.
   *[other] De { $orders } beställningarna finns kvar som bokföringsunderlag i { $years } år, med organisationens namn och organisationsnummer men utan personuppgifter. Därefter raderas de också.
}
erase-org-confirm = Organisationens namn eller organisationsnummer
erase-org-confirm-hint = Skriv organisationens namn eller organisationsnummer för att bekräfta. Det går inte att ångra raderingen.
erase-org-submit = Radera organisationen
erase-org-error-confirm = Det stämmer inte med organisationens namn eller organisationsnummer.
erase-org-deleted = Organisationen och alla dess användare är raderade, och du är utloggad. Beställningarna sparas som bokföringsunderlag så länge lagen kräver.

## Staff erase a visitor's data (templates/privacy/staff_erase.html)

erase-visitor-title = Radera en besökares uppgifter
erase-visitor-lead = Ange besökarens e-postadress. Först ser du vad som raderas; ingenting raderas förrän du bekräftar. Ärendena töms på innehåll men behåller sina nummer.
erase-visitor-email = Besökarens e-postadress
erase-visitor-preview = Visa vad som raderas
erase-visitor-preview-heading = Det här raderas
erase-visitor-tickets = { $n ->
    [one] Ett ärende töms på meddelanden och bilagor:
   *[other] { $n } ärenden töms på meddelanden och bilagor:
}
erase-visitor-no-tickets = Det finns inga ärenden från den adressen. E-post till adressen och räknare för begränsningar raderas ändå.
erase-visitor-has-account = Adressen hör till ett användarkonto, som inte raderas här. Personen raderar sitt konto själv, eller så tar organisationens administratör bort personen. Du kan stänga av kontot under
erase-visitor-accounts-link = Konton
erase-visitor-submit = Radera uppgifterna
erase-visitor-done = Besökarens uppgifter är raderade.
