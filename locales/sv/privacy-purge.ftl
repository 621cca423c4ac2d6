# Retention (the daily purge): what pages show in place of content that has been removed.
# templates/validation/member.html, templates/staff/validation.html
purge-certificate-removed = Intyget har tagits bort eftersom tiden vi sparar det har gått ut.
