# Support tickets: the member's tickets, the contact form and the staff help desk.

nav-contact = Kontakt
dashboard-tickets-link = Ärenden och frågor till supporten
staff-tickets-link = Ärenden från organisationer och besökare

## The member's list and form

tickets-title = Ärenden
tickets-lead = Här ser du alla ärenden som din organisation har skickat till supporten. Många frågor besvaras redan under
tickets-faq-link = Frågor och svar
tickets-empty = Din organisation har inga ärenden än.
tickets-past-end = Den sidan finns inte – listan är kortare än så.
tickets-first-page = Till första sidan
tickets-back = Till alla ärenden
ticket-new-title = Nytt ärende
ticket-new-title-errors = Nytt ärende – kontrollera formuläret
ticket-new-lead = Beskriv vad du behöver hjälp med, så svarar vi så snart vi kan. Ofta finns svaret redan under
ticket-about-article = Ärendet gäller artikeln:
ticket-category = Vad gäller det?
ticket-category-choose = Välj ett område
ticket-category-validation = Validering
ticket-category-order = Beställning
ticket-category-account = Konto och inloggning
ticket-category-usage = Aktiv användning av molntjänster
ticket-category-other = Annat
ticket-link = Gäller det en beställning eller validering? (frivilligt)
ticket-link-none = Nej, inget särskilt
ticket-link-order = Beställning { $reference } från { $date }
ticket-link-validation = Valideringscertifikat inskickat { $date }
ticket-link-article = Artikeln ”{ $title }”
ticket-subject = Rubrik
ticket-message = Meddelande
ticket-message-hint = Skriv gärna vad du har försökt och vad som hände. Länkar blir klickbara.
ticket-files = Bifogade filer (frivilligt)
ticket-files-hint = { $count ->
        [one] Högst 1 fil
       *[other] Högst { $count } filer
    } på 10 MB vardera: PDF, PNG, JPEG eller vanlig text.
ticket-send = Skicka
ticket-created = Tack! Ditt ärende är skickat till supporten.
ticket-replied = Ditt svar är skickat.
ticket-error-category = Välj vad ärendet gäller.
ticket-error-too-long = Texten är för lång. Korta ner den eller dela upp den i flera meddelanden.
ticket-error-file-empty = Filen { $name } är tom. Välj filen igen.
ticket-error-file-type = Filen { $name } är inte en PDF, PNG, JPEG eller textfil. Spara den i ett av de formaten och försök igen.
ticket-error-closed = Ärendet är stängt och tar inte emot fler svar. Öppna ett nytt ärende om du behöver mer hjälp.
upload-error-too-many = Du kan bifoga högst fem filer. Välj färre filer.
upload-error-quota = Filerna får inte plats: organisationen har redan { $used } MB av sina { $quota } MB. Skicka meddelandet utan filer, eller be oss om hjälp att ta bort gamla filer.
upload-error-rate = Du har laddat upp { $limit } MB den senaste timmen, så mycket som går. Skicka meddelandet utan filer nu, eller vänta en stund.

## A ticket

ticket-title = Ärende
ticket-title-number = Ärende { $number }
ticket-col-number = Nummer
ticket-col-subject = Rubrik
ticket-col-state = Status
ticket-col-requester = Från
ticket-col-updated = Senast ändrat
ticket-col-priority = Prioritet
ticket-col-assignee = Handläggare
ticket-col-age = Ålder
ticket-col-customer = Sedan kundens senaste meddelande
ticket-col-due = Nästa mål
ticket-col-csat = Nöjd
ticket-col-pick = Markera
ticket-opened = Öppnat
ticket-related = Gäller
ticket-thread-heading = Meddelanden
ticket-attachments = Bifogade filer
ticket-reply-heading = Svara
ticket-reply-send = Skicka svaret
ticket-closed-note = Ärendet är stängt. Behöver du mer hjälp är du välkommen att öppna ett nytt ärende.
ticket-role-customer = kund
ticket-role-staff = support
ticket-role-internal = intern anteckning, syns bara för personalen
ticket-merged-here = Ärende { $number } slogs ihop med det här ärendet.
ticket-requester-member = användare med konto
ticket-requester-visitor = besökare utan konto
ticket-state-new = Nytt
ticket-state-open = Öppet
ticket-state-waiting = Väntar på svar från dig
ticket-state-resolved = Löst
ticket-state-closed = Stängt
ticket-priority-low = Låg
ticket-priority-normal = Normal
ticket-priority-high = Hög
ticket-priority-urgent = Brådskande
ticket-age-minutes = { $n } min
ticket-age-hours = { $n } tim
ticket-age-days = { $n } d

