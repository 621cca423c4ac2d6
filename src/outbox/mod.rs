//! The transactional outbox: every notification (an e-mail to a member, a webhook call or e-mail to
//! the partner) is a row written in the same database transaction as the change that caused it,
//! and delivered afterwards by the background worker, at least once, with a stable id.
//!
//! Owns the `outbox_events` table. Callers only use [`enqueue_email`] and [`enqueue_partner`],
//! inside a [`crate::db::write`] transaction; nothing else writes the table.

pub mod health;
pub mod mail;
pub mod reply_ids;
pub mod webhook;
pub mod worker;

use diesel::prelude::*;
use serde_json::Value;
use time::{Duration, PrimitiveDateTime};

use crate::db::schema::outbox_events as ev;
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::i18n::Locale;

pub const CHANNEL_EMAIL: &str = "email";
pub const CHANNEL_WEBHOOK: &str = "webhook";
/// An e-mail to the partner's support address about a partner event.
pub const CHANNEL_PARTNER_EMAIL: &str = "partner_email";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Pending,
    Delivered,
    /// Given up after the configured number of attempts; still visible, can be re-queued.
    Dead,
    /// Nowhere to deliver it (no webhook configured): kept as a record only.
    Skipped,
}

impl State {
    pub const ALL: [State; 4] = [
        State::Pending,
        State::Delivered,
        State::Dead,
        State::Skipped,
    ];

    pub fn key(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Delivered => "delivered",
            State::Dead => "dead",
            State::Skipped => "skipped",
        }
    }
}

/// One delivery as stored.
#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = ev)]
pub struct Event {
    pub id: String,
    pub kind: String,
    pub channel: String,
    pub recipient: Option<String>,
    pub locale: String,
    pub payload: String,
    pub state: String,
    pub created_at: PrimitiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: PrimitiveDateTime,
    pub last_error: Option<String>,
    pub delivered_at: Option<PrimitiveDateTime>,
}

impl Event {
    pub fn locale(&self) -> Locale {
        Locale::from_code(&self.locale).unwrap_or(Locale::Sv)
    }

    pub fn payload(&self) -> Value {
        serde_json::from_str(&self.payload).unwrap_or(Value::Null)
    }
}

/// Where partner-facing events go besides the webhook.
#[derive(Clone, Debug, Default)]
pub struct Routing {
    /// The partner's support address: partner events are e-mailed there too, and member e-mails
    /// carry it as Reply-To.
    pub partner_email: Option<String>,
}

impl Routing {
    pub fn from_settings(settings: &crate::config::Settings) -> Routing {
        Routing {
            partner_email: settings.partner_email.clone(),
        }
    }
}

