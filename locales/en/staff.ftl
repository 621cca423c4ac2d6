# Staff area: templates/staff/*.html

staff-home-title = Staff area
staff-accounts-title = Staff accounts
staff-role = Role
staff-role-agent = Agent
staff-role-admin = Administrator
staff-status-active = Active
staff-status-invited = Invited
staff-status-disabled = Disabled
staff-disable = Disable
staff-enable = Enable again
staff-invite-heading = Add staff
staff-invite-submit = Send the invitation
staff-invited = The invitation has been sent.
staff-disabled-done = The account is disabled and all its sessions have ended.
staff-enabled-done = The account is enabled again.

audit-title = Log of staff actions
audit-filter-actor = Person (id)
audit-filter-action = Action
audit-filter-record = Record (id)
audit-filter-submit = Filter
audit-when = Time (UTC)
audit-who = Who
audit-what = Action
audit-record = Record
audit-ip = IP address
audit-details = Details
audit-empty = No entries match the filter.
pager-label = Pages
pager-prev = Previous page
pager-next = Next page

# The staff's page of one organisation
staff-org-type = Type of organisation
staff-org-registered = Registered
staff-org-storage = Stored files
staff-org-storage-used = { $used } MB of { $quota } MB ({ $share })
staff-org-storage-unlimited = { $used } MB (no limit)
staff-org-validation = Validation
staff-org-members = Users
staff-org-tickets = Tickets
staff-org-none = None yet.
staff-org-tickets-pages = The organisation's tickets, pages
staff-org-tickets-older = Older tickets
staff-org-tickets-newest = Latest tickets
staff-org-link = The organisation's page
