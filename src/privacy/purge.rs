//! Retention: the daily purge removes what the retention settings no longer allow the portal to
//! keep (issue 21, point 3). Each kind is its own function; each works in batches of at most
//! [`BATCH`] rows: the keys are read first, then changed in one short write transaction that
//! checks the rule again (a ticket re-opened in between is left alone), until none are left. So
//! the purge never holds the write lock for long, whatever it finds.
//!
//! A dry run reads the same batches and changes nothing, so it reports what a real run at the
//! same moment would remove.

use std::fmt;

use diesel::prelude::*;
use time::{Date, Duration, PrimitiveDateTime};

use crate::config::Retention;
use crate::db::schema::{
    audit_log, files, mail_in as mi, outbox_events as ev, sessions, throttle_hits, ticket_tokens,
    tickets, tokens, validation_requests as vr,
};
use crate::db::{self, DbConn};
use crate::error::AppError;

/// The most rows one write transaction changes.
pub const BATCH: i64 = 500;

/// Rate-limit hits older than this count for no limit (the longest window is a day).
pub const THROTTLE_KEEP: Duration = Duration::days(1);

/// What the purge removes, in the order it runs and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    TicketContent,
    RejectedCertificates,
    ApprovedCertificates,
    VisitorLinks,
    OutboxPayloads,
    MailRecords,
    Throttle,
    Sessions,
    Tokens,
    AuditIp,
    RetainedOrders,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::TicketContent,
        Kind::RejectedCertificates,
        Kind::ApprovedCertificates,
        Kind::VisitorLinks,
        Kind::OutboxPayloads,
        Kind::MailRecords,
        Kind::Throttle,
        Kind::Sessions,
        Kind::Tokens,
        Kind::AuditIp,
        Kind::RetainedOrders,
    ];

    /// The name in the log, the command's output and the README.
    pub fn key(self) -> &'static str {
        match self {
            Kind::TicketContent => "ticket-content",
            Kind::RejectedCertificates => "rejected-certificates",
            Kind::ApprovedCertificates => "approved-certificates",
            Kind::VisitorLinks => "visitor-links",
            Kind::OutboxPayloads => "outbox-payloads",
            Kind::MailRecords => "mail-records",
            Kind::Throttle => "throttle",
            Kind::Sessions => "sessions",
            Kind::Tokens => "tokens",
            Kind::AuditIp => "audit-ip",
            Kind::RetainedOrders => "retained-orders",
        }
    }
}

/// How many records of each kind a run removed (or would remove), in [`Kind::ALL`]'s order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub dry_run: bool,
    pub counts: Vec<(Kind, usize)>,
}

impl Report {
    pub fn get(&self, kind: Kind) -> usize {
        self.counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }

    pub fn total(&self) -> usize {
        self.counts.iter().map(|(_, n)| n).sum()
    }
}

/// `ticket-content=0 rejected-certificates=2 …`: counts only, nothing personal (the log line).
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (kind, n) in &self.counts {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            write!(f, "{}={n}", kind.key())?;
        }
        Ok(())
    }
}

/// Runs every kind once. With `dry_run` nothing changes and the counts say what would go.
pub fn run(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    retention: &Retention,
    dry_run: bool,
) -> Result<Report, AppError> {
    let mut counts = Vec::with_capacity(Kind::ALL.len());
    for kind in Kind::ALL {
        let n = match kind {
            Kind::TicketContent => ticket_content(conn, now, retention.ticket_months, dry_run)?,
            Kind::RejectedCertificates => {
                rejected_certificates(conn, now, retention.rejected_certificate_months, dry_run)?
            }
            Kind::ApprovedCertificates => {
                approved_certificates(conn, now, retention.approved_certificate_months, dry_run)?
            }
            Kind::VisitorLinks => visitor_links(conn, now, retention.visitor_link_days, dry_run)?,
            Kind::OutboxPayloads => outbox_payloads(conn, now, retention.outbox_days, dry_run)?,
            Kind::MailRecords => mail_records(conn, now, retention.outbox_days, dry_run)?,
            Kind::Throttle => throttle(conn, now, dry_run)?,
            Kind::Sessions => expired_sessions(conn, now, dry_run)?,
            Kind::Tokens => expired_tokens(conn, now, dry_run)?,
            Kind::AuditIp => audit_ip(conn, now, retention.audit_ip_months, dry_run)?,
            // A deleted organisation's orders, once the accounting law no longer needs them.
            Kind::RetainedOrders => usize::try_from(super::erase::purge_retained_orders(
                conn,
                now,
                u32::try_from(retention.order_years).unwrap_or(u32::MAX),
                dry_run,
            )?)
            .unwrap_or(usize::MAX),
        };
        counts.push((kind, n));
    }
    Ok(Report { dry_run, counts })
}