fn insert(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    kind: &str,
    channel: &str,
    recipient: Option<&str>,
    locale: Locale,
    payload: &Value,
) -> Result<String, AppError> {
    // The whole point of the outbox: the event commits or rolls back with the change itself.
    if !db::in_transaction(conn) {
        return Err(AppError::Internal(format!(
            "outbox event {kind} enqueued outside a transaction"
        )));
    }
    // Time-ordered ids: new events go to the end of the primary-key index, not all over it.
    let id = uuid::Uuid::now_v7().to_string();
    diesel::insert_into(ev::table)
        .values((
            ev::id.eq(&id),
            ev::kind.eq(kind),
            ev::channel.eq(channel),
            ev::recipient.eq(recipient),
            ev::locale.eq(locale.code()),
            ev::payload.eq(payload.to_string()),
            ev::state.eq(State::Pending.key()),
            ev::created_at.eq(now),
            ev::attempts.eq(0),
            ev::next_attempt_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// An e-mail to one person in their language. `payload` holds the message's variables; a `path`
/// in it becomes an absolute link built from `DONERA_BASE_URL`.
pub fn enqueue_email(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    kind: &str,
    to: &str,
    locale: Locale,
    payload: &Value,
) -> Result<String, AppError> {
    insert(conn, now, kind, CHANNEL_EMAIL, Some(to), locale, payload)
}

/// An event for the partner: a webhook call, and an e-mail to the partner's address when one is
/// set. Returns the webhook delivery's id.
pub fn enqueue_partner(
    conn: &mut DbConn,
    routing: &Routing,
    now: PrimitiveDateTime,
    kind: &str,
    payload: &Value,
) -> Result<String, AppError> {
    let id = insert(conn, now, kind, CHANNEL_WEBHOOK, None, Locale::Sv, payload)?;
    if let Some(to) = &routing.partner_email {
        insert(
            conn,
            now,
            kind,
            CHANNEL_PARTNER_EMAIL,
            Some(to),
            Locale::Sv,
            payload,
        )?;
    }
    Ok(id)
}

/// Claims up to `limit` due events for `worker` until `lease_until`, oldest first. The conditional
/// update makes the claim exclusive on both backends: on PostgreSQL a second worker's UPDATE
/// re-checks the lease after the first commits and finds it taken.
pub fn claim(
    conn: &mut DbConn,
    worker: &str,
    now: PrimitiveDateTime,
    lease: Duration,
    limit: i64,
) -> Result<Vec<Event>, AppError> {
    let token = format!("{worker}:{}", uuid::Uuid::new_v4());
    db::write(conn, |conn| {
        let due: Vec<String> = ev::table
            .filter(ev::state.eq(State::Pending.key()))
            .filter(ev::next_attempt_at.le(now))
            .filter(ev::locked_until.is_null().or(ev::locked_until.lt(now)))
            .order((ev::created_at.asc(), ev::id.asc()))
            .limit(limit)
            .select(ev::id)
            .load(conn)?;
        if due.is_empty() {
            return Ok(vec![]);
        }
        diesel::update(
            ev::table
                .filter(ev::id.eq_any(&due))
                .filter(ev::state.eq(State::Pending.key()))
                .filter(ev::locked_until.is_null().or(ev::locked_until.lt(now))),
        )
        .set((ev::locked_by.eq(&token), ev::locked_until.eq(now + lease)))
        .execute(conn)?;
        // By id first: `locked_by` has no index, and the table keeps every delivered event for
        // the outbox's days (a scan of all of them at each claim).
        Ok(ev::table
            .filter(ev::id.eq_any(&due))
            .filter(ev::locked_by.eq(&token))
            .order((ev::created_at.asc(), ev::id.asc()))
            .select(Event::as_select())
            .load(conn)?)
    })
}

diesel::define_sql_function!(fn replace(s: diesel::sql_types::Text, from: diesel::sql_types::Text, to: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// Erasure of a person (GDPR): events addressed to `address` lose their recipient and payload
/// (rows kept as the record that something was sent; one still waiting is not sent); in every
/// other event's payload each of `needles` (their address, name, phone number) becomes
/// `replacement`. Returns how many events changed.
pub fn scrub_person(
    conn: &mut DbConn,
    address: &str,
    needles: &[&str],
    replacement: &str,
) -> Result<usize, AppError> {
    let mut n = 0;
    if !address.is_empty() {
        let to = || ev::table.filter(ev::recipient.eq(address));
        diesel::update(to().filter(ev::state.eq(State::Pending.key())))
            .set((
                ev::state.eq(State::Skipped.key()),
                ev::last_error.eq(Some("erased")),
            ))
            .execute(conn)?;
        n += diesel::update(to())
            .set((ev::recipient.eq(None::<String>), ev::payload.eq("{}")))
            .execute(conn)?;
    }
    for needle in needles.iter().filter(|s| !s.is_empty()) {
        n += diesel::update(ev::table.filter(ev::payload.like(format!("%{needle}%"))))
            .set(ev::payload.eq(replace(ev::payload, *needle, replacement)))
            .execute(conn)?;
    }
    Ok(n)
}

/// Replaces every path segment that is a secret link token (64 hex digits: a reset, confirmation,
/// invitation or visitor-ticket link; or a signed `<id>.<64 hex digits>`, a satisfaction answer)
/// in `path` and every `<name>_path` with `-`, so a delivered event no longer opens anything.
pub fn without_link_tokens(payload: &str) -> String {
    let Ok(mut value) = serde_json::from_str::<Value>(payload) else {
        return payload.to_owned();
    };
    let is_token = |seg: &str| {
        let seg = seg.split('?').next().unwrap_or(seg);
        let tail = seg.rsplit('.').next().unwrap_or(seg);
        tail.len() == 64 && tail.bytes().all(|b| b.is_ascii_hexdigit())
    };
    if let Value::Object(map) = &mut value {
        for (k, v) in map.iter_mut() {
            let Value::String(path) = v else { continue };
            if k != "path" && !k.ends_with("_path") {
                continue;
            }
            *path = path
                .split('/')
                .map(|seg| if is_token(seg) { "-" } else { seg })
                .collect::<Vec<_>>()
                .join("/");
        }
    }
    value.to_string()
}

/// Records the successful delivery of a worker's batch, in the caller's transaction. Each link's
/// secret is dropped from its payload first: the e-mail is out, and the outbox must not keep a
/// working reset or invitation link for anyone who reads it; the payload is written as `event`
/// was claimed, and only if it changed meanwhile (an erasure) read again. Then every event is
/// marked delivered in one statement (on PostgreSQL an UPDATE is parsed and planned each time,
/// as diesel keeps none prepared).
pub fn mark_all_delivered(
    conn: &mut DbConn,
    events: &[&Event],
    now: PrimitiveDateTime,
) -> Result<(), AppError> {
    if events.is_empty() {
        return Ok(());
    }
    for event in events {
        let kept = without_link_tokens(&event.payload);
        if kept == event.payload {
            // Nothing to drop, and nothing done meanwhile can add a link.
            continue;
        }
        let as_claimed = ev::table
            .find(&event.id)
            .filter(ev::payload.eq(&event.payload));
        if diesel::update(as_claimed)
            .set(ev::payload.eq(kept))
            .execute(conn)?
            == 1
        {
            continue;
        }
        let payload: Option<String> = ev::table
            .find(&event.id)
            .select(ev::payload)
            .first(conn)
            .optional()?;
        if let Some(p) = payload {
            diesel::update(ev::table.find(&event.id))
                .set(ev::payload.eq(without_link_tokens(&p)))
                .execute(conn)?;
        }
    }
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    diesel::update(ev::table.filter(ev::id.eq_any(ids)))
        .set((
            ev::state.eq(State::Delivered.key()),
            ev::attempts.eq(ev::attempts + 1),
            ev::delivered_at.eq(now),
            ev::last_error.eq(None::<String>),
            ev::locked_by.eq(None::<String>),
            ev::locked_until.eq(None::<PrimitiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records that there was nowhere to deliver these events, in one statement.
pub fn mark_all_skipped(conn: &mut DbConn, ids: &[&str], why: &str) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    diesel::update(ev::table.filter(ev::id.eq_any(ids)))
        .set((
            ev::state.eq(State::Skipped.key()),
            ev::last_error.eq(why),
            ev::locked_by.eq(None::<String>),
            ev::locked_until.eq(None::<PrimitiveDateTime>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt: retried after `retry_in`, or dead when attempts are used up.
pub fn mark_failed(
    conn: &mut DbConn,
    event: &Event,
    error: &str,
    now: PrimitiveDateTime,
    retry_in: Duration,
    max_attempts: i32,
) -> Result<State, AppError> {
    let attempts = event.attempts + 1;
    let state = if attempts >= max_attempts {
        State::Dead
    } else {
        State::Pending
    };
    let error: String = error.chars().take(1000).collect();
    // A dead event is not tried again: its next_attempt_at records the last attempt instead,
    // which the retention purge counts from.
    let next = if state == State::Dead {
        now
    } else {
        now + retry_in
    };
    diesel::update(ev::table.find(&event.id))
        .set((
            ev::state.eq(state.key()),
            ev::attempts.eq(attempts),
            ev::last_error.eq(error),
            ev::next_attempt_at.eq(next),
            ev::locked_by.eq(None::<String>),
            ev::locked_until.eq(None::<PrimitiveDateTime>),
        ))
        .execute(conn)?;
    Ok(state)
}

/// Gives back the leases a worker holds without having delivered (graceful shutdown).
pub fn release(conn: &mut DbConn, worker: &str) -> Result<usize, AppError> {
    Ok(diesel::update(
        ev::table
            .filter(ev::locked_by.like(format!("{worker}:%")))
            .filter(ev::state.eq(State::Pending.key())),
    )
    .set((
        ev::locked_by.eq(None::<String>),
        ev::locked_until.eq(None::<PrimitiveDateTime>),
    ))
    .execute(conn)?)
}

/// Puts a dead (or skipped) event back in the queue with a fresh set of attempts.
pub fn retry(conn: &mut DbConn, id: &str, now: PrimitiveDateTime) -> Result<bool, AppError> {
    let n = diesel::update(
        ev::table
            .find(id)
            .filter(ev::state.eq_any([State::Dead.key(), State::Skipped.key()]))
            // An e-mail whose recipient the retention purge removed has nobody to go to.
            .filter(
                ev::channel
                    .ne(CHANNEL_EMAIL)
                    .or(ev::recipient.is_not_null()),
            ),
    )
    .set((
        ev::state.eq(State::Pending.key()),
        ev::attempts.eq(0),
        ev::next_attempt_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// How many events are in each state.
pub fn counts(conn: &mut DbConn) -> Result<Vec<(String, i64)>, AppError> {
    use diesel::dsl::count_star;
    Ok(ev::table
        .group_by(ev::state)
        .select((ev::state, count_star()))
        .order(ev::state.asc())
        .load(conn)?)
}

/// The most recent failures, newest first.
pub fn recent_errors(conn: &mut DbConn, limit: i64) -> Result<Vec<Event>, AppError> {
    Ok(ev::table
        .filter(ev::last_error.is_not_null())
        .filter(ev::state.ne(State::Skipped.key()))
        .order(ev::next_attempt_at.desc())
        .limit(limit)
        .select(Event::as_select())
        .load(conn)?)
}

pub fn find(conn: &mut DbConn, id: &str) -> Result<Option<Event>, AppError> {
    Ok(ev::table
        .find(id)
        .select(Event::as_select())
        .first(conn)
        .optional()?)
}

/// Exponential back-off from seconds up to hours, with ±25 % jitter so that retries of many
/// events after an outage do not arrive together. `attempts` is the number of failures so far.
pub fn backoff(attempts: i32, jitter: f64) -> Duration {
    let base = 5.0 * 2f64.powi((attempts.max(1) - 1).min(20));
    let capped = base.min(4.0 * 3600.0);
    let factor = 0.75 + 0.5 * jitter.clamp(0.0, 1.0);
    Duration::milliseconds((capped * factor * 1000.0) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivered_payloads_keep_no_working_link() {
        let hex = "ab".repeat(32);
        let p = format!(
            r#"{{"path":"/sv/kontakt/arende/{hex}","rate_good_path":"/sv/kontakt/omdome/0190-a.{hex}?a=good","number":"D-2026-00001","other":"/x/{hex}"}}"#
        );
        let v: Value = serde_json::from_str(&without_link_tokens(&p)).unwrap_or(Value::Null);
        assert_eq!(v["path"], "/sv/kontakt/arende/-");
        assert_eq!(v["rate_good_path"], "/sv/kontakt/omdome/-");
        assert_eq!(v["number"], "D-2026-00001");
        // Only paths are links: other fields are left as they are.
        assert_eq!(v["other"], format!("/x/{hex}"));
        assert_eq!(without_link_tokens("not json"), "not json");
    }

    #[test]
    fn backoff_grows_from_seconds_to_hours() {
        assert_eq!(backoff(1, 0.5), Duration::seconds(5));
        assert_eq!(backoff(2, 0.5), Duration::seconds(10));
        assert_eq!(backoff(5, 0.5), Duration::seconds(80));
        assert_eq!(backoff(30, 0.5), Duration::hours(4));
        assert_eq!(backoff(1, 0.0), Duration::milliseconds(3750));
        assert_eq!(backoff(1, 1.0), Duration::milliseconds(6250));
    }

    #[test]
    fn default_attempts_cover_about_a_day() {
        let total: i64 = (1..worker::DEFAULT_MAX_ATTEMPTS)
            .map(|a| backoff(a, 0.5).whole_seconds())
            .sum();
        assert!((20 * 3600..30 * 3600).contains(&total), "{total} s");
    }
}
