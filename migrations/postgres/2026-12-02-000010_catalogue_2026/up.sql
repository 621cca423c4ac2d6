-- Brings the seeded catalogue and FAQ up to Microsoft's offers as of 2026 (PRODUCT.md 6a) and
-- the language review of December 2026. Only rows that still hold exactly what they were seeded
-- with change: a row staff have edited is kept whole (the staff product list marks seeded rows
-- that differ from the current defaults). Orders and their history are not touched.

UPDATE products SET name_sv = 'Microsoft 365 Business Basic (donation)',
    name_en = 'Microsoft 365 Business Basic (donation)',
    description_sv = 'Webb- och mobilversioner av Office, e-post med Exchange, Teams, OneDrive och SharePoint. Doneras kostnadsfritt till berättigade organisationer, upp till 300 licenser. Organisationen aktiverar donationen själv i Microsofts portal för ideella organisationer (Nonprofit Hub); programmet validerar organisationen och vår partner hjälper till om något krånglar.',
    description_en = 'Web and mobile versions of Office, e-mail with Exchange, Teams, OneDrive and SharePoint. Donated free of charge to eligible organisations, up to 300 licences. Your organisation activates the grant itself in Microsoft''s nonprofit portal (Nonprofit Hub); the programme validates your organisation and our partner helps if anything goes wrong.',
    kind = 'donated_cloud',
    max_quantity = 300
WHERE sku = 'm365-business-basic'
    AND name_sv = 'Microsoft 365 Business Basic (donation)'
    AND name_en = 'Microsoft 365 Business Basic (donation)'
    AND description_sv = 'Webb- och mobilversioner av Office, e-post med Exchange, Teams, OneDrive och SharePoint. Doneras kostnadsfritt till berättigade organisationer, upp till 300 licenser.'
    AND description_en = 'Web and mobile versions of Office, e-mail with Exchange, Teams, OneDrive and SharePoint. Donated free of charge to eligible organisations, up to 300 licences.'
    AND kind = 'donated_cloud'
    AND max_quantity = 300
    AND exempt = FALSE
    AND fee_ore = 0;

UPDATE products SET name_sv = 'Microsoft 365 Business Premium',
    name_en = 'Microsoft 365 Business Premium',
    description_sv = 'Allt i Business Basic samt Office-apparna för datorn och avancerat säkerhetsskydd. Rabatterad prenumeration för ideella organisationer, cirka 75 procent under ordinarie pris. Den kostnadsfria donationen av upp till 10 licenser upphörde den 1 juli 2025 (eller vid organisationens nästa förnyelse). Har organisationen kvar den gamla donationen behöver användarna flyttas till den donerade Business Basic eller till betalda licenser, till exempel den här prenumerationen.',
    description_en = 'Everything in Business Basic plus the desktop Office apps and advanced security. A discounted subscription for nonprofits, about 75 per cent below the commercial price. The free grant of up to 10 licences ended on 1 July 2025 (or at each organisation''s next renewal). Organisations that still hold the old grant have to move their users to the donated Business Basic or to paid licences, such as this subscription.',
    kind = 'discounted',
    max_quantity = 300
WHERE sku = 'm365-business-premium'
    AND name_sv = 'Microsoft 365 Business Premium (donation)'
    AND name_en = 'Microsoft 365 Business Premium (donation)'
    AND description_sv = 'Allt i Business Basic samt Office-apparna för datorn och avancerat säkerhetsskydd. Doneras kostnadsfritt, upp till 10 licenser.'
    AND description_en = 'Everything in Business Basic plus the desktop Office apps and advanced security. Donated free of charge, up to 10 licences.'
    AND kind = 'donated_cloud'
    AND max_quantity = 10
    AND exempt = FALSE
    AND fee_ore = 0;

UPDATE products SET name_sv = 'Windows Server 2025 Standard (16 kärnor)',
    name_en = 'Windows Server 2025 Standard (16 cores)',
    description_sv = 'Serveroperativsystem med rätt till två virtuella maskiner. Licensieras per kärna och säljs i paket om två kärnor; varje server behöver minst 16 kärnlicenser, även om den har färre kärnor. Den här artikeln innehåller 16 kärnlicenser (åtta paket), alltså det minsta en server behöver. Har servern fler än 16 kärnor behövs fler licenser.',
    description_en = 'Server operating system with the right to two virtual machines. Licensed per core and sold in packs of two cores; every server needs at least 16 core licences, even if it has fewer cores. This item holds 16 core licences (eight packs), the least a server needs. A server with more than 16 cores needs more licences.',
    kind = 'discounted',
    max_quantity = 5
WHERE sku = 'windows-server-standard'
    AND name_sv = 'Windows Server 2025 Standard (16 kärnor)'
    AND name_en = 'Windows Server 2025 Standard (16 cores)'
    AND description_sv = 'Serveroperativsystem för en fysisk server med upp till 16 kärnor och två virtuella maskiner. Undantagen från kravet på minst fem licenser.'
    AND description_en = 'Server operating system for one physical server with up to 16 cores and two virtual machines. Exempt from the five-licence minimum.'
    AND kind = 'discounted'
    AND max_quantity = 5
    AND exempt = TRUE
    AND fee_ore = 79900;

UPDATE products SET name_sv = 'SQL Server 2022 Standard (2 kärnor)',
    name_en = 'SQL Server 2022 Standard (2 cores)',
    description_sv = 'Databasserver. Licensieras per kärna och säljs i paket om två kärnor; varje server behöver minst fyra kärnlicenser, alltså minst två paket, även om den har färre kärnor. En artikel är ett paket om två kärnor.',
    description_en = 'Database server. Licensed per core and sold in packs of two cores; every server needs at least four core licences, that is at least two packs, even if it has fewer cores. One item is a pack of two cores.',
    kind = 'discounted',
    max_quantity = 5
WHERE sku = 'sql-server-standard'
    AND name_sv = 'SQL Server 2022 Standard (2 kärnor)'
    AND name_en = 'SQL Server 2022 Standard (2 cores)'
    AND description_sv = 'Databasserver licensierad per två kärnor. Undantagen från kravet på minst fem licenser.'
    AND description_en = 'Database server licensed per two cores. Exempt from the five-licence minimum.'
    AND kind = 'discounted'
    AND max_quantity = 5
    AND exempt = TRUE
    AND fee_ore = 99900;

UPDATE faq_articles SET title_sv = 'Vilka organisationer kan delta?',
    title_en = 'Which organisations can take part?',
    body_sv = 'Programmet är till för ideella organisationer. För att kunna delta ska organisationen:

- vara ideell, till exempel en ideell förening med stadgar och organisationsnummer eller en registrerad stiftelse
- ha ett syfte som gagnar samhället, till exempel fattigdomsbekämpning, utbildning, social omsorg, kultur, miljö, mänskliga rättigheter eller ett starkt civilsamhälle

