//! The validation loop's transactions: a member submits a certificate; staff approve or reject.
//! Each writes its change, its outbox events and its audit entry in one transaction.

use diesel::prelude::*;
use serde_json::json;
use time::{Date, PrimitiveDateTime};

use super::model::{self, State};
use crate::accounts::model::{self as accounts, User};
use crate::audit::{self, Actor};
use crate::db::schema::validation_requests as vr;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::files::{self, Kind, NewFile};
use crate::i18n::routes::Page;
use crate::outbox::{self, Routing};

pub const MAX_NOTE: usize = 2000;

pub struct Submission<'a> {
    pub user: &'a User,
    pub file_name: &'a str,
    pub kind: Kind,
    pub data: &'a [u8],
    pub note: &'a str,
}

pub enum Submitted {
    Created(String),
    /// A request is already waiting for a decision.
    AlreadyPending,
}

pub fn submit(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    s: &Submission,
    ip: &str,
) -> Result<Submitted, AppError> {
    let org_id = s.user.organisation_id.clone().ok_or(AppError::Forbidden)?;
    db::write(conn, |c| {
        let pending: i64 = vr::table
            .filter(vr::organisation_id.eq(&org_id))
            .filter(vr::state.eq(State::Pending.key()))
            .count()
            .get_result(c)?;
        if pending > 0 {
            return Ok(Submitted::AlreadyPending);
        }
        let file_id = files::insert(
            c,
            now,
            &NewFile {
                organisation_id: Some(&org_id),
                uploaded_by: &s.user.id,
                name: s.file_name,
                kind: s.kind,
                data: s.data,
            },
        )?;
        let id = uuid::Uuid::new_v4().to_string();
        diesel::insert_into(vr::table)
            .values((
                vr::id.eq(&id),
                vr::organisation_id.eq(&org_id),
                vr::file_id.eq(&file_id),
                vr::note.eq(s.note),
                vr::state.eq(State::Pending.key()),
                vr::submitted_by.eq(&s.user.id),
                vr::submitted_at.eq(now),
            ))
            .execute(c)?;
        let org = accounts::organisation(c, &org_id)?.ok_or(AppError::NotFound)?;
        outbox::enqueue_partner(
            c,
            routing,
            now,
            "validation.submitted",
            &json!({"request_id": id, "organisation_id": org_id, "organisation": org.name,
                    "org_number": org.org_number, "needs_review": org.needs_review,
                    "file_type": s.kind.mime(), "size": s.data.len(), "note": s.note,
                    "path": Page::StaffValidation.link(crate::i18n::Locale::Sv, &id)}),
        )?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&s.user.id),
                kind: "member",
                ip,
            },
            "validation.submitted",
            "validation_request",
            &id,
            &file_id,
        )?;
        Ok(Submitted::Created(id))
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approve {
        from: Date,
        to: Date,
    },
    Reject {
        reason_sv: Option<String>,
        reason_en: Option<String>,
    },
}

/// Records a decision on a pending request. `Ok(false)` when someone else decided first: exactly
/// one decision wins, because the update only matches a request that is still pending.
pub fn decide(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    routing: &Routing,
    staff: &User,
    id: &str,
    decision: &Decision,
    ip: &str,
) -> Result<bool, AppError> {
    db::write(conn, |c| {
        let pending = vr::table
            .find(id)
            .filter(vr::state.eq(State::Pending.key()));
        let n = match decision {
            Decision::Approve { from, to } => diesel::update(pending)
                .set((
                    vr::state.eq(State::Approved.key()),
                    vr::decided_by.eq(&staff.id),
                    vr::decided_at.eq(now),
                    vr::valid_from.eq(from),
                    vr::valid_to.eq(to),
                ))
                .execute(c)?,
            Decision::Reject {
                reason_sv,
                reason_en,
            } => diesel::update(pending)
                .set((
                    vr::state.eq(State::Rejected.key()),
                    vr::decided_by.eq(&staff.id),
                    vr::decided_at.eq(now),
                    vr::reason_sv.eq(reason_sv),
                    vr::reason_en.eq(reason_en),
                ))
                .execute(c)?,
        };
        if n == 0 {
            return Ok(false);
        }
        let req = model::find(c, id)?.ok_or(AppError::NotFound)?;
        let (kind, action, details) = match decision {
            Decision::Approve { from, to } => (
                "validation.approved",
                "validation.approved",
                format!("{from}..{to}"),
            ),
            Decision::Reject {
                reason_sv,
                reason_en,
            } => (
                "validation.rejected",
                "validation.rejected",
                reason_sv.clone().or(reason_en.clone()).unwrap_or_default(),
            ),
        };
        if let Some(member) = accounts::user_by_id(c, &req.submitted_by)?
            && member.disabled_at.is_none()
        {
            let locale = member.locale();
            let mut payload = json!({"name": member.name, "path": Page::Certificate.path(locale)});
            match decision {
                Decision::Approve { from, to } => {
                    payload["from"] = json!(crate::i18n::format::iso_date(*from));
                    payload["to"] = json!(crate::i18n::format::iso_date(*to));
                }
                Decision::Reject { .. } => {
                    payload["reason"] = json!(req.reason(locale).unwrap_or_default());
                }
            }
            outbox::enqueue_email(c, now, kind, &member.email, locale, &payload)?;
        }
        outbox::enqueue_partner(
            c,
            routing,
            now,
            "validation.decided",
            &json!({"request_id": id, "organisation_id": req.organisation_id, "decision": req.state,
                    "valid_from": req.valid_from.map(crate::i18n::format::iso_date),
                    "valid_to": req.valid_to.map(crate::i18n::format::iso_date),
                    "reason_sv": req.reason_sv, "reason_en": req.reason_en, "decided_by": staff.name}),
        )?;
        audit::record(
            c,
            now,
            &Actor::staff(&staff.id, ip),
            action,
            "validation_request",
            id,
            &details,
        )?;
        Ok(true)
    })
}

