//! Cross-site request forgery defence: a token tied to the session in every state-changing form,
//! checked by each POST handler, and a middleware that refuses POSTs whose `Origin` is another
//! site or whose `Sec-Fetch-Site` says `cross-site`.

use actix_session::Session;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web;

use crate::AppState;
use crate::error::AppError;

/// Session key of the CSRF token.
pub const CSRF: &str = "csrf";

/// The session's CSRF token, created on first use.
pub fn token(session: &Session) -> Result<String, AppError> {
    if let Ok(Some(t)) = session.get::<String>(CSRF) {
        return Ok(t);
    }
    let t = crate::random_hex(32);
    session
        .insert(CSRF, &t)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(t)
}

/// Checks a submitted token against the session's, in constant time.
pub fn verify(session: &Session, submitted: &str) -> Result<(), AppError> {
    let expected = session
        .get::<String>(CSRF)
        .ok()
        .flatten()
        .ok_or(AppError::CsrfFailed)?;
    let (a, b) = (expected.as_bytes(), submitted.as_bytes());
    let same = a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0;
    if same {
        Ok(())
    } else {
        Err(AppError::CsrfFailed)
    }
}

/// True when a state-changing request comes from another site.
pub fn is_cross_site(req: &actix_web::HttpRequest, base_url: &str) -> bool {
    let h = |n: header::HeaderName| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    if h(header::HeaderName::from_static("sec-fetch-site")).as_deref() == Some("cross-site") {
        return true;
    }
    match h(header::ORIGIN) {
        None => false,
        Some(origin) if origin == "null" => true,
        Some(origin) => {
            let host = h(header::HOST).unwrap_or_default();
            let own = origin.trim_end_matches('/') == base_url.trim_end_matches('/')
                || origin
                    .split("://")
                    .nth(1)
                    .is_some_and(|o| o.eq_ignore_ascii_case(&host));
            !own
        }
    }
}

/// Refuses cross-site POSTs before any handler runs.
pub async fn origin_guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let base = req
            .app_data::<web::Data<AppState>>()
            .map(|s| s.settings.base_url.clone())
            .unwrap_or_default();
        if is_cross_site(req.request(), &base) {
            tracing::warn!(path = ?crate::web::frame::redact_path(req.path()), "cross-site POST refused");
            return Err(AppError::CsrfFailed.into());
        }
    }
    next.call(req).await
}
