# Catalogue and orders: templates/catalog/*.html, templates/orders/*.html, templates/staff/order*.html, product*.html

nav-products = Produkter
products-title = Produkter
products-heading = Produkter i programmet
products-lead = Rabatterade licenser och donerade molntjänster från Microsoft. Avgiften är en administrationsavgift per licens.
products-fee-note = Priserna är administrationsavgifter i kronor per licens. Microsoft förbehåller sig rätten att bevilja eller avslå varje beställning.
products-back = Alla produkter
product-col-name = Produkt
product-col-kind = Typ
product-col-minimum = Minst fem licenser
product-col-fee = Avgift per licens
product-col-max = Högst per beställning
product-col-sku = Artikelkod
product-kind-discounted = Rabatterad licens
product-kind-donated-cloud = Donerad molntjänst
product-minimum-applies = Räknas in i kravet på minst fem licenser
product-minimum-exempt = Undantagen från kravet
product-minimum-cloud = Molntjänst – räknas inte in
product-exempt-heading = Vad undantaget innebär
product-exempt-why = Microsoft har undantagit vissa produkter från kravet på minst fem licenser, och den här är en av dem. En beställning med bara undantagna produkter har inget lägsta antal. Beställer du den tillsammans med andra rabatterade produkter räknas licenserna in i de fem.
product-active = I katalogen
product-retired = Inte längre i katalogen
product-sku-hint = Små bokstäver, siffror och bindestreck.
product-name-sv = Namn på svenska
product-name-en = Namn på engelska
product-description-sv = Beskrivning på svenska
product-description-en = Beskrivning på engelska
product-exempt-label = Undantagen från kravet på minst fem licenser
product-active-label = Visas i katalogen och kan beställas
product-fee-hint = I kronor, till exempel 699 eller 699,50.
product-error-sku = Skriv en artikelkod med små bokstäver, siffror och bindestreck.
product-error-sku-taken = Det finns redan en produkt med den artikelkoden.
product-error-fee = Skriv avgiften i kronor, till exempel 699 eller 699,50.
product-error-max = Skriv ett heltal från 1 till 10 000.
staff-products-title = Produkter
staff-product-new = Ny produkt
staff-product-edit = Ändra produkt
staff-product-save = Spara produkten
staff-product-saved = Produkten är sparad.
staff-product-differs = Ändrad av personalen: skiljer sig från standardtexten för den här artikeln.
staff-products-differs-note = Produkter märkta ”Ändrad” har text eller villkor som skiljer sig från programmets standard. De uppdateras inte automatiskt när standarden ändras – jämför dem med produktkatalogens aktuella fakta.
staff-product-differs-short = Ändrad

orders-title = Beställningar
orders-empty = Organisationen har inte gjort några beställningar ännu.
orders-back = Alla beställningar
order-title = Beställning
order-new-title = Ny beställning
order-new-heading = Ny beställning
order-new-lead = Skriv hur många licenser du vill ha av varje produkt. Vi kontrollerar programmets regler innan du bekräftar.
order-col-quantity = Antal
order-col-sum = Summa
order-col-reference = Beställning
order-col-validation = Validering
order-col-licences = Licenser
order-total = Totalt
order-review-submit = Granska beställningen
order-review-title = Granska beställningen
order-review-heading = Granska beställningen
order-review-lead = Kontrollera raderna och summan. Beställningen skickas först när du bekräftar.
order-rules-met = Beställningen uppfyller programmets regler.
order-confirm-submit = Bekräfta beställningen
order-change = Ändra
order-problems-heading = Beställningen kan inte skickas än
order-warnings-heading = Kontrollera antalet kärnlicenser
order-warning-cores = { $product }: { $cores ->
        [one] 1 kärnlicens
       *[other] { $cores } kärnlicenser
    } räcker inte till en enda server. Varje server behöver minst { $min } kärnlicenser, så beställ minst { $units ->
        [one] 1 styck
       *[other] { $units } stycken
    } per server.
order-placed = Tack! Beställningen är skickad. Du får besked via e-post när den har behandlats.
order-cancelled = Beställningen är avbeställd.
order-cancel = Avbeställ
order-history = Historik
order-reason = Skäl:
order-state-submitted = Skickad
order-state-granted = Beviljad
order-state-denied = Avslagen
order-state-fulfilled = Levererad
order-state-cancelled = Avbeställd
order-filter-submitted = Väntar på beslut
order-filter-granted = Beviljade
order-filter-denied = Avslagna
order-filter-fulfilled = Levererade
order-filter-cancelled = Avbeställda
order-filter-all = Alla
order-validation-valid = Validerad
order-validation-none = Inget certifikat
order-validation-pending = Certifikat granskas
order-validation-rejected = Certifikatet godkändes inte
order-validation-expired = Valideringen har gått ut
order-error-not-validated-none = Organisationen är inte validerad i programmet. Skicka in Microsofts valideringscertifikat på sidan Valideringscertifikat innan du beställer.
order-error-not-validated-pending = Organisationens valideringscertifikat granskas fortfarande. Du kan beställa när det är godkänt.
order-error-not-validated-rejected = Organisationens senaste valideringscertifikat godkändes inte. Skicka in ett nytt certifikat innan du beställer.
order-error-not-validated-expired = Organisationens validering har gått ut, så det går inte att beställa just nu. Hämta ett aktuellt valideringscertifikat i Nonprofit Hub och ladda upp det på sidan Valideringscertifikat. När vår partner har godkänt det kan du beställa igen.
order-error-empty = Beställningen innehåller inga produkter. Skriv ett antal vid minst en produkt.
order-error-unknown-product = En produkt i beställningen finns inte i katalogen.
order-error-retired = { $product } finns inte längre i katalogen och kan inte beställas.
order-error-quantity = Antalet för { $product } ska vara ett heltal från 1 till { $max }.
order-error-minimum = Beställningen innehåller { $total ->
        [one] 1 licens
       *[other] { $total } licenser
    }, men de här produkterna kräver minst { $min } tillsammans. Lägg till { $missing ->
        [one] 1 licens till
       *[other] { $missing } licenser till
    }, eller beställ bara produkter som är undantagna från kravet.