/// Canned rejection reasons; each has `validation-reason-<key>` in both languages.
pub const CANNED: [&str; 5] = [
    "unreadable",
    "wrong-document",
    "expired",
    "name-mismatch",
    "not-nonprofit",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canned_reasons_are_kebab_case() {
        for k in CANNED {
            assert!(k.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{k}");
        }
    }
}

/// The renewal reminder due for a validation that ends on `valid_to`: the 14-day one in its last
/// 14 days, the 60-day one in the 46 days before those, none earlier or once it has ended.
pub fn reminder_due(valid_to: Date, today: Date) -> Option<i64> {
    let left = super::days_left(valid_to, today)?;
    if left <= 14 {
        Some(14)
    } else if left <= super::RENEW_FROM_DAYS {
        Some(super::RENEW_FROM_DAYS)
    } else {
        None
    }
}

/// E-mails every user of an organisation whose latest approved validation ends within 60 days,
/// and again within 14: each reminder once (the outbox is the record of what was sent), in the
/// user's language, with the link to upload the new certificate. Run by the background worker;
/// returns how many e-mails it queued.
pub fn send_reminders(conn: &mut DbConn, now: PrimitiveDateTime) -> Result<usize, AppError> {
    use crate::db::schema::{outbox_events as ev, users as u};
    let today = now.date();
    let horizon = today + time::Duration::days(super::RENEW_FROM_DAYS - 1);
    let due: Vec<(String, String, Option<Date>)> = vr::table
        .filter(vr::state.eq(State::Approved.key()))
        .filter(vr::valid_to.ge(today))
        .filter(vr::valid_to.le(horizon))
        .select((vr::id, vr::organisation_id, vr::valid_to))
        .limit(500)
        .load(conn)?;
    let mut queued = 0;
    for (id, org, valid_to) in due {
        let Some(valid_to) = valid_to else {
            continue;
        };
        let (Some(which), Some(left)) = (
            reminder_due(valid_to, today),
            super::days_left(valid_to, today),
        ) else {
            continue;
        };
        let marker = format!("{which}-{id}");
        queued += db::write(conn, |c| -> Result<usize, AppError> {
            // Renewed already: a later approved validation of the same organisation.
            let renewed: i64 = vr::table
                .filter(vr::organisation_id.eq(&org))
                .filter(vr::state.eq(State::Approved.key()))
                .filter(vr::valid_to.gt(valid_to))
                .count()
                .get_result(c)?;
            let sent: i64 = ev::table
                .filter(ev::kind.eq("validation.reminder"))
                .filter(ev::payload.like(format!("%\"reminder\":\"{marker}\"%")))
                .count()
                .get_result(c)?;
            if renewed > 0 || sent > 0 {
                return Ok(0);
            }
            let users: Vec<User> = u::table
                .filter(u::organisation_id.eq(&org))
                .filter(u::disabled_at.is_null())
                .filter(u::email_verified_at.is_not_null())
                .select(User::as_select())
                .load(c)?;
            for user in &users {
                let locale = user.locale();
                let payload = json!({
                    "name": user.name,
                    "days": left,
                    "to": crate::i18n::format::iso_date(valid_to),
                    "path": Page::Certificate.path(locale),
                    "reminder": marker,
                });
                outbox::enqueue_email(
                    c,
                    now,
                    "validation.reminder",
                    &user.email,
                    locale,
                    &payload,
                )?;
            }
            Ok(users.len())
        })?;
    }
    Ok(queued)
}

#[cfg(test)]
mod reminder_tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn sixty_then_fourteen_days_before_the_end() {
        let end = date!(2027 - 01 - 27);
        assert_eq!(reminder_due(end, date!(2026 - 11 - 28)), None); // 61 days left
        assert_eq!(reminder_due(end, date!(2026 - 11 - 29)), Some(60));
        assert_eq!(reminder_due(end, date!(2027 - 01 - 13)), Some(60)); // 15 left
        assert_eq!(reminder_due(end, date!(2027 - 01 - 14)), Some(14));
        assert_eq!(reminder_due(end, end), Some(14));
        assert_eq!(reminder_due(end, date!(2027 - 01 - 28)), None);
    }
}
