# Home page: templates/public/home.html

home-title = Microsoft products for nonprofits
home-heading = Microsoft programme for nonprofit organisations
home-lead = Nonprofit organisations in Sweden can receive donated cloud services and discounted licences from Microsoft. Here you check whether your organisation qualifies, register it, send in your validation certificate, order and get help.
home-cta-check = Check if you qualify
home-cta-rules = Read the rules
home-who-heading = Who the programme is for
home-who-text = The programme is for nonprofit organisations with recognised legal status, whatever the size of their budget: associations, foundations, religious communities, public libraries and public museums. Schools, hospitals, government bodies and businesses are not covered.
home-steps-heading = How it works
home-step-check-title = Check if you qualify
home-step-check-text = Answer a few questions and see which rules you meet, and why.
home-step-register-title = Register your organisation
home-step-register-text = Register with your organisation number and a contact person. You confirm your e-mail address with a link.
home-step-certificate-title = Send in your validation certificate
home-step-certificate-text = Register your organisation on Microsoft's nonprofit portal and upload the validation certificate you get there. We normally decide within 5 to 10 working days.
home-step-order-title = Order
home-step-order-text = Order discounted licences and donated cloud services. An order of discounted products must contain at least five licences.
home-step-help-title = Get help
home-step-help-text = Our partner organisation answers questions about validation, orders and cloud services, in Swedish and English.
