//! One integration-test binary, laid out like the app: each module drives the real app over HTTP
//! on a fresh database (SQLite, and PostgreSQL when DONERA_TEST_POSTGRES_URL is set).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod architecture;
mod bulk;
mod cli;
mod csat;
mod database;
mod deployment;
mod dovecot;
mod external;
mod faq;
mod forwarded;
mod imap;
mod limits;
mod locales;
mod mail_in;
mod ops;
mod orders;
mod outbox;
mod privacy_erase;
mod privacy_export;
mod privacy_notice;
mod privacy_purge;
mod proxy;
mod public;
mod queue;
mod search_quality;
mod selfcheck;
mod sla;
mod staff_dashboard;
mod support;
mod tickets;
mod twofa;
mod usage;
mod validation;
