# Home page: templates/public/home.html

home-title = Microsoft-produkter för ideella organisationer
home-heading = Microsoft-program för ideella organisationer
home-lead = Ideella organisationer i Sverige kan få donerade molntjänster och rabatterade licenser från Microsoft. Här ser du om din organisation kan delta, registrerar den, skickar in ert valideringscertifikat, beställer och får hjälp.
home-cta-check = Testa om ni kan delta
home-cta-rules = Läs reglerna
home-who-heading = Vem programmet är till för
home-who-text = Programmet är till för ideella organisationer med erkänd rättslig status, oavsett hur stor budget de har: föreningar, stiftelser, trossamfund, folkbibliotek och allmänna museer. Skolor, sjukhus, myndigheter och företag omfattas inte.
home-steps-heading = Så går det till
home-step-check-title = Testa om ni kan delta
home-step-check-text = Svara på några frågor så ser du vilka regler ni uppfyller och varför.
home-step-register-title = Registrera organisationen
home-step-register-text = Registrera er med organisationsnummer och en kontaktperson. Du bekräftar din e-postadress med en länk.
home-step-certificate-title = Skicka in valideringscertifikatet
home-step-certificate-text = Registrera organisationen på Microsofts portal för ideella organisationer och ladda upp det valideringscertifikat ni får där. Vi fattar normalt beslut inom 5–10 arbetsdagar.
home-step-order-title = Beställ
home-step-order-text = Beställ rabatterade licenser och donerade molntjänster. En beställning av rabatterade produkter behöver innehålla minst fem licenser.
home-step-help-title = Få hjälp
home-step-help-text = Vår partnerorganisation svarar på frågor om validering, beställningar och molntjänster, på svenska och engelska.
