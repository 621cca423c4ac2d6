//! The staff admins' page of response targets: weekly hours, extra closed days and the targets
//! per priority.

use actix_web::HttpResponse;

use crate::accounts::auth::StaffAdmin;
use crate::error::AppError;

pub async fn form(_admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

pub async fn save(_admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