Även folkbibliotek och offentliga museer kan delta.

Vilka typer av organisationer som kan delta bestäms av Microsofts regler för ideella organisationer. Vår partner bedömer varje organisation för sig, och Microsoft fattar det slutliga beslutet om varje beställning.

Vill du få ett snabbt första besked kan du använda självtestet **Kan vi delta?**.',
    body_en = 'The programme is for nonprofit organisations. To take part, your organisation must:

- be a nonprofit, for example a nonprofit association (ideell förening) with statutes and an organisation number, or a registered foundation (stiftelse)
- exist for a purpose that benefits the community, such as relieving poverty, education, social welfare, culture, the environment, human rights or a strong civil society

Public libraries and public museums may also take part.

Which kinds of organisation qualify is decided by Microsoft''s nonprofit eligibility rules. Our partner assesses each organisation individually, and Microsoft has the final say on every order.

For a quick first answer, try the self-check, **Do we qualify?**.'
WHERE slug_sv = 'vem-kan-delta'
    AND slug_en = 'who-can-take-part'
    AND title_sv = 'Vilka organisationer kan delta?'
    AND title_en = 'Which organisations can take part?'
    AND body_sv = 'Programmet är till för ideella organisationer. För att kunna delta ska organisationen:

- ha erkänd ideell status i Sverige, till exempel som ideell förening eller stiftelse
- ha ett syfte som gagnar samhället, till exempel fattigdomsbekämpning, utbildning, social omsorg, kultur, miljö, mänskliga rättigheter eller civilsamhälle

Även folkbibliotek och offentliga museer kan delta.

Vilka typer av organisationer som kan delta bestäms av Microsofts regler för ideella organisationer. Vår partner bedömer varje organisation för sig, och Microsoft fattar det slutliga beslutet om varje beställning.

Vill ni få ett snabbt första besked kan ni använda självtestet **Testa din organisation**.'
    AND body_en = 'The programme is for nonprofit organisations. To take part, your organisation must:

- have recognised nonprofit status in Sweden, for example as a nonprofit association (ideell förening) or a foundation (stiftelse)
- exist for a purpose that benefits the community, such as relieving poverty, education, social welfare, culture, the environment, human rights or civil society

Public libraries and public museums may also take part.

The rules on which kinds of organisation qualify are Microsoft''s nonprofit eligibility rules. Our partner assesses each organisation individually, and Microsoft has the final say on every order.

For a quick first answer, try the self-check, **Check your organisation**.';

UPDATE faq_articles SET title_sv = 'Vilka organisationer kan inte delta?',
    title_en = 'Which organisations cannot take part?',
    body_sv = 'Microsofts regler utesluter vissa typer av organisationer, även om de inte drivs i vinstsyfte:

- organisationer som inte är ideella
- myndigheter och andra offentliga organ, även mellanstatliga organisationer och FN-organ
- skolor, högskolor och universitet, även museer som hör till ett lärosäte – för dem har Microsoft särskilda utbildningsprogram
- sjukhus, vårdkoncerner, sjukvårdsförsäkringar och öppenvård
- bolag som levererar el, vatten eller värme
- banker, försäkringsbolag, pensionsfonder och andra finansiella institut

Folkbibliotek och offentliga museer är ett undantag och kan delta, trots att de drivs av det offentliga.

Politiska partier, lobbyorganisationer, fackförbund samt bransch- och yrkesorganisationer nämns inte i Microsofts nuvarande regler, men äldre villkor för programmet uteslöt dem. Vår partner bedömer därför varje sådan organisation för sig.

Är du osäker på om din organisation kan delta? Kontakta supporten innan du registrerar organisationen.',
    body_en = 'Microsoft''s rules exclude some kinds of organisation, even if they are not run for profit:

- organisations that are not nonprofits
- government bodies, including intergovernmental organisations and UN entities
- schools, colleges and universities, including museums that belong to a university or college; Microsoft has separate education programmes for them
- hospitals, healthcare networks, health insurers and outpatient care
- companies that supply electricity, water or heating
- banks, insurers, pension funds and other financial institutions

Public libraries and public museums are the exception: they can take part even though they are publicly run.

Political parties, lobbying groups, trade unions, and business and professional associations are not named in Microsoft''s current rules, but older programme terms excluded them. Our partner therefore assesses each such organisation individually.

Not sure where your organisation stands? Contact support before you register it.'
WHERE slug_sv = 'vilka-kan-inte-delta'
    AND slug_en = 'who-cannot-take-part'
    AND title_sv = 'Vilka organisationer kan inte delta?'
    AND title_en = 'Which organisations cannot take part?'
    AND body_sv = 'Microsofts regler utesluter vissa typer av organisationer, även om de inte drivs i vinstsyfte:

- organisationer som saknar erkänd ideell status
- myndigheter och andra offentliga organ, även internationella organisationer och FN-organ
- skolor, högskolor och universitet, även museer som hör till ett lärosäte – för dem har Microsoft särskilda utbildningsprogram
- sjukhus, vårdnätverk, sjukvårdsförsäkringar och öppenvård
- bolag som levererar el, vatten, värme eller annan grundläggande samhällsservice
- banker, försäkringsbolag, pensionsfonder och andra finansiella institut

Äldre versioner av programmets villkor utesluter också politiska partier, lobbyorganisationer, fackförbund samt bransch- och yrkesförbund.

Folkbibliotek och offentliga museer är ett undantag och kan delta, trots att de drivs av det offentliga.

Är ni osäkra på om er organisation kan delta? Kontakta supporten innan ni ansöker.'
    AND body_en = 'Microsoft''s rules exclude some kinds of organisation, even if they are not run for profit:

- organisations without recognised nonprofit status
- government bodies, including international organisations and UN entities
- schools, colleges and universities, including museums that belong to a university or college; Microsoft has separate education programmes for them
- hospitals, healthcare networks, health insurers and outpatient care
- public utilities, such as electricity, water and heating companies
- banks, insurers, pension funds and other financial institutions

Earlier versions of the programme''s terms also exclude political parties, lobbying groups, trade unions, and business and professional associations.

Public libraries and public museums are the exception: they can take part even though they are publicly run.

Not sure where your organisation stands? Contact support before you apply.';

UPDATE faq_articles SET title_sv = 'Spelar organisationens budget någon roll?',
    title_en = 'Does the size of our budget matter?',
    body_sv = 'Nej. Organisationer med en årlig driftsbudget av vilken storlek som helst kan ha rätt till produkterna – från den lilla föreningen som drivs av frivilliga till den stora riksorganisationen.

Det som avgör är om organisationen är ideell och uppfyller Microsofts övriga krav, inte hur mycket pengar den omsätter.

