//! Bulk work from the queue: the selected tickets assigned, moved to a state, given a priority
//! or closed in one transaction, each audited.

use actix_web::HttpResponse;

use crate::accounts::auth::Staff;
use crate::error::AppError;

/// Placeholder until the bulk form lands: staff only, nothing to apply yet.
pub async fn apply(_staff: Staff) -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
