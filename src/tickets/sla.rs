//! Response targets (SLA) in business time: the calendar and targets staff admins edit, the
//! due instants stored on each ticket, and the breach e-mails.
//!
//! The clock of a ticket starts when it opens and stops while it waits for the customer or is
//! resolved (the business time spent there is `paused_minutes`); the targets are measured from
//! the ticket's creation, moved on by the paused time. The instants are computed here when
//! something changes and stored on the ticket, so the queue sorts by them and the dashboard
//! reads measured times with plain SQL.

use std::collections::BTreeSet;

use diesel::prelude::*;
use rustc_hash::FxHashMap;
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::business_time::{self, Calendar};
use super::model::Ticket;
use super::{Priority, State};
use crate::db::DbConn;
use crate::db::schema::{business_hours as bh, closed_days as cd, sla_targets as st, tickets as t};
use crate::error::AppError;
use crate::i18n::args;
use crate::web::page::Tr;

/// One priority's targets, in business time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    pub response: Duration,
    pub resolution: Duration,
}

/// The calendar and the targets per priority: everything the rules below need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub calendar: Calendar,
    /// Indexed like [`Priority::ALL`].
    pub targets: [Target; 4],
}

impl Default for Policy {
    /// The defaults: urgent 2 h / 1 day, high 4 h / 2 days, normal 1 day / 5 days,
    /// low 2 days / 10 days, with a business day of nine hours (08:00–17:00).
    fn default() -> Policy {
        let t = |r: i64, s: i64| Target {
            response: Duration::minutes(r),
            resolution: Duration::minutes(s),
        };
        Policy {
            calendar: Calendar::default(),
            targets: [t(1080, 5400), t(540, 2700), t(240, 1080), t(120, 540)],
        }
    }
}

fn index(p: Priority) -> usize {
    Priority::ALL.iter().position(|x| *x == p).unwrap_or(1)
}

impl Policy {
    pub fn target(&self, p: Priority) -> Target {
        self.targets[index(p)]
    }
}

/// The SLA columns of a ticket, and both targets' due instants (computed, not stored).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Clock {
    pub created_at: Option<PrimitiveDateTime>,
    pub first_response_at: Option<PrimitiveDateTime>,
    pub response_due: Option<PrimitiveDateTime>,
    pub resolution_due: Option<PrimitiveDateTime>,
    pub due_at: Option<PrimitiveDateTime>,
    pub paused_at: Option<PrimitiveDateTime>,
    pub paused_minutes: i64,
    pub response_minutes: Option<i64>,
    pub resolution_minutes: Option<i64>,
    pub response_met: Option<bool>,
    pub resolution_met: Option<bool>,
}

/// What happened to a ticket, for [`Clock::after`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The state is now this one (it may be the same as before).
    State(State),
    /// Staff answered the requester (not an internal note); the state change follows separately.
    Answered,
    /// The priority, the calendar or a target changed: the due instants are computed again.
    Recompute,
}

fn utc(p: PrimitiveDateTime) -> OffsetDateTime {
    p.assume_utc()
}

fn naive(o: OffsetDateTime) -> PrimitiveDateTime {
    let o = o.to_offset(UtcOffset::UTC);
    PrimitiveDateTime::new(o.date(), o.time())
}

/// Whole business minutes between two instants.
pub fn minutes_between(cal: &Calendar, from: PrimitiveDateTime, to: PrimitiveDateTime) -> i64 {
    cal.between(utc(from), utc(to)).whole_minutes()
}

/// Whether the clock runs in a state: it stops while the customer is asked for something and once
/// the ticket is resolved or closed.
pub fn runs_in(s: State) -> bool {
    matches!(s, State::New | State::Open)
}

impl Clock {
    /// The clock of a ticket created at `now`.
    pub fn start(policy: &Policy, priority: Priority, now: PrimitiveDateTime) -> Clock {
        Clock {
            created_at: Some(now),
            ..Clock::default()
        }
        .with_dues(policy, priority, State::New)
    }

    /// The columns of an existing ticket (with its due instants computed again by `after`).
    pub fn of(t: &Ticket) -> Clock {
        Clock {
            created_at: Some(t.created_at),
            first_response_at: t.first_response_at,
            response_due: None,
            resolution_due: None,
            due_at: t.due_at,
            paused_at: t.paused_at,
            paused_minutes: t.paused_minutes,
            response_minutes: t.response_minutes,
            resolution_minutes: t.resolution_minutes,
            response_met: t.response_met,
            resolution_met: t.resolution_met,
        }
    }