## The contact form

contact-title = Kontakta supporten
contact-title-errors = Kontakta supporten – kontrollera formuläret
contact-heading = Kontakta supporten
contact-lead = Har du en fråga om programmet, validering eller beställningar? Skriv till oss så svarar vi via e-post. Kanske finns svaret redan under
contact-members = Är din organisation redan registrerad? Logga in och skicka ärendet från Mitt konto, så ser dina kollegor det också.
contact-member-note = Du är inloggad. Skicka hellre ärendet från Mitt konto, så kopplas det till din organisation.
contact-name = Ditt namn
contact-email = Din e-postadress
contact-email-hint = Vi skickar en länk till adressen, där du kan följa ärendet och svara.
contact-organisation = Organisation (frivilligt)
contact-message-hint = Skriv inga lösenord eller personnummer. Länkar blir klickbara.
contact-website = Lämna det här fältet tomt
contact-privacy = Vi sparar det du skriver för att kunna hjälpa dig, och använder det inte till något annat.
contact-refused-honeypot = Formuläret kunde inte skickas eftersom ett fält som ska vara tomt var ifyllt. Töm det och skicka igen.
contact-refused-too-fast = Formuläret skickades ovanligt snabbt, så vi behöver vara säkra på att du inte är en robot. Vänta några sekunder och skicka igen.
contact-refused-expired = Formuläret hade legat öppet för länge. Kontrollera texten och skicka igen.
contact-refused-ip = Det har skickats många ärenden från din anslutning den senaste timmen. Vänta en stund och försök igen.
contact-refused-email = Det har skickats många ärenden från den här e-postadressen den senaste timmen. Vänta en stund, eller svara i ett ärende du redan har.
contact-sent-title = Tack för ditt meddelande
contact-sent-heading = Tack, vi har tagit emot ditt ärende
contact-sent-number = Ärendenummer:
contact-sent-text = Vi har skickat ett e-postmeddelande med en personlig länk där du kan följa ärendet och svara. Hittar du det inte, titta i skräpposten.

## The staff help desk

staff-tickets-title = Ärenden
staff-tickets-back = Till ärendekön
staff-tickets-empty = Inga ärenden stämmer med urvalet.
staff-tickets-search = Sök i rubrik, meddelanden, avsändare och organisation
staff-tickets-filter-active = Pågående (nya, öppna, väntande)
staff-tickets-filter-all = Alla
staff-tickets-filter-any = Alla
staff-tickets-filter-anyone = Alla handläggare
staff-tickets-filter-mine = Mina
staff-tickets-filter-unassigned = Ingen handläggare
staff-tickets-sort = Sortering
staff-tickets-sort-activity = Senaste aktivitet först
staff-tickets-sort-due = Närmaste svarsmål först
staff-tickets-sort-oldest = Äldsta först
staff-tickets-sort-newest = Nyaste först
staff-tickets-named = { $count ->
        [one] Sökningen är en organisations namn. Här visas ärendena för organisationen
       *[other] Sökningen är namnet på { $count } organisationer. Här visas deras ärenden:
    }
staff-tickets-named-search-text = Sök efter orden i alla ärenden i stället
staff-tickets-named-text = { $count ->
        [one] Här visas alla ärenden med orden. De är också namnet på organisationen
       *[other] Här visas alla ärenden med orden. De är också namnet på { $count } organisationer:
    }
staff-tickets-named-list = { $count ->
        [one] Visa bara organisationens ärenden
       *[other] Visa bara organisationernas ärenden
    }
