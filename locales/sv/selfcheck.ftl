# Eligibility self-check: templates/public/self_check.html (src/public/selfcheck.rs)

selfcheck-title = Kan vi delta?
selfcheck-title-errors = Rätta uppgifterna – Kan vi delta?
selfcheck-heading = Testa om din organisation kan delta
selfcheck-lead = Svara på det du vet; alla frågor är frivilliga. Du ser sedan varje regel och om den är uppfylld, inte uppfylld eller inte går att bedöma – och varför. Inget sparas.
selfcheck-org-legend = Organisationen
selfcheck-org-type-label = Typ av organisation
selfcheck-org-type-choose = Välj typ
selfcheck-org-number-label = Organisationsnummer (frivilligt)
selfcheck-org-number-hint = Tio siffror, till exempel 802000-0009.
selfcheck-licenses-legend = Rabatterade licenser
selfcheck-licenses-label = Hur många rabatterade licenser tänker organisationen beställa?
selfcheck-licenses-hint = Räkna alla licenser i beställningen tillsammans, oavsett produkt.
selfcheck-exempt-label = Är produkterna undantagna från kravet på minst fem licenser?
selfcheck-exempt-none = Nej, ingen är undantagen
selfcheck-exempt-some = Några är undantagna, andra inte
selfcheck-exempt-all = Ja, alla är undantagna
selfcheck-cloud-legend = Donerade molntjänster
selfcheck-cloud-hint = Fyll i om organisationen redan har donerade molnlicenser. Siffrorna finns i Microsoft 365-administrationscentret under Rapporter → Användning.
selfcheck-cloud-seats-label = Antal donerade licenser
selfcheck-cloud-active-label = Användare som varit aktiva de senaste 90 dagarna
selfcheck-submit = Visa resultatet

selfcheck-error-org-type = Välj en av organisationstyperna i listan.
selfcheck-error-exempt = Välj ett av svaren i listan.
selfcheck-error-number = Skriv ett heltal med siffror, till exempel 5.
selfcheck-error-at-least-one = Skriv minst 1.
selfcheck-error-too-large = Talet är för stort. Skriv högst 1 000 000.
selfcheck-error-active-over-seats = Det kan inte finnas fler aktiva användare än licenser.
selfcheck-error-active-missing = Skriv också hur många användare som varit aktiva.
selfcheck-error-seats-missing = Skriv också hur många donerade licenser organisationen har.

selfcheck-result-heading = Resultat
selfcheck-summary = Uppfyllda: { $met }. Inte uppfyllda: { $notmet }. Går inte att bedöma: { $unknown }.
selfcheck-read-rule = Läs regeln
selfcheck-disclaimer = Det här är en vägledning. Vår partner fattar beslutet när organisationen är registrerad och har skickat in valideringscertifikatet, och Microsoft förbehåller sig rätten att bevilja eller avslå varje beställning.
selfcheck-status-met = Uppfylld
selfcheck-status-not-met = Inte uppfylld
selfcheck-status-unknown = Kan inte bedömas
selfcheck-rule-org-type = Typ av organisation
selfcheck-rule-org-number = Organisationsnummer
selfcheck-rule-quantity = Minst fem licenser
selfcheck-rule-budget = Budget
selfcheck-rule-cloud-use = Aktiv användning av molntjänster
selfcheck-rule-validation = Valideringscertifikat

selfcheck-orgtype-missing = Du har inte valt någon typ av organisation.
selfcheck-orgtype-eligible = { $type } är en av de organisationstyper som kan ha rätt att delta.
selfcheck-orgtype-assess = Vår partner bedömer utifrån organisationens handlingar om den är en ideell organisation.
selfcheck-orgtype-older-rules = { $type }: Microsofts nuvarande regler nämner inte den här typen av organisation, men äldre villkor för programmet uteslöt den. Vår partner bedömer varje organisation för sig utifrån dess handlingar.
selfcheck-orgtype-excluded-government = { $type }: statliga och kommunala organisationer, även mellanstatliga organisationer och FN-organ, omfattas inte av Microsofts program för ideella organisationer.
selfcheck-orgtype-excluded-school = { $type }: skolor, högskolor och universitet, även museer som hör till ett lärosäte, omfattas inte. Microsoft har särskilda utbildningsprogram för dem.
selfcheck-orgtype-excluded-healthcare = { $type }: sjukhus, vårdkoncerner, sjukvårdsförsäkringar och öppenvård omfattas inte.
selfcheck-orgtype-excluded-public-utility = { $type }: bolag som levererar el, vatten eller värme omfattas inte.
selfcheck-orgtype-excluded-financial = { $type }: finansiella institut omfattas inte.

selfcheck-orgnr-missing = Du har inte angett något organisationsnummer. Det behövs när du registrerar organisationen.
selfcheck-orgnr-nonprofit = Numret hör till gruppen { $group }, den grupp som ideella organisationer normalt tillhör.
selfcheck-orgnr-review = Numret är giltigt men hör till gruppen { $group }. Sådana organisationer är oftast inte ideella, så vår partner granskar organisationen extra noga när den registreras. Folkbibliotek, offentliga museer och trossamfund kan ändå delta.

selfcheck-quantity-missing = Du har inte angett hur många licenser organisationen tänker beställa.
selfcheck-quantity-none = Beställningen innehåller inga rabatterade licenser, så kravet på minst fem gäller inte.
selfcheck-quantity-exempt = { $total ->
        [one] Licensen är undantagen
       *[other] Alla { $total } licenser är undantagna
    } från kravet, så beställningen har inget lägsta antal.
selfcheck-quantity-enough = { $total ->
        [one] 1 licens räcker
       *[other] { $total } licenser räcker
    }: en beställning behöver minst { $min }.
selfcheck-quantity-short = Beställningen innehåller { $total ->
        [one] 1 licens
       *[other] { $total } licenser
    }, men de här produkterna kräver minst { $min } tillsammans. Lägg till { $missing ->
        [one] 1 licens till
       *[other] { $missing } licenser till
    } – till exempel av en annan produkt som organisationen behöver – eller beställ bara produkter som är undantagna från kravet.

selfcheck-budget = Organisationer med en budget av vilken storlek som helst kan ha rätt att delta.

selfcheck-cloud-missing = Du har inte angett några donerade molnlicenser. Regeln gäller först när organisationen har donerade molntjänster.
selfcheck-cloud-met = { $active } av { $licensed ->
        [one] 1 licens
       *[other] { $licensed } licenser
    } ({ $share }) har använts de senaste { $days } dagarna. Det räcker: minst { $needed } behövs.
selfcheck-cloud-short = { $active } av { $licensed ->
        [one] 1 licens
       *[other] { $licensed } licenser
    } ({ $share }) har använts de senaste { $days } dagarna. Minst { $needed } behövs, så { $missing ->
        [one] 1 användare till behöver bli aktiv
       *[other] { $missing } användare till behöver bli aktiva
    }. Flytta oanvända licenser till personer som behöver dem, säg upp licenser som ingen behöver, och hjälp användarna i gång med till exempel Teams eller Outlook på webben.

selfcheck-validation = När organisationen är registrerad laddar du upp Microsofts valideringscertifikat. Vår partner granskar det, normalt inom 5–10 arbetsdagar.
