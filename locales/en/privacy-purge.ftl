# Retention (the daily purge): what pages show in place of content that has been removed.
# templates/validation/member.html, templates/staff/validation.html
purge-certificate-removed = The certificate has been removed because the period we keep it for has ended.