    /// The clock after `event` at `now`, for a ticket of `priority` that was in state `before`.
    pub fn after(
        mut self,
        policy: &Policy,
        priority: Priority,
        before: State,
        event: Event,
        now: PrimitiveDateTime,
    ) -> Clock {
        let cal = &policy.calendar;
        let created = self.created_at.unwrap_or(now);
        let target = policy.target(priority);
        let mut state = before;
        match event {
            Event::Answered => {
                if self.first_response_at.is_none() {
                    let used = (minutes_between(cal, created, now) - self.paused_minutes).max(0);
                    self.first_response_at = Some(now);
                    self.response_minutes = Some(used);
                    self.response_met = Some(used <= target.response.whole_minutes());
                }
            }
            Event::State(next) => {
                state = next;
                // Settle a pause that ends (or goes on into another paused state: the time so
                // far is counted either way, and a new pause starts now).
                if let Some(since) = self.paused_at.take() {
                    self.paused_minutes += minutes_between(cal, since, now);
                }
                if next == State::Resolved && before != State::Resolved {
                    let used = (minutes_between(cal, created, now) - self.paused_minutes).max(0);
                    self.resolution_minutes = Some(used);
                    self.resolution_met = Some(used <= target.resolution.whole_minutes());
                }
                if matches!(next, State::Waiting | State::Resolved) {
                    self.paused_at = Some(now);
                }
            }
            Event::Recompute => {}
        }
        self.with_dues(policy, priority, state)
    }

    fn with_dues(mut self, policy: &Policy, priority: Priority, state: State) -> Clock {
        let cal = &policy.calendar;
        let created = utc(self.created_at.unwrap_or(PrimitiveDateTime::MIN));
        let target = policy.target(priority);
        let paused = Duration::minutes(self.paused_minutes);
        self.response_due = Some(naive(cal.add(created, target.response + paused)));
        self.resolution_due = Some(naive(cal.add(created, target.resolution + paused)));
        self.due_at = if runs_in(state) {
            if self.first_response_at.is_none() {
                self.response_due
            } else {
                self.resolution_due
            }
        } else {
            None
        };
        self
    }

    /// Whether the pending target is the first response (as opposed to the resolution).
    pub fn awaits_response(&self) -> bool {
        self.first_response_at.is_none()
    }
}

/// Writes a clock's columns. A clock built by [`Clock::of`] carries the minutes measured before,
/// so a later change writes them back unchanged rather than erasing them.
pub fn store(conn: &mut DbConn, ticket_id: &str, c: &Clock) -> QueryResult<usize> {
    diesel::update(t::table.find(ticket_id))
        .set((
            t::first_response_at.eq(c.first_response_at),
            t::due_at.eq(c.due_at),
            t::paused_at.eq(c.paused_at),
            t::paused_minutes.eq(c.paused_minutes),
            t::response_minutes.eq(c.response_minutes),
            t::resolution_minutes.eq(c.resolution_minutes),
            t::response_met.eq(c.response_met),
            t::resolution_met.eq(c.resolution_met),
        ))
        .execute(conn)
}

/// Applies `events`, in order, to a ticket's stored clock (inside the caller's transaction).
/// `ticket` is the row as it was before the change; `priority` the priority it has now.
pub fn apply(
    conn: &mut DbConn,
    ticket: &Ticket,
    priority: Priority,
    events: &[Event],
    now: PrimitiveDateTime,
) -> Result<(), AppError> {
    let policy = load(conn)?;
    let mut clock = Clock::of(ticket);
    let mut state = ticket.state();
    for e in events {
        clock = clock.after(&policy, priority, state, *e, now);
        if let Event::State(s) = e {
            state = *s;
        }
    }
    store(conn, &ticket.id, &clock)?;
    Ok(())
}

/// `tickets.breaches` bits: the breach of this target was e-mailed.
pub const BREACH_RESPONSE: i32 = 1;
pub const BREACH_RESOLUTION: i32 = 2;

/// The target a running clock waits for, and its bit.
fn pending_bit(first_response_at: Option<PrimitiveDateTime>) -> (i32, &'static str) {
    match first_response_at {
        None => (BREACH_RESPONSE, "response"),
        Some(_) => (BREACH_RESOLUTION, "resolution"),
    }
}

