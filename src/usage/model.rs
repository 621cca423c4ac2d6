//! The saved usage checks: an organisation's history of results, and the latest one, which the
//! staff see beside a validation request.

use diesel::prelude::*;

use super::UsageResult;
use crate::db::schema::usage_checks as uc;
use crate::db::{self, DbConn};
use crate::error::AppError;

/// One saved check, as history shows it.
#[derive(Queryable, Debug, Clone)]
pub struct Saved {
    pub created_at: time::PrimitiveDateTime,
    pub reference_date: time::Date,
    pub active: i64,
    pub licensed: i64,
    pub share_tenths: i64,
    pub passes: bool,
}

pub fn saved(conn: &mut DbConn, org: &str, limit: i64) -> Result<Vec<Saved>, AppError> {
    Ok(uc::table
        .filter(uc::organisation_id.eq(org))
        .order(uc::created_at.desc())
        .limit(limit)
        .select((
            uc::created_at,
            uc::reference_date,
            uc::active,
            uc::licensed,
            uc::share_tenths,
            uc::passes,
        ))
        .load(conn)?)
}

/// The newest saved check of `org`, if any.
pub fn latest(conn: &mut DbConn, org: &str) -> Result<Option<Saved>, AppError> {
    Ok(saved(conn, org, 1)?.into_iter().next())
}

/// Saves a check's figures for the organisation's history.
pub fn save(
    conn: &mut DbConn,
    org: &str,
    uid: &str,
    now: time::PrimitiveDateTime,
    r: &UsageResult,
) -> Result<(), AppError> {
    let products = serde_json::json!(
        r.products
            .iter()
            .map(|p| serde_json::json!({
        "product": p.product, "active": p.figures.active, "licensed": p.figures.licensed,
        "share_tenths": p.figures.share_tenths, "passes": p.figures.passes}))
            .collect::<Vec<_>>()
    );
    db::write(conn, |c| {
        diesel::insert_into(uc::table)
            .values((
                uc::id.eq(uuid::Uuid::new_v4().to_string()),
                uc::organisation_id.eq(org),
                uc::created_by.eq(uid),
                uc::created_at.eq(now),
                uc::reference_date.eq(r.reference_date),
                uc::active.eq(i64::from(r.overall.active)),
                uc::licensed.eq(i64::from(r.overall.licensed)),
                uc::share_tenths.eq(i64::from(r.overall.share_tenths)),
                uc::needed.eq(i64::from(r.overall.needed)),
                uc::passes.eq(r.overall.passes),
                uc::products.eq(products.to_string()),
            ))
            .execute(c)?;
        Ok::<_, AppError>(())
    })
}
