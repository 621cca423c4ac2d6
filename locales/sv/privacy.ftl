## The privacy notice (/sv/integritet) and the link to it from forms and the footer.

privacy-title = Integritet och personuppgifter
privacy-heading = Så behandlar vi personuppgifter
privacy-intro = Här står vilka personuppgifter portalen behandlar, varför, hur länge de sparas, vem som får ta del av dem och vilka rättigheter du har. Portalen sätter bara de kakor som krävs för att den ska fungera.
privacy-toc = Innehåll
privacy-footer-link = Integritet och kakor
privacy-form-link = Så behandlar vi dina personuppgifter

privacy-controller-heading = Personuppgiftsansvarig
privacy-controller = Personuppgiftsansvarig för uppgifterna i portalen är
privacy-controller-email = Frågor och begäranden om dina personuppgifter kan du skicka med e-post till
privacy-controller-no-email = Frågor och begäranden om dina personuppgifter skickar du till oss via
privacy-contact-form = kontaktformuläret

privacy-purposes-heading = Varför vi behandlar uppgifterna och med vilket stöd
privacy-col-purpose = Ändamål
privacy-col-data = Uppgifter
privacy-col-basis = Rättslig grund
privacy-purpose-account = Ge organisationen ett konto och pröva att den uppfyller programmets villkor
privacy-purpose-account-data = Namn, e-postadress och telefonnummer till dem som använder kontot; organisationens namn, organisationsnummer och organisationsform; valideringsintyget från Microsoft
privacy-purpose-account-basis = Avtal (artikel 6.1 b i dataskyddsförordningen): villkoren som godkänns när organisationen registreras
privacy-purpose-orders = Ta emot, pröva och leverera beställningar
privacy-purpose-orders-data = Beställningen, vem som lade den och besluten om den
privacy-purpose-orders-basis = Avtal (artikel 6.1 b); underlaget för avgifterna sparas enligt bokföringslagen (rättslig förpliktelse, artikel 6.1 c)
privacy-purpose-support = Svara på frågor från kontaktformuläret, i ärenden och via e-post
privacy-purpose-support-data = Namn, e-postadress, organisation, meddelanden och bifogade filer; för frågor som kommer med e-post även det ursprungliga mejlet, som supporten kan öppna
privacy-purpose-support-basis = Berättigat intresse (artikel 6.1 f): att kunna hjälpa den som frågar
privacy-purpose-usage = Kontrollera att licenserna används (aktivitetskontrollen)
privacy-purpose-usage-data = Antalet aktiva och licensierade användare i rapporten du laddar upp. Själva filen sparas inte.
privacy-purpose-usage-basis = Avtal (artikel 6.1 b): programmets regler om hur licenserna ska användas
privacy-purpose-mail = Skicka e-post om kontot, beställningar och ärenden
privacy-purpose-mail-data = E-postadress, namn och meddelandets innehåll
privacy-purpose-mail-basis = Avtal (artikel 6.1 b) och berättigat intresse (artikel 6.1 f)
privacy-purpose-security = Skydda portalen och kontona mot intrång och missbruk
privacy-purpose-security-data = IP-adress och tidpunkt för inloggningar, försök och ändringar; inloggningssessioner; en logg över vem som gjort vad
privacy-purpose-security-basis = Berättigat intresse (artikel 6.1 f): att hålla uppgifterna säkra, vilket artikel 32 också kräver

privacy-retention-heading = Hur länge vi sparar uppgifterna
privacy-retention-intro = Portalen tar bort uppgifterna automatiskt en gång per dygn när tiden nedan har gått.
privacy-col-kind = Uppgifter
privacy-col-kept = Sparas
privacy-kind-account = Ditt konto: namn, e-postadress och telefonnummer
privacy-keep-account = Tills du tar bort kontot eller organisationen tas bort
privacy-kind-organisation = Organisationens uppgifter och aktivitetskontroller
privacy-keep-organisation = Tills organisationen tas bort
privacy-kind-certificate-approved = Godkända valideringsintyg
privacy-keep-certificate-approved = { $months ->
    [0] Tills intyget slutar gälla
    [one] En månad efter att intyget slutat gälla
   *[other] { $months } månader efter att intyget slutat gälla
}
privacy-kind-certificate-rejected = Avslagna valideringsintyg
privacy-keep-certificate-rejected = { $months ->
    [one] En månad efter beslutet
   *[other] { $months } månader efter beslutet
}
privacy-kind-orders = Beställningar
privacy-keep-orders = { $years ->
    [one] Så länge organisationen finns, och därefter ett år som bokföringsunderlag utan personuppgifter
   *[other] Så länge organisationen finns, och därefter { $years } år som bokföringsunderlag utan personuppgifter
}
privacy-kind-tickets = Ärenden: meddelanden och bifogade filer
privacy-keep-tickets = { $months ->
    [one] En månad efter att ärendet stängts; sedan finns bara ärendenumret kvar
   *[other] { $months } månader efter att ärendet stängts; sedan finns bara ärendenumret kvar
}
privacy-kind-visitor-link = Den privata länken till ett ärende från kontaktformuläret
privacy-keep-visitor-link = { $days ->
    [one] En dag efter att ärendet stängts
   *[other] { $days } dagar efter att ärendet stängts
}
privacy-kind-outbox = Länkar och personuppgifter i skickad e-post och i meddelanden till vår partner
privacy-keep-outbox = { $days ->
    [0] Tas bort när meddelandet har skickats
    [one] En dag efter att meddelandet skickats
   *[other] { $days } dagar efter att meddelandet skickats
}
privacy-kind-mail-records = Inkommande e-post som inte blev något ärende (automatiska svar och besked om att e-post inte gick fram)
privacy-keep-mail-records = { $days ->
    [0] Tas bort vid nästa rensning
    [one] En dag efter att den kom in
   *[other] { $days } dagar efter att den kom in
}
privacy-kind-audit = IP-adresser i loggen över vem som gjort vad
privacy-keep-audit = { $months ->
    [one] En månad; själva händelsen finns kvar utan adress
   *[other] { $months } månader; själva händelsen finns kvar utan adress
}
privacy-kind-security = Inloggningssessioner, engångslänkar och räknare mot missbruk
privacy-keep-security = Tills de har gått ut
privacy-retention-backups = Säkerhetskopior av portalen sparas av den som driver den och tas bort enligt dess egna rutiner.

