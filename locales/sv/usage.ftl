# Cloud active-usage check: templates/usage/page.html (src/usage/handlers.rs)

usage-title = Aktiv användning
usage-heading = Kontrollera aktiv användning av molntjänster
usage-lead = Organisationer med donerade molntjänster måste ha minst 85 procent av de donerade licenserna i aktiv användning. En användare räknas som aktiv om hen har använt någon Microsoft 365-molntjänst under de senaste 90 dagarna. Ladda upp exporten från Microsoft 365, så ser du hur organisationen ligger till.
usage-upload-heading = Ladda upp rapporten
usage-how = I Microsoft 365-administrationscentret: gå till Rapporter → Användning → Aktiva användare, välj perioden 90 dagar och klicka på Exportera. Du kan också ladda upp exporterna för Microsoft 365-appar, Teams, e-post och Viva Engage från samma datum, så räknas aktivitet därifrån med. Filerna sparas inte.
usage-files = Exporterade CSV-filer
usage-files-hint = Rapporten Aktiva användare krävs; övriga rapporter är frivilliga. Högst fem filer på 20 MB var.
usage-licenses = Antal donerade licenser (frivilligt)
usage-licenses-hint = Fyll i om antalet donerade licenser skiljer sig från antalet licensierade användare i filen (till exempel om några licenser inte är tilldelade).
usage-save = Spara siffrorna (inte filerna) så att du kan följa utvecklingen. Vår partner ser dem också.
usage-submit = Kontrollera
usage-csv = Ladda ner inaktiva användare som CSV
usage-sources = Rapporter:
usage-period = Perioden är { $from } till och med { $to }
usage-chart-caption = Strecket visar 85 procent.
usage-verdict-pass = Organisationen uppfyller kravet på 85 procents aktiv användning.
usage-verdict-fail = Organisationen uppfyller inte kravet på 85 procents aktiv användning.
usage-verdict-pass-short = Uppfyllt
usage-verdict-fail-short = Inte uppfyllt
usage-overall = Alla licenser
usage-product-pass = { $active } av { $licensed ->
        [one] 1 licens
       *[other] { $licensed } licenser
    } används aktivt ({ $share }). Minst { $needed } behövs.
usage-product-fail = { $active } av { $licensed ->
        [one] 1 licens
       *[other] { $licensed } licenser
    } används aktivt ({ $share }). Minst { $needed } behövs, så { $gap ->
        [one] 1 användare till behöver bli aktiv
       *[other] { $gap } användare till behöver bli aktiva
    }.
usage-figures = { $active } av { $licensed } aktiva ({ $share })
usage-products-heading = Per produkt
usage-assigned-heading = Produkter i filen
usage-assigned-lead = Bara donerade licenser räknas in i kravet på 85 procent; betalda licenser räknas inte. Stämmer det inte vilka produkter som är donerade kryssar du i rätt produkter nedan och laddar upp filen igen.
usage-assigned-users = { $product }: { $users ->
        [one] 1 användare
       *[other] { $users } användare
    }
