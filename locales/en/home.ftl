# Home page: templates/public/home.html

home-title = Microsoft products for nonprofits
home-heading = Microsoft's programme for nonprofit organisations
home-lead = Nonprofit organisations in Sweden can receive donated cloud services and discounted licences from Microsoft. Here you can check whether your organisation qualifies, register it, send in the validation certificate, order and get help.
home-cta-check = Check whether your organisation qualifies
home-cta-rules = Read the rules
home-who-heading = Who the programme is for
home-who-text = The programme is for nonprofit organisations, whatever the size of their budget – for example associations, foundations and religious communities. Public libraries and public museums may take part too. Schools, hospitals, government bodies and businesses are not covered.
home-steps-heading = How it works
home-step-check-title = Check whether your organisation qualifies
home-step-check-text = Answer a few questions and see which rules your organisation meets, and why.
home-step-register-title = Register your organisation
home-step-register-text = Register the organisation with its organisation number and a contact person. You confirm your e-mail address with a link.
home-step-certificate-title = Send in your validation certificate
home-step-certificate-text = Register your organisation on Microsoft's nonprofit portal (Nonprofit Hub) and upload the validation certificate you get there. Our partner normally decides within 5 to 10 working days.
home-step-order-title = Order
home-step-order-text = Order discounted licences here. An order of discounted products must contain at least five licences, unless the products are exempt. Donated cloud services are activated by the organisation in the Nonprofit Hub once it is validated.
home-step-help-title = Get help
home-step-help-text = Our partner answers questions about validation, orders and cloud services.
