# Satisfaction: the question in the resolved e-mail and its page (issue 22).

## The question's page (templates/tickets/rating.html)

csat-title = Fick du hjälp?
csat-heading = Fick du hjälp?
csat-ticket = Ärende
csat-question = Fick du den hjälp du behövde?
csat-answer-good = Ja, jag fick hjälp
csat-answer-bad = Nej, jag fick inte den hjälp jag behövde
csat-comment-optional = Kommentar (frivillig)
csat-comment-hint = Berätta gärna vad som var bra eller vad vi kan göra bättre. Högst 2 000 tecken.
csat-comment = Kommentar
csat-submit = Skicka svaret
csat-thanks = Tack för ditt svar! Det hjälper oss att bli bättre.
csat-your-answer = Ditt svar
csat-change-hint = Ångrade du dig? Du kan ändra svaret tills ärendet stängs.
csat-change-link = Ändra svaret
csat-closed = Ärendet är stängt, så svaret kan inte längre ändras.
csat-closed-none = Inget svar lämnades innan ärendet stängdes.
csat-error-choose = Välj om du fick hjälp eller inte.
csat-error-too-long = Kommentaren är för lång. Skriv högst 2 000 tecken.

## The answer on the staff pages (templates/staff/ticket.html, the queue)

csat-short-good = Ja
csat-short-bad = Nej
csat-staff-heading = Kundens svar

## E-mail: the question under a resolved ticket's message (mail-ticket-state-body,
## mail-ticket-answered-body)

mail-ticket-csat = {""}

    Fick du hjälp? Svara med ett klick, så vet vi hur vi lyckades:

    Ja, jag fick hjälp:

    { $rate_good_link }

    Nej, jag fick inte den hjälp jag behövde:

    { $rate_bad_link }
