# The member's own pages: templates/accounts/dashboard.html, settings.html, colleagues.html

dashboard-title = Mitt konto
dashboard-heading = Översikt
dashboard-unconfirmed-heading = Bekräfta din e-postadress
dashboard-unconfirmed-text = Du kan använda portalen när du har bekräftat adressen. Innan dess går det inte att skicka in certifikat, beställa eller öppna ärenden. Vi har skickat en länk till
dashboard-resend = Skicka länken igen
dashboard-resent = Vi har skickat en ny länk. Den gamla länken fungerar inte längre.
dashboard-review-heading = Organisationsnumret granskas
dashboard-review-note = Organisationsnumret hör till gruppen { $group }. Sådana organisationer är oftast inte ideella, så vår partner granskar organisationen extra noga innan den kan valideras. Folkbibliotek, offentliga museer och trossamfund kan ändå delta. Kontot fungerar som vanligt.
dashboard-validation-heading = Validering i programmet
dashboard-validation-none = Organisationen har inte skickat in något valideringscertifikat ännu.
dashboard-steps-heading = Nästa steg
dashboard-step-done = Klart
dashboard-step-confirm = Bekräfta din e-postadress.
dashboard-step-certificate = Registrera organisationen på Microsofts portal för ideella organisationer (Nonprofit Hub) och ladda upp valideringscertifikatet här.
dashboard-step-order = Beställ licenser när organisationen är validerad.
dashboard-account-heading = Konto och kollegor

settings-title = Kontoinställningar
settings-contact-legend = Kontaktuppgifter
settings-phone = Telefon (frivilligt)
settings-phone-hint = Supporten kan ringa dig om något behöver redas ut.
settings-language = Språk för e-post
settings-save = Spara kontaktuppgifterna
settings-contact-done = Kontaktuppgifterna är sparade.
settings-password-legend = Byt lösenord
settings-password-hint = När du byter lösenord loggas du ut på alla andra enheter.
settings-password-current = Nuvarande lösenord
settings-password-submit = Byt lösenord
settings-password-done = Lösenordet är bytt. Du är utloggad på alla andra enheter.

colleagues-title = Kollegor
colleagues-lead = Alla i listan kan se organisationens ärenden, beställningar och validering.
colleagues-status = Status
colleagues-actions = Åtgärder
colleagues-status-admin = Administratör
colleagues-status-member = Användare
colleagues-status-invited = Inbjuden, inte inloggad ännu
colleagues-remove = Ta bort
colleagues-invite-heading = Bjud in en kollega
colleagues-invite-submit = Skicka inbjudan
colleagues-only-admin = Bara organisationens administratör kan bjuda in och ta bort kollegor.
colleagues-invited = Inbjudan är skickad.
colleagues-removed = Kollegan är borttagen och utloggad.
colleagues-error-taken = Den här e-postadressen har redan ett konto.
colleagues-error-unconfirmed = Bekräfta din egen e-postadress innan du bjuder in kollegor. Länken finns i mejlet vi skickade när du registrerade dig.
colleagues-error-too-many = Organisationen har skickat många inbjudningar den senaste timmen. Försök igen om en stund.