/// The worker's daily job: a real run, logged as one line of counts.
pub fn daily(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    settings: &crate::config::Settings,
) -> Result<usize, AppError> {
    let report = run(conn, now, &settings.retention, false)?;
    tracing::info!(removed = %report, "privacy purge");
    Ok(report.total())
}

/// The same moment `months` calendar months earlier; the 31st becomes the last day of a shorter
/// month (31 August less six months is 28 or 29 February).
pub fn months_before(now: PrimitiveDateTime, months: i64) -> PrimitiveDateTime {
    PrimitiveDateTime::new(months_before_date(now.date(), months), now.time())
}

fn months_before_date(d: Date, months: i64) -> Date {
    let index = i64::from(d.year()) * 12 + i64::from(u8::from(d.month())) - 1 - months;
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(time::Date::MIN.year());
    let month = u8::try_from(index.rem_euclid(12) + 1)
        .ok()
        .and_then(|m| time::Month::try_from(m).ok())
        .unwrap_or(time::Month::January);
    let day = d.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(Date::MIN)
}

/// Reads keys in batches of [`BATCH`], in key order after the last one seen, and hands each batch
/// to `change` inside its own short write transaction (or, dry, only counts it). `change` checks
/// the rule again and returns how many rows it changed.
fn in_batches<K: Clone>(
    conn: &mut DbConn,
    dry_run: bool,
    mut next: impl FnMut(&mut DbConn, Option<&K>) -> Result<Vec<K>, AppError>,
    mut change: impl FnMut(&mut DbConn, &[K]) -> Result<usize, AppError>,
) -> Result<usize, AppError> {
    let mut after: Option<K> = None;
    let mut total = 0;
    loop {
        let keys = next(conn, after.as_ref())?;
        let Some(last) = keys.last().cloned() else {
            break;
        };
        total += if dry_run {
            keys.len()
        } else {
            db::write(conn, |c| change(c, &keys))?
        };
        if (keys.len() as i64) < BATCH {
            break;
        }
        after = Some(last);
    }
    Ok(total)
}

/// Closed tickets' messages and attachments, `months` after the ticket closed. A closed ticket's
/// last change is its closing (or a staff note added afterwards, which only keeps it longer).
fn ticket_content(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    months: i64,
    dry_run: bool,
) -> Result<usize, AppError> {
    let cutoff = months_before(now, months);
    in_batches::<String>(
        conn,
        dry_run,
        |c, after| {
            let mut q = tickets::table
                .filter(tickets::state.eq("closed"))
                .filter(tickets::updated_at.lt(cutoff))
                .filter(tickets::erased_at.is_null())
                .select(tickets::id)
                .order(tickets::id)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(tickets::id.gt(a.clone()));
            }
            Ok(q.load::<String>(c)?)
        },
        |c, ids| {
            // Only those still closed and old: a reply in between re-opened one.
            let still: Vec<String> = tickets::table
                .filter(tickets::id.eq_any(ids))
                .filter(tickets::state.eq("closed"))
                .filter(tickets::updated_at.lt(cutoff))
                .filter(tickets::erased_at.is_null())
                .select(tickets::id)
                .load(c)?;
            // In this transaction (erase_content joins the caller's).
            crate::tickets::service::erase_content(c, &still, now)
        },
    )
}