Tänk bara på att varje beställning av rabatterade produkter måste innehålla minst fem licenser, om inte produkterna är undantagna från kravet. I produktkatalogen ser du vilka produkter som är undantagna.',
    body_en = 'No. Organisations with an annual operating budget of any size may qualify, from a small volunteer-run club to a large national organisation.

What matters is whether your organisation is a nonprofit and meets Microsoft''s other requirements, not how much money it turns over.

One thing to bear in mind: every order of discounted products must contain at least five licences, unless the products are exempt. The product catalogue shows which products are exempt.'
WHERE slug_sv = 'spelar-budgeten-nagon-roll'
    AND slug_en = 'does-our-budget-matter'
    AND title_sv = 'Spelar organisationens budget någon roll?'
    AND title_en = 'Does the size of our budget matter?'
    AND body_sv = 'Nej. Organisationer med en årlig driftsbudget av vilken storlek som helst kan ha rätt till produkterna – från den lilla föreningen som drivs av frivilliga till den stora riksorganisationen.

Det som avgör är om organisationen är ideell och uppfyller Microsofts övriga krav, inte hur mycket pengar den omsätter.

Tänk bara på att varje beställning av rabatterade produkter måste innehålla minst fem licenser, om inte produkterna är undantagna från kravet. I produktkatalogen ser ni vilka produkter som är undantagna.'
    AND body_en = 'No. Organisations with an annual operating budget of any size may qualify, from a small volunteer-run club to a large national organisation.

What matters is whether you are a nonprofit and meet Microsoft''s other requirements, not how much money you turn over.

One thing to bear in mind: every order of discounted products must contain at least five licences, unless the products are exempt. The product catalogue shows which products are exempt.';

UPDATE faq_articles SET title_sv = 'Vilka får använda licenserna?',
    title_en = 'Who may use the licences?',
    body_sv = 'Det beror på om licenserna är donerade eller rabatterade:

- **Donerade (kostnadsfria) licenser** får bara användas av anställd personal och oavlönade personer i organisationens ledning.
- **Rabatterade licenser** får användas av all personal, även volontärer.

Ingen av licenserna får någonsin användas av dem som organisationen hjälper, av givare eller av medlemmar i egenskap av medlemmar.

Är du osäker på om en viss person får använda en licens? Fråga supporten innan du tilldelar den.',
    body_en = 'That depends on whether the licences are donated or discounted:

- **Donated (free) licences** may only be used by paid staff and unpaid executives.
- **Discounted licences** may be used by all staff, volunteers included.

Neither kind may ever go to the people your organisation serves, to donors, or to members in their capacity as members.

If you are unsure whether a particular person qualifies, ask support before you assign the licence.'
WHERE slug_sv = 'vem-far-anvanda-licenserna'
    AND slug_en = 'who-may-use-the-licences'
    AND title_sv = 'Vilka får använda licenserna?'
    AND title_en = 'Who may use the licences?'
    AND body_sv = 'Det beror på om licenserna är donerade eller rabatterade:

- **Donerade (kostnadsfria) licenser** får bara användas av anställd personal och oavlönade ledamöter i organisationens ledning.
- **Rabatterade licenser** får användas av all personal, även volontärer.

Ingen av licenserna får någonsin användas av dem som organisationen hjälper, av givare eller av medlemmar.

Är ni osäkra på om en viss person får använda en licens? Fråga supporten innan ni tilldelar den.'
    AND body_en = 'That depends on whether the licences are donated or discounted:

- **Donated (free) licences** may only be used by paid staff and unpaid executives.
- **Discounted licences** may be used by all staff, volunteers included.

Neither kind may ever go to the people your organisation serves, to donors or to members.

If you are unsure whether a particular person qualifies, ask support before you assign the licence.';

UPDATE faq_articles SET title_sv = 'Hur beställer vi?',
    title_en = 'How do we order?',
    body_sv = 'Så här går det till:

- Registrera organisationen här i portalen och bekräfta din e-postadress.
- Registrera organisationen på Microsofts portal för ideella organisationer (Nonprofit Hub). Ladda sedan upp valideringscertifikatet som du får där – det gör du under **Mitt konto** här i portalen.
- Vänta tills vår partner har validerat organisationen i programmet. Du får besked via e-post.
- Välj produkter och antal i beställningsformuläret under **Mitt konto**. Varje beställning av rabatterade produkter ska innehålla minst fem licenser, om inte produkterna är undantagna.

Avgiften för varje licens står i produktkatalogen. Det är en administrationsavgift i kronor.

När beställningen är skickad kan du följa den i beställningshistoriken. Varje beställning beviljas eller avslås, och du får beslutet via e-post. Microsoft förbehåller sig rätten att avslå en beställning när som helst.

Donerade molntjänster, som Microsoft 365 Business Basic och Azure-krediten, beställer du inte här: organisationen aktiverar dem själv i Nonprofit Hub. Läs mer under **Molntjänster och aktiv användning**.',
    body_en = 'Ordering takes four steps:

- Register your organisation in the portal and confirm your e-mail address.
- Register your organisation on Microsoft''s nonprofit portal (Nonprofit Hub). Then upload the validation certificate you get there – you do that under **My account** here in the portal.
- Wait until our partner has validated your organisation in the programme. You will hear by e-mail.
- Choose products and quantities on the order form under **My account**. Every order of discounted products must contain at least five licences, unless the products are exempt.

The product catalogue lists the fee for each licence. It is an administrative fee in Swedish kronor.

Once the order has been sent, you can follow it in the order history. Every order is granted or denied, and you are told the decision by e-mail. Microsoft reserves the right to deny an order at any time.

Donated cloud services, such as Microsoft 365 Business Basic and the Azure credit, are not ordered here: your organisation activates them itself in the Nonprofit Hub. Read more under **Cloud services and active use**.'
WHERE slug_sv = 'hur-bestaller-vi'
    AND slug_en = 'how-do-we-order'
    AND title_sv = 'Hur beställer vi?'
    AND title_en = 'How do we order?'
    AND body_sv = 'Så här går det till:

- Registrera organisationen här i portalen och bekräfta din e-postadress.
- Registrera organisationen på Microsofts portal för ideella organisationer och ladda upp valideringscertifikatet ni får där under **Mitt konto**.
- Vänta tills vår partner har validerat organisationen i programmet. Ni får besked via e-post.
- Välj produkter och antal i beställningsformuläret under **Mitt konto**. Varje beställning av rabatterade produkter ska innehålla minst fem licenser, om inte produkterna är undantagna.

Avgiften för varje licens står i produktkatalogen. Det är en administrativ avgift i kronor.

När beställningen är skickad kan ni följa den i beställningshistoriken. Microsoft beviljar eller avslår varje beställning, och ni får beslutet via e-post.'
    AND body_en = 'Ordering takes four steps:

