//! Satisfaction (CSAT): the "Did we help?" question in the resolved e-mail, its page and the
//! one answer per ticket, changeable until the ticket closes.

use actix_web::HttpResponse;

use crate::error::AppError;

/// Placeholder until the rating page lands.
pub async fn form() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
