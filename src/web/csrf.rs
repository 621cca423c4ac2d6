//! Cross-site request forgery defence: a token tied to the session (or, for anonymous visitors, to
//! a signed cookie) in every state-changing form, masked per response,
//! checked by each POST handler, and a middleware that refuses POSTs whose `Origin` is another
//! site or whose `Sec-Fetch-Site` says `cross-site`.

use std::cell::Cell;
use std::rc::Rc;

use actix_session::Session;
use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::AppState;
use crate::error::AppError;
use crate::web::request::UID;
use crate::{hex, unhex};

/// Session key of a signed-in session's CSRF token.
pub const CSRF: &str = "csrf";

/// Bytes of a raw token (before masking).
const TOKEN_BYTES: usize = 32;

/// The browser's anonymous CSRF secret while a request is served: a random cookie value and the
/// key that signs it. Anonymous forms (log in, register, forgot, contact, FAQ feedback) get an
/// HMAC of it as their token, so that serving them writes no session row.
struct Anonymous {
    cookie: String,
    key: Vec<u8>,
    /// Set when a page used the token, so that a new cookie is sent only then.
    used: Rc<Cell<bool>>,
}

tokio::task_local! {
    static ANONYMOUS: Anonymous;
}

/// The cookie that holds the anonymous CSRF secret (`__Host-` on https, like the session's).
pub const fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-donera_csrf"
    } else {
        "donera_csrf"
    }
}

fn anonymous_raw(a: &Anonymous) -> Option<Vec<u8>> {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&a.key).ok()?;
    m.update(b"csrf-anonymous:");
    m.update(a.cookie.as_bytes());
    Some(m.finalize().into_bytes().to_vec())
}

/// Sets up the anonymous CSRF secret for the request and sends its cookie when a page used a
/// fresh one. Wraps the handlers (inside the session middleware).
pub async fn anonymous_cookie(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let Some((key, https)) = req
        .app_data::<web::Data<AppState>>()
        .map(|s| (s.settings.secret_key.clone(), s.settings.is_https()))
    else {
        return next.call(req).await;
    };
    let name = cookie_name(https);
    let sent = req
        .cookie(name)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 2 * TOKEN_BYTES && unhex(v).is_some());
    let fresh = sent.is_none();
    let cookie = sent.unwrap_or_else(|| crate::random_hex(TOKEN_BYTES));
    let used = Rc::new(Cell::new(false));
    let anonymous = Anonymous {
        cookie: cookie.clone(),
        key,
        used: used.clone(),
    };
    let mut res = ANONYMOUS.scope(anonymous, next.call(req)).await?;
    if fresh && used.get() {
        let c = Cookie::build(name, cookie)
            .path("/")
            .http_only(true)
            .secure(https)
            .same_site(SameSite::Lax)
            .finish();
        let _ = res.response_mut().add_cookie(&c);
    }
    Ok(res)
}

fn signed_in(session: &Session) -> bool {
    matches!(session.get::<String>(UID), Ok(Some(_)))
}

/// XORs the raw token with a fresh random pad and sends pad and result, so that the token's
/// bytes differ in every response (BREACH: a compressed page that echoes input must not leak a
/// constant secret).
fn mask(raw: &[u8]) -> String {
    let pad = crate::random_bytes(raw.len());
    let masked: Vec<u8> = raw.iter().zip(&pad).map(|(r, p)| r ^ p).collect();
    let mut token = hex(&pad);
    token.push_str(&hex(&masked));
    token
}

fn unmask(submitted: &str) -> Option<Vec<u8>> {
    let bytes = unhex(submitted)?;
    if bytes.len() != 2 * TOKEN_BYTES {
        return None;
    }
    let (pad, masked) = bytes.split_at(TOKEN_BYTES);
    Some(pad.iter().zip(masked).map(|(p, m)| p ^ m).collect())
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The token for a form, masked afresh on every call: tied to the session when someone is signed
/// in, else to the browser's anonymous CSRF cookie (no session is written for it).
pub fn token(session: &Session) -> Result<String, AppError> {
    if signed_in(session) {
        if let Ok(Some(t)) = session.get::<String>(CSRF)
            && let Some(raw) = unhex(&t).filter(|r| r.len() == TOKEN_BYTES)
        {
            return Ok(mask(&raw));
        }
        let t = crate::random_hex(TOKEN_BYTES);
        session
            .insert(CSRF, &t)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let raw = unhex(&t).ok_or_else(|| AppError::Internal("csrf token".into()))?;
        return Ok(mask(&raw));
    }
    let raw = ANONYMOUS
        .try_with(|a| {
            a.used.set(true);
            anonymous_raw(a)
        })
        .ok()
        .flatten()
        .ok_or_else(|| AppError::Internal("anonymous csrf outside a request".into()))?;
    Ok(mask(&raw))
}

/// Checks a submitted (masked) token against the session's or the anonymous cookie's, in
/// constant time. Either will do: both are bound to this browser's own cookies, and a form
/// served before signing in stays usable after.
pub fn verify(session: &Session, submitted: &str) -> Result<(), AppError> {
    let raw = unmask(submitted).ok_or(AppError::CsrfFailed)?;
    let by_session = session
        .get::<String>(CSRF)
        .ok()
        .flatten()
        .and_then(|t| unhex(&t))
        .is_some_and(|t| same(&t, &raw));
    let by_cookie = ANONYMOUS
        .try_with(|a| anonymous_raw(a).is_some_and(|t| same(&t, &raw)))
        .unwrap_or(false);
    if by_session || by_cookie {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_token_unmasks_to_its_secret_and_differs_each_time() {
        let raw = crate::random_bytes(TOKEN_BYTES);
        let (a, b) = (mask(&raw), mask(&raw));
        assert_eq!(a.len(), 4 * TOKEN_BYTES);
        assert_ne!(a, b);
        assert_eq!(unmask(&a), Some(raw.clone()));
        assert_eq!(unmask(&b), Some(raw));
        assert_eq!(unmask(&a[2..]), None);
    }
}