usage-assigned-granted = räknas (donerad)
usage-assigned-paid = räknas inte (betald)
usage-granted-legend = Donerade produkter
usage-granted-hint = Kryssa i de produkter som organisationen har fått som donation. Betalda licenser räknas inte.
usage-concealed = I rapporten är användarnamnen dolda, så du ser koder i stället för namn. En administratör kan visa namnen i Microsoft 365-administrationscentret under Inställningar → Organisationsinställningar → Tjänster → Rapporter.
usage-advice-heading = Så kommer organisationen upp till 85 procent
usage-advice-reassign = Flytta licenser från personer som inte använder dem till personer som behöver dem.
usage-advice-remove = Säg upp licenser som ingen behöver; färre licenser ger en högre andel.
usage-advice-help = Hjälp användarna i gång med till exempel Teams, Outlook på webben eller OneDrive – det räcker att de använder en av molntjänsterna.
usage-saved = Siffrorna är sparade.
usage-inactive-heading = Användare utan aktivitet de senaste 90 dagarna
usage-inactive-none = Alla licensierade användare har varit aktiva.
usage-col-name = Användare
usage-col-upn = Användarnamn
usage-col-products = Produkter
usage-col-latest = Senast aktiv
usage-col-days = Dagar sedan senaste aktivitet
usage-never = Aldrig
usage-history-heading = Sparade kontroller
usage-service-exchange = Exchange (e-post)
usage-service-onedrive = OneDrive
usage-service-sharepoint = SharePoint
usage-service-skype-for-business = Skype för företag
usage-service-yammer = Viva Engage (Yammer)
usage-service-teams = Teams
usage-service-m365-apps = Microsoft 365-appar
usage-report-active-users = Aktiva användare
usage-report-m365-apps = Användning av Microsoft 365-appar
usage-report-teams = Teams-aktivitet
usage-report-email = E-postaktivitet
usage-report-yammer = Viva Engage-aktivitet
usage-value-date = ett datum (ÅÅÅÅ-MM-DD)
usage-value-yes-no = True eller False (Sant eller Falskt)
usage-value-number = ett heltal
usage-value-user = ett användarnamn
usage-error-in-file = { $file }: { $error }
usage-error-licenses = Skriv antalet licenser som ett heltal, minst 1.
usage-error-not-csv = Filen är inte en CSV-fil. Exportera rapporten som CSV från Microsoft 365-administrationscentret, och öppna eller spara den inte i Excel innan du laddar upp den.
usage-error-unknown-report = Filen är en annan rapport än de vi kan läsa. Exportera rapporten Aktiva användare (eller Microsoft 365-appar, Teams, e-post eller Viva Engage).
usage-error-missing-columns = Rapporten { $report } saknar { $count ->
        [one] kolumnen
       *[other] kolumnerna
    } { $columns }.
usage-error-row = Rad { $line } har { $found ->
        [one] 1 fält
       *[other] { $found } fält
    } men ska ha { $expected }. Exportera filen på nytt, och öppna eller spara den inte i Excel innan du laddar upp den.
usage-error-value = Rad { $line }, kolumnen ”{ $column }”: ”{ $value }” är inte { $expected }.
usage-error-too-large = Filen är större än { $limit_mb } MB (den är { $size_mb } MB).
usage-error-too-many-rows = Filen har fler än { $limit ->
        [one] 1 rad
       *[other] { $limit } rader
    }.
usage-error-line-too-long = Rad { $line } är längre än { $limit_kb } kB. En export från Microsoft 365 har mycket kortare rader; exportera rapporten på nytt som CSV.
usage-error-too-many-columns = Rad { $line } har fler än { $limit } kolumner. En export från Microsoft 365 har mycket färre; exportera rapporten på nytt som CSV.
usage-error-unconfirmed = Bekräfta din e-postadress innan du laddar upp rapporter. Klicka på länken i mejlet vi skickade när du registrerade dig.
usage-error-busy = Många kontroller körs just nu. Vänta en minut och försök igen.
usage-error-no-users = Filen innehåller inga licensierade användare.
usage-error-mixed-dates = Rapporten { $report } gäller { $found }, men de andra gäller { $expected }. Exportera alla rapporter samma dag.
usage-error-no-active-users = Rapporten Aktiva användare saknas; den visar vilka som har licenser.
usage-error-several-active-users = Ladda bara upp en rapport Aktiva användare åt gången.
usage-error-license-count = Antalet licenser måste vara minst 1.
usage-error-no-granted = Filen innehåller inga donerade licenser, bara betalda. Kravet på 85 procent gäller bara donerade licenser, så det finns inget att kontrollera i den här filen.
dashboard-usage-link = Kontrollera aktiv användning
staff-usage-none = Organisationen har inte sparat någon kontroll av aktiv användning.