/// Who hears of a breach: the assignee, or every staff admin while nobody is assigned (or the
/// assignee's account is switched off).
fn breach_recipients(
    conn: &mut DbConn,
    assignee: Option<&str>,
) -> Result<Vec<crate::accounts::model::User>, AppError> {
    use crate::accounts::model::{self as accounts, Role};
    if let Some(id) = assignee
        && let Some(u) = accounts::user_by_id(conn, id)?
        && u.disabled_at.is_none()
        && u.role().is_staff()
    {
        return Ok(vec![u]);
    }
    Ok(accounts::staff(conn)?
        .into_iter()
        .filter(|u| u.role() == Role::Admin && u.disabled_at.is_none())
        .collect())
}

/// E-mails each target that has passed, once per ticket and target, through the outbox; run by
/// the worker every minute. Returns how many tickets it reported.
pub fn mail_breaches(conn: &mut DbConn, now: PrimitiveDateTime) -> Result<usize, AppError> {
    // Only those not yet reported, so that a backlog of reported tickets cannot hide new ones.
    let unreported = t::first_response_at
        .is_null()
        .and(t::breaches.eq(0).or(t::breaches.eq(BREACH_RESOLUTION)))
        .or(t::first_response_at
            .is_not_null()
            .and(t::breaches.lt(BREACH_RESOLUTION)));
    let due: Vec<String> = t::table
        .filter(t::due_at.le(now))
        .filter(unreported)
        .order(t::due_at.asc())
        .select(t::id)
        .limit(200)
        .load(conn)?;
    let mut sent = 0;
    for id in due {
        sent += crate::db::write(conn, |c| -> Result<usize, AppError> {
            let Some(ticket) = super::model::by_id(c, &id)? else {
                return Ok(0);
            };
            let (bit, target) = pending_bit(ticket.first_response_at);
            // Checked again inside the transaction: an answer may have stopped the clock.
            if ticket.due_at.is_none_or(|d| d > now) || ticket.breaches & bit != 0 {
                return Ok(0);
            }
            diesel::update(t::table.find(&ticket.id))
                .set(t::breaches.eq(ticket.breaches | bit))
                .execute(c)?;
            for u in breach_recipients(c, ticket.assignee_id.as_deref())? {
                let locale =
                    crate::i18n::Locale::from_code(&u.locale).unwrap_or(crate::i18n::Locale::Sv);
                let due = local(ticket.due_at.unwrap_or(now));
                crate::outbox::enqueue_email(
                    c,
                    now,
                    "ticket.sla_breach",
                    &u.email,
                    locale,
                    &serde_json::json!({
                        "number": ticket.number,
                        "subject": ticket.subject,
                        "name": u.name,
                        "target": target,
                        "due": format!("{} {:02}:{:02}", crate::i18n::format::iso_date(due.date()), due.hour(), due.minute()),
                        "path": crate::i18n::routes::Page::StaffTicket.link(locale, &ticket.number),
                    }),
                )?;
            }
            crate::audit::record(
                c,
                now,
                &crate::audit::Actor {
                    id: None,
                    kind: "system",
                    ip: "",
                },
                "ticket.sla_breach",
                "ticket",
                &ticket.id,
                &format!("{} {target}", ticket.number),
            )?;
            Ok(1)
        })?;
    }
    Ok(sent)
}

/// Minutes after local midnight as a time of day (24:00 is the last minute's end).
fn clock_time(minutes: i32) -> Option<Time> {
    let m = minutes.clamp(0, 24 * 60 - 1);
    Time::from_hms((m / 60) as u8, (m % 60) as u8, 0).ok()
}

/// The policy as admins set it.
pub fn load(conn: &mut DbConn) -> Result<Policy, AppError> {
    let mut policy = Policy::default();
    let hours: Vec<(i32, Option<i32>, Option<i32>)> = bh::table
        .select((bh::weekday, bh::opens, bh::closes))
        .load(conn)?;
    if !hours.is_empty() {
        policy.calendar.hours = [None; 7];
        for (day, opens, closes) in hours {
            let slot = usize::try_from(day).ok().filter(|d| *d < 7);
            if let (Some(d), Some(o), Some(c)) = (slot, opens, closes) {
                policy.calendar.hours[d] = clock_time(o).zip(clock_time(c));
            }
        }
    }
    let closed: Vec<Date> = cd::table.select(cd::day).load(conn)?;
    policy.calendar.closed = closed.into_iter().collect::<BTreeSet<_>>();
    let targets: Vec<(String, i64, i64)> = st::table
        .select((st::priority, st::response_minutes, st::resolution_minutes))
        .load(conn)?;
    for (p, r, s) in targets {
        if let Some(p) = Priority::from_key(&p) {
            policy.targets[index(p)] = Target {
                response: Duration::minutes(r),
                resolution: Duration::minutes(s),
            };
        }
    }
    Ok(policy)
}

