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
        },
        Job {
            name: "ticket-auto-close",
            every: Duration::minutes(5),
            run: |c, now, s| crate::tickets::service::auto_close(c, now, s.ticket_auto_close_days),
            counted: true,
        },
        Job {
            name: "validation-reminders",
            every: Duration::minutes(5),
            run: |c, now, _| crate::validation::service::send_reminders(c, now),
            counted: true,
        },
        Job {
            name: "throttle-purge",
            every: Duration::minutes(5),
            run: |c, now, _| crate::throttle::purge(c, now, Duration::days(1)),
            counted: false,
        },
    ]
}