staff-ticket-state-waiting = Väntar på kunden
staff-ticket-title = Ärende
staff-ticket-reply-heading = Svara eller anteckna
staff-ticket-canned = Svarsmall
staff-ticket-canned-insert = Infoga mallen
staff-ticket-internal = Intern anteckning (syns bara för personalen och skickas inte)
staff-ticket-state-after = Status efter svaret
staff-ticket-state-after-hint = Gäller svar till kunden; en intern anteckning ändrar inte statusen.
staff-ticket-send = Spara
staff-ticket-answered = Svaret är skickat till kunden.
staff-ticket-noted = Anteckningen är sparad.
staff-ticket-manage = Hantera ärendet
staff-ticket-save = Spara ändringarna
staff-ticket-updated = Ärendet är uppdaterat.
staff-ticket-unchanged = Inget ändrades.
staff-ticket-requester = Avsändare
staff-ticket-org = Organisation
staff-ticket-org-validated = Har giltig validering.
staff-ticket-org-not-validated = Saknar giltig validering.
staff-ticket-org-orders = Beställningar
staff-ticket-org-validations = Valideringar
staff-ticket-others = Organisationens andra ärenden
staff-ticket-merge = Slå ihop med ett annat ärende
staff-ticket-merge-target = Numret på det ärende som det här ska slås ihop med
staff-ticket-merge-hint = Till exempel D-2026-00042. Meddelandena flyttas dit och det här ärendet stängs.
staff-ticket-merge-submit = Slå ihop
staff-ticket-merged = Ärendena är sammanslagna.
staff-ticket-merged-into = Det här ärendet är sammanslaget med
ticket-merge-error-same = Ett ärende kan inte slås ihop med sig självt.
ticket-merge-error-missing = Det finns inget ärende med det numret.
ticket-merge-error-merged = Ett av ärendena är redan sammanslaget med ett annat.
ticket-merge-error-closed = Ärendet du vill slå ihop med är stängt. Öppna det först.
ticket-merge-error-requester = Ärendena har olika avsändare. Bara ärenden från samma organisation, eller samma e-postadress, kan slås ihop.

## Canned replies

staff-canned-title = Svarsmallar
staff-canned-edit-title = Ändra svarsmall
staff-canned-lead = Färdiga svar som handläggarna kan infoga i ett svar. Mallen på kundens språk används.
staff-canned-empty = Det finns inga svarsmallar än.
staff-canned-new = Ny svarsmall
staff-canned-title-sv = Namn på svenska
staff-canned-title-en = Namn på engelska
staff-canned-body-sv = Text på svenska
staff-canned-body-en = Text på engelska
staff-canned-hint = { "{name}" } byts mot kundens namn och { "{number}" } mot ärendenumret.
staff-canned-save = Spara mallen
staff-canned-delete = Ta bort mallen
staff-canned-saved = Svarsmallen är sparad.
staff-canned-deleted = Svarsmallen är borttagen.
canned-seed-received-title = Vi har tagit emot ärendet
canned-seed-received-body = Hej { "{name}" }!

    Tack för ditt meddelande. Vi har tagit emot ärende { "{number}" } och återkommer så snart vi kan.
canned-seed-certificate-title = Be om nytt valideringscertifikat
canned-seed-certificate-body = Hej { "{name}" }!

    Certifikatet vi fick går inte att läsa eller har gått ut. Ladda upp ett aktuellt valideringscertifikat från Microsoft under Mitt konto, så granskar vi det så snart vi kan.
canned-seed-solved-title = Löst – hör av dig om det är något mer
canned-seed-solved-body = Hej { "{name}" }!

    Vi hoppas att det här löste saken. Svara på det här meddelandet om något fortfarande inte fungerar; annars stängs ärendet automatiskt efter en tid.

## E-mail

mail-ticket-received-subject = [{ $number }] Vi har tagit emot ditt ärende
mail-ticket-received-body = Hej { $name }!

    Tack för ditt meddelande ”{ $subject }”. Ditt ärende har nummer { $number } och vi svarar så snart vi kan. Följ ärendet och svara här:

    { $link }
