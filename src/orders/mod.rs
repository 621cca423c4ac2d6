//! Orders: the order form that enforces the program's rules, the member's history, and the
//! partner's decisions (grant, deny with a reason, mark fulfilled), and the catalogue of what can
//! be ordered (`catalog`, with its pages in `products` and `product_admin`).

pub mod catalog;
pub mod handlers;
pub mod model;
pub mod product_admin;
pub mod products;
pub mod rules;
pub mod service;
pub mod staff;
pub mod views;

use actix_web::web;

use crate::i18n::Locale;
use crate::i18n::routes::Page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let get = crate::web::page_route;
    for l in Locale::ALL {
        let r = |p: Page| web::resource(p.path(l));
        // Fixed paths before the `{id}` patterns that would otherwise match them.
        cfg.service(r(Page::Products).route(get().to(products::list)))
            .service(r(Page::Product).route(get().to(products::show)))
            .service(r(Page::Orders).route(get().to(handlers::list)))
            .service(
                r(Page::OrderNew)
                    .route(get().to(handlers::new_form))
                    .route(web::post().to(handlers::review)),
            )
            .service(r(Page::OrderConfirm).route(web::post().to(handlers::confirm)))
            .service(r(Page::Order).route(get().to(handlers::show)))
            .service(r(Page::OrderCancel).route(web::post().to(handlers::cancel)))
            .service(r(Page::StaffOrders).route(get().to(staff::queue)))
            .service(r(Page::StaffOrder).route(get().to(staff::show)))
            .service(r(Page::StaffOrderDecide).route(web::post().to(staff::decide)))
            .service(r(Page::StaffProducts).route(get().to(product_admin::list)))
            .service(
                r(Page::StaffProductNew)
                    .route(get().to(product_admin::new_form))
                    .route(web::post().to(product_admin::create)),
            )
            .service(
                r(Page::StaffProduct)
                    .route(get().to(product_admin::edit_form))
                    .route(web::post().to(product_admin::update)),
            );
    }
}