privacy-recipients-heading = Vem som får ta del av uppgifterna
privacy-recipient-partner = { $partner } sköter validering och support åt programmet och arbetar med uppgifterna i portalen.
privacy-recipient-partner-unnamed = Vår partnerorganisation sköter validering och support åt programmet och arbetar med uppgifterna i portalen.
privacy-recipient-smtp = E-post från portalen skickas via e-postservern { $host }, som hanterar mottagarens adress och meddelandets innehåll för vår räkning.
privacy-recipient-partner-email = Meddelanden om nya ärenden, valideringar och beställningar skickas med e-post till { $email }.
privacy-recipient-webhook = Meddelanden om registreringar, ärenden och beställningar skickas till { $host }, vår partners system.
privacy-recipient-microsoft = Microsoft får de uppgifter om organisationen som en beställning kräver.
privacy-recipients-eu = Vi säljer inte uppgifterna och lämnar dem inte till någon annan, om inte lagen kräver det.

privacy-rights-heading = Dina rättigheter
privacy-rights-intro = Enligt dataskyddsförordningen har du rätt att:
privacy-right-access = få veta vilka uppgifter vi har om dig och få en kopia av dem (tillgång)
privacy-right-rectification = få felaktiga uppgifter rättade (rättelse)
privacy-right-erasure = få uppgifterna raderade när de inte längre behövs, eller när du invänder och vi inte har skäl som väger tyngre (radering)
privacy-right-restriction = begära att vi tills vidare bara sparar uppgifterna (begränsning)
privacy-right-objection = invända mot behandling som grundar sig på berättigat intresse (invändning)
privacy-right-portability = få uppgifterna i ett maskinläsbart format för att flytta dem (dataportabilitet)
privacy-rights-self = Är du inloggad kan du själv ladda ner allt vi har om dig och organisationen, ta bort ditt konto eller ta bort organisationen. Namn och telefonnummer ändrar du under kontots inställningar.
privacy-your-data-link = Dina uppgifter
privacy-rights-others = För andra begäranden, eller om du inte har något konto, skriver du till
privacy-rights-answer = Vi svarar utan onödigt dröjsmål och senast inom en månad.

privacy-complaint-heading = Klagomål
privacy-complaint = Tycker du att vi behandlar dina personuppgifter på fel sätt kan du lämna klagomål till Integritetsskyddsmyndigheten (IMY). Hur du gör står på deras webbplats:
privacy-imy = imy.se – lämna klagomål

privacy-cookies-heading = Kakor
privacy-cookies-intro = Portalen sätter bara kakor som krävs för att den ska fungera. Därför frågar vi inte efter samtycke (lagen om elektronisk kommunikation, 9 kap. 28 §). Inga kakor används för statistik eller marknadsföring, och inga kommer från andra webbplatser.
privacy-col-cookie = Kaka
privacy-col-why = Varför
privacy-col-how-long = Hur länge
privacy-cookie-session = Håller dig inloggad under besöket och minns var du är i ett formulär med flera steg.
privacy-cookie-session-lifetime = Tills du loggar ut eller stänger webbläsaren. Inloggningen upphör också efter en tid utan aktivitet.
privacy-cookie-csrf = Skyddar formulären mot förfalskade anrop från andra webbplatser innan du har loggat in.
privacy-cookie-lang = Minns vilket språk du läser på, så att startsidan visas på samma språk.
privacy-cookie-browser-session = Tills du stänger webbläsaren.
