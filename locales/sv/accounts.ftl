# Registration, log in, password reset, confirmation, invitations: templates/accounts/*.html

form-error-required = Fyll i det här fältet.
form-error-too-long = Texten är för lång. Skriv högst 200 tecken.
form-error-control = Texten innehåller tecken som inte går att använda, till exempel radbrytningar eller andra osynliga tecken.
form-error-email = Skriv en giltig e-postadress, till exempel namn@forening.se.
form-error-phone = Skriv telefonnumret med siffror, till exempel 08-123 45 67.
form-error-choice = Välj ett av alternativen i listan.

password-error-short = Lösenordet måste ha minst 10 tecken.
password-error-long = Lösenordet får ha högst 256 tecken.
password-error-email = Lösenordet får inte vara samma som e-postadressen.
password-error-organisation = Lösenordet får inte vara samma som organisationens namn.
password-error-common = Det här lösenordet är ett av de vanligaste och därför lätt att gissa. Välj ett annat, gärna flera ord i följd.
password-error-mismatch = Lösenorden stämmer inte överens. Skriv samma lösenord två gånger.
password-error-current = Det nuvarande lösenordet stämmer inte.

register-title = Registrera organisationen
register-title-errors = Rätta uppgifterna – Registrera organisationen
register-heading = Registrera din organisation
register-lead = Registrera organisationen och dig själv som kontaktperson. Du blir organisationens administratör och kan bjuda in kollegor senare.
register-org-legend = Organisationen
register-org-name = Organisationens namn
register-org-number = Organisationsnummer
register-person-legend = Kontaktperson och inloggning
register-name = Namn
register-email = E-postadress
register-email-hint = Vi skickar en länk till adressen så att du kan bekräfta den.
register-password = Lösenord
register-password-hint = Minst 10 tecken. Flera ord i följd är både lätta att minnas och svåra att gissa.
register-password-confirm = Upprepa lösenordet
register-accept = Jag har läst och godkänner villkoren och integritetsinformationen.
register-terms-link = Läs villkoren och integritetsinformationen
register-submit = Registrera
register-have-account = Har organisationen redan ett konto?
register-error-org-type = Välj vilken typ av organisation det är.
register-error-terms = Du behöver godkänna villkoren för att registrera organisationen.
register-error-org-taken = Organisationen är redan registrerad.
register-error-too-many = Det har kommit många registreringar härifrån eller för den här e-postadressen den senaste timmen. Försök igen om en stund.
register-org-taken-help = Organisationen har redan ett konto hos oss. Be den som registrerade den att bjuda in dig, logga in om det är du, eller kontakta supporten om du inte kommer åt kontot.
register-done = Tack! Vi har skickat ett e-postmeddelande med en länk som du bekräftar adressen med. Du kan logga in redan nu.

terms-title = Villkor och integritet
terms-heading = Villkor och integritetsinformation
terms-use-heading = Villkor för att använda portalen
terms-use-1 = Portalen är till för ideella organisationer som vill delta i programmet. Uppgifterna du lämnar ska vara riktiga, och den som registrerar organisationen ska ha rätt att företräda den.
terms-use-2 = Licenserna får bara användas enligt programmets regler: donerade licenser av anställd personal och oavlönade personer i organisationens ledning, rabatterade licenser av personal och volontärer.
terms-use-3 = Microsoft förbehåller sig rätten att när som helst och av vilket skäl som helst bevilja eller avslå en beställning, och vår partner kan avsluta ett konto som bryter mot reglerna.
terms-privacy-heading = Så hanterar vi personuppgifter
terms-privacy-1 = Vi sparar de uppgifter som behövs för att validera organisationen, hantera beställningar och svara på frågor: namn, e-postadress, telefonnummer, organisationens uppgifter och det du skickar till oss.
terms-privacy-2 = Uppgifterna används bara för programmet och delas med vår partner, som sköter validering och support, och med Microsoft när en beställning kräver det.
terms-privacy-more = Vem som är personuppgiftsansvarig, hur länge uppgifterna sparas, dina rättigheter och vilka kakor vi använder står på sidan

login-title = Logga in
login-heading = Logga in
login-password = Lösenord
login-submit = Logga in
login-forgot = Glömt lösenordet?
login-no-account = Har organisationen inget konto ännu?
login-error-wrong = E-postadressen eller lösenordet stämmer inte.

forgot-title = Glömt lösenordet
forgot-heading = Glömt lösenordet?
forgot-lead = Skriv din e-postadress så skickar vi en länk där du väljer ett nytt lösenord. Länken gäller i en timme.
forgot-submit = Skicka länken
forgot-sent = Om adressen finns hos oss har vi skickat en länk dit. Titta i inkorgen, och i skräpposten om den dröjer.

reset-title = Välj nytt lösenord
reset-heading = Välj ett nytt lösenord
reset-intro = När du har sparat det nya lösenordet loggas du ut överallt och loggar in igen med det nya.
reset-done = Lösenordet är bytt. Logga in med det nya lösenordet.
invitation-title = Välkommen
invitation-heading = Välkommen till portalen
invitation-intro = Du har blivit inbjuden. Kontrollera ditt namn och välj ett lösenord, så är kontot klart.
invitation-done = Välkommen! Ditt konto är klart.
set-password-for = Kontot gäller
set-password-new = Nytt lösenord
set-password-submit = Spara lösenordet

confirm-title = Bekräfta e-postadressen
confirm-heading = Bekräfta e-postadressen
confirm-lead = Tryck på knappen för att bekräfta adressen.
confirm-submit = Bekräfta
confirm-done = Tack! E-postadressen är bekräftad.

link-invalid-title = Länken fungerar inte
link-invalid-text = Länken är felaktig, har redan använts eller har gått ut. Be om en ny länk om du behöver.
link-invalid-forgot = Be om en ny länk för att byta lösenord

mail-member-registration-attempt-subject = Någon försökte registrera din e-postadress hos { $program }
mail-member-registration-attempt-body = Hej { $name }!

    Någon försökte nyss registrera en organisation med din e-postadress, men adressen har redan ett konto hos oss. Om det var du kan du logga in här:

    { $link }

    Har du glömt lösenordet kan du byta det via inloggningssidan. Om det inte var du behöver du inte göra något.
mail-member-password-reset-subject = Byt lösenord hos { $program }
mail-member-password-reset-body = Hej { $name }!

    Öppna länken nedan för att välja ett nytt lösenord. Länken gäller i en timme och kan bara användas en gång.

    { $link }

    Om du inte bad om det här kan du bortse från meddelandet; ditt lösenord är oförändrat.
mail-member-invitation-subject = Du är inbjuden till din organisations konto hos { $program }
mail-member-invitation-body = Hej { $name }!

    { $inviter } har bjudit in dig till organisationens konto hos { $program }. Öppna länken nedan och välj ett lösenord. Länken gäller i sju dagar.

    { $link }
mail-member-invitation-attempt-subject = Någon försökte bjuda in din e-postadress hos { $program }
mail-member-invitation-attempt-body = Hej { $name }!

    Någon försökte nyss bjuda in dig till en organisations konto hos oss, men din e-postadress har redan ett konto. Om du vill byta organisation eller tror att det gäller dig, kontakta den som bjöd in dig eller vår support. Du kan logga in här:

    { $link }

    Om du inte känner till inbjudan behöver du inte göra något.
mail-staff-invitation-subject = Ditt personalkonto hos { $program }
mail-staff-invitation-body = Hej { $name }!

    { $inviter } har skapat ett personalkonto åt dig hos { $program }. Öppna länken nedan och välj ett lösenord. Länken gäller i sju dagar.

    { $link }
