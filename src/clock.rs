//! The one place that reads the wall clock. Everything else takes `now` from here, so tests can move
//! time (session timeouts, token expiry, auto-close) without sleeping.

use std::sync::{Arc, Mutex};

use time::{Duration, OffsetDateTime, PrimitiveDateTime, UtcOffset};

#[derive(Clone, Debug, Default)]
pub enum Clock {
    #[default]
    System,
    /// A clock that stands still until a test moves it.
    Manual(Arc<Mutex<OffsetDateTime>>),
}

impl Clock {
    pub fn manual(start: OffsetDateTime) -> Clock {
        Clock::Manual(Arc::new(Mutex::new(start)))
    }

    pub fn now(&self) -> OffsetDateTime {
        match self {
            #[allow(clippy::disallowed_methods)]
            Clock::System => OffsetDateTime::now_utc(),
            Clock::Manual(t) => match t.lock() {
                Ok(t) => *t,
                Err(poisoned) => *poisoned.into_inner(),
            },
        }
    }

    /// UTC without offset, as stored in `TIMESTAMP` columns on both backends.
    pub fn now_utc_naive(&self) -> PrimitiveDateTime {
        let now = self.now().to_offset(UtcOffset::UTC);
        PrimitiveDateTime::new(now.date(), now.time())
    }

    /// Moves a manual clock forward; does nothing to the system clock.
    pub fn advance(&self, by: Duration) {
        if let Clock::Manual(t) = self {
            let mut guard = match t.lock() {
                Ok(g) => g,
                Err(poisoned) => poisoned.into_inner(),
            };
            *guard += by;
        }
    }
}
