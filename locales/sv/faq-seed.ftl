# FAQ seed: the articles the FAQ starts with. Staff can edit them afterwards in the admin pages.
# For each article key K in faq-seed-articles: faq-seed-K-category (a key in faq-seed-categories,
# the same in every language), faq-seed-K-slug (a-z, 0-9 and hyphens), faq-seed-K-title and
# faq-seed-K-body (Markdown: paragraphs, "-" lists, bold). No variables in this file.

faq-seed-categories = eligibility orders validation cloud support
faq-seed-articles = who-can-take-part who-cannot-take-part budget-size who-may-use-licences how-to-order five-licence-minimum several-orders order-decision how-validation-works validation-time documents-needed two-validations active-use check-active-use below-85-per-cent get-support partner-role

faq-seed-category-eligibility = Vem kan delta?
faq-seed-category-orders = Beställningar och licenser
faq-seed-category-validation = Validering
faq-seed-category-cloud = Molntjänster och aktiv användning
faq-seed-category-support = Hjälp och support

## Category: eligibility

faq-seed-who-can-take-part-category = eligibility
faq-seed-who-can-take-part-slug = vem-kan-delta
faq-seed-who-can-take-part-title = Vilka organisationer kan delta?
faq-seed-who-can-take-part-body =
    Programmet är till för ideella organisationer. För att kunna delta ska organisationen:

    - ha erkänd ideell status i Sverige, till exempel som ideell förening eller stiftelse
    - ha ett syfte som gagnar samhället, till exempel fattigdomsbekämpning, utbildning, social omsorg, kultur, miljö, mänskliga rättigheter eller civilsamhälle

    Även folkbibliotek och offentliga museer kan delta.

    Vilka typer av organisationer som kan delta bestäms av Microsofts regler för ideella organisationer. Vår partner bedömer varje organisation för sig, och Microsoft fattar det slutliga beslutet om varje beställning.

    Vill ni få ett snabbt första besked kan ni använda självtestet **Testa din organisation**.

faq-seed-who-cannot-take-part-category = eligibility
faq-seed-who-cannot-take-part-slug = vilka-kan-inte-delta
faq-seed-who-cannot-take-part-title = Vilka organisationer kan inte delta?
faq-seed-who-cannot-take-part-body =
    Microsofts regler utesluter vissa typer av organisationer, även om de inte drivs i vinstsyfte:

    - organisationer som saknar erkänd ideell status
    - myndigheter och andra offentliga organ, även internationella organisationer och FN-organ
    - skolor, högskolor och universitet, även museer som hör till ett lärosäte – för dem har Microsoft särskilda utbildningsprogram
    - sjukhus, vårdnätverk, sjukvårdsförsäkringar och öppenvård
    - bolag som levererar el, vatten, värme eller annan grundläggande samhällsservice
    - banker, försäkringsbolag, pensionsfonder och andra finansiella institut

    Äldre versioner av programmets villkor utesluter också politiska partier, lobbyorganisationer, fackförbund samt bransch- och yrkesförbund.

    Folkbibliotek och offentliga museer är ett undantag och kan delta, trots att de drivs av det offentliga.

    Är ni osäkra på om er organisation kan delta? Kontakta supporten innan ni ansöker.

faq-seed-budget-size-category = eligibility
faq-seed-budget-size-slug = spelar-budgeten-nagon-roll
faq-seed-budget-size-title = Spelar organisationens budget någon roll?
faq-seed-budget-size-body =
    Nej. Organisationer med en årlig driftsbudget av vilken storlek som helst kan ha rätt till produkterna – från den lilla föreningen som drivs av frivilliga till den stora riksorganisationen.

    Det som avgör är om organisationen är ideell och uppfyller Microsofts övriga krav, inte hur mycket pengar den omsätter.

    Tänk bara på att varje beställning av rabatterade produkter måste innehålla minst fem licenser, om inte produkterna är undantagna från kravet. I produktkatalogen ser ni vilka produkter som är undantagna.

