# Error pages: templates/error.html (src/web/frame.rs)

error-not-found-title = Page not found
error-not-found-text = There is no page at this address. It may have moved, or the address may be mistyped.
error-bad-request-title = Something is wrong with the request
error-bad-request-text = We could not read what was sent. Please go back and try again.
error-forbidden-title = Access denied
error-forbidden-text = You do not have access to this page, or the form has expired. Go back, reload the page and try again.
error-method-title = This cannot be done here
error-method-text = This address does not accept that kind of request.
error-too-large-title = What you sent is too large
error-too-large-text = The file or form is larger than we accept. Please try a smaller file.
error-too-many-title = Too many attempts
error-too-many-text = You have made too many attempts in a short time. Please wait a while and try again.
error-unavailable-title = The service is temporarily unavailable
error-unavailable-text = We cannot reach the database right now. Please try again in a moment; nothing you have already saved has been lost.
error-internal-title = Something went wrong on our side
error-internal-text = An unexpected error occurred and we have logged it. If it keeps happening, contact support and quote the reference below.
error-reference = Reference:
error-home-link = Go to the home page
error-csrf-title = The form has expired
error-csrf-text = The form was too old or came from another site, so nothing was saved. Go back, reload the page and send the form again.
error-conflict-title = This has already been done
error-conflict-text = Someone else got there first, or the form was sent twice. Reload the page to see how things stand now.