- Register your organisation in the portal and confirm your e-mail address.
- Register on Microsoft''s nonprofit portal, then upload the validation certificate you get there under **My account**.
- Wait until our partner has validated your organisation in the programme. You will hear by e-mail.
- Choose products and quantities on the order form under **My account**. Every order of discounted products must contain at least five licences, unless the products are exempt.

The product catalogue lists the fee for each licence. It is an administrative fee in Swedish kronor.

Once the order has been sent, you can follow it in your order history. Microsoft grants or denies every order, and you will be told the decision by e-mail.';

UPDATE faq_articles SET title_sv = 'Måste vi beställa minst fem licenser?',
    title_en = 'Do we have to order at least five licences?',
    body_sv = 'Oftast ja. Varje beställning av rabatterade produkter måste innehålla minst fem licenser. Licenserna kan gälla en och samma produkt eller en kombination, till exempel tre licenser av en produkt och två av en annan.

Microsoft undantar vissa produkter från kravet. I produktkatalogen står det vid varje produkt om den räknas in i kravet eller inte.

- En beställning med bara undantagna produkter har inget lägsta antal.
- Blandar du undantagna och andra rabatterade produkter räknas de undantagna licenserna in i de fem.
- Donerade molntjänster räknas inte in i de fem och gör inte heller att kravet gäller.

Serverprodukter licensieras per kärna och säljs i paket om två kärnor. Varje server behöver minst 16 kärnlicenser för Windows Server och minst 4 för SQL Server, så ett enda paket räcker aldrig till en server.',
    body_en = 'Usually, yes. Every order of discounted products must contain at least five licences. They can all be for one product or a mix, say three licences of one product and two of another.

Microsoft exempts some products from the minimum. The product catalogue shows for each product whether it counts toward the minimum.

- An order made up only of exempt products has no minimum.
- If you mix exempt and other discounted products, the exempt licences count toward the five.
- Donated cloud services neither count toward the five nor make the minimum apply.

Server products are licensed per core and sold in packs of two cores. Each server needs at least 16 core licences for Windows Server and at least 4 for SQL Server, so a single pack is never enough for a server.'
WHERE slug_sv = 'minst-fem-licenser'
    AND slug_en = 'five-licence-minimum'
    AND title_sv = 'Måste vi beställa minst fem licenser?'
    AND title_en = 'Do we have to order at least five licences?'
    AND body_sv = 'Oftast ja. Varje beställning av rabatterade produkter måste innehålla minst fem licenser. Licenserna kan vara av samma produkt eller en blandning, till exempel tre licenser av en produkt och två av en annan.

Vissa produkter är undantagna från kravet. I produktkatalogen står det vid varje produkt om den räknas in i kravet eller inte.

- En beställning med bara undantagna produkter har inget minsta antal.
- Blandar ni undantagna och andra rabatterade produkter räknas de undantagna licenserna in i de fem.
- Donerade molntjänster räknas inte in i de fem och utlöser inte heller kravet.'
    AND body_en = 'Usually, yes. Every order of discounted products must contain at least five licences. They can all be for one product or a mix, say three licences of one product and two of another.

Some products are exempt from the minimum. The product catalogue shows for each product whether it counts toward the minimum.

- An order made up only of exempt products has no minimum.
- If you mix exempt and other discounted products, the exempt licences count toward the five.
- Donated cloud services neither count toward the five nor trigger the minimum.';

UPDATE faq_articles SET title_sv = 'Kan vi beställa flera gånger?',
    title_en = 'Can we order more than once?',
    body_sv = 'Ja. Det finns ingen gräns för hur många beställningar du gör. En enskild beställning kan ha ett högsta antal per produkt, och Microsofts donationer har egna tak – det står vid varje produkt i katalogen.

Kravet på minst fem licenser gäller däremot varje enskild beställning av rabatterade produkter. Två beställningar med tre licenser var räknas alltså inte ihop till sex.

Alla organisationens beställningar, både pågående och tidigare, finns i beställningshistoriken under **Mitt konto**.',
    body_en = 'Yes. There is no limit on the number of orders. A single order may have a maximum per product, and Microsoft''s grants have their own caps – the catalogue shows them for each product.

The five-licence minimum does apply to each order of discounted products on its own, though: two orders of three licences each do not add up to six.

All your organisation''s orders, current and past, are listed in the order history under **My account**.'
WHERE slug_sv = 'kan-vi-bestalla-flera-ganger'
    AND slug_en = 'can-we-order-more-than-once'
    AND title_sv = 'Kan vi beställa flera gånger?'
    AND title_en = 'Can we order more than once?'
    AND body_sv = 'Ja. Det finns ingen gräns för hur många beställningar ni gör, och ni kan beställa hur många rabatterade produkter och molntjänster som helst.

Kravet på minst fem licenser gäller däremot varje enskild beställning av rabatterade produkter. Två beställningar med tre licenser var räknas alltså inte ihop till sex.

Alla era beställningar, både pågående och tidigare, finns i beställningshistoriken under **Mitt konto**.'
    AND body_en = 'Yes. There is no limit on the number of orders, and you can order as many discounted products and cloud services as you need.

The five-licence minimum does apply to each order of discounted products on its own, though: two orders of three licences each do not add up to six.

All your orders, current and past, are listed in the order history under **My account**.';

UPDATE faq_articles SET title_sv = 'Kan en beställning avslås?',
    title_en = 'Can an order be denied?',
    body_sv = 'Ja. Microsoft förbehåller sig rätten att bevilja eller avslå en organisations beställning när som helst och av vilket skäl som helst. Att organisationen är validerad i programmet är alltså ingen garanti för att varje beställning beviljas.

Varje beställning får ett dokumenterat beslut: beviljad eller avslagen. Avslås beställningen står skälet vid beställningen, och du får besked via e-post.

Förstår du inte skälet, eller tror du att något har blivit fel? Kontakta supporten. Du kan göra en ny beställning när problemet är åtgärdat.',
    body_en = 'Yes. Microsoft reserves the right to grant or deny any organisation''s order at any time, for any reason. Being validated in the programme is therefore no guarantee that every order will be granted.

Every order ends with a documented decision: granted or denied. If an order is denied, the reason is shown with the order and you are told by e-mail.

If the reason is unclear, or you think a mistake has been made, contact support. You can place a new order once the problem has been dealt with.'
WHERE slug_sv = 'kan-en-bestallning-avslas'
    AND slug_en = 'can-an-order-be-denied'
    AND title_sv = 'Kan en beställning avslås?'
    AND title_en = 'Can an order be denied?'
    AND body_sv = 'Ja. Microsoft förbehåller sig rätten att bevilja eller avslå en organisations beställning när som helst och av vilket skäl som helst. Att organisationen är validerad i programmet är alltså ingen garanti för att varje beställning beviljas.

