# Error pages: templates/error.html (src/web/frame.rs)

error-not-found-title = Sidan finns inte
error-not-found-text = Vi hittar ingen sida på den här adressen. Den kan ha flyttats, eller så har adressen skrivits fel.
error-bad-request-title = Något stämmer inte med förfrågan
error-bad-request-text = Vi kunde inte läsa det som skickades. Gå tillbaka och försök igen.
error-forbidden-title = Du har inte behörighet
error-forbidden-text = Du har inte tillgång till den här sidan, eller så har formuläret hunnit bli för gammalt. Gå tillbaka, ladda om sidan och försök igen.
error-method-title = Det går inte att göra så här
error-method-text = Den här adressen tar inte emot den typen av förfrågan.
error-too-large-title = Det du skickade är för stort
error-too-large-text = Filen eller formuläret är större än vi tar emot. Försök med en mindre fil.
error-too-many-title = För många försök
error-too-many-text = Du har gjort för många försök på kort tid. Vänta en stund och försök sedan igen.
error-unavailable-title = Tjänsten är tillfälligt otillgänglig
error-unavailable-text = Vi kommer inte åt databasen just nu. Försök igen om en liten stund; inget av det du redan har sparat har gått förlorat.
error-internal-title = Något gick fel hos oss
error-internal-text = Ett oväntat fel uppstod. Vi har loggat det. Kontakta supporten och ange referensen nedan om felet kvarstår.
error-reference = Referens:
error-home-link = Till startsidan
error-csrf-title = Formuläret har gått ut
error-csrf-text = Formuläret var för gammalt eller kom från en annan webbplats, så vi sparade ingenting. Gå tillbaka, ladda om sidan och skicka formuläret igen.
error-conflict-title = Det här har redan gjorts
error-conflict-text = Någon annan hann före, eller så skickades formuläret två gånger. Ladda om sidan för att se hur det ser ut nu.
