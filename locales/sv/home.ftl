# Home page: templates/public/home.html

home-title = Microsoft-produkter för ideella organisationer
home-heading = Microsofts program för ideella organisationer
home-lead = Ideella organisationer i Sverige kan få donerade molntjänster och rabatterade licenser från Microsoft. Här kan du se om din organisation kan delta, registrera den, skicka in valideringscertifikatet, beställa och få hjälp.
home-cta-check = Testa om din organisation kan delta
home-cta-rules = Läs reglerna
home-who-heading = Vem programmet är till för
home-who-text = Programmet är till för ideella organisationer, oavsett hur stor budget de har – till exempel föreningar, stiftelser och trossamfund. Även folkbibliotek och offentliga museer kan delta. Skolor, sjukhus, myndigheter och företag omfattas inte.
home-steps-heading = Så går det till
home-step-check-title = Testa om din organisation kan delta
home-step-check-text = Svara på några frågor, så ser du vilka regler din organisation uppfyller och varför.
home-step-register-title = Registrera organisationen
home-step-register-text = Registrera organisationen med organisationsnummer och en kontaktperson. Du bekräftar din e-postadress via en länk.
home-step-certificate-title = Skicka in valideringscertifikatet
home-step-certificate-text = Registrera organisationen på Microsofts portal för ideella organisationer (Nonprofit Hub) och ladda upp valideringscertifikatet som du får där. Vår partner fattar normalt beslut inom 5–10 arbetsdagar.
home-step-order-title = Beställ
home-step-order-text = Beställ rabatterade licenser här. En beställning av rabatterade produkter behöver innehålla minst fem licenser, om inte produkterna är undantagna. Donerade molntjänster aktiverar organisationen i Nonprofit Hub när den är validerad.
home-step-help-title = Få hjälp
home-step-help-text = Vår partner svarar på frågor om validering, beställningar och molntjänster.