mail-ticket-answered-subject = [{ $number }] Nytt svar från supporten
mail-ticket-answered-body = Hej { $name }!

    Supporten har svarat i ärende { $number }, ”{ $subject }”. Läs svaret och svara här:

    { $link }{ $state ->
        [resolved] { mail-ticket-csat }
       *[other] {""}
    }
mail-ticket-state-subject = [{ $number }] { $state ->
        [resolved] Ärendet är löst
        [closed] Ärendet är stängt
        [waiting] Vi väntar på ditt svar
        *[other] Ärendet har uppdaterats
    }
mail-ticket-state-body = Hej { $name }!

    { $state ->
        [new] Ärende { $number }, ”{ $subject }”, är nytt igen.
        [open] Ärende { $number }, ”{ $subject }”, är öppet och supporten arbetar med det.
        [waiting] Supporten väntar på svar från dig i ärende { $number }, ”{ $subject }”.
        [resolved] Ärende { $number }, ”{ $subject }”, är löst. Svara om något fortfarande inte fungerar; annars stängs det automatiskt.
        *[closed] Ärende { $number }, ”{ $subject }”, är stängt. Behöver du mer hjälp kan du öppna ett nytt ärende.
    }

    { $link }{ $state ->
        [resolved] { mail-ticket-csat }
       *[other] {""}
    }
mail-ticket-merged-subject = [{ $number }] Ärendet har slagits ihop med { $target }
mail-ticket-merged-body = Hej { $name }!

    Ditt ärende { $number }, ”{ $subject }”, gällde samma sak som ärende { $target }, så vi har slagit ihop dem. Hela konversationen finns nu i { $target }:

    { $link }

## Support by e-mail

mail-ticket-files-refused-subject = [{ $number }] Några bifogade filer kom inte med
mail-ticket-files-refused-body = Hej!

    Ditt mejl finns nu i ärende { $number }, ”{ $subject }”, men de här bifogade filerna togs inte emot:

    { $type_count ->
        [0] {""}
       *[other] { $type_files }: filtypen är inte tillåten. PDF, PNG, JPEG och textfiler går bra.
    }
    { $size_count ->
        [0] {""}
       *[other] { $size_files }: filen är för stor.
    }
    { $empty_count ->
        [0] {""}
       *[other] { $empty_files }: filen är tom.
    }
    { $count_count ->
        [0] {""}
       *[other] { $count_files }: ett meddelande kan ha högst fem filer.
    }
    { $quota_count ->
        [0] {""}
       *[other] { $quota_files }: organisationens lagringsutrymme räcker inte.
    }
    { $visitor_count ->
        [0] {""}
       *[other] { $visitor_files }: filer tar vi bara emot från användare med konto i portalen. Beskriv gärna vad de visar i ett svar i stället.
    }

    Svara på det här mejlet om du har frågor.
ticket-mail-closed = Skickat som svar på ärende { $number }, som var stängt.
ticket-mail-subject = Ämnesraden nämnde ärende { $number }, men avsändaren hör inte till det ärendet, så mejlet blev ett nytt ärende.
ticket-mail-by = via e-post
ticket-mail-original = Ursprungligt mejl (.eml)
ticket-mail-refused = Togs inte emot
mail-in-refused-type = { $name } togs inte emot: filtypen är inte tillåten
mail-in-refused-size = { $name } togs inte emot: filen är för stor
mail-in-refused-empty = { $name } togs inte emot: filen är tom
mail-in-refused-count = { $name } togs inte emot: för många filer i samma meddelande
mail-in-refused-quota = { $name } togs inte emot: organisationens lagringsutrymme räcker inte
mail-in-refused-visitor = { $name } togs inte emot: avsändaren har inget konto i portalen
staff-ticket-bouncing = Mejl till { $email } studsade { $when } ({ $status }). Svar från supporten kanske inte når fram.
staff-org-member-bouncing = Mejl studsade { $when } ({ $status })