Varje beställning får ett registrerat beslut: beviljad eller avslagen. Avslås beställningen står skälet vid beställningen, och ni får besked via e-post.

Förstår ni inte skälet, eller tror ni att något har blivit fel? Kontakta supporten. Ni kan alltid göra en ny beställning när det som skälet gäller är åtgärdat.'
    AND body_en = 'Yes. Microsoft reserves the right to grant or deny any organisation''s order at any time, for any reason. Being validated in the programme is therefore no guarantee that every order will be granted.

Every order ends with a recorded decision: granted or denied. If an order is denied, the reason is shown with the order and you are told by e-mail.

If the reason is unclear, or you think a mistake has been made, contact support. You are always free to place a new order once the problem has been dealt with.';

UPDATE faq_articles SET title_sv = 'Hur går valideringen till?',
    title_en = 'How does validation work?',
    body_sv = 'Innan du kan beställa måste organisationen valideras, det vill säga godkännas som ideell organisation i programmet. Så här går det till:

- Registrera organisationen på Microsofts portal för ideella organisationer (Nonprofit Hub). Där får organisationen ett valideringscertifikat från Microsoft.
- Ladda upp certifikatet under **Mitt konto**, som PDF, PNG eller JPEG.
- Vår partner granskar certifikatet och kan be om fler handlingar om det behövs.
- Du får beslutet via e-post. Ett godkännande gäller under en viss period, och datumen ser du under **Mitt konto**.

Microsofts certifikat gäller i två år och har ett eget slutdatum. Valideringen i programmet gäller som längst till certifikatets slutdatum.

Blir certifikatet inte godkänt står skälet på sidan. Rätta det som skälet nämner och skicka in ett nytt certifikat. Organisationen kan bara ha ett certifikat under granskning åt gången.',
    body_en = 'Before you can order, your organisation has to be validated, that is, approved as a nonprofit in the programme. This is how it works:

- Register your organisation on Microsoft''s nonprofit portal (Nonprofit Hub), where it gets a Microsoft validation certificate.
- Upload the certificate under **My account** as a PDF, PNG or JPEG.
- Our partner reviews it and may ask for further documents if needed.
- You are told the decision by e-mail. An approval is valid for a set period, and the dates are shown under **My account**.

Microsoft''s certificate is valid for two years and carries its own expiry date. Validation in the programme lasts at most until the certificate''s expiry date.

If the certificate is not approved, the reason is shown on the page. Put right whatever the reason mentions and send a new certificate. Only one certificate can be under review at a time.'
WHERE slug_sv = 'hur-gar-valideringen-till'
    AND slug_en = 'how-does-validation-work'
    AND title_sv = 'Hur går valideringen till?'
    AND title_en = 'How does validation work?'
    AND body_sv = 'Innan ni kan beställa måste organisationen valideras, det vill säga godkännas som ideell organisation i programmet. Så här går det till:

- Registrera organisationen på Microsofts portal för ideella organisationer. Där får ni ett valideringscertifikat från Microsoft.
- Ladda upp certifikatet under **Mitt konto**, som PDF, PNG eller JPEG.
- Vår partner granskar certifikatet och kan be om fler handlingar om det behövs.
- Ni får beslutet via e-post. Ett godkännande gäller under en viss period, och datumen ser ni under **Mitt konto**.

Blir certifikatet inte godkänt står skälet på sidan. Rätta det som skälet nämner och skicka in ett nytt certifikat. Ni kan bara ha ett certifikat under granskning åt gången.'
    AND body_en = 'Before you can order, your organisation has to be validated, that is, approved as a nonprofit in the programme. This is how it works:

- Register your organisation on Microsoft''s nonprofit portal, where you get a Microsoft validation certificate.
- Upload the certificate under **My account** as a PDF, PNG or JPEG.
- Our partner reviews it and may ask for further documents if needed.
- You are told the decision by e-mail. An approval is valid for a set period, and the dates are shown under **My account**.

If the certificate is not approved, the reason is shown on the page. Put right whatever the reason mentions and send a new certificate. Only one certificate can be under review at a time.';

UPDATE faq_articles SET title_sv = 'Hur lång tid tar valideringen?',
    title_en = 'How long does validation take?',
    body_sv = 'Vår partner fattar normalt beslut inom 5–10 arbetsdagar från det att certifikatet kom in. Under **Mitt konto** ser du när du senast kan räkna med besked.

Det kan ta längre tid om certifikatet är svårt att läsa eller om partnern behöver fler handlingar. Skicka därför en tydlig kopia, gärna som PDF, och svara så snart du kan om partnern hör av sig.

Tiden gäller valideringen i programmet. Hur lång tid det tar att få kontot hos Microsoft godkänt styr Microsoft.

Du får ett e-postmeddelande när beslutet är fattat. Har du inte hört något när det väntade datumet har passerat kan du kontakta supporten.',
    body_en = 'Our partner normally decides within 5 to 10 working days of receiving your certificate. Under **My account** you can see the date by which to expect an answer at the latest.

It can take longer if the certificate is hard to read or the partner needs more documents, so send a clear copy, preferably as a PDF, and reply promptly if the partner gets in touch.

This applies to validation in the programme. How long it takes to get your Microsoft nonprofit account approved is up to Microsoft.

You will receive an e-mail once a decision has been made. If you have heard nothing by the expected date, contact support.'
WHERE slug_sv = 'hur-lang-tid-tar-valideringen'
    AND slug_en = 'how-long-does-validation-take'
    AND title_sv = 'Hur lång tid tar valideringen?'
    AND title_en = 'How long does validation take?'
    AND body_sv = 'Vår partner fattar normalt beslut inom 5–10 arbetsdagar från att certifikatet har kommit in. Under **Mitt konto** ser ni vilket datum ni kan räkna med besked.

Det kan ta längre tid om certifikatet är svårt att läsa eller om partnern behöver fler handlingar. Skicka därför en tydlig kopia, gärna som PDF, och svara så snart ni kan om partnern hör av sig.

Tiden gäller valideringen i programmet. Hur lång tid det tar att få kontot hos Microsoft godkänt styr Microsoft.

Ni får ett e-postmeddelande när beslutet är fattat. Har ni inte hört något när det väntade datumet har passerat kan ni kontakta supporten.'
    AND body_en = 'Our partner normally decides within 5 to 10 working days of receiving your certificate. Under **My account** you can see the date by which to expect an answer.

It can take longer if the certificate is hard to read or the partner needs more documents, so send a clear copy, preferably as a PDF, and reply promptly if the partner gets in touch.

This applies to validation in the programme. How long it takes to get your Microsoft nonprofit account approved is up to Microsoft.

