//! The background worker's periodic jobs, one per feature that needs upkeep. They are listed here,
//! above the features, so that the outbox (which runs them) imports no feature.

use time::Duration;

use crate::outbox::worker::Job;

/// Every periodic job, in the order the worker runs them.
pub fn jobs() -> Vec<Job> {
    vec![
        // New ticket text into the search index, in batches of up to a second's worth (a search
        // adds what is waiting itself).
        Job {
            name: "search-index",
            every: Duration::seconds(1),
            run: |c, _, _| crate::tickets::search::flush(c, 5000),
            counted: false,
            at_start: false,
        },
        // PostgreSQL: the word signatures of tickets from before migration 000041, a batch a
        // second until none is left (an indexed read of nothing then).
        Job {
            name: "search-signatures",
            every: Duration::seconds(1),
            run: |c, _, _| crate::tickets::search::sign_unsigned(c, 5000),
            counted: false,
            at_start: true,
        },
        Job {
            name: "ticket-auto-close",
            every: Duration::minutes(5),
            run: |c, now, s| crate::tickets::service::auto_close(c, now, s.ticket_auto_close_days),
            counted: true,
            at_start: false,
        },
        // Response targets that passed: one e-mail per ticket and target.
        Job {
            name: "sla-breaches",
            every: Duration::minutes(1),
            run: |c, now, _| crate::tickets::sla::mail_breaches(c, now),
            // Not in housekeeping's count, which tells the tests what auto-close did.
            counted: false,
            at_start: false,
        },
        Job {
            name: "validation-reminders",
            every: Duration::minutes(5),
            run: |c, now, _| crate::validation::service::send_reminders(c, now),
            counted: true,
            at_start: false,
        },
        // The query planner's statistics: SQLite keeps none unless asked, and without them it
        // reads a big filter's matches and sorts them instead of walking an index in the
        // queue's order. Approximate and cheap (see db::refresh_statistics); PostgreSQL's
        // autovacuum does this itself.
        Job {
            name: "planner-statistics",
            every: Duration::hours(1),
            run: |c, _, _| crate::db::refresh_statistics(c),
            counted: false,
            at_start: true,
        },
        // Retention: what the settings no longer allow to keep, expired sessions, tokens and
        // rate-limit hits included (see privacy::purge). Also at start, so restarts cannot
        // postpone it for ever.
        Job {
            name: "privacy-purge",
            every: Duration::hours(24),
            run: crate::privacy::purge::daily,
            counted: false,
            at_start: true,
        },
    ]
}