/// Rejected certificates, `months` after the decision.
fn rejected_certificates(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    months: i64,
    dry_run: bool,
) -> Result<usize, AppError> {
    let cutoff = months_before(now, months);
    in_batches::<String>(
        conn,
        dry_run,
        |c, after| {
            let mut q = vr::table
                .inner_join(files::table)
                .filter(vr::state.eq("rejected"))
                .filter(vr::decided_at.lt(cutoff))
                .filter(files::erased_at.is_null())
                .select(files::id)
                .order(files::id)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(files::id.gt(a.clone()));
            }
            Ok(q.load::<String>(c)?)
        },
        |c, ids| {
            // Only files still behind such a request (decisions are final, so this holds).
            let still: Vec<String> = vr::table
                .filter(vr::file_id.eq_any(ids))
                .filter(vr::state.eq("rejected"))
                .filter(vr::decided_at.lt(cutoff))
                .select(vr::file_id)
                .load(c)?;
            crate::files::erase(c, &still, now)
        },
    )
}

/// Approved certificates, `months` after the last day of their validity.
fn approved_certificates(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    months: i64,
    dry_run: bool,
) -> Result<usize, AppError> {
    // Valid through `valid_to`, so its validity ended at the start of the next day: removed on
    // the day `months` after that.
    let cutoff = months_before_date(now.date(), months);
    in_batches::<String>(
        conn,
        dry_run,
        |c, after| {
            let mut q = vr::table
                .inner_join(files::table)
                .filter(vr::state.eq("approved"))
                .filter(vr::valid_to.lt(cutoff))
                .filter(files::erased_at.is_null())
                .select(files::id)
                .order(files::id)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(files::id.gt(a.clone()));
            }
            Ok(q.load::<String>(c)?)
        },
        |c, ids| {
            let still: Vec<String> = vr::table
                .filter(vr::file_id.eq_any(ids))
                .filter(vr::state.eq("approved"))
                .filter(vr::valid_to.lt(cutoff))
                .select(vr::file_id)
                .load(c)?;
            crate::files::erase(c, &still, now)
        },
    )
}

/// Visitors' private ticket links, `days` after their ticket closed: the rows go (the link page
/// already refuses such a link between runs).
fn visitor_links(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    days: i64,
    dry_run: bool,
) -> Result<usize, AppError> {
    let cutoff = now - Duration::days(days);
    in_batches::<String>(
        conn,
        dry_run,
        |c, after| {
            // From the links, a page at a time, each page's tickets looked up by id: links are
            // few beside closed tickets (a desk of a million tickets has most of them closed),
            // and joining from the tickets' side read every old closed ticket's row each day.
            let mut found: Vec<String> = vec![];
            let mut from = after.cloned();
            loop {
                let mut q = ticket_tokens::table
                    .select((ticket_tokens::token_hash, ticket_tokens::ticket_id))
                    .order(ticket_tokens::token_hash)
                    .limit(BATCH)
                    .into_boxed();
                if let Some(a) = &from {
                    q = q.filter(ticket_tokens::token_hash.gt(a.clone()));
                }
                let links: Vec<(String, String)> = q.load(c)?;
                let Some((last, _)) = links.last().cloned() else {
                    break;
                };
                let ids: Vec<String> = links.iter().map(|(_, id)| id.clone()).collect();
                let old: std::collections::HashSet<String> =
                    db::on_backend!(c, |b| tickets::table
                        .filter(db::AnyOf::new(tickets::id, &ids))
                        .filter(tickets::state.eq("closed"))
                        .filter(tickets::updated_at.lt(cutoff))
                        .select(tickets::id)
                        .load::<String>(b))?
                    .into_iter()
                    .collect();
                found.extend(
                    links
                        .into_iter()
                        .filter(|(_, id)| old.contains(id))
                        .map(|(hash, _)| hash),
                );
                if found.len() as i64 >= BATCH {
                    found.truncate(BATCH as usize);
                    break;
                }
                from = Some(last);
            }
            Ok(found)
        },
        |c, keys| {
            let closed = tickets::table
                .filter(tickets::state.eq("closed"))
                .filter(tickets::updated_at.lt(cutoff))
                .select(tickets::id);
            Ok(diesel::delete(
                ticket_tokens::table
                    .filter(ticket_tokens::token_hash.eq_any(keys))
                    .filter(ticket_tokens::ticket_id.eq_any(closed)),
            )
            .execute(c)?)
        },
    )
}

/// The payload that replaces an old event's: nothing personal, no link.
const EMPTY_PAYLOAD: &str = "{}";