You will receive an e-mail once a decision has been made. If you have heard nothing by the expected date, contact support.';

UPDATE faq_articles SET title_sv = 'Vilka handlingar behöver vi?',
    title_en = 'Which documents do we need?',
    body_sv = 'Den viktigaste handlingen är valideringscertifikatet från Microsoft, som organisationen får när den är registrerad på Microsofts portal för ideella organisationer (Nonprofit Hub). Microsoft kräver certifikatet av alla organisationer som beställer rabatterade produkter.

Vår partner kan också vilja se handlingar som visar att organisationen är ideell, till exempel:

- det senaste justerade och undertecknade årsmötesprotokollet, för föreningar
- protokollet från det konstituerande mötet, för nybildade föreningar
- den senaste årsredovisningen, för stiftelser

Ha gärna handlingarna till hands innan du registrerar organisationen, så är du redo om partnern frågar efter dem. Behövs fler handlingar berättar partnern hur du skickar in dem.

Filerna laddar du upp som PDF, PNG eller JPEG på högst 10 MB var.',
    body_en = 'The key document is the Microsoft validation certificate, which your organisation receives once it is registered on Microsoft''s nonprofit portal (Nonprofit Hub). Microsoft requires it from every organisation that orders discounted products.

Our partner may also want to see documents showing that your organisation is a nonprofit, such as:

- the latest signed and verified (justerat) minutes of your annual general meeting, for associations
- the minutes of the founding meeting (konstituerande möte), for newly formed associations
- your latest annual report, for foundations

It is worth having these to hand before you register, so that you are ready if the partner asks for them. If further documents are needed, the partner will tell you how to send them.

Files are uploaded as PDF, PNG or JPEG, up to 10 MB each.'
WHERE slug_sv = 'vilka-handlingar-behovs'
    AND slug_en = 'which-documents-do-we-need'
    AND title_sv = 'Vilka handlingar behöver vi?'
    AND title_en = 'Which documents do we need?'
    AND body_sv = 'Den viktigaste handlingen är valideringscertifikatet från Microsoft, som ni får när organisationen är registrerad på Microsofts portal för ideella organisationer. Microsoft kräver certifikatet av alla organisationer som beställer rabatterade produkter.

Vår partner kan också vilja se handlingar som visar att organisationen är ideell, till exempel:

- ett justerat och undertecknat årsmötesprotokoll, för föreningar
- den senaste årsredovisningen, för stiftelser

Ha gärna handlingarna till hands innan ni ansöker, så är ni redo om partnern frågar efter dem. Behövs fler handlingar berättar partnern hur ni skickar in dem.

Filerna laddar ni upp som PDF, PNG eller JPEG på högst 10 MB var.'
    AND body_en = 'The key document is the Microsoft validation certificate, which you receive once your organisation is registered on Microsoft''s nonprofit portal. Microsoft requires it from every organisation that orders discounted products.

Our partner may also want to see documents showing that your organisation is a nonprofit, such as:

- the signed minutes of your annual general meeting, for associations
- your latest annual report, for foundations

It is worth having these to hand before you apply, so that you are ready if the partner asks for them. If further documents are needed, the partner will tell you how to send them.

Files are uploaded as PDF, PNG or JPEG, up to 10 MB each.';

UPDATE faq_articles SET title_sv = 'Är kontot hos Microsoft och valideringen i programmet samma sak?',
    title_en = 'Is our Microsoft nonprofit account the same as validation in the programme?',
    body_sv = 'Nej, det är två olika saker:

- **Kontot hos Microsoft för ideella organisationer** skapar du i Nonprofit Hub, och det är Microsoft som godkänner det. Det är också där organisationen får valideringscertifikatet.
- **Valideringen i programmet** gör vår partner här i portalen. Den behövs för att organisationen ska kunna beställa hos oss.

De två hanteras var för sig. Det ena kan alltså vara godkänt medan det andra fortfarande behandlas.

På våra sidor står det alltid vilken av de två en status gäller. Under **Mitt konto** ser du statusen för valideringen i programmet.',
    body_en = 'No, they are two separate things:

- **Your Microsoft nonprofit account** is set up in the Nonprofit Hub and approved by Microsoft. That is also where your organisation gets its validation certificate.
- **Validation in the programme** is carried out by our partner here in the portal, and your organisation needs it to order from us.

The two are handled independently, so one can be approved while the other is still pending.

Our pages always say which of the two a status refers to. Under **My account** you see the status of your validation in the programme.'
WHERE slug_sv = 'microsoft-konto-och-validering'
    AND slug_en = 'microsoft-account-and-programme-validation'
    AND title_sv = 'Är kontot hos Microsoft och valideringen hos er samma sak?'
    AND title_en = 'Is our Microsoft nonprofit account the same as validation in the programme?'
    AND body_sv = 'Nej, det är två olika saker:

- **Kontot hos Microsoft för ideella organisationer** skapar ni på Microsofts portal för ideella organisationer, och det är Microsoft som godkänner det. Det är också där ni får valideringscertifikatet.
- **Valideringen i programmet** gör vår partner här i portalen. Den behövs för att ni ska kunna beställa hos oss.

De två hanteras var för sig. Vilket som helst av dem kan alltså vara godkänt medan det andra fortfarande behandlas.

På våra sidor står det alltid vilken av de två en status gäller. Under **Mitt konto** ser ni statusen för valideringen i programmet.'
    AND body_en = 'No, they are two separate things:

- **Your Microsoft nonprofit account** is set up on Microsoft''s nonprofit portal and approved by Microsoft. That is also where you get your validation certificate.
- **Validation in the programme** is carried out by our partner here in the portal, and you need it to order from us.

The two are handled independently, so either one can be approved while the other is still pending.

Our pages always say which of the two a status refers to. Under **My account** you see the status of your validation in the programme.';

UPDATE faq_articles SET title_sv = 'Vad menas med aktiv användning?',
    title_en = 'What does “active use” mean?',
    body_sv = 'Organisationer som får donerade molntjänster måste se till att minst 85 procent av de donerade licenserna används aktivt. Kravet gäller bara de donerade (kostnadsfria) licenserna, inte licenser som organisationen betalar för, till rabatterat pris eller fullt pris.

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

Donationerna aktiverar organisationen själv i Microsofts portal för ideella organisationer (Nonprofit Hub). Programmet skickar alltså inte ut dem, men vår partner validerar organisationen och hjälper till om något krånglar.',
    body_en = 'If your organisation receives donated cloud services from Microsoft, at least 85 per cent of the donated licences must be in active use. The requirement covers only the donated (free) licences, not licences your organisation pays for, at a discount or at full price.

A user counts as active if they have used at least one Microsoft 365 cloud service in the last 90 days. These services include:

