# Two-step verification: the code after the password (templates/accounts/login_code.html)
login-code-title = Enter the code
login-code-heading = Enter the code from your app
login-code-label = Code
login-code-hint = The six-digit code from your authenticator app, or one of your recovery codes.
login-code-submit = Log in
login-code-start-over = Start again with your password
login-code-expired = That took too long. Please log in with your password again.
twofa-error-wrong = The code is not right. Check that your phone's clock is correct and try again.
twofa-error-used = This code has already been used. Wait until the app shows the next one.
twofa-recovery-used = You logged in with a recovery code. It cannot be used again.

# The settings page (templates/accounts/two_factor.html)
twofa-title = Two-step verification
twofa-heading = Two-step verification
twofa-intro = With two-step verification you need both your password and a code from an authenticator app on your phone (such as Microsoft Authenticator or Google Authenticator) to log in.
twofa-required = Your account needs two-step verification before you can use the staff pages. It takes a minute.
twofa-start = Turn on two-step verification
twofa-step-scan = Scan the QR code with your authenticator app.
twofa-qr-alt = QR code for the authenticator app
twofa-step-key = Cannot scan it? Type this key into the app:
twofa-step-confirm = Enter the six-digit code the app shows.
twofa-confirm = Confirm and turn on
twofa-on-done = Two-step verification is on.
twofa-codes-heading = Your recovery codes
twofa-codes-intro = Keep these codes somewhere safe. Each one works once if you cannot use your phone. They are shown only this once.
twofa-codes-done = I have saved the codes
twofa-is-on = Two-step verification is on.
twofa-recovery-left = { $count ->
    [one] You have one unused recovery code.
   *[other] You have { $count } unused recovery codes.
}
twofa-off-heading = Turn off two-step verification
twofa-off = Turn off
twofa-off-done = Two-step verification is off.
settings-twofa-link = Two-step verification

# Staff accounts (templates/staff/accounts.html)
staff-2fa = Two-step verification
staff-2fa-on = On
staff-2fa-off = Not on
staff-2fa-reset = Reset two-step verification
staff-2fa-reset-done = Two-step verification is reset and the person's sessions have ended. They set it up again at their next login.
