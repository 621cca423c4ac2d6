//! The middleware around every request: request log, panic catching, localized error pages with a
//! reference id, and the security headers. It runs for error responses too, so 404/405/413/500
//! pages carry the same headers as any page.

use std::panic::AssertUnwindSafe;
use std::time::Instant;

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, ResponseError, web};
use askama::Template;
use futures_util::FutureExt;

use crate::AppState;
use crate::error::{ErrorCause, ErrorPage};
use crate::i18n::routes::Page;
use crate::i18n::{Locale, negotiate};
use crate::web::page::Layout;

/// Headers sent on every response, built once from the settings.
pub struct SecurityHeaders(Vec<(HeaderName, HeaderValue)>);

impl SecurityHeaders {
    pub fn new(https: bool) -> SecurityHeaders {
        let mut h = vec![
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
                     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                ),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("strict-origin-when-cross-origin"),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static(
                    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
                     interest-cohort=()",
                ),
            ),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
            (
                HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("same-origin"),
            ),
        ];
        if https {
            h.push((
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            ));
        }
        SecurityHeaders(h)
    }

    pub fn apply(&self, res: &mut HttpResponse) {
        let headers = res.headers_mut();
        for (name, value) in &self.0 {
            // A handler may have set a stricter value (e.g. a download's CSP); keep it.
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTpl {
    l: Layout,
    text: String,
    reference: Option<String>,
}

pub async fn frame(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    // The request itself must not be cloned before routing (the router needs it unshared), so
    // keep what the error page and the log need.
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let locale = request_locale(req.request());
    let method = req.method().clone();
    let path = redact_path(req.path());
    // Behind a TLS proxy, a request that reached the proxy over plain HTTP goes to the https
    // origin before anything else happens (the proxy may also do this itself).
    if let Some(state) = &state
        && state.settings.is_https()
        && crate::web::request::forwarded_proto(req.request()) == Some("http")
    {
        let target = format!(
            "{}{}",
            state.settings.base_url,
            req.uri().path_and_query().map_or("/", |p| p.as_str())
        );
        let mut res = HttpResponse::PermanentRedirect()
            .insert_header((header::LOCATION, target))
            .finish();
        state.security_headers.apply(&mut res);
        return Ok(req.into_response(res));
    }
    let outcome = AssertUnwindSafe(next.call(req)).catch_unwind().await;
    let result = match outcome {
        Ok(Ok(res)) => {
            let (http_req, mut res) = res.map_into_boxed_body().into_parts();
            let status = res.status();
            if let Some(state) = &state {
                let wants_page = status.as_u16() >= 400
                    && (res.extensions().contains::<ErrorPage>()
                        || matches!(res.body().size(), BodySize::Sized(0) | BodySize::None));
                if wants_page {
                    res = error_page(state, locale, &path, &res);
                }
                state.security_headers.apply(&mut res);
            }
            crate::web::cache_control::private_when_setting_cookie(&mut res);
            Ok(ServiceResponse::new(http_req, res))
        }
        // Errors from inner services carry plain-text bodies with parser details, and a panic
        // carries nothing we may show: both become the localized page, built here and handed to
        // the server as a ready response.
        Ok(Err(err)) => Err(prepared(
            state.as_ref().map(|s| &***s),
            locale,
            &path,
            err.error_response(),
        )),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let mut r = HttpResponse::InternalServerError().finish();
            r.extensions_mut().insert(ErrorPage::Internal);
            r.extensions_mut()
                .insert(ErrorCause(format!("panic: {msg}")));
            Err(prepared(state.as_ref().map(|s| &***s), locale, &path, r))
        }
    };
    let status = match &result {
        Ok(res) => res.status().as_u16(),
        Err(e) => e.as_response_error().status_code().as_u16(),
    };
    tracing::info!(
        method = %method,
        path = ?path,
        status,
        micros = started.elapsed().as_micros() as u64,
        "request"
    );
    result
}

/// A response rendered in advance, given to actix as an error when no request is at hand.
#[derive(Debug)]
struct Prepared {
    status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: web::Bytes,
}

impl std::fmt::Display for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error page {}", self.status)
    }
}

impl ResponseError for Prepared {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status).body(self.body.clone());
        for (k, v) in &self.headers {
            res.headers_mut().insert(k.clone(), v.clone());
        }
        res
    }
}

fn prepared(
    state: Option<&AppState>,
    locale: Locale,
    path: &str,
    res: HttpResponse,
) -> actix_web::Error {
    let page = match state {
        Some(state) => {
            let mut page = error_page(state, locale, path, &res);
            state.security_headers.apply(&mut page);
            page
        }
        None => res,
    };
    let headers = page
        .headers()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let status = page.status();
    let body = page.into_body().try_into_bytes().unwrap_or_default();
    Prepared {
        status,
        headers,
        body,
    }
    .into()
}

/// Long path segments are tokens (reset links, visitor ticket links): keep them out of the logs.
pub fn redact_path(path: &str) -> String {
    path.split('/')
        .map(|seg| if seg.len() >= 24 { "…" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

fn request_locale(req: &HttpRequest) -> Locale {
    Locale::from_path(req.path()).unwrap_or_else(|| {
        negotiate(
            req.cookie(crate::web::page::LANG_COOKIE)
                .as_ref()
                .map(|c| c.value()),
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    })
}

fn error_page(state: &AppState, locale: Locale, path: &str, res: &HttpResponse) -> HttpResponse {
    let status = res.status();
    let kind = res
        .extensions()
        .get::<ErrorPage>()
        .copied()
        .unwrap_or(ErrorPage::from_status(status));
    let reference = status.is_server_error().then(|| {
        let id = crate::random_hex(4);
        let cause = res.extensions().get::<ErrorCause>().map(|c| c.0.clone()).unwrap_or_default();
        tracing::error!(reference = %id, status = status.as_u16(), path = ?path, cause = %cause, "server error");
        id
    });
    let prefix = kind.fluent_prefix();
    let paths = [
        Page::Home.path(Locale::Sv).to_owned(),
        Page::Home.path(Locale::En).to_owned(),
    ];
    let l = Layout::with_paths(state, locale, None, &format!("{prefix}-title"), paths, "");
    let tpl = ErrorTpl {
        text: l.tr.t(&format!("{prefix}-text")),
        l,
        reference,
    };
    let mut out = match tpl.render() {
        Ok(body) => HttpResponse::build(status)
            .insert_header((
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ))
            .body(body),
        Err(_) => HttpResponse::build(status).finish(),
    };
    // Keep what the handler said about the error (Allow on 405, Retry-After on 429).
    for name in [header::ALLOW, header::RETRY_AFTER, header::SET_COOKIE] {
        for v in res.headers().get_all(&name) {
            out.headers_mut().append(name.clone(), v.clone());
        }
    }
    out.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_paths_are_not_logged() {
        assert_eq!(redact_path("/sv/behorighet"), "/sv/behorighet");
        assert_eq!(
            redact_path("/sv/aterstall/0123456789abcdef0123456789abcdef"),
            "/sv/aterstall/…"
        );
    }
}