- Exchange Online (e-mail)
- Microsoft Teams
- Viva Engage (formerly Yammer)
- the Microsoft 365 apps
- OneDrive
- SharePoint

Using perpetually licensed Office apps, such as Office Standard or Office Professional, does not count.

For example, with 20 donated licences, at least 17 users must have been active in the last 90 days.

Microsoft''s donated cloud services for nonprofits today are:

- **Microsoft 365 Business Basic** – free, up to 300 licences.
- **Azure** – a credit of USD 2,000 a year. It is activated in the Nonprofit Hub and renewed every year.

The free grant of Microsoft 365 Business Premium (up to 10 licences) ended on 1 July 2025, or at each organisation''s next renewal. Business Premium and Business Standard are now discounted subscriptions. If your organisation still holds the old Premium grant, its users have to move to Business Basic or to paid licences.

Your organisation activates these grants itself in Microsoft''s nonprofit portal (Nonprofit Hub). The programme does not ship them, but our partner validates your organisation and helps if anything goes wrong.'
WHERE slug_sv = 'vad-ar-aktiv-anvandning'
    AND slug_en = 'what-is-active-use'
    AND title_sv = 'Vad menas med aktiv användning?'
    AND title_en = 'What does “active use” mean?'
    AND body_sv = 'Organisationer som får donerade molntjänster från Microsoft måste se till att minst 85 procent av alla donerade licenser används aktivt. Kravet gäller de donerade licenserna, inte licenser som ni har köpt till rabatterat pris.

En användare räknas som aktiv om den har använt minst en Microsoft 365-molntjänst under de senaste 90 dagarna. Till molntjänsterna hör bland annat:

- Exchange Online (e-post)
- Microsoft Teams
- Viva Engage (tidigare Yammer)
- Microsoft 365-apparna
- OneDrive
- SharePoint

Användning av Office-appar med permanent licens, som Office Standard eller Office Professional, räknas inte.

Ett exempel: har ni 20 donerade licenser tilldelade behöver minst 17 av användarna ha varit aktiva under de senaste 90 dagarna.'
    AND body_en = 'If your organisation receives donated cloud services from Microsoft, at least 85 per cent of all donated licences must be in active use. The requirement covers donated licences, not licences you have bought at a discount.

A user counts as active if they have used at least one Microsoft 365 cloud service in the last 90 days. These services include:

- Exchange Online (e-mail)
- Microsoft Teams
- Viva Engage (formerly Yammer)
- the Microsoft 365 apps
- OneDrive
- SharePoint

Using perpetually licensed Office apps, such as Office Standard or Office Professional, does not count.

For example, with 20 donated licences assigned, at least 17 users must have been active in the last 90 days.';

UPDATE faq_articles SET title_sv = 'Hur kontrollerar vi den aktiva användningen?',
    title_en = 'How do we check our active use?',
    body_sv = 'Under **Mitt konto** finns sidan **Aktiv användning**, där du ser hur organisationen ligger till:

- Logga in i Microsoft 365-administrationscentret och gå till Rapporter → Användning → Aktiva användare.
- Välj perioden 90 dagar och exportera rapporten som CSV.
- Ladda upp filen på sidan Aktiv användning.

Sidan visar hur stor andel av licenserna som används aktivt jämfört med kravet på 85 procent, både totalt och per produkt, och vilka användare som inte har varit aktiva. Listan över inaktiva användare kan du ladda ner som CSV.

Vill du få med mer av aktiviteten kan du också ladda upp exporterna för Microsoft 365-appar, Teams, e-post och Viva Engage från samma dag. Själva filerna sparas inte, men du kan välja att spara siffrorna och följa utvecklingen över tid. Vår partner ser de sparade siffrorna också.',
    body_en = 'Use the **Active use** page under **My account**:

- Sign in to the Microsoft 365 admin center and go to Reports → Usage → Active users.
- Choose the 90-day period and export the report as a CSV file.
- Upload the file on the Active use page.

The page shows the share of licences in active use against the 85 per cent requirement, both overall and per product, and lists the users who have not been active. You can download that list as a CSV file.

To capture more of your activity, you can also upload the Microsoft 365 apps, Teams, e-mail and Viva Engage exports from the same day. The files themselves are not stored, but you can choose to save the figures and follow them over time. Our partner sees the saved figures too.'
WHERE slug_sv = 'kontrollera-aktiv-anvandning'
    AND slug_en = 'how-do-we-check-active-use'
    AND title_sv = 'Hur kontrollerar vi den aktiva användningen?'
    AND title_en = 'How do we check our active use?'
    AND body_sv = 'Under **Mitt konto** finns sidan **Aktiv användning**, där ni ser hur ni ligger till:

- Logga in i Microsoft 365 administrationscenter och gå till Rapporter → Användning → Aktiva användare.
- Välj perioden 90 dagar och exportera rapporten som CSV.
- Ladda upp filen på sidan Aktiv användning.

Sidan visar hur stor andel av licenserna som används aktivt jämfört med kravet på 85 procent, både totalt och per produkt, och vilka användare som inte har varit aktiva. Listan över inaktiva användare kan ni ladda ner som CSV.

Vill ni få med mer av aktiviteten kan ni också ladda upp exporterna för Microsoft 365-appar, Teams, e-post och Viva Engage från samma dag. Själva filerna sparas inte, men ni kan välja att spara siffrorna och följa utvecklingen över tid.'
    AND body_en = 'Use the **Active use** page under **My account**:

- Sign in to the Microsoft 365 admin center and go to Reports → Usage → Active users.
- Choose the 90-day period and export the report as a CSV file.
- Upload the file on the Active use page.

The page shows the share of licences in active use against the 85 per cent requirement, both overall and per product, and lists the users who have not been active. You can download that list as a CSV file.

To capture more of your activity, you can also upload the Microsoft 365 apps, Teams, e-mail and Viva Engage exports from the same day. The files themselves are not stored, but you can choose to save the figures and follow them over time.';

UPDATE faq_articles SET title_sv = 'Vad händer om den aktiva användningen är under 85 procent?',
    title_en = 'What happens if active use falls below 85 per cent?',
    body_sv = 'Microsoft skickar då meddelanden till organisationen, till exempel ”M365 Utilization Grant Requirements” och ”Licenses Will Be Disabled”. Microsoft kan ta bort donationen eller gå över till kommersiella priser. Det lönar sig därför att rätta till det så snart som möjligt. Kontakta supporten om du är osäker på vad det innebär för organisationen.

Så kommer organisationen upp till 85 procent igen:

- **Flytta licenser** från personer som inte använder dem till personer som behöver dem.
- **Säg upp licenser** som ingen behöver. Färre licenser ger en högre andel aktiva.
- **Hjälp användarna i gång**, till exempel med Teams, Outlook på webben eller OneDrive. Det räcker att de använder en av molntjänsterna.

