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

    - vara ideell, till exempel en ideell förening med stadgar och organisationsnummer eller en registrerad stiftelse
    - ha ett syfte som gagnar samhället, till exempel fattigdomsbekämpning, utbildning, social omsorg, kultur, miljö, mänskliga rättigheter eller ett starkt civilsamhälle

    Även folkbibliotek och offentliga museer kan delta.

    Vilka typer av organisationer som kan delta bestäms av Microsofts regler för ideella organisationer. Vår partner bedömer varje organisation för sig, och Microsoft fattar det slutliga beslutet om varje beställning.

    Vill du få ett snabbt första besked kan du använda självtestet **Kan vi delta?**.

faq-seed-who-cannot-take-part-category = eligibility
faq-seed-who-cannot-take-part-slug = vilka-kan-inte-delta
faq-seed-who-cannot-take-part-title = Vilka organisationer kan inte delta?
faq-seed-who-cannot-take-part-body =
    Microsofts regler utesluter vissa typer av organisationer, även om de inte drivs i vinstsyfte:

    - organisationer som inte är ideella
    - myndigheter och andra offentliga organ, även mellanstatliga organisationer och FN-organ
    - skolor, högskolor och universitet, även museer som hör till ett lärosäte – för dem har Microsoft särskilda utbildningsprogram
    - sjukhus, vårdkoncerner, sjukvårdsförsäkringar och öppenvård
    - bolag som levererar el, vatten eller värme
    - banker, försäkringsbolag, pensionsfonder och andra finansiella institut

    Folkbibliotek och offentliga museer är ett undantag och kan delta, trots att de drivs av det offentliga.

    Politiska partier, lobbyorganisationer, fackförbund samt bransch- och yrkesorganisationer nämns inte i Microsofts nuvarande regler, men äldre villkor för programmet uteslöt dem. Vår partner bedömer därför varje sådan organisation för sig.

    Är du osäker på om din organisation kan delta? Kontakta supporten innan du registrerar organisationen.

faq-seed-budget-size-category = eligibility
faq-seed-budget-size-slug = spelar-budgeten-nagon-roll
faq-seed-budget-size-title = Spelar organisationens budget någon roll?
faq-seed-budget-size-body =
    Nej. Organisationer med en årlig driftsbudget av vilken storlek som helst kan ha rätt till produkterna – från den lilla föreningen som drivs av frivilliga till den stora riksorganisationen.

    Det som avgör är om organisationen är ideell och uppfyller Microsofts övriga krav, inte hur mycket pengar den omsätter.

    Tänk bara på att varje beställning av rabatterade produkter måste innehålla minst fem licenser, om inte produkterna är undantagna från kravet. I produktkatalogen ser du vilka produkter som är undantagna.

faq-seed-who-may-use-licences-category = eligibility
faq-seed-who-may-use-licences-slug = vem-far-anvanda-licenserna
faq-seed-who-may-use-licences-title = Vilka får använda licenserna?
faq-seed-who-may-use-licences-body =
    Det beror på om licenserna är donerade eller rabatterade:

    - **Donerade (kostnadsfria) licenser** får bara användas av anställd personal och oavlönade personer i organisationens ledning.
    - **Rabatterade licenser** får användas av all personal, även volontärer.

    Ingen av licenserna får någonsin användas av dem som organisationen hjälper, av givare eller av medlemmar i egenskap av medlemmar.

    Är du osäker på om en viss person får använda en licens? Fråga supporten innan du tilldelar den.

## Category: orders

faq-seed-how-to-order-category = orders
faq-seed-how-to-order-slug = hur-bestaller-vi
faq-seed-how-to-order-title = Hur beställer vi?
faq-seed-how-to-order-body =
    Så här går det till:

    - Registrera organisationen här i portalen och bekräfta din e-postadress.
    - Registrera organisationen på Microsofts portal för ideella organisationer (Nonprofit Hub). Ladda sedan upp valideringscertifikatet som du får där – det gör du under **Mitt konto** här i portalen.
    - Vänta tills vår partner har validerat organisationen i programmet. Du får besked via e-post.
    - Välj produkter och antal i beställningsformuläret under **Mitt konto**. Varje beställning av rabatterade produkter ska innehålla minst fem licenser, om inte produkterna är undantagna.

    Avgiften för varje licens står i produktkatalogen. Det är en administrationsavgift i kronor.

    När beställningen är skickad kan du följa den i beställningshistoriken. Varje beställning beviljas eller avslås, och du får beslutet via e-post. Microsoft förbehåller sig rätten att avslå en beställning när som helst.

    Donerade molntjänster, som Microsoft 365 Business Basic och Azure-krediten, beställer du inte här: organisationen aktiverar dem själv i Nonprofit Hub. Läs mer under **Molntjänster och aktiv användning**.

