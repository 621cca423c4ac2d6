# Tvåstegsverifiering: koden efter lösenordet (templates/accounts/login_code.html)
login-code-title = Ange koden
login-code-heading = Ange koden från din app
login-code-label = Kod
login-code-hint = Sexsiffrig kod från autentiseringsappen, eller en av dina reservkoder.
login-code-submit = Logga in
login-code-start-over = Börja om med lösenordet
login-code-expired = Det tog för lång tid. Logga in med ditt lösenord igen.
twofa-error-wrong = Koden stämmer inte. Kontrollera att klockan i telefonen går rätt och försök igen.
twofa-error-used = Den här koden har redan använts. Vänta tills appen visar nästa kod.
twofa-recovery-used = Du loggade in med en reservkod. Den kan inte användas igen.

# Inställningssidan (templates/accounts/two_factor.html)
twofa-title = Tvåstegsverifiering
twofa-heading = Tvåstegsverifiering
twofa-intro = Med tvåstegsverifiering behöver du både ditt lösenord och en kod från en autentiseringsapp i telefonen (till exempel Microsoft Authenticator eller Google Authenticator) för att logga in.
twofa-required = Ditt konto måste ha tvåstegsverifiering innan du kan använda personalsidorna. Det tar en minut.
twofa-start = Aktivera tvåstegsverifiering
twofa-step-scan = Skanna QR-koden med autentiseringsappen.
twofa-qr-alt = QR-kod för autentiseringsappen
twofa-step-key = Går det inte att skanna? Skriv in den här nyckeln i appen:
twofa-step-confirm = Ange den sexsiffriga kod som appen visar.
twofa-confirm = Bekräfta och aktivera
twofa-on-done = Tvåstegsverifiering är aktiverad.
twofa-codes-heading = Dina reservkoder
twofa-codes-intro = Spara koderna på ett säkert ställe. Varje kod kan användas en gång om du inte har tillgång till telefonen. De visas bara den här gången.
twofa-codes-done = Jag har sparat koderna
twofa-is-on = Tvåstegsverifiering är aktiverad.
twofa-recovery-left = { $count ->
    [one] Du har en oanvänd reservkod.
   *[other] Du har { $count } oanvända reservkoder.
}
twofa-off-heading = Stäng av tvåstegsverifiering
twofa-off = Stäng av
twofa-off-done = Tvåstegsverifiering är avstängd.
settings-twofa-link = Tvåstegsverifiering

# Personalkonton (templates/staff/accounts.html)
staff-2fa = Tvåstegsverifiering
staff-2fa-on = Aktiverad
staff-2fa-off = Inte aktiverad
staff-2fa-reset = Återställ tvåstegsverifiering
staff-2fa-reset-done = Tvåstegsverifieringen är återställd och personens inloggningar är avslutade. Hen aktiverar den på nytt vid nästa inloggning.
