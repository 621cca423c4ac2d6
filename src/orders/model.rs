//! Rows and queries of orders, their lines and history.

use diesel::prelude::*;
use time::{Date, PrimitiveDateTime};

use super::rules::Validation;
use crate::db::DbConn;
use crate::db::schema::{
    order_history as oh, order_lines as ol, orders as o, organisations, products,
};
use crate::error::AppError;
use crate::orders::catalog::Product;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Submitted,
    Granted,
    Denied,
    Fulfilled,
    Cancelled,
}

impl State {
    pub const ALL: [State; 5] = [
        State::Submitted,
        State::Granted,
        State::Denied,
        State::Fulfilled,
        State::Cancelled,
    ];

    pub fn key(self) -> &'static str {
        match self {
            State::Submitted => "submitted",
            State::Granted => "granted",
            State::Denied => "denied",
            State::Fulfilled => "fulfilled",
            State::Cancelled => "cancelled",
        }
    }

    pub fn from_key(k: &str) -> Option<State> {
        State::ALL.into_iter().find(|s| s.key() == k)
    }
}

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = o)]
pub struct Order {
    pub id: String,
    pub organisation_id: String,
    pub placed_by: String,
    pub idempotency_key: String,
    pub state: String,
    pub total_ore: i64,
    pub submitted_at: PrimitiveDateTime,
    pub updated_at: PrimitiveDateTime,
    pub reason: Option<String>,
    pub fulfilment_note: Option<String>,
}

impl Order {
    pub fn state(&self) -> State {
        State::from_key(&self.state).unwrap_or(State::Submitted)
    }

    /// A short reference for people: the first eight characters of the id, upper case.
    pub fn reference(&self) -> String {
        reference(&self.id)
    }
}

/// The short reference of the order with this id (see [`Order::reference`]).
pub fn reference(id: &str) -> String {
    id.chars().take(8).collect::<String>().to_uppercase()
}

#[derive(Queryable, Debug, Clone)]
pub struct HistoryRow {
    pub at: PrimitiveDateTime,
    pub state: String,
    pub note: Option<String>,
}

pub fn of_organisation(conn: &mut DbConn, org: &str) -> Result<Vec<Order>, AppError> {
    Ok(o::table
        .filter(o::organisation_id.eq(org))
        .order((o::submitted_at.desc(), o::id.desc()))
        .select(Order::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<Order>, AppError> {
    Ok(o::table
        .find(id)
        .select(Order::as_select())
        .first(conn)
        .optional()?)
}

pub fn by_key(conn: &mut DbConn, key: &str) -> Result<Option<Order>, AppError> {
    Ok(o::table
        .filter(o::idempotency_key.eq(key))
        .select(Order::as_select())
        .first(conn)
        .optional()?)
}

/// The order's lines with their products, in catalogue order.
pub fn lines(conn: &mut DbConn, id: &str) -> Result<Vec<(i32, i64, Product)>, AppError> {
    Ok(ol::table
        .inner_join(products::table)
        .filter(ol::order_id.eq(id))
        .order(products::position.asc())
        .select((ol::quantity, ol::fee_ore, Product::as_select()))
        .load(conn)?)
}

pub fn history(conn: &mut DbConn, id: &str) -> Result<Vec<HistoryRow>, AppError> {
    Ok(oh::table
        .filter(oh::order_id.eq(id))
        .order((oh::at.asc(), oh::id.asc()))
        .select((oh::at, oh::state, oh::note))
        .load(conn)?)
}

pub fn add_history(
    conn: &mut DbConn,
    id: &str,
    now: PrimitiveDateTime,
    state: State,
    actor: Option<&str>,
    note: Option<&str>,
) -> Result<(), AppError> {
    diesel::insert_into(oh::table)
        .values((
            oh::order_id.eq(id),
            oh::at.eq(now),
            oh::state.eq(state.key()),
            oh::actor_id.eq(actor),
            oh::note.eq(note),
        ))
        .execute(conn)?;
    Ok(())
}

/// Where the organisation's validation stands on `date`, for the order rule and its explanation.
pub fn validation_state(conn: &mut DbConn, org: &str, date: Date) -> Result<Validation, AppError> {
    use crate::validation::model::{State as V, of_organisation};
    if crate::validation::is_validated(conn, org, date)? {
        return Ok(Validation::Valid);
    }
    let requests = of_organisation(conn, org)?;
    if requests.iter().any(|r| r.state() == V::Pending) {
        return Ok(Validation::Pending);
    }
    Ok(match requests.first().map(|r| r.state()) {
        None => Validation::None,
        Some(V::Rejected) => Validation::Rejected,
        Some(V::Approved) => Validation::Expired,
        Some(V::Pending) => Validation::Pending,
    })
}

#[derive(Queryable, Debug, Clone)]
pub struct QueueRow {
    pub id: String,
    pub state: String,
    pub total_ore: i64,
    pub submitted_at: PrimitiveDateTime,
    pub organisation_id: String,
    pub org_name: String,
}

pub const PAGE: i64 = 50;

pub fn queue(
    conn: &mut DbConn,
    state: Option<State>,
    page: i64,
) -> Result<(Vec<QueueRow>, bool), AppError> {
    let mut q = o::table.inner_join(organisations::table).into_boxed();
    if let Some(s) = state {
        q = q.filter(o::state.eq(s.key()));
    }
    let rows: Vec<QueueRow> = q
        .order((o::submitted_at.asc(), o::id.asc()))
        .limit(PAGE + 1)
        .offset(crate::db::page_offset(page, PAGE))
        .select((
            o::id,
            o::state,
            o::total_ore,
            o::submitted_at,
            o::organisation_id,
            organisations::name,
        ))
        .load(conn)?;
    Ok(crate::db::split_page(rows, PAGE))
}

/// Licences per order for a set of orders (the queue shows them without one query per row).
pub fn line_counts(conn: &mut DbConn, ids: &[String]) -> Result<Vec<(String, i64)>, AppError> {
    let rows: Vec<(String, i32)> = ol::table
        .filter(ol::order_id.eq_any(ids))
        .select((ol::order_id, ol::quantity))
        .load(conn)?;
    let mut out: Vec<(String, i64)> = vec![];
    for (id, q) in rows {
        match out.iter_mut().find(|(i, _)| *i == id) {
            Some((_, n)) => *n += i64::from(q),
            None => out.push((id, i64::from(q))),
        }
    }
    Ok(out)
}
