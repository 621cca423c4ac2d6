# Eligibility self-check: templates/public/self_check.html (src/public/selfcheck.rs)

selfcheck-title = Testa din organisation
selfcheck-title-errors = Rätta uppgifterna – Testa din organisation
selfcheck-heading = Testa om din organisation kan delta
selfcheck-lead = Svara på det du vet; alla frågor är frivilliga. Du ser sedan varje regel och om den är uppfylld, inte uppfylld eller okänd – och varför. Inget sparas.
selfcheck-org-legend = Organisationen
selfcheck-org-type-label = Typ av organisation
selfcheck-org-type-choose = Välj typ
selfcheck-org-number-label = Organisationsnummer (frivilligt)
selfcheck-org-number-hint = Tio siffror, till exempel 802000-0009.
selfcheck-licenses-legend = Rabatterade licenser
selfcheck-licenses-label = Hur många rabatterade licenser tänker ni beställa?
selfcheck-licenses-hint = Räkna alla licenser i beställningen tillsammans, oavsett produkt.
selfcheck-exempt-label = Är produkterna undantagna från kravet på minst fem licenser?
selfcheck-exempt-none = Nej, ingen är undantagen
selfcheck-exempt-some = Några är undantagna, andra inte
selfcheck-exempt-all = Ja, alla är undantagna
selfcheck-cloud-legend = Donerade molntjänster
selfcheck-cloud-hint = Fyll i om ni redan har donerade molnlicenser. Siffrorna finns i Microsoft 365 administrationscenter under Rapporter → Användning.
selfcheck-cloud-seats-label = Antal donerade licenser
selfcheck-cloud-active-label = Användare som varit aktiva de senaste 90 dagarna
selfcheck-submit = Visa resultatet

selfcheck-error-org-type = Välj en av organisationstyperna i listan.
selfcheck-error-exempt = Välj ett av svaren i listan.
selfcheck-error-number = Skriv ett heltal med siffror, till exempel 5.
selfcheck-error-at-least-one = Skriv minst 1.
selfcheck-error-too-large = Talet är större än vi kan räkna med. Skriv högst 1 000 000.
selfcheck-error-active-over-seats = Det kan inte finnas fler aktiva användare än licenser.
selfcheck-error-active-missing = Skriv också hur många användare som varit aktiva.
selfcheck-error-seats-missing = Skriv också hur många donerade licenser ni har.

selfcheck-result-heading = Resultat
selfcheck-summary = Uppfyllda: { $met }. Inte uppfyllda: { $notmet }. Okända: { $unknown }.
selfcheck-read-rule = Läs regeln
selfcheck-disclaimer = Det här är en vägledning. Vår partner fattar beslutet när ni har registrerat er och skickat in valideringscertifikatet, och Microsoft kan bevilja eller avslå varje beställning.
selfcheck-status-met = Uppfylld
selfcheck-status-not-met = Inte uppfylld
selfcheck-status-unknown = Okänd
selfcheck-rule-org-type = Typ av organisation
selfcheck-rule-org-number = Organisationsnummer
selfcheck-rule-quantity = Minst fem licenser
selfcheck-rule-budget = Budget
selfcheck-rule-cloud-use = Aktiv användning av molntjänster
selfcheck-rule-validation = Valideringscertifikat

selfcheck-orgtype-missing = Du har inte valt någon typ av organisation.
selfcheck-orgtype-eligible = { $type } är en av de organisationstyper som kan delta.
selfcheck-orgtype-assess = Vår partner bedömer om organisationen har erkänd ideell status utifrån era handlingar.
selfcheck-orgtype-excluded-government = { $type }: statliga och kommunala organisationer, även internationella organ och FN-organ, omfattas inte av Microsofts program för ideella organisationer.
selfcheck-orgtype-excluded-school = { $type }: utbildningsinstitutioner, även akademiska museer, omfattas inte. De har Microsofts egna utbildningsprogram.
selfcheck-orgtype-excluded-healthcare = { $type }: sjukhus, vårdnätverk, sjukförsäkringar och öppenvård omfattas inte.
selfcheck-orgtype-excluded-public-utility = { $type }: allmännyttiga försörjningsbolag omfattas inte.
selfcheck-orgtype-excluded-financial = { $type }: finansiella institutioner omfattas inte.
selfcheck-orgtype-excluded-political-party = { $type }: politiska partier och lobbyorganisationer omfattas inte.
selfcheck-orgtype-excluded-trade-union = { $type }: fackförbund omfattas inte.
selfcheck-orgtype-excluded-business-association = { $type }: bransch- och yrkesorganisationer omfattas inte.

selfcheck-orgnr-missing = Du har inte angett något organisationsnummer. Det behövs när ni registrerar er.
selfcheck-orgnr-nonprofit = Numret hör till gruppen { $group }, som är den vanliga för ideella organisationer.
selfcheck-orgnr-review = Numret är giltigt men hör till gruppen { $group }. Sådana organisationer är oftast inte ideella, så vår partner granskar det särskilt när ni registrerar er.

selfcheck-quantity-missing = Du har inte angett hur många licenser ni tänker beställa.
selfcheck-quantity-none = Beställningen innehåller inga rabatterade licenser, så kravet på minst fem gäller inte.
selfcheck-quantity-exempt = Alla { $total } licenser är undantagna från kravet, så beställningen har inget minsta antal.
selfcheck-quantity-enough = { $total } licenser räcker: en beställning behöver minst { $min }.
selfcheck-quantity-short = Ni har { $total } licenser av produkter som tillsammans kräver minst { $min }. Lägg till { $missing } { $count ->
        [one] licens
       *[other] licenser
    } till, gärna av en annan produkt ni behöver, eller beställ bara produkter som är undantagna från kravet.

selfcheck-budget = Organisationer med en budget av vilken storlek som helst kan delta.

selfcheck-cloud-missing = Du har inte angett några donerade molnlicenser. Regeln gäller först när ni har donerade molntjänster.
selfcheck-cloud-met = { $active } av { $licensed } licenser ({ $share }) har använts de senaste { $days } dagarna. Det räcker: minst { $needed } behövs.
selfcheck-cloud-short = { $active } av { $licensed } licenser ({ $share }) har använts de senaste { $days } dagarna. Minst { $needed } behövs, så { $missing } { $count ->
        [one] användare till behöver bli aktiv
       *[other] användare till behöver bli aktiva
    }. Flytta oanvända licenser till personer som behöver dem eller ta bort dem, och hjälp användarna i gång med till exempel Teams eller Outlook.

selfcheck-validation = När ni har registrerat er laddar ni upp Microsofts valideringscertifikat. Vår partner granskar det, normalt inom 5–10 arbetsdagar.
