# Staff area: templates/staff/*.html

staff-home-title = Personalens sidor
staff-accounts-title = Personalkonton
staff-role = Roll
staff-role-agent = Handläggare
staff-role-admin = Administratör
staff-status-active = Aktiv
staff-status-invited = Inbjuden
staff-status-disabled = Avstängd
staff-disable = Stäng av
staff-enable = Aktivera igen
staff-invite-heading = Lägg till personal
staff-invite-submit = Skicka inbjudan
staff-invited = Inbjudan är skickad.
staff-disabled-done = Kontot är avstängt och alla dess inloggningar är avslutade.
staff-enabled-done = Kontot är aktiverat igen.

audit-title = Logg över personalens åtgärder
audit-filter-actor = Person (id)
audit-filter-action = Åtgärd
audit-filter-record = Post (id)
audit-filter-submit = Filtrera
audit-when = Tid (UTC)
audit-who = Vem
audit-what = Åtgärd
audit-record = Post
audit-ip = IP-adress
audit-details = Detaljer
audit-empty = Inga åtgärder stämmer med filtret.
pager-label = Sidor
pager-prev = Föregående sida
pager-next = Nästa sida

# The staff's page of one organisation
staff-org-type = Typ av organisation
staff-org-registered = Registrerad
staff-org-storage = Lagrade filer
staff-org-storage-used = { $used } MB av { $quota } MB ({ $share })
staff-org-storage-unlimited = { $used } MB (ingen gräns)
staff-org-validation = Validering
staff-org-members = Användare
staff-org-tickets = Ärenden
staff-org-none = Inga ännu.
staff-org-tickets-pages = Organisationens ärenden, sidor
staff-org-tickets-older = Äldre ärenden
staff-org-tickets-newest = Senaste ärendena
staff-org-link = Organisationens sida
