//! HTTP plumbing shared by every area: middleware, assets, the page layout and responders.

pub mod assets;
pub mod auth;
pub mod body_deadline;
pub mod cache_control;
pub mod csrf;
pub mod form;
pub mod frame;
pub mod page;
pub mod upload;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use crate::i18n::Locale;

/// The language of a localized route, from its first path segment.
impl FromRequest for Locale {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Locale, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Locale::from_path(req.path()).unwrap_or(Locale::Sv)))
    }
}
