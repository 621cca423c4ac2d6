//! Responses that set a cookie must never be stored by a shared cache, which would hand one
//! visitor's cookie (a session, the anonymous CSRF secret, the language) to the next.

use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderValue};

/// Marks a response that sets a cookie `private`, unless it already is `private` or `no-store`.
pub fn private_when_setting_cookie(res: &mut HttpResponse) {
    if !res.headers().contains_key(header::SET_COOKIE) {
        return;
    }
    let current = res
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if current.contains("no-store") || current.contains("private") {
        return;
    }
    // Whatever the page allowed (max-age, revalidation) stays, for the browser's own cache only.
    let kept: Vec<&str> = current
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty() && *d != "public" && !d.starts_with("s-maxage"))
        .collect();
    let value = if kept.is_empty() {
        "private".to_owned()
    } else {
        format!("private, {}", kept.join(", "))
    };
    if let Ok(v) = HeaderValue::from_str(&value) {
        res.headers_mut().insert(header::CACHE_CONTROL, v);
    }
}