faq-seed-who-may-use-licences-category = eligibility
faq-seed-who-may-use-licences-slug = vem-far-anvanda-licenserna
faq-seed-who-may-use-licences-title = Vilka får använda licenserna?
faq-seed-who-may-use-licences-body =
    Det beror på om licenserna är donerade eller rabatterade:

    - **Donerade (kostnadsfria) licenser** får bara användas av anställd personal och oavlönade ledamöter i organisationens ledning.
    - **Rabatterade licenser** får användas av all personal, även volontärer.

    Ingen av licenserna får någonsin användas av dem som organisationen hjälper, av givare eller av medlemmar.

    Är ni osäkra på om en viss person får använda en licens? Fråga supporten innan ni tilldelar den.

## Category: orders

faq-seed-how-to-order-category = orders
faq-seed-how-to-order-slug = hur-bestaller-vi
faq-seed-how-to-order-title = Hur beställer vi?
faq-seed-how-to-order-body =
    Så här går det till:

    - Registrera organisationen här i portalen och bekräfta din e-postadress.
    - Registrera organisationen på Microsofts portal för ideella organisationer och ladda upp valideringscertifikatet ni får där under **Mitt konto**.
    - Vänta tills vår partner har validerat organisationen i programmet. Ni får besked via e-post.
    - Välj produkter och antal i beställningsformuläret under **Mitt konto**. Varje beställning av rabatterade produkter ska innehålla minst fem licenser, om inte produkterna är undantagna.

    Avgiften för varje licens står i produktkatalogen. Det är en administrativ avgift i kronor.

    När beställningen är skickad kan ni följa den i beställningshistoriken. Microsoft beviljar eller avslår varje beställning, och ni får beslutet via e-post.

faq-seed-five-licence-minimum-category = orders
faq-seed-five-licence-minimum-slug = minst-fem-licenser
faq-seed-five-licence-minimum-title = Måste vi beställa minst fem licenser?
faq-seed-five-licence-minimum-body =
    Oftast ja. Varje beställning av rabatterade produkter måste innehålla minst fem licenser. Licenserna kan vara av samma produkt eller en blandning, till exempel tre licenser av en produkt och två av en annan.

    Vissa produkter är undantagna från kravet. I produktkatalogen står det vid varje produkt om den räknas in i kravet eller inte.

    - En beställning med bara undantagna produkter har inget minsta antal.
    - Blandar ni undantagna och andra rabatterade produkter räknas de undantagna licenserna in i de fem.
    - Donerade molntjänster räknas inte in i de fem och utlöser inte heller kravet.

faq-seed-several-orders-category = orders
faq-seed-several-orders-slug = kan-vi-bestalla-flera-ganger
faq-seed-several-orders-title = Kan vi beställa flera gånger?
faq-seed-several-orders-body =
    Ja. Det finns ingen gräns för hur många beställningar ni gör, och ni kan beställa hur många rabatterade produkter och molntjänster som helst.

    Kravet på minst fem licenser gäller däremot varje enskild beställning av rabatterade produkter. Två beställningar med tre licenser var räknas alltså inte ihop till sex.

    Alla era beställningar, både pågående och tidigare, finns i beställningshistoriken under **Mitt konto**.

faq-seed-order-decision-category = orders
faq-seed-order-decision-slug = kan-en-bestallning-avslas
faq-seed-order-decision-title = Kan en beställning avslås?
faq-seed-order-decision-body =
    Ja. Microsoft förbehåller sig rätten att bevilja eller avslå en organisations beställning när som helst och av vilket skäl som helst. Att organisationen är validerad i programmet är alltså ingen garanti för att varje beställning beviljas.

    Varje beställning får ett registrerat beslut: beviljad eller avslagen. Avslås beställningen står skälet vid beställningen, och ni får besked via e-post.

    Förstår ni inte skälet, eller tror ni att något har blivit fel? Kontakta supporten. Ni kan alltid göra en ny beställning när det som skälet gäller är åtgärdat.

## Category: validation

