# Dina uppgifter och dataexporten: templates/privacy/your_data.html, templates/privacy/staff.html,
# och README.txt i exportens ZIP (src/privacy/export.rs).

privacy-export-account-link = Dina uppgifter och export
privacy-export-your-data-title = Dina uppgifter
privacy-export-your-data-heading = Dina uppgifter
privacy-export-your-data-lead = Här ser du vilka uppgifter portalen har om dig och din organisation, och du kan ladda ner dem i en fil.
privacy-export-held-heading = Det här sparar portalen
privacy-export-held-account = Ditt konto: namn, e-postadress, telefonnummer om du har angett det, språk och när du registrerade dig och bekräftade adressen.
privacy-export-held-organisation = Organisationens namn, organisationsnummer och organisationsform
privacy-export-held-certificates = Valideringscertifikat som har laddats upp och vår partners beslut om dem.
privacy-export-held-orders = Beställningar med rader och historik.
privacy-export-held-tickets = Supportärenden med meddelanden och bifogade filer.
privacy-export-held-usage = Resultat av användningskontroller.
privacy-export-held-mail = Meddelanden som portalen har skickat till din adress.
privacy-export-held-audit = Loggen över vem som har gjort vad i portalen, med IP-adresser.
privacy-export-held-not = Lösenord sparas bara som ett kontrollvärde som inte går att läsa tillbaka. Det, liksom inloggningar, tillfälliga länkar och koder för tvåstegsinloggning, finns inte med i exporten.
privacy-export-download-heading = Ladda ner dina uppgifter
privacy-export-download-admin = Du är administratör för organisationen, så filen innehåller allt portalen har om organisationen och alla dess användare.
privacy-export-download-own = Du är inte administratör, så filen innehåller det som gäller dig: ditt konto, ärenden som du har skickat in, meddelanden till din adress och loggposter om dig. Organisationens administratör kan ladda ner allt om organisationen.
privacy-export-download = Ladda ner (ZIP)
privacy-export-rights-heading = Dina rättigheter
privacy-export-privacy-link = Så behandlar vi personuppgifter
privacy-export-delete-account-link = Radera ditt konto
privacy-export-delete-organisation-link = Radera organisationen

privacy-export-staff-link = Personuppgifter: export per e-postadress
privacy-export-staff-title = Personuppgifter
privacy-export-staff-heading = Personuppgifter
privacy-export-staff-lead = Här besvarar du en begäran om registerutdrag som har kommit via e-post, telefon eller brev. Kontrollera först att den som frågar verkligen har adressen.
privacy-export-staff-export-heading = Exportera allt om en e-postadress
privacy-export-staff-export-text = Filen innehåller användaren med adressen, ärenden från besökare som har angett den, meddelanden som portalen har skickat dit och loggposter om den. Exporten loggas med ditt namn och adressen.
privacy-export-staff-email = E-postadress
privacy-export-staff-email-hint = Adressen som begäran gäller, till exempel anna@forening.se.
privacy-export-staff-submit = Exportera
privacy-export-staff-nothing = Portalen har inga uppgifter om den adressen: ingen användare, inga ärenden och inga skickade meddelanden.

privacy-export-readme-title = Dina uppgifter i portalen
privacy-export-readme-made = Exporten gjordes { $when } (UTC).
privacy-export-readme-scope-organisation = Exporten innehåller allt portalen har om organisationen och alla dess användare.
privacy-export-readme-scope-person = Exporten innehåller det portalen har om en person: användarkontot om det finns, ärenden som personen har skickat in, meddelanden till adressen och loggposter om personen.
privacy-export-readme-files = Filerna
privacy-export-readme-file-organisation = { $file }: organisationens namn, organisationsnummer, organisationsform och när den registrerades.
privacy-export-readme-file-users = { $file }: användarna med namn, e-postadress, telefon, roll, språk och datum. Lösenord, inloggningar och koder för tvåstegsinloggning finns inte med.
privacy-export-readme-file-validation-requests = { $file }: valideringsförfrågningar med beslut, giltighetstid och motivering. Certifikatet ligger i mappen files.
privacy-export-readme-file-orders = { $file }: beställningar med produkter, antal, avgifter och historik över vem som ändrade vad.
privacy-export-readme-file-tickets = { $file }: supportärenden med alla meddelanden. Vår partners interna anteckningar finns med (markerade "internal": true), eftersom de kan innehålla uppgifter om dig. Bifogade filer ligger i mappen files.
privacy-export-readme-file-usage-checks = { $file }: resultaten av användningskontrollerna. Själva rapporterna sparas inte.
privacy-export-readme-file-outbox = { $file }: meddelanden som portalen har skickat eller ska skicka. Länkar i dem är borttagna, eftersom de kan fungera fortfarande.
privacy-export-readme-file-audit = { $file }: loggposter om vem som gjorde vad, när och från vilken IP-adress.
privacy-export-readme-file-files = { $file }: certifikat och bifogade filer, namngivna efter id i JSON-filerna.
privacy-export-readme-left-heading = Det här finns inte med, och varför
privacy-export-left-security = Inloggningar, tillfälliga länkar och räknare mot överbelastning. De skyddar kontona, försvinner av sig själva och skulle ge tillgång till kontot om de lämnades ut.
privacy-export-left-secret = Koder för tvåstegsinloggning och reservkoder. De är hemliga och skulle inte längre skydda något om de lämnades ut.
privacy-export-left-derived = Sökindex som byggs av ärendenas text. Själva ärendena finns med ovan.
privacy-export-left-published = Artiklar i vanliga frågor som vår partner skriver. De handlar inte om dig.
privacy-export-readme-formats = Filerna är JSON (UTF-8). Tider anges i UTC och belopp i ören.