/// The Stockholm wall-clock of a stored UTC instant.
pub fn local(p: PrimitiveDateTime) -> OffsetDateTime {
    let o = utc(p);
    o.to_offset(business_time::offset_at(o))
}

// ---------------------------------------------------------------- what admins change

/// Running tickets written per transaction when the policy changes.
const RECOMPUTE_BATCH: i64 = 500;

/// Computes the due instant of every running ticket again after the calendar or the targets
/// changed, in batches so that writers are not held up. Returns how many it wrote.
pub fn recompute_running(conn: &mut DbConn, now: PrimitiveDateTime) -> Result<usize, AppError> {
    let policy = load(conn)?;
    let mut after = String::new();
    let mut n = 0;
    loop {
        let batch: Vec<Ticket> = t::table
            .filter(t::state.eq_any([State::New.key(), State::Open.key()]))
            .filter(t::id.gt(&after))
            .order(t::id.asc())
            .limit(RECOMPUTE_BATCH)
            .select(Ticket::as_select())
            .load(conn)?;
        let Some(last) = batch.last() else {
            return Ok(n);
        };
        after = last.id.clone();
        crate::db::write(conn, |c| -> Result<(), AppError> {
            for tk in &batch {
                let clock =
                    Clock::of(tk).after(&policy, tk.priority(), tk.state(), Event::Recompute, now);
                diesel::update(t::table.find(&tk.id))
                    .set(t::due_at.eq(clock.due_at))
                    .execute(c)?;
            }
            Ok(())
        })?;
        n += batch.len();
    }
}

/// Weekly hours (minutes after midnight, Monday first) and targets (minutes, like
/// [`Priority::ALL`]) as an admin saves them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub hours: [Option<(i32, i32)>; 7],
    pub targets: [(i64, i64); 4],
}

/// Saves the weekly hours and the targets, audited.
pub fn save(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    s: &Settings,
    actor: &crate::audit::Actor,
) -> Result<(), AppError> {
    crate::db::write(conn, |c| -> Result<(), AppError> {
        diesel::delete(bh::table).execute(c)?;
        for (d, h) in s.hours.iter().enumerate() {
            diesel::insert_into(bh::table)
                .values((
                    bh::weekday.eq(d as i32),
                    bh::opens.eq(h.map(|x| x.0)),
                    bh::closes.eq(h.map(|x| x.1)),
                ))
                .execute(c)?;
        }
        diesel::delete(st::table).execute(c)?;
        for (p, (r, z)) in Priority::ALL.iter().zip(s.targets) {
            diesel::insert_into(st::table)
                .values((
                    st::priority.eq(p.key()),
                    st::response_minutes.eq(r),
                    st::resolution_minutes.eq(z),
                ))
                .execute(c)?;
        }
        let details = Priority::ALL
            .iter()
            .zip(s.targets)
            .map(|(p, (r, z))| format!("{} {r}/{z}", p.key()))
            .collect::<Vec<_>>()
            .join(", ");
        crate::audit::record(c, now, actor, "sla.saved", "sla", "policy", &details)?;
        Ok(())
    })?;
    recompute_running(conn, now)?;
    Ok(())
}

/// Adds an extra closed day; `false` when the day was closed already.
pub fn add_closed_day(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    day: Date,
    note: &str,
    actor: &crate::audit::Actor,
) -> Result<bool, AppError> {
    let added = crate::db::write(conn, |c| -> Result<bool, AppError> {
        let exists: i64 = cd::table.filter(cd::day.eq(day)).count().get_result(c)?;
        if exists > 0 {
            return Ok(false);
        }
        let n = diesel::insert_into(cd::table)
            .values((cd::day.eq(day), cd::note.eq(note)))
            .execute(c)?;
        if n == 1 {
            let d = crate::i18n::format::iso_date(day);
            crate::audit::record(c, now, actor, "sla.closed_day_added", "sla", &d, note)?;
        }
        Ok(n == 1)
    })?;
    if added {
        recompute_running(conn, now)?;
    }
    Ok(added)
}

/// Removes an extra closed day; `false` when there was none.
pub fn remove_closed_day(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    day: Date,
    actor: &crate::audit::Actor,
) -> Result<bool, AppError> {
    let gone = crate::db::write(conn, |c| -> Result<bool, AppError> {
        let n = diesel::delete(cd::table.find(day)).execute(c)?;
        if n == 1 {
            let d = crate::i18n::format::iso_date(day);
            crate::audit::record(c, now, actor, "sla.closed_day_removed", "sla", &d, "")?;
        }
        Ok(n == 1)
    })?;
    if gone {
        recompute_running(conn, now)?;
    }
    Ok(gone)
}

