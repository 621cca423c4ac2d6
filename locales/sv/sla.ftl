# Response targets in business time: the admin page, the queue's due times, breach e-mails (issue 22).

sla-span-minutes = { $m } min
sla-span-hours = { $m ->
        [0] { $h } h
       *[other] { $h } h { $m } min
    }
sla-span-days = { $n ->
        [one] { $n } arbetsdag
       *[other] { $n } arbetsdagar
    }
sla-when-today = i dag { $time }
sla-when-weekday = { $day } { $time }
sla-when-date = { $day } { $month } { $time }
sla-weekday-1 = mån
sla-weekday-2 = tis
sla-weekday-3 = ons
sla-weekday-4 = tors
sla-weekday-5 = fre
sla-weekday-6 = lör
sla-weekday-7 = sön
sla-due-response = svar senast { $when }
sla-due-resolution = lösning senast { $when }
sla-late-response = svar försenat { $late }
sla-late-resolution = lösning försenad { $late }
sla-target-response = Första svar
sla-target-resolution = Lösning
sla-targets-title = Svarsmål
sla-targets-goal = Mål
sla-targets-status = Läge
sla-status-met = inom målet, efter { $took }
sla-status-missed = över målet, efter { $took }
sla-status-paused = pausat medan vi väntar på kunden
sla-status-closed = stängt utan att lösas
sla-status-late = försenat { $late }
sla-status-due = senast { $when }

mail-ticket-sla-breach-subject = [{ $number }] { $target ->
        [response] Svarstiden har passerats
       *[other] Tiden för att lösa ärendet har passerats
    }
mail-ticket-sla-breach-body = Hej { $name }!

    Ärende { $number }, ”{ $subject }”, { $target ->
        [response] skulle ha fått ett första svar
       *[other] skulle ha varit löst
    } senast { $due } (svensk tid). Öppna ärendet här:

    { $link }
sla-filter-label = Svarsmål
sla-filter-late = Försenade
sla-holiday-new-years-day = Nyårsdagen
sla-holiday-epiphany = Trettondedag jul
sla-holiday-good-friday = Långfredagen
sla-holiday-easter-sunday = Påskdagen
sla-holiday-easter-monday = Annandag påsk
sla-holiday-may-day = Första maj
sla-holiday-ascension = Kristi himmelsfärdsdag
sla-holiday-pentecost = Pingstdagen
sla-holiday-national-day = Sveriges nationaldag
sla-holiday-midsummer-eve = Midsommarafton
sla-holiday-midsummer-day = Midsommardagen
sla-holiday-all-saints = Alla helgons dag
sla-holiday-christmas-eve = Julafton
sla-holiday-christmas-day = Juldagen
sla-holiday-boxing-day = Annandag jul
sla-holiday-new-years-eve = Nyårsafton
sla-weekday-long-1 = Måndag
sla-weekday-long-2 = Tisdag
sla-weekday-long-3 = Onsdag
sla-weekday-long-4 = Torsdag
sla-weekday-long-5 = Fredag
sla-weekday-long-6 = Lördag
sla-weekday-long-7 = Söndag
sla-admin-title = Svarsmål och öppettider
sla-admin-link = Svarsmål och öppettider
sla-admin-lead = Svarsmålen räknas i arbetstid: bara de timmar då supporten har öppet räknas, och tiden då ett ärende väntar på kunden eller är löst räknas inte. Ändringar gäller direkt, även för ärenden som redan är öppna.
sla-admin-hours = Öppettider
sla-admin-hours-hint = Svensk tid. En dag utan bock är stängd hela dagen.
sla-admin-open = Öppet
sla-admin-opens = Öppnar
sla-admin-closes = Stänger
sla-admin-targets = Mål per prioritet
sla-admin-targets-hint = I arbetstimmar, till exempel 2 eller 1,5. En arbetsdag med standardtiderna är 9 timmar.
sla-admin-response = Första svar inom (timmar)
sla-admin-resolution = Löst inom (timmar)
sla-admin-save = Spara öppettider och mål
sla-admin-saved = Öppettiderna och svarsmålen är sparade.
sla-admin-closed = Extra stängda dagar
sla-admin-closed-hint = Dagar då supporten är stängd utöver helgdagarna nedan, till exempel en klämdag eller en personaldag.
sla-admin-closed-empty = Inga extra stängda dagar.
sla-admin-day = Datum
sla-admin-note = Anledning
sla-admin-add-day = Lägg till stängd dag
sla-admin-remove-day = Ta bort
sla-admin-day-added = Den stängda dagen är tillagd.
sla-admin-day-removed = Den stängda dagen är borttagen.
sla-admin-holidays = Helgdagar { $year }
sla-admin-holidays-hint = Räknas fram för varje år: helgdagar enligt lag samt midsommarafton, julafton och nyårsafton.
sla-error-time = Skriv en tid som 08:00.
sla-error-order = Stängningstiden måste vara senare än öppningstiden.
sla-error-hours = Skriv ett antal timmar mellan 0,1 och 2 000, till exempel 4 eller 1,5.
sla-error-response-after = Tiden för lösning kan inte vara kortare än tiden för första svar.
sla-error-never-open = Supporten måste ha öppet minst en dag i veckan.
sla-error-date = Skriv ett datum som 2026-12-24.
sla-error-note = Skriv en kort anledning, högst 100 tecken.
sla-error-day-exists = Den dagen är redan stängd.
