//! HTTP plumbing shared by every area: middleware, assets, the page layout and responders.

pub mod assets;
pub mod body_deadline;
pub mod cache_control;
pub mod csrf;
pub mod form;
pub mod frame;
pub mod page;
pub mod queue;
pub mod request;
pub mod upload;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, Route, guard};

use crate::i18n::Locale;

/// The language of a localized route, from its first path segment.
impl FromRequest for Locale {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Locale, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Locale::from_path(req.path()).unwrap_or(Locale::Sv)))
    }
}

/// A route that answers GET and HEAD: every page. (actix-web answers HEAD only where asked.)
pub fn page_route() -> Route {
    actix_web::web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}
