//! The public pages a visitor reads first: home, the eligibility rules and the self-check.

pub mod handlers;
pub mod selfcheck;
pub mod views;

use actix_web::web;

use crate::AppState;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::i18n::routes::Page;
use crate::web::page::PageCache;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let get = crate::web::page_route;
    for locale in Locale::ALL {
        // `/sv` without the slash goes to the home page.
        cfg.service(
            web::resource(format!("/{}", locale.code())).route(get().to(handlers::locale_root)),
        );
        for page in [Page::Home, Page::Eligibility, Page::SelfCheck] {
            let handler = match page {
                Page::Home => get().to(handlers::home),
                Page::Eligibility => get().to(handlers::eligibility),
                _ => get().to(handlers::self_check),
            };
            cfg.service(web::resource(page.path(locale)).route(handler));
        }
    }
}

/// Renders the pages that are the same for every visitor, once per language.
pub fn render_static_pages(state: &AppState) -> Result<PageCache, AppError> {
    let mut cache = PageCache::default();
    for locale in Locale::ALL {
        cache.insert(Page::Home, locale, views::home(state, locale, None)?);
        cache.insert(
            Page::Eligibility,
            locale,
            views::eligibility(state, locale, None)?,
        );
        cache.insert(
            Page::SelfCheck,
            locale,
            views::self_check_empty(state, locale, None)?,
        );
    }
    Ok(cache)
}
