//! The audit log: who did what to which record, when, from where. Append-only: this module has
//! no function that updates or deletes an entry, and nothing else writes the table.

use diesel::prelude::*;
use time::PrimitiveDateTime;

use crate::db::DbConn;
use crate::db::schema::audit_log as al;
use crate::error::AppError;

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = al)]
pub struct Entry {
    pub id: i64,
    pub at: PrimitiveDateTime,
    pub actor_id: Option<String>,
    pub actor_kind: String,
    pub action: String,
    pub record_kind: String,
    pub record_id: String,
    pub ip: String,
    pub details: String,
}

/// Who acted.
pub struct Actor<'a> {
    pub id: Option<&'a str>,
    /// `staff`, `member`, `visitor` or `system`.
    pub kind: &'a str,
    pub ip: &'a str,
}

impl<'a> Actor<'a> {
    /// A member of the partner's staff, acting from `ip`.
    pub fn staff(id: &'a str, ip: &'a str) -> Actor<'a> {
        Actor {
            id: Some(id),
            kind: "staff",
            ip,
        }
    }
}

pub fn record(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    actor: &Actor,
    action: &str,
    record_kind: &str,
    record_id: &str,
    details: &str,
) -> Result<(), AppError> {
    diesel::insert_into(al::table)
        .values((
            al::at.eq(now),
            al::actor_id.eq(actor.id),
            al::actor_kind.eq(actor.kind),
            al::action.eq(action),
            al::record_kind.eq(record_kind),
            al::record_id.eq(record_id),
            al::ip.eq(actor.ip),
            al::details.eq(details),
        ))
        .execute(conn)?;
    Ok(())
}

/// Filters of the staff audit page; empty strings match everything.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub record: String,
    #[serde(default)]
    pub page: Option<i64>,
}

pub const PAGE_SIZE: i64 = 50;

/// One page of entries, newest first, and whether there is a next page.
pub fn page(conn: &mut DbConn, f: &Filter) -> Result<(Vec<Entry>, bool), AppError> {
    let mut q = al::table.into_boxed();
    if !f.actor.trim().is_empty() {
        q = q.filter(al::actor_id.eq(f.actor.trim().to_owned()));
    }
    if !f.action.trim().is_empty() {
        q = q.filter(al::action.eq(f.action.trim().to_owned()));
    }
    if !f.record.trim().is_empty() {
        q = q.filter(al::record_id.eq(f.record.trim().to_owned()));
    }
    let page = crate::web::queue::page_number(f.page);
    let rows: Vec<Entry> = q
        .order((al::at.desc(), al::id.desc()))
        .limit(PAGE_SIZE + 1)
        .offset(crate::db::page_offset(page, PAGE_SIZE))
        .select(Entry::as_select())
        .load(conn)?;
    Ok(crate::db::split_page(rows, PAGE_SIZE))
}
