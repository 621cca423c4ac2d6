//! Who else has a ticket open: a light poll from the ticket view, kept in memory.

use actix_web::HttpResponse;

use crate::accounts::auth::Staff;
use crate::error::AppError;

/// Placeholder until the poll lands: staff only.
pub async fn poll(_staff: Staff) -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
