# Cloud active-usage check: templates/usage/page.html (src/usage/handlers.rs)

usage-title = Active use
usage-heading = Check the active use of your cloud services
usage-lead = Organisations with donated cloud services must keep at least 85 per cent of the donated licences in active use. A user counts as active if they have used any Microsoft 365 cloud service in the last 90 days. Upload the export from Microsoft 365 to see where your organisation stands.
usage-upload-heading = Upload the report
usage-how = In the Microsoft 365 admin center: go to Reports → Usage → Active users, choose the 90-day period and click Export. You can also upload the Microsoft 365 apps, Teams, e-mail and Viva Engage exports of the same date, and activity there counts too. The files are not stored.
usage-files = Exported CSV files
usage-files-hint = The Active users report is required; the others are optional. At most five files of 20 MB each.
usage-licenses = Number of donated licences (optional)
usage-licenses-hint = Fill this in if the number of donated licences differs from the number of licensed users in the file (for example if some licences are not assigned).
usage-save = Save the figures (not the files) so that you can follow them over time. Our partner sees them too.
usage-submit = Check
usage-csv = Download inactive users as CSV
usage-sources = Reports:
usage-period = The period is { $from } to { $to } inclusive
usage-chart-caption = The line marks 85 per cent.
usage-verdict-pass = You meet the requirement of 85 per cent active use.
usage-verdict-fail = You do not meet the requirement of 85 per cent active use.
usage-verdict-pass-short = Met
usage-verdict-fail-short = Not met
usage-overall = All licences
usage-product-pass = { $active } of { $licensed ->
        [one] 1 licence is
       *[other] { $licensed } licences are
    } in active use ({ $share }). At least { $needed } are needed.
usage-product-fail = { $active } of { $licensed ->
        [one] 1 licence is
       *[other] { $licensed } licences are
    } in active use ({ $share }). At least { $needed } are needed, so { $gap ->
        [one] 1 more user must
       *[other] { $gap } more users must
    } become active.
usage-figures = { $active } of { $licensed } active ({ $share })
usage-products-heading = Per product
usage-assigned-heading = Products in the file
usage-assigned-lead = Only donated licences count toward the 85 per cent rule; paid licences do not. If the donated products are not the right ones, tick the right products below and upload the file again.
usage-assigned-users = { $product }: { $users ->
        [one] 1 user
       *[other] { $users } users
    }
usage-assigned-granted = counted (donated)
usage-assigned-paid = not counted (paid)
usage-granted-legend = Donated products
usage-granted-hint = Tick the products your organisation received as a grant. Paid licences are not counted.
usage-concealed = The report conceals user names, so you see identifiers instead of names. An administrator can show the names in the Microsoft 365 admin center under Settings → Org settings → Services → Reports.
usage-advice-heading = How to reach 85 per cent
usage-advice-reassign = Move licences from people who do not use them to people who need them.
usage-advice-remove = Cancel licences nobody needs; fewer licences give a higher share.
usage-advice-help = Help users get started with, for example, Teams, Outlook on the web or OneDrive – using any one of the cloud services is enough.
usage-saved = The figures have been saved.
usage-inactive-heading = Users with no activity in the last 90 days
usage-inactive-none = Every licensed user has been active.
usage-col-name = User
usage-col-upn = User name
usage-col-products = Products
usage-col-latest = Last active
usage-col-days = Days since last activity
usage-never = Never
usage-history-heading = Saved checks
usage-service-exchange = Exchange (e-mail)
usage-service-onedrive = OneDrive
usage-service-sharepoint = SharePoint
usage-service-skype-for-business = Skype for Business
usage-service-yammer = Viva Engage (Yammer)
usage-service-teams = Teams
usage-service-m365-apps = Microsoft 365 apps
usage-report-active-users = Active users
usage-report-m365-apps = Microsoft 365 apps usage
usage-report-teams = Teams user activity
usage-report-email = Email activity
usage-report-yammer = Viva Engage activity
usage-value-date = a date (YYYY-MM-DD)
usage-value-yes-no = True or False
usage-value-number = a whole number
usage-value-user = a user name
usage-error-in-file = { $file }: { $error }
usage-error-licenses = Enter the number of licences as a whole number, at least 1.
usage-error-not-csv = The file is not a CSV file. Export the report as CSV from the Microsoft 365 admin center, and do not open or save it in Excel before you upload it.
usage-error-unknown-report = The file is a different report from the ones we can read. Export the Active users report (or Microsoft 365 apps, Teams, e-mail or Viva Engage).
usage-error-missing-columns = The { $report } report lacks the { $count ->
        [one] column
       *[other] columns
    } { $columns }.
usage-error-row = Line { $line } has { $found ->
        [one] 1 field
       *[other] { $found } fields
    } but should have { $expected }. Export the file again, and do not open or save it in Excel before you upload it.
usage-error-value = Line { $line }, column “{ $column }”: “{ $value }” is not { $expected }.
usage-error-too-large = The file is larger than { $limit_mb } MB (it is { $size_mb } MB).
usage-error-too-many-rows = The file has more than { $limit ->
        [one] 1 row
       *[other] { $limit } rows
    }.
usage-error-line-too-long = Line { $line } is longer than { $limit_kb } kB. An export from Microsoft 365 has much shorter lines; export the report again as CSV.
usage-error-too-many-columns = Line { $line } has more than { $limit } columns. An export from Microsoft 365 has far fewer; export the report again as CSV.
usage-error-unconfirmed = Confirm your e-mail address before you upload reports. Follow the link in the e-mail we sent when you registered.
usage-error-busy = Many checks are running right now. Wait a minute and try again.
usage-error-no-users = The file contains no licensed users.
usage-error-mixed-dates = The { $report } report is for { $found }, but the others are for { $expected }. Export all reports on the same day.
usage-error-no-active-users = The Active users report is missing; it shows who holds licences.
usage-error-several-active-users = Upload only one Active users report at a time.
usage-error-license-count = The number of licences must be at least 1.
usage-error-no-granted = The file holds no donated licences, only paid ones. The 85 per cent rule covers only donated licences, so there is nothing to check in this file.
dashboard-usage-link = Check active use
staff-usage-none = The organisation has not saved an active-use check.
