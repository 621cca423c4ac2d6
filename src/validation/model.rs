//! Rows and queries of validation requests.

use diesel::prelude::*;
use time::{Date, PrimitiveDateTime};

use crate::db::DbConn;
use crate::db::schema::{files, organisations, validation_requests as vr};
use crate::error::AppError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Pending,
    Approved,
    Rejected,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Approved => "approved",
            State::Rejected => "rejected",
        }
    }

    pub fn from_key(k: &str) -> Option<State> {
        [State::Pending, State::Approved, State::Rejected]
            .into_iter()
            .find(|s| s.key() == k)
    }
}

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = vr)]
pub struct Request {
    pub id: String,
    pub organisation_id: String,
    pub file_id: String,
    pub note: String,
    pub state: String,
    pub submitted_by: String,
    pub submitted_at: PrimitiveDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<PrimitiveDateTime>,
    pub valid_from: Option<Date>,
    pub valid_to: Option<Date>,
    pub reason_sv: Option<String>,
    pub reason_en: Option<String>,
    /// When the certificate's content was removed under the retention rules (the request stays
    /// as the record of the decision).
    #[diesel(select_expression = files::erased_at)]
    #[diesel(select_expression_type = files::erased_at)]
    pub file_erased_at: Option<PrimitiveDateTime>,
}

impl Request {
    pub fn state(&self) -> State {
        State::from_key(&self.state).unwrap_or(State::Pending)
    }

    /// The partner's reason in `locale`, or in the other language when only that was written.
    pub fn reason(&self, locale: crate::i18n::Locale) -> Option<&str> {
        let (first, second) = match locale {
            crate::i18n::Locale::Sv => (&self.reason_sv, &self.reason_en),
            crate::i18n::Locale::En => (&self.reason_en, &self.reason_sv),
        };
        first.as_deref().or(second.as_deref())
    }
}

/// The organisation's requests, newest first.
pub fn of_organisation(conn: &mut DbConn, org_id: &str) -> Result<Vec<Request>, AppError> {
    Ok(vr::table
        .inner_join(files::table)
        .filter(vr::organisation_id.eq(org_id))
        .order((vr::submitted_at.desc(), vr::id.desc()))
        .select(Request::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<Request>, AppError> {
    Ok(vr::table
        .inner_join(files::table)
        .filter(vr::id.eq(id))
        .select(Request::as_select())
        .first(conn)
        .optional()?)
}

/// Whether the organisation is validated on `date`: an approved request whose period covers it.
pub fn is_validated(conn: &mut DbConn, org_id: &str, date: Date) -> Result<bool, AppError> {
    let periods: Vec<(Option<Date>, Option<Date>)> = vr::table
        .filter(vr::organisation_id.eq(org_id))
        .filter(vr::state.eq(State::Approved.key()))
        .select((vr::valid_from, vr::valid_to))
        .load(conn)?;
    let periods: Vec<(Date, Date)> = periods
        .into_iter()
        .filter_map(|(a, b)| Some((a?, b?)))
        .collect();
    Ok(super::covers(&periods, date))
}

/// One row of the staff queue.
#[derive(Queryable, Debug, Clone)]
pub struct QueueRow {
    pub id: String,
    pub state: String,
    pub submitted_at: PrimitiveDateTime,
    pub org_name: String,
    pub org_number: String,
    pub needs_review: bool,
    pub content_type: String,
}

pub const PAGE: i64 = 50;

/// Requests in `state` (all when `None`), oldest first, one page, and whether more follow.
pub fn queue(
    conn: &mut DbConn,
    state: Option<State>,
    page: i64,
) -> Result<(Vec<QueueRow>, bool), AppError> {
    let mut q = vr::table
        .inner_join(organisations::table)
        .inner_join(files::table)
        .into_boxed();
    if let Some(s) = state {
        q = q.filter(vr::state.eq(s.key()));
    }
    let rows: Vec<QueueRow> = q
        .order((vr::submitted_at.asc(), vr::id.asc()))
        .limit(PAGE + 1)
        .offset(crate::db::page_offset(page, PAGE))
        .select((
            vr::id,
            vr::state,
            vr::submitted_at,
            organisations::name,
            organisations::org_number,
            organisations::needs_review,
            files::content_type,
        ))
        .load(conn)?;
    Ok(crate::db::split_page(rows, PAGE))
}