/// The extra closed days with their notes, in date order.
pub fn closed_days(conn: &mut DbConn) -> Result<Vec<(Date, String)>, AppError> {
    Ok(cd::table
        .order(cd::day.asc())
        .select((cd::day, cd::note))
        .load(conn)?)
}

// ---------------------------------------------------------------- what people read

/// A business-time span in words: "45 min", "3 h", "3 h 20 min", "4 arbetsdagar".
pub fn span(tr: &Tr, minutes: i64) -> String {
    Span::of(minutes).words(tr)
}

/// A span as it is written: the words depend on these numbers only, so equal spans share them.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Span {
    Minutes(i64),
    Hours(i64, i64),
    /// Working days of nine hours, to the nearest whole day.
    Days(i64),
}

impl Span {
    fn of(minutes: i64) -> Span {
        let m = minutes.max(0);
        if m < 60 {
            Span::Minutes(m)
        } else if m < 27 * 60 {
            Span::Hours(m / 60, m % 60)
        } else {
            Span::Days((m + 270) / 540)
        }
    }

    fn words(self, tr: &Tr) -> String {
        match self {
            Span::Minutes(m) => tr.ta("sla-span-minutes", &args([("m", m.into())])),
            Span::Hours(h, m) => tr.ta("sla-span-hours", &args([("h", h.into()), ("m", m.into())])),
            Span::Days(n) => tr.ta("sla-span-days", &args([("n", n.into())])),
        }
    }
}

/// When something is due, as short as the queue needs: "i dag 14:00", "tis 14:00" within the
/// week, "12 januari 14:00" beyond it.
pub fn when(tr: &Tr, due: PrimitiveDateTime, now: PrimitiveDateTime) -> String {
    let d = local(due);
    when_on(tr, d.date(), local(now).date(), hh_mm(d.hour(), d.minute()))
}

/// "09:05", without `format!` (some 760 instructions each, fifty times a queue page).
fn hh_mm(hour: u8, minute: u8) -> String {
    let digits = [hour / 10, hour % 10, 10, minute / 10, minute % 10];
    digits
        .into_iter()
        .map(|d| if d == 10 { ':' } else { char::from(b'0' + d) })
        .collect()
}

/// [`when`] of a due date, with its time written as `time`.
fn when_on(tr: &Tr, due: Date, today: Date, time: String) -> String {
    let days = (due - today).whole_days();
    if days == 0 {
        tr.ta("sla-when-today", &args([("time", time.into())]))
    } else if (1..7).contains(&days) {
        let wd = due.weekday().number_from_monday();
        tr.ta(
            "sla-when-weekday",
            &args([
                ("day", tr.t(&format!("sla-weekday-{wd}")).into()),
                ("time", time.into()),
            ]),
        )
    } else {
        let month = tr.t(&format!("month-{}", u8::from(due.month())));
        tr.ta(
            "sla-when-date",
            &args([
                ("day", i64::from(due.day()).into()),
                ("month", month.into()),
                ("time", time.into()),
            ]),
        )
    }
}

/// Less business time left than this, and the queue marks the ticket as due soon.
const SOON_MINUTES: i64 = 60;

/// The queue's "next target" cells of one page: each text ("svar senast tis 14:00", "svar
/// försenat 12 arbetsdagar") with its class (`due-ok`, `due-soon`, `due-late`), empty when no
/// clock runs. A page of tickets long overdue repeats a few texts, and the words around an
/// upcoming time depend on its day only: each is put in words once a page.
pub struct DueCells<'a> {
    tr: &'a Tr,
    cal: &'a Calendar,
    now: PrimitiveDateTime,
    today: Date,
    late: FxHashMap<(&'static str, Span), String>,
    /// Each late message with [`TIME_MARK`] where the span goes, and each span's words: the
    /// spans of late tickets differ from row to row, the message around them does not.
    late_frames: FxHashMap<&'static str, String>,
    spans: FxHashMap<Span, String>,
    /// By message and Stockholm date, with [`TIME_MARK`] where the time goes.
    upcoming: FxHashMap<(&'static str, Date), String>,
    /// The dates' business hours, as `Calendar::between_kept` keeps them.
    days: business_time::Kept,
}

/// Stands for the time in a due text put in words once for its day: a private-use character,
/// which no message contains.
const TIME_MARK: &str = "\u{e000}";

/// What a due cell says before it is worded.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum DueWhen {
    Late(Span),
    At(PrimitiveDateTime),
}

