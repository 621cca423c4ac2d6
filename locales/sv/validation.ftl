# Validation: templates/validation/member.html, templates/staff/validations.html, validation.html

certificate-title = Valideringscertifikat
certificate-heading = Valideringscertifikat
certificate-lead = Registrera organisationen på Microsofts portal för ideella organisationer (Nonprofit Hub) och ladda upp valideringscertifikatet som du får där. Vår partner granskar det och fattar normalt beslut inom 5–10 arbetsdagar.
certificate-status-heading = Valideringens status i programmet
certificate-sent-on = Skickat
certificate-download = Ladda ner certifikatet
certificate-upload-heading = Skicka in ett certifikat
certificate-file = Certifikatet (PDF, PNG eller JPEG)
certificate-file-hint = Högst { $mb } MB. Vi avgör filtypen utifrån innehållet, inte filnamnet.
certificate-note = Meddelande till granskaren (frivilligt)
certificate-submit = Skicka certifikatet
certificate-sent = Tack! Certifikatet är inskickat. Du får besked via e-post när det är granskat.
certificate-history-heading = Tidigare certifikat
certificate-blocked-unconfirmed = Bekräfta din e-postadress först; länken finns i meddelandet vi skickade när du registrerade dig.
certificate-blocked-pending = Ett certifikat väntar redan på granskning. Du kan skicka ett nytt när det har fått ett beslut.
certificate-error-note = Meddelandet är för långt. Skriv högst 2 000 tecken.

upload-error-missing = Välj en fil att ladda upp.
upload-error-empty = Filen är tom. Välj filen igen.
upload-error-type = Filen är inte en PDF, PNG eller JPEG. Spara certifikatet som PDF eller bild och försök igen.
upload-error-too-large = Filen är för stor. Den får vara högst 10 MB; spara den i lägre upplösning eller som PDF.
upload-error-malformed = Filen kom inte fram i sin helhet. Försök igen.
upload-error-timeout = Uppladdningen tog för lång tid. Kontrollera anslutningen och försök igen.
upload-error-storage = Vi kunde inte ta emot filen just nu. Försök igen om en stund.

validation-state-pending = Granskas
validation-state-approved = Godkänd
validation-state-rejected = Avslagen
validation-state-expired = Har gått ut
validation-status-pending = Vår partner granskar certifikatet. Du kan räkna med beslut senast { $date }.
validation-status-approved = Organisationen är validerad i programmet från { $from } till och med { $to }.
validation-countdown = Valideringen gäller { $days ->
        [one] bara i dag
       *[other] i { $days } dagar till
    }.
validation-status-expired = Valideringen gällde till och med { $to }.
validation-status-rejected = Certifikatet godkändes inte. Skäl: { $reason }
validation-next-rejected = Rätta det som skälet nämner och skicka ett nytt certifikat nedan, eller kontakta supporten om något är oklart.
validation-next-expired = Skicka ett nytt certifikat för att förnya valideringen.
validation-next-renew = Hämta ett nytt valideringscertifikat i Nonprofit Hub och ladda upp det här i god tid, så att organisationen kan fortsätta beställa när valideringen har gått ut.

validation-reason-unreadable = Certifikatet går inte att läsa. Skicka en tydligare kopia, gärna som PDF.
validation-reason-wrong-document = Filen är inte ett valideringscertifikat från Microsoft. Ladda ner certifikatet från Microsofts portal för ideella organisationer.
validation-reason-expired = Certifikatet har gått ut. Förnya valideringen hos Microsoft och skicka det nya certifikatet.
validation-reason-name-mismatch = Organisationens namn eller nummer på certifikatet stämmer inte med uppgifterna i organisationens konto.
validation-reason-not-nonprofit = Organisationen uppfyller inte kraven för ideella organisationer i Microsofts program.

validations-title = Valideringar
validation-title = Validering
validations-filter-label = Visa
validations-filter-pending = Väntar på beslut
validations-filter-approved = Godkända
validations-filter-rejected = Avslagna
validations-filter-all = Alla
validations-col-org = Organisation
validations-col-sent = Inskickat
validations-col-age = Väntat
validations-empty = Inga inskickade certifikat i den här listan.
validations-flag = Granska särskilt: numret hör till gruppen { $group }.
validations-back = Tillbaka till kön
validations-file = Certifikatet
validations-image-alt = Det inskickade certifikatet
validations-decide-heading = Beslut
validations-decision = Beslut
validations-approve = Godkänn
validations-reject = Avslå
validations-approve-legend = Vid godkännande: giltighetstid
validations-valid-from = Giltigt från
validations-valid-to = Giltigt till och med
validations-certificate-expires = Certifikatets slutdatum
validations-certificate-expires-hint = Som det står på Microsofts certifikat, som gäller i två år. Valideringen gäller som längst till och med det datumet.
validations-reject-legend = Vid avslag: skäl
validations-canned = Färdigt skäl
validations-canned-none = Inget, jag skriver själv
validations-reason-sv = Skäl på svenska
validations-reason-en = Skäl på engelska
validations-save = Spara beslutet
validations-decided = Beslutet är sparat och organisationen har fått besked.
validations-error-date = Skriv datumet som ÅÅÅÅ-MM-DD.
validations-error-order = Slutdatumet kan inte vara före startdatumet.
validations-error-certificate-expired = Certifikatet går ut före startdatumet. Avslå det i stället, med skälet att certifikatet har gått ut.
validations-error-reason = Välj ett färdigt skäl eller skriv ett eget, på svenska eller engelska.
staff-validations-link = Valideringar som väntar
dashboard-certificate-link = Skicka in eller se certifikatet

age-days = { $days ->
        [one] 1 dag
       *[other] { $days } dagar
    }

mail-validation-approved-subject = Organisationen är validerad hos { $program }
mail-validation-approved-body = Hej { $name }!

    Organisationens valideringscertifikat är godkänt. Organisationen är validerad i programmet från { $from } till och med { $to }, och du kan nu beställa.

    { $link }
mail-validation-rejected-subject = { $program }: organisationens valideringscertifikat godkändes inte
mail-validation-rejected-body = Hej { $name }!

    Organisationens valideringscertifikat godkändes inte. Skäl: { $reason }

    Rätta det som skälet nämner och skicka ett nytt certifikat här:

    { $link }
mail-validation-reminder-subject = Valideringen hos { $program } behöver förnyas
mail-validation-reminder-body = Hej { $name }!

    Organisationens validering i programmet gäller till och med { $to }, alltså { $days ->
            [one] bara i dag
           *[other] i { $days } dagar till
        }. Hämta ett nytt valideringscertifikat i Microsofts portal för ideella organisationer (Nonprofit Hub) och ladda upp det här, så att organisationen kan fortsätta beställa:

    { $link }
