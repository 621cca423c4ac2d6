//! Thin handlers for the public pages and the site's root.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

use super::selfcheck::SelfCheckForm;
use super::views;
use crate::AppState;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, negotiate};
use crate::web::page::remember_locale;

/// `/`: 303 to the visitor's language.
pub async fn root(req: HttpRequest) -> HttpResponse {
    let locale = negotiate(
        req.cookie("lang").as_ref().map(|c| c.value()),
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

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    match db::run(&state.pool, db::ping).await {
        Ok(()) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ok"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: database does not answer");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("database unavailable")
        }
    }
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

fn cached(
    req: &HttpRequest,
    state: &AppState,
    page: Page,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    let mut res = state
        .pages
        .respond(req, page, locale)
        .ok_or(AppError::NotFound)?;
    remember_locale(req, &mut res, locale, state.settings.is_https());
    Ok(res)
}

pub async fn home(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    cached(&req, &state, Page::Home, locale)
}

pub async fn eligibility(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    cached(&req, &state, Page::Eligibility, locale)
}

/// The self-check is a GET form: without answers the cached empty form, with answers the result,
/// or the form again with a message beside each bad field (400).
pub async fn self_check(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: Locale,
) -> Result<HttpResponse, AppError> {
    // A query that is not the form's shape at all (a field twice) gets the localized 400 page.
    let form: SelfCheckForm =
        serde_urlencoded::from_str(req.query_string()).map_err(|_| AppError::BadRequest)?;
    if form.is_empty() {
        return cached(&req, &state, Page::SelfCheck, locale);
    }
    // The language switch keeps the answers, unless the query is too long to be a real one.
    let query = req.query_string();
    let query = if query.len() <= 512 { query } else { "" };
    let page = match form.parse() {
        Ok(input) => (
            StatusCode::OK,
            views::self_check_result(&state, locale, &form, &input, query)?,
        ),
        Err(errors) => (
            StatusCode::BAD_REQUEST,
            views::self_check_errors(&state, locale, &form, &errors, query)?,
        ),
    };
    let mut res = html(page.0, page.1);
    remember_locale(&req, &mut res, locale, state.settings.is_https());
    Ok(res)
}