/// Delivered, dead or skipped outbox events, `days` after delivery (or the last attempt): the
/// payload (names, addresses, links) becomes `{}`, the recipient and the last error (which may
/// quote the address) go. The row stays as the record that something was sent.
fn outbox_payloads(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    days: i64,
    dry_run: bool,
) -> Result<usize, AppError> {
    let cutoff = now - Duration::days(days);
    // Dead and skipped events are not tried again: next_attempt_at is their last attempt.
    let old = || {
        ev::state
            .eq("delivered")
            .and(ev::delivered_at.lt(cutoff))
            .or(ev::state
                .eq_any(["dead", "skipped"])
                .and(ev::next_attempt_at.lt(cutoff)))
    };
    let personal = || {
        ev::payload
            .ne(EMPTY_PAYLOAD)
            .or(ev::recipient.is_not_null())
            .or(ev::last_error.is_not_null())
    };
    in_batches::<String>(
        conn,
        dry_run,
        |c, after| {
            let mut q = ev::table
                .filter(old())
                .filter(personal())
                .select(ev::id)
                .order(ev::id)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(ev::id.gt(a.clone()));
            }
            Ok(q.load::<String>(c)?)
        },
        |c, ids| {
            Ok(diesel::update(
                ev::table
                    .filter(ev::id.eq_any(ids))
                    .filter(old())
                    .filter(personal()),
            )
            .set((
                ev::payload.eq(EMPTY_PAYLOAD),
                ev::recipient.eq(None::<String>),
                ev::last_error.eq(None::<String>),
            ))
            .execute(c)?)
        },
    )
}

/// Incoming mail that reached no ticket (machine mail, bounces, a storm's refused messages):
/// its record, with the sender's address, goes after the outbox's retention, like the portal's
/// own mail. Records on a ticket stay with it (their original goes with the ticket's content).
fn mail_records(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    days: i64,
    dry_run: bool,
) -> Result<usize, AppError> {
    let cutoff = now - Duration::days(days);
    in_batches::<String>(
        conn,
        dry_run,
        |c, after| {
            let mut q = mi::table
                .filter(mi::ticket_id.is_null())
                .filter(mi::received_at.lt(cutoff))
                .select(mi::mail_key)
                .order(mi::mail_key)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(mi::mail_key.gt(a.clone()));
            }
            Ok(q.load::<String>(c)?)
        },
        |c, keys| {
            Ok(diesel::delete(
                mi::table
                    .filter(mi::mail_key.eq_any(keys))
                    .filter(mi::ticket_id.is_null())
                    .filter(mi::received_at.lt(cutoff)),
            )
            .execute(c)?)
        },
    )
}

/// Rate-limit hits older than any window ([`THROTTLE_KEEP`]).
fn throttle(conn: &mut DbConn, now: PrimitiveDateTime, dry_run: bool) -> Result<usize, AppError> {
    let cutoff = now - THROTTLE_KEEP;
    in_batches::<i64>(
        conn,
        dry_run,
        |c, after| {
            let mut q = throttle_hits::table
                .filter(throttle_hits::hit_at.lt(cutoff))
                .select(throttle_hits::id)
                .order(throttle_hits::id)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(throttle_hits::id.gt(*a));
            }
            Ok(q.load::<i64>(c)?)
        },
        |c, ids| {
            Ok(diesel::delete(
                throttle_hits::table
                    .filter(throttle_hits::id.eq_any(ids))
                    .filter(throttle_hits::hit_at.lt(cutoff)),
            )
            .execute(c)?)
        },
    )
}

/// Sessions past their absolute expiry or idle too long, by the same rule as loading one
/// (`accounts::sessions`). The idle limit is per row, so each limit in use is its own pass;
/// the idle passes skip rows the absolute pass already counts.
fn expired_sessions(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    dry_run: bool,
) -> Result<usize, AppError> {
    let mut total = in_batches::<String>(
        conn,
        dry_run,
        |c, after| {
            let mut q = sessions::table
                .filter(sessions::expires_at.le(now))
                .select(sessions::id)
                .order(sessions::id)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(sessions::id.gt(a.clone()));
            }
            Ok(q.load::<String>(c)?)
        },
        |c, ids| {
            Ok(diesel::delete(
                sessions::table
                    .filter(sessions::id.eq_any(ids))
                    .filter(sessions::expires_at.le(now)),
            )
            .execute(c)?)
        },
    )?;
    let idle_limits: Vec<i64> = sessions::table
        .select(sessions::idle_seconds)
        .distinct()
        .load(conn)?;
    for idle in idle_limits {
        let seen_before = now - Duration::seconds(idle);
        let rule = || {
            sessions::idle_seconds
                .eq(idle)
                .and(sessions::last_seen_at.le(seen_before))
                .and(sessions::expires_at.gt(now))
        };
        total += in_batches::<String>(
            conn,
            dry_run,
            |c, after| {
                let mut q = sessions::table
                    .filter(rule())
                    .select(sessions::id)
                    .order(sessions::id)
                    .limit(BATCH)
                    .into_boxed();
                if let Some(a) = after {
                    q = q.filter(sessions::id.gt(a.clone()));
                }
                Ok(q.load::<String>(c)?)
            },
            |c, ids| {
                Ok(diesel::delete(
                    sessions::table
                        .filter(sessions::id.eq_any(ids))
                        .filter(rule()),
                )
                .execute(c)?)
            },
        )?;
    }
    Ok(total)
}

