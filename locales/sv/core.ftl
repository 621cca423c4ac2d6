# Shared by every page: templates/base.html, templates/error.html

site-name = Donera
site-description = Rabatterade och donerade Microsoft-produkter för ideella organisationer i Sverige.
lang-name = Svenska
skip-link = Hoppa till innehållet
nav-label = Huvudmeny
nav-home = Start
nav-eligibility = Vem kan delta?
nav-self-check = Kan vi delta?
footer-partner = { $partner } hanterar all validering och all kundsupport för kunder hos { $program }.
footer-partner-unnamed = Vår partnerorganisation hanterar all validering och all kundsupport för kunder hos { $program }.
footer-microsoft = Microsoft förbehåller sig rätten att när som helst och av vilket skäl som helst bevilja eller avslå en beställning.
form-error-summary = Något behöver rättas innan vi kan gå vidare

month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
datetime = { $date } kl. { $time }

# Organisation types (eligibility, self-check and, later, registration)
orgtype-nonprofit-association = Ideell förening
orgtype-foundation = Stiftelse
orgtype-religious-community = Registrerat trossamfund
orgtype-other-nonprofit = Annan ideell organisation (registrerad juridisk person)
orgtype-public-library = Folkbibliotek
orgtype-public-museum = Offentligt museum
orgtype-government = Myndighet, region, kommun, mellanstatlig organisation eller FN-organ
orgtype-school = Skola, högskola eller universitet
orgtype-healthcare = Sjukhus, vårdgivare eller sjukvårdsförsäkring
orgtype-public-utility = Energi- eller va-bolag (el, vatten, värme)
orgtype-financial = Bank, försäkringsbolag eller pensionsfond
orgtype-political-party = Politiskt parti eller lobbyorganisation
orgtype-trade-union = Fackförbund
orgtype-business-association = Bransch- eller yrkesorganisation
orgtype-other = Annat

# Organisation numbers
orgnr-error-format = Skriv organisationsnumret med tio siffror, till exempel 802000-0009.
orgnr-error-personal = Det här ser ut som ett personnummer. Ange organisationsnumret i stället – i ett organisationsnummer är den tredje siffran alltid 2 eller högre.
orgnr-error-checksum = Kontrollsiffran stämmer inte. Kontrollera att du har skrivit rätt nummer.
orgnr-group-public = staten, regioner, kommuner och församlingar
orgnr-group-limited-company = aktiebolag
orgnr-group-simple-partnership = enkla bolag
orgnr-group-economic-association = ekonomiska föreningar
orgnr-group-nonprofit = ideella föreningar och stiftelser
orgnr-group-trading-partnership = handels- och kommanditbolag
orgnr-group-other = övriga organisationsformer

# E-mails (src/outbox/mail.rs): subject and body per event kind, `mail-<kind>-subject/-body`
# The first line of a ticket e-mail when answers come back by mail: incoming replies are cut here
# (mail_in::quote recognises exactly this text, in both languages).
mail-reply-above = — Svara ovanför den här raden —
mail-footer = { $program } – det här meddelandet skickades automatiskt. Behöver du hjälp kan du svara på det eller kontakta supporten via portalen.
mail-member-email-verification-subject = Bekräfta din e-postadress hos { $program }
mail-member-email-verification-body = Hej { $name }!

    Bekräfta din e-postadress genom att öppna länken nedan. Länken gäller i 48 timmar och kan bara användas en gång.

    { $link }

    Om du inte har registrerat dig hos { $program } kan du bortse från det här meddelandet.
mail-partner-event-subject = [{ $program }] Ny händelse: { $event }
mail-partner-event-body = En ny händelse har registrerats i portalen.

    Händelse: { $event }
    Id: { $id }

    { $details }

# Header account links: templates/base.html
nav-login = Logga in
nav-register = Registrera
nav-logout = Logga ut
nav-account = Mitt konto
nav-staff-area = Personalens sidor
