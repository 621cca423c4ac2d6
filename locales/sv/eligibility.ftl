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
eligibility-quantity-unlimited = Organisationer kan beställa hur många rabatterade produkter och molntjänster från Microsoft som helst.
eligibility-quantity-minimum = Varje beställning av rabatterade produkter måste innehålla minst { $min } licenser.
eligibility-quantity-combination = Licenserna kan vara av samma produkt eller av olika produkter tillsammans.
eligibility-quantity-exempt = Vissa produkter är undantagna från kravet; det står i produktkatalogen. En beställning med bara undantagna produkter har inget minsta antal, och undantagna licenser räknas med när beställningen också innehåller andra rabatterade produkter.
eligibility-quantity-cloud = Donerade molntjänster räknas inte in i de fem licenserna och utlöser inte heller kravet.

eligibility-budget-heading = Budget
eligibility-budget-text = Organisationer med en årlig driftsbudget av vilken storlek som helst kan ha rätt till produkterna i programmet.

eligibility-nonprofit-heading = Endast för ideella organisationer
eligibility-nonprofit-only = Produkterna är bara till för ideella organisationer.
eligibility-nonprofit-certificate = Microsoft kräver att organisationer som beställer rabatterade produkter registrerar sig på Microsofts portal för ideella organisationer och skickar in ett valideringscertifikat från Microsoft till programmet.
eligibility-nonprofit-separate = Ett konto hos Microsoft för ideella organisationer och valideringen i det här programmet är två olika saker. Det ena kan vara godkänt medan det andra fortfarande behandlas; på våra sidor står det alltid vilket av dem en status gäller.
eligibility-nonprofit-time = Vår partner granskar certifikatet och fattar normalt beslut inom 5–10 arbetsdagar. Du får besked via e-post.
eligibility-nonprofit-decision = Microsoft förbehåller sig rätten att bevilja eller avslå en organisations beställning när som helst och av vilket skäl som helst. Varje beställning får ett registrerat beslut: beviljad eller avslagen, med skäl.

eligibility-cloud-heading = Aktiv användning av donerade molntjänster
eligibility-cloud-rule = Organisationer som tar emot donerade molntjänster måste se till att minst { $percent } procent av alla donerade licenser används aktivt. En aktiv användare har använt minst en Microsoft 365-molntjänst under de senaste { $days } dagarna.
eligibility-cloud-services = Till molntjänsterna hör bland annat Exchange Online, Yammer/Viva Engage, Microsoft Teams, Microsoft 365-apparna, OneDrive och SharePoint.
eligibility-cloud-perpetual = Användning av Office-appar med permanent licens, som Office Standard eller Office Professional, räknas inte som aktiv användning.
eligibility-cloud-example = Exempel: med { $licensed } tilldelade licenser behöver minst { $needed } användare ha varit aktiva under perioden.

eligibility-further-heading = Ytterligare behörighetskrav
eligibility-further-intro = Vilka organisationstyper som kan delta följer Microsofts regler för ideella organisationer. Organisationen ska ha erkänd ideell status i Sverige och ett syfte som gagnar samhället, till exempel fattigdomsbekämpning, utbildning, social omsorg, kultur, miljö, mänskliga rättigheter eller civilsamhälle.
eligibility-further-eligible = Kan delta
eligibility-further-excluded = Kan inte delta
eligibility-users-heading = Vem får använda licenserna?
eligibility-users-donated = Donerade (kostnadsfria) licenser: anställd personal och oavlönade ledamöter i ledningen.
eligibility-users-discounted = Rabatterade licenser: all personal, även volontärer.
eligibility-users-never = Aldrig: de som organisationen hjälper, givare eller medlemmar.
eligibility-cta-check = Testa om din organisation kan delta