order-error-reason = Skriv varför beställningen avslås.
staff-orders-title = Beställningar
staff-order-title = Beställning
staff-order-grant = Bevilja
staff-order-deny = Avslå
staff-order-deny-reason = Skäl till avslag (visas för organisationen)
staff-order-fulfil-heading = Leverans
staff-order-fulfil-note = Meddelande till organisationen, till exempel var licensnycklarna finns
staff-order-fulfil = Markera som levererad
staff-order-saved = Beslutet är sparat och organisationen har fått besked.
staff-orders-link = Beställningar som väntar
staff-products-link = Produktkatalogen
dashboard-orders-link = Beställningar

mail-order-submitted-subject = Vi har tagit emot beställningen hos { $program }
mail-order-submitted-body = Hej { $name }!

    Tack för beställningen. Vi hör av oss när den har behandlats. Här kan du följa den:

    { $link }
mail-order-granted-subject = Beställning { $reference } är beviljad
mail-order-granted-body = Hej { $name }!

    Beställning { $reference } är beviljad. Vi meddelar dig när licenserna är levererade.

    { $link }
mail-order-denied-subject = Beställning { $reference } är avslagen
mail-order-denied-body = Hej { $name }!

    Beställning { $reference } har avslagits. Skäl: { $note }

    { $link }
mail-order-fulfilled-subject = Beställning { $reference } är levererad
mail-order-fulfilled-body = Hej { $name }!

    Beställning { $reference } är levererad. { $note }

    { $link }

seed-product-m365-business-basic-name = Microsoft 365 Business Basic (donation)
seed-product-m365-business-basic-description = Webb- och mobilversioner av Office, e-post med Exchange, Teams, OneDrive och SharePoint. Doneras kostnadsfritt till berättigade organisationer, upp till 300 licenser. Organisationen aktiverar donationen själv i Microsofts portal för ideella organisationer (Nonprofit Hub); programmet validerar organisationen och vår partner hjälper till om något krånglar.
seed-product-m365-business-premium-name = Microsoft 365 Business Premium
seed-product-m365-business-premium-description = Allt i Business Basic samt Office-apparna för datorn och avancerat säkerhetsskydd. Rabatterad prenumeration för ideella organisationer, cirka 75 procent under ordinarie pris. Den kostnadsfria donationen av upp till 10 licenser upphörde den 1 juli 2025 (eller vid organisationens nästa förnyelse). Har organisationen kvar den gamla donationen behöver användarna flyttas till den donerade Business Basic eller till betalda licenser, till exempel den här prenumerationen.
seed-product-office-ltsc-standard-name = Office LTSC Standard 2024
seed-product-office-ltsc-standard-description = Word, Excel, PowerPoint och Outlook med permanent licens för en dator.
seed-product-office-ltsc-pro-plus-name = Office LTSC Professional Plus 2024
seed-product-office-ltsc-pro-plus-description = Office Standard samt Access, med permanent licens för en dator.
seed-product-windows-pro-upgrade-name = Windows 11 Pro, uppgradering
seed-product-windows-pro-upgrade-description = Uppgraderar en dator med Windows Home till Windows 11 Pro, med bland annat BitLocker och domänanslutning.
seed-product-windows-server-standard-name = Windows Server 2025 Standard (16 kärnor)
seed-product-windows-server-standard-description = Serveroperativsystem med rätt till två virtuella maskiner. Licensieras per kärna och säljs i paket om två kärnor; varje server behöver minst 16 kärnlicenser, även om den har färre kärnor. Den här artikeln innehåller 16 kärnlicenser (åtta paket), alltså det minsta en server behöver. Har servern fler än 16 kärnor behövs fler licenser.
seed-product-windows-server-cal-name = Windows Server 2025 CAL, användare
seed-product-windows-server-cal-description = Åtkomstlicens för en användare som ansluter till Windows Server.
seed-product-sql-server-standard-name = SQL Server 2022 Standard (2 kärnor)
seed-product-sql-server-standard-description = Databasserver. Licensieras per kärna och säljs i paket om två kärnor; varje server behöver minst fyra kärnlicenser, alltså minst två paket, även om den har färre kärnor. En artikel är ett paket om två kärnor.
seed-product-visio-professional-name = Visio Professional 2024
seed-product-visio-professional-description = Diagram och flödesscheman, med permanent licens för en dator.
seed-product-project-professional-name = Project Professional 2024
seed-product-project-professional-description = Projektplanering och resursstyrning, med permanent licens för en dator.
