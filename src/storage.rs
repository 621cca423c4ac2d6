//! Disk use of uploaded files: each organisation's total against `DONERA_ORG_STORAGE_QUOTA_MB`,
//! and each person's uploads in the last hour against `DONERA_UPLOAD_MB_PER_HOUR`. Files live in
//! the `files` table with their size, organisation and uploader, so both figures are sums over
//! it; certificates count towards them as attachments do.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use time::{Duration, PrimitiveDateTime};

use crate::config::Settings;
use crate::db::schema::files;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::{Locale, format};

/// The limits in bytes; 0 turns one off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageLimits {
    pub org_quota: i64,
    pub per_hour: i64,
}

impl StorageLimits {
    pub fn from_settings(s: &Settings) -> StorageLimits {
        StorageLimits {
            org_quota: s.org_storage_quota_bytes,
            per_hour: s.upload_bytes_per_hour,
        }
    }
}

/// Why an upload was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageRefusal {
    /// The organisation's files would exceed its quota.
    Quota { used: i64, quota: i64 },
    /// The person uploaded their hour's worth already.
    Rate { limit: i64 },
}

impl StorageRefusal {
    pub fn fluent_id(self) -> &'static str {
        match self {
            StorageRefusal::Quota { .. } => "upload-error-quota",
            StorageRefusal::Rate { .. } => "upload-error-rate",
        }
    }
}

/// The files' bytes, 0 for none: written as text, as the backends type `SUM` differently.
const SUM_SIZE: db::Fixed<BigInt> = db::Fixed::new("CAST(COALESCE(SUM(size), 0) AS BIGINT)");

/// Bytes of files the organisation holds.
pub fn org_usage(conn: &mut DbConn, org: &str) -> Result<i64, AppError> {
    Ok(files::table
        .filter(files::organisation_id.eq(org))
        .select(SUM_SIZE)
        .get_result(conn)?)
}

/// Bytes the person uploaded since `since`.
fn uploaded_since(
    conn: &mut DbConn,
    user: &str,
    since: PrimitiveDateTime,
) -> Result<i64, AppError> {
    Ok(files::table
        .filter(files::uploaded_by.eq(user))
        .filter(files::created_at.gt(since))
        .select(SUM_SIZE)
        .get_result(conn)?)
}

/// Whether `adding` more bytes from `user` fit the organisation's quota and the person's hourly
/// allowance. Call it inside the [`db::write`] transaction that stores the files: it takes the
/// organisation's lock, so parallel uploads are counted one after another.
pub fn admit(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    org: &str,
    user: &str,
    adding: i64,
    limits: StorageLimits,
) -> Result<Result<(), StorageRefusal>, AppError> {
    if adding <= 0 {
        return Ok(Ok(()));
    }
    db::lock_key(conn, &format!("storage:{org}"))?;
    if limits.org_quota > 0 {
        let used = org_usage(conn, org)?;
        if used.saturating_add(adding) > limits.org_quota {
            return Ok(Err(StorageRefusal::Quota {
                used,
                quota: limits.org_quota,
            }));
        }
    }
    if limits.per_hour > 0 {
        let recent = uploaded_since(conn, user, now - Duration::hours(1))?;
        if recent.saturating_add(adding) > limits.per_hour {
            return Ok(Err(StorageRefusal::Rate {
                limit: limits.per_hour,
            }));
        }
    }
    Ok(Ok(()))
}

/// Megabytes (of 1024 × 1024 bytes, as the settings count them) with one decimal, rounded down,
/// in the locale's way: `1 024,5` / `1,024.5`.
pub fn megabytes(locale: Locale, bytes: i64) -> String {
    let tenths = bytes.max(0).saturating_mul(10) / (1024 * 1024);
    let whole = format::integer(locale, tenths / 10);
    match locale {
        Locale::Sv => format!("{whole},{}", tenths % 10),
        Locale::En => format!("{whole}.{}", tenths % 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn megabytes_have_one_decimal_in_each_language() {
        assert_eq!(megabytes(Locale::Sv, 600 * 1024), "0,5");
        assert_eq!(megabytes(Locale::En, 1024 * 1024 * 1024), "1,024.0");
        assert_eq!(megabytes(Locale::Sv, 1024 * 1024 * 1024), "1\u{a0}024,0");
        assert_eq!(megabytes(Locale::En, -5), "0.0");
    }
}