faq-seed-five-licence-minimum-category = orders
faq-seed-five-licence-minimum-slug = minst-fem-licenser
faq-seed-five-licence-minimum-title = Måste vi beställa minst fem licenser?
faq-seed-five-licence-minimum-body =
    Oftast ja. Varje beställning av rabatterade produkter måste innehålla minst fem licenser. Licenserna kan gälla en och samma produkt eller en kombination, till exempel tre licenser av en produkt och två av en annan.

    Microsoft undantar vissa produkter från kravet. I produktkatalogen står det vid varje produkt om den räknas in i kravet eller inte.

    - En beställning med bara undantagna produkter har inget lägsta antal.
    - Blandar du undantagna och andra rabatterade produkter räknas de undantagna licenserna in i de fem.
    - Donerade molntjänster räknas inte in i de fem och gör inte heller att kravet gäller.

    Serverprodukter licensieras per kärna och säljs i paket om två kärnor. Varje server behöver minst 16 kärnlicenser för Windows Server och minst 4 för SQL Server, så ett enda paket räcker aldrig till en server.

faq-seed-several-orders-category = orders
faq-seed-several-orders-slug = kan-vi-bestalla-flera-ganger
faq-seed-several-orders-title = Kan vi beställa flera gånger?
faq-seed-several-orders-body =
    Ja. Det finns ingen gräns för hur många beställningar du gör. En enskild beställning kan ha ett högsta antal per produkt, och Microsofts donationer har egna tak – det står vid varje produkt i katalogen.

    Kravet på minst fem licenser gäller däremot varje enskild beställning av rabatterade produkter. Två beställningar med tre licenser var räknas alltså inte ihop till sex.

    Alla organisationens beställningar, både pågående och tidigare, finns i beställningshistoriken under **Mitt konto**.

faq-seed-order-decision-category = orders
faq-seed-order-decision-slug = kan-en-bestallning-avslas
faq-seed-order-decision-title = Kan en beställning avslås?
faq-seed-order-decision-body =
    Ja. Microsoft förbehåller sig rätten att bevilja eller avslå en organisations beställning när som helst och av vilket skäl som helst. Att organisationen är validerad i programmet är alltså ingen garanti för att varje beställning beviljas.

    Varje beställning får ett dokumenterat beslut: beviljad eller avslagen. Avslås beställningen står skälet vid beställningen, och du får besked via e-post.

    Förstår du inte skälet, eller tror du att något har blivit fel? Kontakta supporten. Du kan göra en ny beställning när problemet är åtgärdat.

## Category: validation

faq-seed-how-validation-works-category = validation
faq-seed-how-validation-works-slug = hur-gar-valideringen-till
faq-seed-how-validation-works-title = Hur går valideringen till?
faq-seed-how-validation-works-body =
    Innan du kan beställa måste organisationen valideras, det vill säga godkännas som ideell organisation i programmet. Så här går det till:

    - Registrera organisationen på Microsofts portal för ideella organisationer (Nonprofit Hub). Där får organisationen ett valideringscertifikat från Microsoft.
    - Ladda upp certifikatet under **Mitt konto**, som PDF, PNG eller JPEG.
    - Vår partner granskar certifikatet och kan be om fler handlingar om det behövs.
    - Du får beslutet via e-post. Ett godkännande gäller under en viss period, och datumen ser du under **Mitt konto**.

    Microsofts certifikat gäller i två år och har ett eget slutdatum. Valideringen i programmet gäller som längst till certifikatets slutdatum.

    Blir certifikatet inte godkänt står skälet på sidan. Rätta det som skälet nämner och skicka in ett nytt certifikat. Organisationen kan bara ha ett certifikat under granskning åt gången.

