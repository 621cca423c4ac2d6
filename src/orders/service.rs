//! Placing, cancelling and deciding orders. Each is one transaction with its history row, its
//! e-mail to the member, its event for the partner and, for staff, its audit entry.

use diesel::prelude::*;
use serde_json::json;
use time::PrimitiveDateTime;

use super::model::{self, State};
use crate::accounts::model::{self as accounts, User};
use crate::audit::{self, Actor};
use crate::db::schema::{order_lines as ol, orders as o};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::orders::catalog::Product;
use crate::outbox::{self, Routing};

pub const MAX_NOTE: usize = 2000;

fn lines_json(lines: &[(Product, i64)]) -> serde_json::Value {
    json!(lines.iter().map(|(p, q)| json!({"sku": p.sku, "name": p.name_sv, "quantity": q, "fee_ore": p.fee_ore})).collect::<Vec<_>>())
}

/// Places an order once per idempotency key: a repeated submission returns the first order.
/// The caller has checked the rules with the same lines.
pub fn place(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    user: &User,
    key: &str,
    lines: &[(Product, i64)],
    ip: &str,
) -> Result<String, AppError> {
    let org_id = user.organisation_id.clone().ok_or(AppError::Forbidden)?;
    let result = db::write(conn, |c| {
        if let Some(existing) = model::by_key(c, key)? {
            // Another organisation's key can only be a forgery: do not reveal or reuse its order.
            return if existing.organisation_id == org_id {
                Ok(existing.id)
            } else {
                Err(AppError::Conflict)
            };
        }
        let id = uuid::Uuid::new_v4().to_string();
        let total: i64 = lines.iter().map(|(p, q)| p.fee_ore * q).sum();
        diesel::insert_into(o::table)
            .values((
                o::id.eq(&id),
                o::organisation_id.eq(&org_id),
                o::placed_by.eq(&user.id),
                o::idempotency_key.eq(key),
                o::state.eq(State::Submitted.key()),
                o::total_ore.eq(total),
                o::submitted_at.eq(now),
                o::updated_at.eq(now),
            ))
            .execute(c)?;
        for (p, q) in lines {
            diesel::insert_into(ol::table)
                .values((
                    ol::order_id.eq(&id),
                    ol::product_id.eq(&p.id),
                    ol::quantity.eq(*q as i32),
                    ol::fee_ore.eq(p.fee_ore),
                ))
                .execute(c)?;
        }
        model::add_history(c, &id, now, State::Submitted, Some(&user.id), None)?;
        let org = accounts::organisation(c, &org_id)?.ok_or(AppError::NotFound)?;
        let locale = user.locale();
        outbox::enqueue_email(
            c,
            now,
            "order.submitted",
            &user.email,
            locale,
            &json!({"name": user.name, "path": Page::Order.link(locale, &id)}),
        )?;
        outbox::enqueue_partner(
            c,
            routing,
            now,
            "order.submitted",
            &json!({"order_id": id, "organisation_id": org_id, "organisation": org.name, "org_number": org.org_number,
                    "total_ore": total, "lines": lines_json(lines), "path": Page::StaffOrder.link(crate::i18n::Locale::Sv, &id)}),
        )?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&user.id),
                kind: "member",
                ip,
            },
            "order.submitted",
            "order",
            &id,
            "",
        )?;
        Ok(id)
    });
    match result {
        // Two submissions racing on PostgreSQL: the second hits the unique key; return the first.
        Err(AppError::Database(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ))) => match model::by_key(conn, key)? {
            Some(o) if o.organisation_id == org_id => Ok(o.id),
            _ => Err(AppError::Conflict),
        },
        other => other,
    }
}

/// A member cancels an order that is still only submitted.
pub fn cancel(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    user: &User,
    id: &str,
    ip: &str,
) -> Result<bool, AppError> {
    db::write(conn, |c| {
        let n = diesel::update(
            o::table
                .find(id)
                .filter(o::state.eq(State::Submitted.key())),
        )
        .set((o::state.eq(State::Cancelled.key()), o::updated_at.eq(now)))
        .execute(c)?;
        if n == 0 {
            return Ok(false);
        }
        model::add_history(c, id, now, State::Cancelled, Some(&user.id), None)?;
        outbox::enqueue_partner(c, routing, now, "order.cancelled", &json!({"order_id": id}))?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&user.id),
                kind: "member",
                ip,
            },
            "order.cancelled",
            "order",
            id,
            "",
        )?;
        Ok(true)
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Grant,
    Deny(String),
    Fulfil(String),
}

/// A staff decision. It only applies to an order in the state it expects (submitted for grant
/// and deny, granted for fulfil), so of two staff deciding at once exactly one wins.
pub fn decide(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    staff: &User,
    id: &str,
    action: &Action,
    ip: &str,
) -> Result<bool, AppError> {
    db::write(conn, |c| {
        let (from, to, note) = match action {
            Action::Grant => (State::Submitted, State::Granted, None),
            Action::Deny(r) => (State::Submitted, State::Denied, Some(r.as_str())),
            Action::Fulfil(n) => (State::Granted, State::Fulfilled, Some(n.as_str())),
        };
        let target = o::table.find(id).filter(o::state.eq(from.key()));
        let n = match action {
            Action::Deny(r) => diesel::update(target)
                .set((
                    o::state.eq(to.key()),
                    o::updated_at.eq(now),
                    o::reason.eq(r),
                ))
                .execute(c)?,
            Action::Fulfil(n) => diesel::update(target)
                .set((
                    o::state.eq(to.key()),
                    o::updated_at.eq(now),
                    o::fulfilment_note.eq(n),
                ))
                .execute(c)?,
            Action::Grant => diesel::update(target)
                .set((o::state.eq(to.key()), o::updated_at.eq(now)))
                .execute(c)?,
        };
        if n == 0 {
            return Ok(false);
        }
        model::add_history(c, id, now, to, Some(&staff.id), note)?;
        let order = model::find(c, id)?.ok_or(AppError::NotFound)?;
        if let Some(member) = accounts::user_by_id(c, &order.placed_by)?
            && member.disabled_at.is_none()
        {
            let locale = member.locale();
            outbox::enqueue_email(
                c,
                now,
                &format!("order.{}", to.key()),
                &member.email,
                locale,
                &json!({"name": member.name, "reference": order.reference(), "note": note.unwrap_or_default(), "path": Page::Order.link(locale, id)}),
            )?;
        }
        outbox::enqueue_partner(
            c,
            routing,
            now,
            "order.decided",
            &json!({"order_id": id, "state": to.key(), "note": note, "decided_by": staff.name}),
        )?;
        audit::record(
            c,
            now,
            &Actor::staff(&staff.id, ip),
            &format!("order.{}", to.key()),
            "order",
            id,
            note.unwrap_or_default(),
        )?;
        Ok(true)
    })
}