faq-seed-how-validation-works-category = validation
faq-seed-how-validation-works-slug = hur-gar-valideringen-till
faq-seed-how-validation-works-title = Hur går valideringen till?
faq-seed-how-validation-works-body =
    Innan ni kan beställa måste organisationen valideras, det vill säga godkännas som ideell organisation i programmet. Så här går det till:

    - Registrera organisationen på Microsofts portal för ideella organisationer. Där får ni ett valideringscertifikat från Microsoft.
    - Ladda upp certifikatet under **Mitt konto**, som PDF, PNG eller JPEG.
    - Vår partner granskar certifikatet och kan be om fler handlingar om det behövs.
    - Ni får beslutet via e-post. Ett godkännande gäller under en viss period, och datumen ser ni under **Mitt konto**.

    Blir certifikatet inte godkänt står skälet på sidan. Rätta det som skälet nämner och skicka in ett nytt certifikat. Ni kan bara ha ett certifikat under granskning åt gången.

faq-seed-validation-time-category = validation
faq-seed-validation-time-slug = hur-lang-tid-tar-valideringen
faq-seed-validation-time-title = Hur lång tid tar valideringen?
faq-seed-validation-time-body =
    Vår partner fattar normalt beslut inom 5–10 arbetsdagar från att certifikatet har kommit in. Under **Mitt konto** ser ni vilket datum ni kan räkna med besked.

    Det kan ta längre tid om certifikatet är svårt att läsa eller om partnern behöver fler handlingar. Skicka därför en tydlig kopia, gärna som PDF, och svara så snart ni kan om partnern hör av sig.

    Tiden gäller valideringen i programmet. Hur lång tid det tar att få kontot hos Microsoft godkänt styr Microsoft.

    Ni får ett e-postmeddelande när beslutet är fattat. Har ni inte hört något när det väntade datumet har passerat kan ni kontakta supporten.

faq-seed-documents-needed-category = validation
faq-seed-documents-needed-slug = vilka-handlingar-behovs
faq-seed-documents-needed-title = Vilka handlingar behöver vi?
faq-seed-documents-needed-body =
    Den viktigaste handlingen är valideringscertifikatet från Microsoft, som ni får när organisationen är registrerad på Microsofts portal för ideella organisationer. Microsoft kräver certifikatet av alla organisationer som beställer rabatterade produkter.

    Vår partner kan också vilja se handlingar som visar att organisationen är ideell, till exempel:

    - ett justerat och undertecknat årsmötesprotokoll, för föreningar
    - den senaste årsredovisningen, för stiftelser

    Ha gärna handlingarna till hands innan ni ansöker, så är ni redo om partnern frågar efter dem. Behövs fler handlingar berättar partnern hur ni skickar in dem.

    Filerna laddar ni upp som PDF, PNG eller JPEG på högst 10 MB var.

faq-seed-two-validations-category = validation
faq-seed-two-validations-slug = microsoft-konto-och-validering
faq-seed-two-validations-title = Är kontot hos Microsoft och valideringen hos er samma sak?
faq-seed-two-validations-body =
    Nej, det är två olika saker:

    - **Kontot hos Microsoft för ideella organisationer** skapar ni på Microsofts portal för ideella organisationer, och det är Microsoft som godkänner det. Det är också där ni får valideringscertifikatet.
    - **Valideringen i programmet** gör vår partner här i portalen. Den behövs för att ni ska kunna beställa hos oss.

    De två hanteras var för sig. Vilket som helst av dem kan alltså vara godkänt medan det andra fortfarande behandlas.

    På våra sidor står det alltid vilken av de två en status gäller. Under **Mitt konto** ser ni statusen för valideringen i programmet.

## Category: cloud

