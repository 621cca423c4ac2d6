//! Pages that show several features at once: the member's dashboard and the staff's page of one
//! organisation. They sit above the features and may use their models, services and views;
//! no feature imports this module.

pub mod dashboard;
pub mod organisation;
pub mod staff_home;
pub mod staff_stats;

use actix_web::web;

use crate::i18n::Locale;
use crate::i18n::routes::Page;

/// Registers the overview pages in both languages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let get = crate::web::page_route;
    for l in Locale::ALL {
        let r = |p: Page| web::resource(p.path(l));
        cfg.service(r(Page::Account).route(get().to(dashboard::show)))
            .service(r(Page::StaffOrganisation).route(get().to(organisation::show)))
            .service(r(Page::Staff).route(get().to(staff_home::show)))
            .service(
                web::resource(Page::Staff.path(l).trim_end_matches('/'))
                    .route(get().to(staff_home::root)),
            );
    }
}