Tänk på att donerade licenser bara får användas av anställd personal och oavlönade personer i organisationens ledning, även när du flyttar dem till någon annan.

Gör en ny kontroll på sidan **Aktiv användning** efter några dagar för att se att andelen har gått upp.',
    body_en = 'Microsoft then sends your organisation notices, such as “M365 Utilization Grant Requirements” and “Licenses Will Be Disabled”. Microsoft may remove the grant or convert it to commercial pricing, so it pays to put things right as soon as you can. Contact support if you are unsure what it means for your organisation.

To get back to at least 85 per cent:

- **Reassign licences** from people who do not use them to people who need them.
- **Cancel licences** that nobody needs. Fewer licences mean a higher share of active users.
- **Help users get started**, for example with Teams, Outlook on the web or OneDrive. Using any one of the cloud services is enough.

When you reassign licences, remember that donated licences are only for paid staff and unpaid executives.

Run a new check on the **Active use** page after a few days to make sure the share has gone up.'
WHERE slug_sv = 'under-85-procent'
    AND slug_en = 'below-85-per-cent'
    AND title_sv = 'Vad händer om den aktiva användningen är under 85 procent?'
    AND title_en = 'What happens if active use falls below 85 per cent?'
    AND body_sv = 'Då kan Microsoft dra in de donerade molntjänstlicenserna. Det lönar sig därför att rätta till det så snart som möjligt.

Så kommer ni upp till 85 procent igen:

- **Flytta licenser** från personer som inte använder dem till personer som behöver dem.
- **Ta bort licenser** som ingen behöver. Färre licenser ger en högre andel aktiva.
- **Hjälp användarna i gång**, till exempel med Teams, Outlook på webben eller OneDrive. Det räcker att de använder en av molntjänsterna.

Tänk på att donerade licenser bara får användas av anställd personal och oavlönade ledamöter i ledningen, även när ni flyttar dem till någon annan.

Gör en ny kontroll på sidan **Aktiv användning** efter några dagar för att se att andelen har gått upp.'
    AND body_en = 'Microsoft may then withdraw the donated cloud licences, so it pays to put things right as soon as you can.

To get back to at least 85 per cent:

- **Reassign licences** from people who do not use them to people who need them.
- **Remove licences** that nobody needs. Fewer licences mean a higher share of active users.
- **Help users get started**, for example with Teams, Outlook on the web or OneDrive. Using any one of the cloud services is enough.

When you reassign licences, remember that donated licences are only for paid staff and unpaid executives.

Run a new check on the **Active use** page after a few days to make sure the share has gone up.';

UPDATE faq_articles SET title_sv = 'Hur får vi hjälp?',
    title_en = 'How do we get help?',
    body_sv = 'Vår partner sköter all kundsupport i programmet. Är du inloggad skapar du ett ärende under **Mitt konto**, så ser dina kollegor det också. Annars använder du formuläret under **Kontakt** – då behövs inget konto.

Besked om validering och beställningar får du också via e-post: vi skickar ett meddelande varje gång ett certifikat eller en beställning har behandlats, med beslutet.

Skriv gärna vilken organisation det gäller, vad frågan handlar om och vad du redan har provat. Skicka aldrig lösenord.',
    body_en = 'Our partner handles all customer support for the programme. If you are logged in, open a ticket under **My account**, so that your colleagues see it too. Otherwise use the form under **Contact** – no account is needed.

Answers about validation and orders also come by e-mail: we send a message whenever a certificate or an order has been handled, with the decision.

It helps if you tell us which organisation you are writing about, what your question concerns and what you have already tried. Never send a password.'
WHERE slug_sv = 'hur-far-vi-hjalp'
    AND slug_en = 'how-do-we-get-help'
    AND title_sv = 'Hur får vi hjälp?'
    AND title_en = 'How do we get help?'
    AND body_sv = 'Vår partner sköter all kundsupport i programmet. Kontaktuppgifterna till partnern finns längst ned på varje sida.

Svar om validering och beställningar får ni också via e-post: vi skickar ett meddelande varje gång ett certifikat eller en beställning har behandlats, och svaret följer med.

Skriv gärna vilken organisation det gäller, vad frågan handlar om och vad ni redan har provat. Skicka aldrig lösenord.'
    AND body_en = 'Our partner handles all customer support for the programme. The partner''s contact details are at the bottom of every page.

Answers about validation and orders also come by e-mail: we send a message whenever a certificate or an order has been handled, with the outcome.

It helps if you tell us which organisation you are writing about, what your question concerns and what you have already tried. Never send a password.';

UPDATE faq_articles SET title_sv = 'Vad gör programmets partnerorganisation?',
    title_en = 'What does the programme''s partner organisation do?',
    body_sv = 'Programmet har en partnerorganisation som hanterar all validering och all kundsupport för programmets kunder. Partnern är alltså supporten, och partnerns personal arbetar i samma portal som du.

Partnern:

- granskar valideringscertifikat och beslutar om valideringen i programmet
- handlägger beställningarna och meddelar organisationen beslutet om varje beställning
- svarar på frågor och ärenden från kunderna

Det är alltså partnern du har kontakt med när du behöver hjälp. Microsoft förbehåller sig fortfarande rätten att bevilja eller avslå varje beställning.',
    body_en = 'The programme works with a partner organisation that handles all validation and all customer support for the programme''s customers. The partner is the support, and the partner''s staff work in this same portal.

The partner:

- reviews validation certificates and decides on validation in the programme
- handles orders and lets your organisation know the decision on each one
- answers customers'' questions and tickets

So when you need help, it is the partner you will be dealing with. Microsoft still reserves the right to grant or deny any order.'
WHERE slug_sv = 'vad-gor-partnern'
    AND slug_en = 'what-does-the-partner-do'
    AND title_sv = 'Vad gör er partnerorganisation?'
    AND title_en = 'What does your partner organisation do?'
    AND body_sv = 'Programmet har en partnerorganisation som hanterar all validering och all kundsupport för programmets kunder. Partnerns personal arbetar i samma portal som ni.

Partnern:

- granskar valideringscertifikat och beslutar om valideringen i programmet
- handlägger beställningarna och meddelar er beslutet om varje beställning
- svarar på frågor och ärenden från kunderna

Det är alltså partnern ni har kontakt med när ni behöver hjälp. Det slutliga beslutet om varje beställning fattar fortfarande Microsoft.'
    AND body_en = 'The programme works with a partner organisation that handles all validation and all customer support for the programme''s customers. The partner''s staff work in this same portal.

The partner:

- reviews validation certificates and decides on validation in the programme
- handles orders and lets you know the decision on each one
- answers customers'' questions and tickets

So when you need help, it is the partner you will be dealing with. Microsoft still has the final say on every order.';
