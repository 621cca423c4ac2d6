//! Personal data as GDPR asks the partner to handle it: what the portal holds about an
//! organisation or a person (export), removing it on request (erasure), keeping it no longer than
//! the retention settings allow (the daily purge) and saying all of it (the privacy notice).
//! It sits above the features: it reads and clears every feature's tables, and no feature
//! imports it.

pub mod erase;
pub mod erase_pages;

use actix_web::web;

/// Registers the privacy pages in both languages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    erase_pages::configure(cfg);
}
