//! What this instance knows about the outbox's two delivery channels (SMTP and the partner
//! webhook), for `/healthz`. The worker probes each configured channel at start and again while
//! it is failing, and records the outcome of every real delivery; nothing here blocks a page.
//! The state is per process on purpose: each instance reports its own reach to its dependencies.

use std::sync::atomic::{AtomicU8, Ordering};

/// A dependency's last known state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not set up: e-mails go to files, partner events are kept as `skipped`.
    NotConfigured,
    /// Configured, not yet tried.
    Unknown,
    Ok,
    Failing,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::NotConfigured => "not_configured",
            Status::Unknown => "unknown",
            Status::Ok => "ok",
            Status::Failing => "failing",
        }
    }

    fn from_u8(v: u8) -> Status {
        match v {
            1 => Status::Unknown,
            2 => Status::Ok,
            3 => Status::Failing,
            _ => Status::NotConfigured,
        }
    }

    fn to_u8(self) -> u8 {
        match self {
            Status::NotConfigured => 0,
            Status::Unknown => 1,
            Status::Ok => 2,
            Status::Failing => 3,
        }
    }
}

/// SMTP and webhook status, shared by the worker (writer) and `/healthz` (reader).
#[derive(Debug, Default)]
pub struct Health {
    smtp: AtomicU8,
    webhook: AtomicU8,
}

/// Which channel a status is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dependency {
    Smtp,
    Webhook,
}

impl Health {
    /// Starts every configured dependency as `Unknown`, the rest as `NotConfigured`.
    pub fn new(smtp: bool, webhook: bool) -> Health {
        let start = |on: bool| {
            AtomicU8::new(if on {
                Status::Unknown.to_u8()
            } else {
                Status::NotConfigured.to_u8()
            })
        };
        Health {
            smtp: start(smtp),
            webhook: start(webhook),
        }
    }

    fn cell(&self, d: Dependency) -> &AtomicU8 {
        match d {
            Dependency::Smtp => &self.smtp,
            Dependency::Webhook => &self.webhook,
        }
    }

    pub fn get(&self, d: Dependency) -> Status {
        Status::from_u8(self.cell(d).load(Ordering::Relaxed))
    }

    /// Records an outcome; a dependency that is not configured stays so.
    pub fn set(&self, d: Dependency, ok: bool) {
        let next = if ok { Status::Ok } else { Status::Failing };
        let _ = self
            .cell(d)
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |v| {
                (Status::from_u8(v) != Status::NotConfigured).then_some(next.to_u8())
            });
    }

    /// Marks a dependency as configured but not yet reached.
    pub fn set_unknown(&self, d: Dependency) {
        self.cell(d)
            .store(Status::Unknown.to_u8(), Ordering::Relaxed);
    }

    /// True when a configured dependency is failing or was never reached.
    pub fn needs_probe(&self, d: Dependency) -> bool {
        matches!(self.get(d), Status::Unknown | Status::Failing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_move_configured_dependencies_only() {
        let h = Health::new(true, false);
        assert_eq!(h.get(Dependency::Smtp), Status::Unknown);
        assert!(h.needs_probe(Dependency::Smtp));
        h.set(Dependency::Smtp, false);
        assert_eq!(h.get(Dependency::Smtp), Status::Failing);
        h.set(Dependency::Smtp, true);
        assert_eq!(h.get(Dependency::Smtp), Status::Ok);
        assert!(!h.needs_probe(Dependency::Smtp));
        h.set(Dependency::Webhook, true);
        assert_eq!(h.get(Dependency::Webhook), Status::NotConfigured);
        assert!(!h.needs_probe(Dependency::Webhook));
    }
}