faq-seed-validation-time-category = validation
faq-seed-validation-time-slug = hur-lang-tid-tar-valideringen
faq-seed-validation-time-title = Hur lång tid tar valideringen?
faq-seed-validation-time-body =
    Vår partner fattar normalt beslut inom 5–10 arbetsdagar från det att certifikatet kom in. Under **Mitt konto** ser du när du senast kan räkna med besked.

    Det kan ta längre tid om certifikatet är svårt att läsa eller om partnern behöver fler handlingar. Skicka därför en tydlig kopia, gärna som PDF, och svara så snart du kan om partnern hör av sig.

    Tiden gäller valideringen i programmet. Hur lång tid det tar att få kontot hos Microsoft godkänt styr Microsoft.

    Du får ett e-postmeddelande när beslutet är fattat. Har du inte hört något när det väntade datumet har passerat kan du kontakta supporten.

faq-seed-documents-needed-category = validation
faq-seed-documents-needed-slug = vilka-handlingar-behovs
faq-seed-documents-needed-title = Vilka handlingar behöver vi?
faq-seed-documents-needed-body =
    Den viktigaste handlingen är valideringscertifikatet från Microsoft, som organisationen får när den är registrerad på Microsofts portal för ideella organisationer (Nonprofit Hub). Microsoft kräver certifikatet av alla organisationer som beställer rabatterade produkter.

    Vår partner kan också vilja se handlingar som visar att organisationen är ideell, till exempel:

    - det senaste justerade och undertecknade årsmötesprotokollet, för föreningar
    - protokollet från det konstituerande mötet, för nybildade föreningar
    - den senaste årsredovisningen, för stiftelser

    Ha gärna handlingarna till hands innan du registrerar organisationen, så är du redo om partnern frågar efter dem. Behövs fler handlingar berättar partnern hur du skickar in dem.

    Filerna laddar du upp som PDF, PNG eller JPEG på högst 10 MB var.

faq-seed-two-validations-category = validation
faq-seed-two-validations-slug = microsoft-konto-och-validering
faq-seed-two-validations-title = Är kontot hos Microsoft och valideringen i programmet samma sak?
faq-seed-two-validations-body =
    Nej, det är två olika saker:

    - **Kontot hos Microsoft för ideella organisationer** skapar du i Nonprofit Hub, och det är Microsoft som godkänner det. Det är också där organisationen får valideringscertifikatet.
    - **Valideringen i programmet** gör vår partner här i portalen. Den behövs för att organisationen ska kunna beställa hos oss.

    De två hanteras var för sig. Det ena kan alltså vara godkänt medan det andra fortfarande behandlas.

    På våra sidor står det alltid vilken av de två en status gäller. Under **Mitt konto** ser du statusen för valideringen i programmet.

## Category: cloud

faq-seed-active-use-category = cloud
faq-seed-active-use-slug = vad-ar-aktiv-anvandning
faq-seed-active-use-title = Vad menas med aktiv användning?
faq-seed-active-use-body =
    Organisationer som får donerade molntjänster måste se till att minst 85 procent av de donerade licenserna används aktivt. Kravet gäller bara de donerade (kostnadsfria) licenserna, inte licenser som organisationen betalar för, till rabatterat pris eller fullt pris.

    En användare räknas som aktiv om användaren har använt minst en Microsoft 365-molntjänst under de senaste 90 dagarna. Till molntjänsterna hör bland annat:

    - Exchange Online (e-post)
    - Microsoft Teams
    - Viva Engage (tidigare Yammer)
    - Microsoft 365-apparna
    - OneDrive
    - SharePoint

    Användning av Office-appar med permanent licens, som Office Standard eller Office Professional, räknas inte.

    Ett exempel: har organisationen 20 donerade licenser behöver minst 17 av användarna ha varit aktiva under de senaste 90 dagarna.

    Microsofts donerade molntjänster för ideella organisationer är i dag:

    - **Microsoft 365 Business Basic** – kostnadsfritt, upp till 300 licenser.
    - **Azure** – en kredit på 2 000 US-dollar om året. Den aktiveras i Nonprofit Hub och förnyas varje år.

    Den kostnadsfria donationen av Microsoft 365 Business Premium (upp till 10 licenser) upphörde den 1 juli 2025, eller vid organisationens nästa förnyelse. Business Premium och Business Standard finns nu som rabatterade prenumerationer. Har organisationen kvar den gamla Premium-donationen behöver användarna flyttas till Business Basic eller till betalda licenser.

    Donationerna aktiverar organisationen själv i Microsofts portal för ideella organisationer (Nonprofit Hub). Programmet skickar alltså inte ut dem, men vår partner validerar organisationen och hjälper till om något krånglar.

