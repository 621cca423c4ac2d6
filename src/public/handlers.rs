//! Thin handlers for the public pages and the site's root.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use super::selfcheck::SelfCheckForm;
use super::views;
use crate::AppState;
use crate::accounts::auth::Viewer;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, negotiate};
use crate::web::page::Ctx;
use crate::web::page::remember_locale;
use actix_session::Session;

/// `/`: 303 to the visitor's language.
pub async fn root(req: HttpRequest) -> HttpResponse {
    let locale = negotiate(
        req.cookie(crate::web::page::LANG_COOKIE)
            .as_ref()
            .map(|c| c.value()),
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, Page::Home.path(locale)))
        .insert_header((
            header::VARY,
            HeaderValue::from_static("cookie, accept-language"),
        ))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .finish()
}

/// `/sv` and `/en` without the slash.
pub async fn locale_root(locale: Locale) -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, Page::Home.path(locale)))
        .finish()
}

/// `{"status":"ok","database":"ok","smtp":"failing","webhook":"not_configured"}`: 200 while
/// the database answers, whatever SMTP and the webhook do (their events wait in the outbox),
/// so that a load balancer keeps an instance that can serve pages.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    use crate::outbox::health::Dependency;
    let db = db::run(&state.pool, db::ping).await;
    if let Err(e) = &db {
        tracing::warn!(error = %e, "health check: database does not answer");
    }
    let smtp = state.health.get(Dependency::Smtp);
    let webhook = state.health.get(Dependency::Webhook);
    let body = serde_json::json!({
        "status": if db.is_ok() { "ok" } else { "unavailable" },
        "database": if db.is_ok() { "ok" } else { "failing" },
        "smtp": smtp.key(),
        "webhook": webhook.key(),
    });
    let mut res = if db.is_ok() {
        HttpResponse::Ok()
    } else {
        HttpResponse::ServiceUnavailable()
    };
    res.content_type("application/json")
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .body(body.to_string())
}

pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

fn html(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ))
        .body(body)
}

/// The header of a signed-in person, if the request has a session with one.
fn signed_in(session: &Session, viewer: &Viewer) -> Result<Option<views::SignedIn>, AppError> {
    match &viewer.0 {
        Some(u) => Ok(Some((
            u.name.clone(),
            u.role().is_staff(),
            crate::web::csrf::token(session)?,
        ))),
        None => Ok(None),
    }
}

/// Anonymous visitors get the page rendered once at start; a signed-in person's header differs,
/// so theirs is rendered per request and not cached.
fn static_page(
    req: &HttpRequest,
    state: &AppState,
    page: Page,
    locale: Locale,
    signed: Option<views::SignedIn>,
) -> Result<HttpResponse, AppError> {
    let mut res = match signed {
        None => state
            .pages
            .respond(req, page, locale)
            .ok_or(AppError::NotFound)?,
        Some(s) => {
            let body = match page {
                Page::Home => views::home(state, locale, Some(&s))?,
                Page::Eligibility => views::eligibility(state, locale, Some(&s))?,
                _ => views::self_check_empty(state, locale, Some(&s))?,
            };
            let mut r = html(StatusCode::OK, body);
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
    };
    remember_locale(req, &mut res, locale, state.settings.is_https());
    Ok(res)
}

pub async fn home(req: HttpRequest, cx: Ctx, viewer: Viewer) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    static_page(
        &req,
        state,
        Page::Home,
        locale,
        signed_in(session, &viewer)?,
    )
}

pub async fn eligibility(
    req: HttpRequest,
    cx: Ctx,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    static_page(
        &req,
        state,
        Page::Eligibility,
        locale,
        signed_in(session, &viewer)?,
    )
}

/// The self-check is a GET form: without answers the cached empty form, with answers the result,
/// or the form again with a message beside each bad field (400).
pub async fn self_check(
    req: HttpRequest,
    cx: Ctx,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    // A query that is not the form's shape at all (a field twice) gets the localized 400 page.
    let form: SelfCheckForm =
        serde_urlencoded::from_str(req.query_string()).map_err(|_| AppError::BadRequest)?;
    let signed = signed_in(session, &viewer)?;
    if form.is_empty() {
        return static_page(&req, state, Page::SelfCheck, locale, signed);
    }
    // The language switch keeps the answers, unless the query is too long to be a real one.
    let query = req.query_string();
    let query = if query.len() <= 512 { query } else { "" };
    let page = match form.parse() {
        Ok(input) => (
            StatusCode::OK,
            views::self_check_result(state, locale, &form, &input, query, signed.as_ref())?,
        ),
        Err(errors) => (
            StatusCode::BAD_REQUEST,
            views::self_check_errors(state, locale, &form, &errors, query, signed.as_ref())?,
        ),
    };
    let mut res = html(page.0, page.1);
    if signed.is_some() {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    remember_locale(&req, &mut res, locale, state.settings.is_https());
    Ok(res)
}
