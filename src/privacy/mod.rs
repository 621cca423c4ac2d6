//! Personal data as GDPR asks the partner to handle it: what the portal holds about an
//! organisation or a person (export), removing it on request (erasure), keeping it no longer than
//! the retention settings allow (the daily purge) and saying all of it (the privacy notice).
//! It sits above the features: it reads and clears every feature's tables, and no feature
//! imports it.

pub mod erase;
pub mod erase_pages;
pub mod export;
pub mod export_pages;
pub mod inventory;
pub mod notice;
pub mod purge;
pub mod views;

use actix_web::web;

use crate::i18n::Locale;
use crate::i18n::routes::Page;

/// Registers the privacy pages in both languages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let get = crate::web::page_route;
    for l in Locale::ALL {
        let r = |p: Page| web::resource(p.path(l));
        cfg.service(r(Page::Privacy).route(get().to(notice::show)))
            .service(r(Page::YourData).route(get().to(export_pages::your_data)))
            .service(r(Page::DataExport).route(get().to(export_pages::download)))
            .service(r(Page::StaffPrivacy).route(get().to(export_pages::staff_form)))
            .service(r(Page::StaffPrivacyExport).route(web::post().to(export_pages::staff_export)));
    }
    erase_pages::configure(cfg);
}