faq-seed-active-use-category = cloud
faq-seed-active-use-slug = vad-ar-aktiv-anvandning
faq-seed-active-use-title = Vad menas med aktiv användning?
faq-seed-active-use-body =
    Organisationer som får donerade molntjänster från Microsoft måste se till att minst 85 procent av alla donerade licenser används aktivt. Kravet gäller de donerade licenserna, inte licenser som ni har köpt till rabatterat pris.

    En användare räknas som aktiv om den har använt minst en Microsoft 365-molntjänst under de senaste 90 dagarna. Till molntjänsterna hör bland annat:

    - Exchange Online (e-post)
    - Microsoft Teams
    - Viva Engage (tidigare Yammer)
    - Microsoft 365-apparna
    - OneDrive
    - SharePoint

    Användning av Office-appar med permanent licens, som Office Standard eller Office Professional, räknas inte.

    Ett exempel: har ni 20 donerade licenser tilldelade behöver minst 17 av användarna ha varit aktiva under de senaste 90 dagarna.

faq-seed-check-active-use-category = cloud
faq-seed-check-active-use-slug = kontrollera-aktiv-anvandning
faq-seed-check-active-use-title = Hur kontrollerar vi den aktiva användningen?
faq-seed-check-active-use-body =
    Under **Mitt konto** finns sidan **Aktiv användning**, där ni ser hur ni ligger till:

    - Logga in i Microsoft 365 administrationscenter och gå till Rapporter → Användning → Aktiva användare.
    - Välj perioden 90 dagar och exportera rapporten som CSV.
    - Ladda upp filen på sidan Aktiv användning.

    Sidan visar hur stor andel av licenserna som används aktivt jämfört med kravet på 85 procent, både totalt och per produkt, och vilka användare som inte har varit aktiva. Listan över inaktiva användare kan ni ladda ner som CSV.

    Vill ni få med mer av aktiviteten kan ni också ladda upp exporterna för Microsoft 365-appar, Teams, e-post och Viva Engage från samma dag. Själva filerna sparas inte, men ni kan välja att spara siffrorna och följa utvecklingen över tid.

faq-seed-below-85-per-cent-category = cloud
faq-seed-below-85-per-cent-slug = under-85-procent
faq-seed-below-85-per-cent-title = Vad händer om den aktiva användningen är under 85 procent?
faq-seed-below-85-per-cent-body =
    Då kan Microsoft dra in de donerade molntjänstlicenserna. Det lönar sig därför att rätta till det så snart som möjligt.

    Så kommer ni upp till 85 procent igen:

    - **Flytta licenser** från personer som inte använder dem till personer som behöver dem.
    - **Ta bort licenser** som ingen behöver. Färre licenser ger en högre andel aktiva.
    - **Hjälp användarna i gång**, till exempel med Teams, Outlook på webben eller OneDrive. Det räcker att de använder en av molntjänsterna.

    Tänk på att donerade licenser bara får användas av anställd personal och oavlönade ledamöter i ledningen, även när ni flyttar dem till någon annan.

    Gör en ny kontroll på sidan **Aktiv användning** efter några dagar för att se att andelen har gått upp.

## Category: support

faq-seed-get-support-category = support
faq-seed-get-support-slug = hur-far-vi-hjalp
faq-seed-get-support-title = Hur får vi hjälp?
faq-seed-get-support-body =
    Vår partner sköter all kundsupport i programmet. Kontaktuppgifterna till partnern finns längst ned på varje sida.

    Svar om validering och beställningar får ni också via e-post: vi skickar ett meddelande varje gång ett certifikat eller en beställning har behandlats, och svaret följer med.

    Skriv gärna vilken organisation det gäller, vad frågan handlar om och vad ni redan har provat. Skicka aldrig lösenord.

faq-seed-partner-role-category = support
faq-seed-partner-role-slug = vad-gor-partnern
faq-seed-partner-role-title = Vad gör er partnerorganisation?
faq-seed-partner-role-body =
    Programmet har en partnerorganisation som hanterar all validering och all kundsupport för programmets kunder. Partnerns personal arbetar i samma portal som ni.

    Partnern:

    - granskar valideringscertifikat och beslutar om valideringen i programmet
    - handlägger beställningarna och meddelar er beslutet om varje beställning
    - svarar på frågor och ärenden från kunderna

    Det är alltså partnern ni har kontakt med när ni behöver hjälp. Det slutliga beslutet om varje beställning fattar fortfarande Microsoft.
