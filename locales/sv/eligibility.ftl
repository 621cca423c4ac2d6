# Eligibility rules: templates/public/eligibility.html

eligibility-title = Vem kan delta?
eligibility-lead = Det här är programmets regler. Microsoft fattar det slutliga beslutet om varje beställning, och vår partner validerar organisationerna.
eligibility-toc = Innehåll
eligibility-anchor-quantity = antal
eligibility-anchor-budget = budget
eligibility-anchor-nonprofit = endast-ideella
eligibility-anchor-cloud = aktiv-anvandning
eligibility-anchor-further = ytterligare-krav

eligibility-quantity-heading = Antal
eligibility-quantity-unlimited = Organisationer kan beställa hur många rabatterade produkter och molntjänster från Microsoft som helst. En enskild beställning kan ha ett högsta antal per produkt, och Microsofts donationer har egna tak – det står vid varje produkt i katalogen.
eligibility-quantity-minimum = Varje beställning av rabatterade produkter måste innehålla minst { $min ->
        [one] 1 licens
       *[other] { $min } licenser
    }.
eligibility-quantity-combination = Licenserna kan gälla en och samma produkt eller en kombination av olika produkter.
eligibility-quantity-exempt = Microsoft undantar vissa produkter från kravet – vilka det är står i produktkatalogen. En beställning med bara undantagna produkter har inget lägsta antal, och undantagna licenser räknas in när beställningen också innehåller andra rabatterade produkter.
eligibility-quantity-cloud = Donerade molntjänster räknas inte in i de fem licenserna och gör inte heller att kravet gäller.

eligibility-budget-heading = Budget
eligibility-budget-text = Organisationer med en årlig driftsbudget av vilken storlek som helst kan ha rätt till produkterna i programmet.

eligibility-nonprofit-heading = Endast för ideella organisationer
eligibility-nonprofit-only = Produkterna är bara till för ideella organisationer.
eligibility-nonprofit-certificate = Microsoft kräver att organisationer som beställer rabatterade produkter registrerar sig på Microsofts portal för ideella organisationer (Nonprofit Hub) och skickar in ett valideringscertifikat från Microsoft till programmet.
eligibility-nonprofit-separate = Ett konto hos Microsoft för ideella organisationer och valideringen i det här programmet är två olika saker. Det ena kan vara godkänt medan det andra fortfarande behandlas; på våra sidor står det alltid vilket av dem en status gäller.
eligibility-nonprofit-time = Vår partner granskar certifikatet och fattar normalt beslut inom 5–10 arbetsdagar. Du får besked via e-post.
eligibility-nonprofit-decision = Microsoft förbehåller sig rätten att bevilja eller avslå en organisations beställning när som helst och av vilket skäl som helst. Varje inskickad beställning får ett dokumenterat beslut: beviljad eller avslagen. Avslås den står skälet vid beställningen.

eligibility-cloud-heading = Aktiv användning av donerade molntjänster
eligibility-cloud-rule = Organisationer som tar emot donerade molntjänster måste se till att minst { $percent } procent av alla donerade licenser används aktivt. En aktiv användare har använt minst en Microsoft 365-molntjänst under de senaste { $days } dagarna. Kravet gäller bara de donerade licenserna, inte licenser som organisationen betalar för.
eligibility-cloud-services = Till molntjänsterna hör bland annat Exchange Online, Yammer/Viva Engage, Microsoft Teams, Microsoft 365-apparna, OneDrive och SharePoint.
eligibility-cloud-perpetual = Användning av Office-appar med permanent licens, som Office Standard eller Office Professional, räknas inte som aktiv användning.
eligibility-cloud-example = Exempel: med { $licensed ->
        [one] 1 donerad licens
       *[other] { $licensed } donerade licenser
    } behöver minst { $needed ->
        [one] 1 användare ha varit aktiv
       *[other] { $needed } användare ha varit aktiva
    } under de senaste 90 dagarna.

eligibility-further-heading = Ytterligare behörighetskrav
eligibility-further-intro = Vilka organisationstyper som kan delta bestäms av Microsofts regler för ideella organisationer. Organisationen ska vara ideell – till exempel en ideell förening med stadgar och organisationsnummer, eller en registrerad stiftelse – och ha ett syfte som gagnar samhället, till exempel fattigdomsbekämpning, utbildning, social omsorg, kultur, miljö, mänskliga rättigheter eller ett starkt civilsamhälle.
eligibility-further-eligible = Kan delta
eligibility-further-excluded = Kan inte delta
eligibility-further-assess = Bedöms från fall till fall
eligibility-further-assess-note = Microsofts nuvarande regler nämner inte de här organisationstyperna, men äldre villkor för programmet uteslöt dem. Vår partner bedömer varje organisation för sig.
eligibility-users-heading = Vem får använda licenserna?
eligibility-users-donated = Donerade (kostnadsfria) licenser: anställd personal och oavlönade personer i organisationens ledning.
eligibility-users-discounted = Rabatterade licenser: all personal, även volontärer.
eligibility-users-never = Aldrig: de som organisationen hjälper, givare eller medlemmar i egenskap av medlemmar.
eligibility-cta-check = Testa om din organisation kan delta
