//! AppError: the one error type of the request layer.
//!
//! Handlers and services return it; each variant has an HTTP status and a Fluent id, and the
//! request frame (`web::frame`, which wraps every request) turns it into a localized page. Forms
//! with bad input do not use it: they re-render with field errors and a 4xx status.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request")]
    BadRequest,
    #[error("forbidden")]
    Forbidden,
    #[error("too many requests")]
    TooManyRequests,
    /// A form's CSRF token is missing or wrong, or the POST came from another site.
    #[error("csrf check failed")]
    CsrfFailed,
    /// The page needs a logged-in person: redirect to log in and back to this local path.
    #[error("login required")]
    LoginRequired(String),
    /// A double submission or a decision someone else made first.
    #[error("conflict")]
    Conflict,
    /// The database could not be reached (pool timeout, connection refused).
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Which localized page an error response should become; set as a response extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorPage {
    NotFound,
    BadRequest,
    Forbidden,
    CsrfExpired,
    Conflict,
    MethodNotAllowed,
    PayloadTooLarge,
    TooManyRequests,
    Unavailable,
    Internal,
}

impl ErrorPage {
    pub fn from_status(status: StatusCode) -> ErrorPage {
        match status.as_u16() {
            400 => ErrorPage::BadRequest,
            403 => ErrorPage::Forbidden,
            404 => ErrorPage::NotFound,
            409 => ErrorPage::Conflict,
            405 => ErrorPage::MethodNotAllowed,
            413 => ErrorPage::PayloadTooLarge,
            429 => ErrorPage::TooManyRequests,
            503 => ErrorPage::Unavailable,
            s if s < 500 => ErrorPage::BadRequest,
            _ => ErrorPage::Internal,
        }
    }

    /// Prefix of the page's Fluent ids: `<prefix>-title` and `<prefix>-text`.
    pub fn fluent_prefix(self) -> &'static str {
        match self {
            ErrorPage::NotFound => "error-not-found",
            ErrorPage::BadRequest => "error-bad-request",
            ErrorPage::Forbidden => "error-forbidden",
            ErrorPage::CsrfExpired => "error-csrf",
            ErrorPage::Conflict => "error-conflict",
            ErrorPage::MethodNotAllowed => "error-method",
            ErrorPage::PayloadTooLarge => "error-too-large",
            ErrorPage::TooManyRequests => "error-too-many",
            ErrorPage::Unavailable => "error-unavailable",
            ErrorPage::Internal => "error-internal",
        }
    }

    pub const ALL: [ErrorPage; 10] = [
        ErrorPage::NotFound,
        ErrorPage::BadRequest,
        ErrorPage::Forbidden,
        ErrorPage::CsrfExpired,
        ErrorPage::Conflict,
        ErrorPage::MethodNotAllowed,
        ErrorPage::PayloadTooLarge,
        ErrorPage::TooManyRequests,
        ErrorPage::Unavailable,
        ErrorPage::Internal,
    ];
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::CsrfFailed => StatusCode::FORBIDDEN,
            AppError::LoginRequired(_) => StatusCode::SEE_OTHER,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(e) if is_connection_error(e) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Database(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Only the status and the page kind; the page itself is rendered by the error middleware,
    /// which knows the request's language. The cause goes to the log there, never to the client.
    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if let AppError::LoginRequired(next) = self {
            return login_redirect(next);
        }
        let mut res = HttpResponse::new(status);
        let page = match self {
            AppError::CsrfFailed => ErrorPage::CsrfExpired,
            _ => ErrorPage::from_status(status),
        };
        res.extensions_mut().insert(page);
        if status.is_server_error() {
            res.extensions_mut().insert(ErrorCause(self.to_string()));
        }
        res
    }
}

/// 303 to the login page of the path's language, with the path to come back to.
fn login_redirect(next: &str) -> HttpResponse {
    use crate::i18n::Locale;
    use crate::i18n::routes::Page;
    let locale = Locale::from_path(next).unwrap_or(Locale::Sv);
    let query = serde_urlencoded::to_string([("next", next)]).unwrap_or_default();
    HttpResponse::SeeOther()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("{}?{query}", Page::Login.path(locale)),
        ))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// The internal description of a server error, logged with the reference id.
#[derive(Debug, Clone)]
pub struct ErrorCause(pub String);

fn is_connection_error(e: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    matches!(
        e,
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
            | Error::BrokenTransactionManager
    )
}
