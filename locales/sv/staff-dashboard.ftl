# The staff dashboard with its counts and charts (issue 22).
dash-links-label = Personalens sidor
dash-now-heading = Väntar nu
dash-new = nya ärenden
dash-mine = aktiva ärenden tilldelade dig
dash-unassigned = aktiva ärenden utan handläggare
dash-overdue = ärenden som passerat sitt mål
dash-validations = valideringar som väntar
dash-oldest = den äldsta har väntat { $age }
dash-age-today = mindre än ett dygn
dash-orders = beställningar som väntar på beslut
dash-trends-heading = De senaste tolv veckorna
dash-trends-lead = Veckorna går från måndag till söndag, svensk tid; innevarande vecka står sist. Tiderna räknas i kontorstid, utan den tid ärendet väntat på kunden.
dash-show-table = Visa siffrorna som tabell
dash-week = v. { $week }
dash-hours = { $hours } tim
dash-none = saknas
dash-col-week = Vecka
dash-col-age = Väntetid
dash-volume-title = Öppnade och lösta ärenden per vecka
dash-volume-summary = De senaste { $weeks } veckorna öppnades { $opened } ärenden och { $resolved } löstes.
dash-opened = Öppnade
dash-resolved = Lösta
dash-times-title = Mediantid till första svar och till lösning
dash-times-summary = Den här veckan tog första svaret { $response } och lösningen { $resolution } i median, räknat i kontorstid.
dash-response = Första svar
dash-resolution = Lösning
dash-target-title = Första svar inom målet
dash-target-summary = De senaste { $weeks } veckorna gavs { $share } av de första svaren inom målet.
dash-target-share = Inom målet
dash-target-met = Besvarade i tid
dash-target-answered = Besvarade
dash-csat-title = Nöjda kunder per vecka
dash-csat-summary = De senaste { $weeks } veckorna var kunderna nöjda i { $share } av svaren ({ $rated ->
    [one] ett svar
   *[other] { $rated } svar
    }).
dash-csat-share = Nöjda
dash-csat-good = Nöjda svar
dash-csat-rated = Svar
dash-backlog-title = Valideringar som väntar, efter väntetid
dash-backlog-summary = { $count ->
    [one] En validering väntar
   *[other] { $count } valideringar väntar
    }; { $old } av dem i en vecka eller längre.
dash-backlog-count = Ansökningar
dash-age-under-day = under ett dygn
dash-age-range = { $from }–{ $to } dagar
dash-age-over = { $days } dagar eller mer