faq-seed-check-active-use-category = cloud
faq-seed-check-active-use-slug = kontrollera-aktiv-anvandning
faq-seed-check-active-use-title = Hur kontrollerar vi den aktiva användningen?
faq-seed-check-active-use-body =
    Under **Mitt konto** finns sidan **Aktiv användning**, där du ser hur organisationen ligger till:

    - Logga in i Microsoft 365-administrationscentret och gå till Rapporter → Användning → Aktiva användare.
    - Välj perioden 90 dagar och exportera rapporten som CSV.
    - Ladda upp filen på sidan Aktiv användning.

    Sidan visar hur stor andel av licenserna som används aktivt jämfört med kravet på 85 procent, både totalt och per produkt, och vilka användare som inte har varit aktiva. Listan över inaktiva användare kan du ladda ner som CSV.

    Vill du få med mer av aktiviteten kan du också ladda upp exporterna för Microsoft 365-appar, Teams, e-post och Viva Engage från samma dag. Själva filerna sparas inte, men du kan välja att spara siffrorna och följa utvecklingen över tid. Vår partner ser de sparade siffrorna också.

faq-seed-below-85-per-cent-category = cloud
faq-seed-below-85-per-cent-slug = under-85-procent
faq-seed-below-85-per-cent-title = Vad händer om den aktiva användningen är under 85 procent?
faq-seed-below-85-per-cent-body =
    Microsoft skickar då meddelanden till organisationen, till exempel ”M365 Utilization Grant Requirements” och ”Licenses Will Be Disabled”. Microsoft kan ta bort donationen eller gå över till kommersiella priser. Det lönar sig därför att rätta till det så snart som möjligt. Kontakta supporten om du är osäker på vad det innebär för organisationen.

    Så kommer organisationen upp till 85 procent igen:

    - **Flytta licenser** från personer som inte använder dem till personer som behöver dem.
    - **Säg upp licenser** som ingen behöver. Färre licenser ger en högre andel aktiva.
    - **Hjälp användarna i gång**, till exempel med Teams, Outlook på webben eller OneDrive. Det räcker att de använder en av molntjänsterna.

    Tänk på att donerade licenser bara får användas av anställd personal och oavlönade personer i organisationens ledning, även när du flyttar dem till någon annan.

    Gör en ny kontroll på sidan **Aktiv användning** efter några dagar för att se att andelen har gått upp.

## Category: support

faq-seed-get-support-category = support
faq-seed-get-support-slug = hur-far-vi-hjalp
faq-seed-get-support-title = Hur får vi hjälp?
faq-seed-get-support-body =
    Vår partner sköter all kundsupport i programmet. Är du inloggad skapar du ett ärende under **Mitt konto**, så ser dina kollegor det också. Annars använder du formuläret under **Kontakt** – då behövs inget konto.

    Besked om validering och beställningar får du också via e-post: vi skickar ett meddelande varje gång ett certifikat eller en beställning har behandlats, med beslutet.

    Skriv gärna vilken organisation det gäller, vad frågan handlar om och vad du redan har provat. Skicka aldrig lösenord.

faq-seed-partner-role-category = support
faq-seed-partner-role-slug = vad-gor-partnern
faq-seed-partner-role-title = Vad gör programmets partnerorganisation?
faq-seed-partner-role-body =
    Programmet har en partnerorganisation som hanterar all validering och all kundsupport för programmets kunder. Partnern är alltså supporten, och partnerns personal arbetar i samma portal som du.

    Partnern:

    - granskar valideringscertifikat och beslutar om valideringen i programmet
    - handlägger beställningarna och meddelar organisationen beslutet om varje beställning
    - svarar på frågor och ärenden från kunderna

    Det är alltså partnern du har kontakt med när du behöver hjälp. Microsoft förbehåller sig fortfarande rätten att bevilja eller avslå varje beställning.