/// Reset, confirmation and invitation tokens past their expiry, used or not.
fn expired_tokens(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    dry_run: bool,
) -> Result<usize, AppError> {
    in_batches::<String>(
        conn,
        dry_run,
        |c, after| {
            let mut q = tokens::table
                .filter(tokens::expires_at.le(now))
                .select(tokens::token_hash)
                .order(tokens::token_hash)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(tokens::token_hash.gt(a.clone()));
            }
            Ok(q.load::<String>(c)?)
        },
        |c, keys| {
            Ok(diesel::delete(
                tokens::table
                    .filter(tokens::token_hash.eq_any(keys))
                    .filter(tokens::expires_at.le(now)),
            )
            .execute(c)?)
        },
    )
}

/// The IP address of audit entries older than `months`; the entry itself stays.
fn audit_ip(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    months: i64,
    dry_run: bool,
) -> Result<usize, AppError> {
    let cutoff = months_before(now, months);
    in_batches::<i64>(
        conn,
        dry_run,
        |c, after| {
            let mut q = audit_log::table
                .filter(audit_log::at.lt(cutoff))
                .filter(audit_log::ip.ne(""))
                .select(audit_log::id)
                .order(audit_log::id)
                .limit(BATCH)
                .into_boxed();
            if let Some(a) = after {
                q = q.filter(audit_log::id.gt(*a));
            }
            Ok(q.load::<i64>(c)?)
        },
        |c, ids| {
            Ok(diesel::update(
                audit_log::table
                    .filter(audit_log::id.eq_any(ids))
                    .filter(audit_log::at.lt(cutoff))
                    .filter(audit_log::ip.ne("")),
            )
            .set(audit_log::ip.eq(""))
            .execute(c)?)
        },
    )
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::{Kind, Report, months_before, months_before_date};

    #[test]
    fn months_before_keeps_the_day_or_takes_the_last_of_a_shorter_month() {
        assert_eq!(
            months_before(datetime!(2026-12-03 09:15), 24),
            datetime!(2024-12-03 09:15)
        );
        assert_eq!(
            months_before_date(date!(2026 - 08 - 31), 6),
            date!(2026 - 02 - 28)
        );
        assert_eq!(
            months_before_date(date!(2028 - 08 - 31), 6),
            date!(2028 - 02 - 29)
        );
        assert_eq!(
            months_before_date(date!(2027 - 01 - 15), 1),
            date!(2026 - 12 - 15)
        );
        assert_eq!(
            months_before_date(date!(2027 - 03 - 31), 13),
            date!(2026 - 02 - 28)
        );
        assert_eq!(
            months_before_date(date!(2027 - 03 - 31), 0),
            date!(2027 - 03 - 31)
        );
    }

    #[test]
    fn the_report_lists_every_kind_in_order_with_counts_only() {
        let report = Report {
            dry_run: true,
            counts: Kind::ALL.iter().map(|k| (*k, 1)).collect(),
        };
        assert_eq!(
            report.to_string(),
            "ticket-content=1 rejected-certificates=1 approved-certificates=1 visitor-links=1 \
             outbox-payloads=1 mail-records=1 throttle=1 sessions=1 tokens=1 audit-ip=1 \
             retained-orders=1"
        );
        assert_eq!(report.total(), 11);
        assert_eq!(report.get(Kind::Tokens), 1);
    }
}