impl<'a> DueCells<'a> {
    pub fn new(tr: &'a Tr, cal: &'a Calendar, now: PrimitiveDateTime) -> DueCells<'a> {
        DueCells {
            tr,
            cal,
            now,
            today: local(now).date(),
            late: FxHashMap::default(),
            late_frames: FxHashMap::default(),
            spans: FxHashMap::default(),
            upcoming: FxHashMap::default(),
            days: business_time::Kept::default(),
        }
    }

    /// The cell of a ticket due at `due_at`: its first response while it has none, else its
    /// resolution.
    pub fn cell(
        &mut self,
        due_at: Option<PrimitiveDateTime>,
        first_response_at: Option<PrimitiveDateTime>,
    ) -> (String, &'static str) {
        let ids = match pending_bit(first_response_at).1 {
            "response" => ("sla-late-response", "sla-due-response"),
            _ => ("sla-late-resolution", "sla-due-resolution"),
        };
        let Some((when, class)) = due_when(self.cal, due_at, self.now, &mut self.days) else {
            return (String::new(), "");
        };
        let (tr, today) = (self.tr, self.today);
        let text = match when {
            DueWhen::Late(span) => {
                let (frames, spans) = (&mut self.late_frames, &mut self.spans);
                self.late
                    .entry((ids.0, span))
                    .or_insert_with(|| {
                        let frame = frames
                            .entry(ids.0)
                            .or_insert_with(|| tr.ta(ids.0, &args([("late", TIME_MARK.into())])));
                        let words = spans.entry(span).or_insert_with(|| span.words(tr));
                        frame.replacen(TIME_MARK, words, 1)
                    })
                    .clone()
            }
            DueWhen::At(due) => {
                let d = local(due);
                let words = self.upcoming.entry((ids.1, d.date())).or_insert_with(|| {
                    let at = when_on(tr, d.date(), today, TIME_MARK.into());
                    tr.ta(ids.1, &args([("when", at.into())]))
                });
                words.replacen(TIME_MARK, &hh_mm(d.hour(), d.minute()), 1)
            }
        };
        (text, class)
    }
}

/// One target as the ticket page shows it.
pub struct TargetView {
    /// `sla-target-response` or `sla-target-resolution`, looked up.
    pub label: String,
    /// The target itself ("4 h").
    pub goal: String,
    pub status: String,
    /// `due-ok`, `due-soon`, `due-late`, `met` or `missed`; empty while paused.
    pub class: &'static str,
}

/// Both targets of a ticket: how each went, or when it is due.
pub fn ticket_targets(
    tr: &Tr,
    policy: &Policy,
    t: &Ticket,
    now: PrimitiveDateTime,
) -> Vec<TargetView> {
    let target = policy.target(t.priority());
    let clock = Clock::of(t).after(policy, t.priority(), t.state(), Event::Recompute, now);
    let measured = |met: Option<bool>, minutes: Option<i64>| {
        let class = if met == Some(true) { "met" } else { "missed" };
        let id = if met == Some(true) {
            "sla-status-met"
        } else {
            "sla-status-missed"
        };
        (
            tr.ta(id, &args([("took", span(tr, minutes.unwrap_or(0)).into())])),
            class,
        )
    };
    let pending = |due: Option<PrimitiveDateTime>| -> (String, &'static str) {
        if runs_in(t.state()) {
            let ids = ("sla-status-late", "sla-status-due");
            due_words(tr, &policy.calendar, due, now, ids)
        } else {
            (tr.t("sla-status-paused"), "")
        }
    };
    let response = match t.first_response_at {
        Some(_) => measured(t.response_met, t.response_minutes),
        None => pending(clock.response_due),
    };
    let resolution = match (t.state(), t.resolution_met) {
        (State::Resolved | State::Closed, Some(_)) => {
            measured(t.resolution_met, t.resolution_minutes)
        }
        (State::Closed, None) => (tr.t("sla-status-closed"), ""),
        _ => pending(clock.resolution_due),
    };
    vec![
        TargetView {
            label: tr.t("sla-target-response"),
            goal: span(tr, target.response.whole_minutes()),
            status: response.0,
            class: response.1,
        },
        TargetView {
            label: tr.t("sla-target-resolution"),
            goal: span(tr, target.resolution.whole_minutes()),
            status: resolution.0,
            class: resolution.1,
        },
    ]
}

/// A due instant in words, with the messages `late` and `due` (taking `$late` and `$when`),
/// and its class; nothing without a due instant.
fn due_words(
    tr: &Tr,
    cal: &Calendar,
    due: Option<PrimitiveDateTime>,
    now: PrimitiveDateTime,
    ids: (&str, &str),
) -> (String, &'static str) {
    match due_when(cal, due, now, &mut business_time::Kept::default()) {
        Some((when, class)) => (due_text(tr, when, now, ids), class),
        None => (String::new(), ""),
    }
}

/// How late a due instant is, or when it comes, with its class; `days` as in
/// [`Calendar::between_kept`].
fn due_when(
    cal: &Calendar,
    due: Option<PrimitiveDateTime>,
    now: PrimitiveDateTime,
    days: &mut business_time::Kept,
) -> Option<(DueWhen, &'static str)> {
    let due = due?;
    let mut minutes = |from, to| cal.between_kept(utc(from), utc(to), days).whole_minutes();
    if due <= now {
        let late = Span::of(minutes(due, now).max(1));
        return Some((DueWhen::Late(late), "due-late"));
    }
    let soon = minutes(now, due) < SOON_MINUTES;
    Some((DueWhen::At(due), if soon { "due-soon" } else { "due-ok" }))
}

fn due_text(
    tr: &Tr,
    when: DueWhen,
    now: PrimitiveDateTime,
    (late, upcoming): (&str, &str),
) -> String {
    match when {
        DueWhen::Late(span) => tr.ta(late, &args([("late", span.words(tr).into())])),
        DueWhen::At(due) => tr.ta(upcoming, &args([("when", self::when(tr, due, now).into())])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn policy() -> Policy {
        Policy::default()
    }

    // 2026-12-01 is a Tuesday; 08:00 Stockholm is 07:00 UTC in winter.
    #[test]
    fn a_new_ticket_is_due_by_its_priority_in_business_time() {
        let p = policy();
        let c = Clock::start(&p, Priority::Urgent, datetime!(2026-12-01 07:00));
        assert_eq!(c.response_due, Some(datetime!(2026-12-01 09:00)));
        assert_eq!(c.due_at, c.response_due);
        // One business day: 17:00 the same day.
        assert_eq!(c.resolution_due, Some(datetime!(2026-12-01 16:00)));
        // Friday 16:00 local, normal: nine hours is Monday 16:00 local.
        let c = Clock::start(&p, Priority::Normal, datetime!(2026-12-04 15:00));
        assert_eq!(c.response_due, Some(datetime!(2026-12-07 15:00)));
    }

    #[test]
    fn waiting_for_the_customer_stops_the_clock() {
        let p = policy();
        let c = Clock::start(&p, Priority::High, datetime!(2026-12-01 07:00));
        // Answered after one hour and set to waiting.
        let c = c.after(
            &p,
            Priority::High,
            State::New,
            Event::Answered,
            datetime!(2026-12-01 08:00),
        );
        assert_eq!(c.response_minutes, Some(60));
        assert_eq!(c.response_met, Some(true));
        let c = c.after(
            &p,
            Priority::High,
            State::New,
            Event::State(State::Waiting),
            datetime!(2026-12-01 08:00),
        );
        assert_eq!(c.due_at, None);
        // The customer answers two business hours later: the resolution target moves on by two
        // hours (two days = 18 h → 20 h after creation).
        let c = c.after(
            &p,
            Priority::High,
            State::Waiting,
            Event::State(State::Open),
            datetime!(2026-12-01 10:00),
        );
        assert_eq!(c.paused_minutes, 120);
        assert_eq!(c.paused_at, None);
        // 20 business hours from Tue 08:00 local: Tue 9 h, Wed 9 h, Thu 2 h → Thu 10:00 local.
        assert_eq!(c.due_at, Some(datetime!(2026-12-03 09:00)));
        // Resolved on Wednesday 17:00 local: 18 business hours minus the 2 paused.
        let c = c.after(
            &p,
            Priority::High,
            State::Open,
            Event::State(State::Resolved),
            datetime!(2026-12-02 16:00),
        );
        assert_eq!(c.resolution_minutes, Some(16 * 60));
        assert_eq!(c.resolution_met, Some(true));
        assert_eq!(c.due_at, None);
    }

    #[test]
    fn a_late_answer_misses_its_target_and_a_later_answer_changes_nothing() {
        let p = policy();
        let c = Clock::start(&p, Priority::Urgent, datetime!(2026-12-01 07:00));
        let c = c.after(
            &p,
            Priority::Urgent,
            State::New,
            Event::Answered,
            datetime!(2026-12-01 10:00),
        );
        assert_eq!(c.response_met, Some(false));
        assert_eq!(c.due_at, c.resolution_due);
        let again = c.after(
            &p,
            Priority::Urgent,
            State::Open,
            Event::Answered,
            datetime!(2026-12-01 10:30),
        );
        assert_eq!(again.first_response_at, c.first_response_at);
    }

    #[test]
    fn a_priority_change_moves_the_targets() {
        let p = policy();
        let c = Clock::start(&p, Priority::Low, datetime!(2026-12-01 07:00));
        let c = c.after(
            &p,
            Priority::Urgent,
            State::New,
            Event::Recompute,
            datetime!(2026-12-01 07:30),
        );
        assert_eq!(c.due_at, Some(datetime!(2026-12-01 09:00)));
    }

    #[test]
    fn clock_times_have_two_digits_each() {
        assert_eq!(hh_mm(0, 0), "00:00");
        assert_eq!(hh_mm(9, 5), "09:05");
        assert_eq!(hh_mm(23, 59), "23:59");
    }

    #[test]
    fn the_queue_words_each_due_cell_as_the_ticket_page_does_and_shares_equal_texts() {
        let i18n = std::sync::Arc::new(crate::i18n::I18n::load(true).expect("locales load"));
        let tr = Tr::new(i18n.clone(), crate::i18n::Locale::Sv);
        let cal = policy().calendar;
        // Tuesday 10:00 in Stockholm.
        let now = datetime!(2026-12-01 09:00);
        let answered = Some(datetime!(2026-11-02 09:00));
        let dues = [
            (None, None),
            (Some(datetime!(2026-12-01 08:50)), None),
            (Some(datetime!(2026-12-01 08:50)), answered),
            (Some(datetime!(2026-12-01 08:51)), None),
            (Some(datetime!(2026-11-30 12:00)), None),
            (Some(datetime!(2026-10-05 09:00)), None),
            (Some(datetime!(2026-10-05 11:00)), None),
            (Some(datetime!(2026-10-05 11:00)), answered),
            (Some(datetime!(2026-12-01 09:30)), None),
            (Some(datetime!(2026-12-01 13:30)), answered),
            (Some(datetime!(2026-12-03 08:00)), None),
            (Some(datetime!(2026-12-03 12:15)), None),
            (Some(datetime!(2027-01-12 13:00)), answered),
        ];
        let mut cells = DueCells::new(&tr, &cal, now);
        let got: Vec<_> = dues
            .iter()
            .map(|&(due, first)| cells.cell(due, first))
            .collect();
        for (&(due, first), cell) in dues.iter().zip(&got) {
            let ids = match first {
                None => ("sla-late-response", "sla-due-response"),
                Some(_) => ("sla-late-resolution", "sla-due-resolution"),
            };
            assert_eq!(
                *cell,
                due_words(&tr, &cal, due, now, ids),
                "{due:?} {first:?}"
            );
        }
        let texts: Vec<(&str, &str)> = got.iter().map(|(t, c)| (t.as_str(), *c)).collect();
        assert_eq!(
            texts,
            [
                ("", ""),
                ("svar försenat 10 min", "due-late"),
                ("lösning försenad 10 min", "due-late"),
                ("svar försenat 9 min", "due-late"),
                ("svar försenat 6 h", "due-late"),
                ("svar försenat 41 arbetsdagar", "due-late"),
                ("svar försenat 41 arbetsdagar", "due-late"),
                ("lösning försenad 41 arbetsdagar", "due-late"),
                ("svar senast i dag 10:30", "due-soon"),
                ("lösning senast i dag 14:30", "due-ok"),
                ("svar senast tors 09:00", "due-ok"),
                ("svar senast tors 13:15", "due-ok"),
                ("lösning senast 12 januari 14:00", "due-ok"),
            ]
        );
        let en = Tr::new(i18n.clone(), crate::i18n::Locale::En);
        let mut cells_en = DueCells::new(&en, &cal, now);
        for &(due, first) in &dues {
            let ids = match first {
                None => ("sla-late-response", "sla-due-response"),
                Some(_) => ("sla-late-resolution", "sla-due-resolution"),
            };
            let cell = cells_en.cell(due, first);
            assert_eq!(
                cell,
                due_words(&en, &cal, due, now, ids),
                "{due:?} {first:?}"
            );
        }
        assert_eq!(cells.late.len(), 6, "equal late texts are worded once");
        assert_eq!(
            cells.late_frames.len(),
            2,
            "each late message is worded once"
        );
        assert_eq!(cells.spans.len(), 4, "each span is worded once");
        assert_eq!(cells.upcoming.len(), 4, "a day's words are worded once");
    }
}
