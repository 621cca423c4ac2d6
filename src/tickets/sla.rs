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
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::business_time::{self, Calendar};
use super::model::Ticket;
use super::{Priority, State};
use crate::db::DbConn;
use crate::db::schema::{business_hours as bh, closed_days as cd, sla_targets as st, tickets as t};
use crate::error::AppError;

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
            response_minutes: None,
            resolution_minutes: None,
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

/// Writes a clock's columns. The measured minutes are written only when the clock has them, so
/// that a later change does not erase what an earlier one measured.
pub fn store(conn: &mut DbConn, ticket_id: &str, c: &Clock) -> QueryResult<usize> {
    diesel::update(t::table.find(ticket_id))
        .set((
            t::first_response_at.eq(c.first_response_at),
            t::due_at.eq(c.due_at),
            t::paused_at.eq(c.paused_at),
            t::paused_minutes.eq(c.paused_minutes),
            t::response_met.eq(c.response_met),
            t::resolution_met.eq(c.resolution_met),
        ))
        .execute(conn)?;
    if let Some(m) = c.response_minutes {
        diesel::update(t::table.find(ticket_id))
            .set(t::response_minutes.eq(m))
            .execute(conn)?;
    }
    if let Some(m) = c.resolution_minutes {
        diesel::update(t::table.find(ticket_id))
            .set(t::resolution_minutes.eq(m))
            .execute(conn)?;
    }
    Ok(1)
}

/// Applies `event` to a ticket's stored clock (inside the caller's transaction). `ticket` is the
/// row as it was before the change; `priority` the priority it has now.
pub fn apply(
    conn: &mut DbConn,
    ticket: &Ticket,
    priority: Priority,
    event: Event,
    now: PrimitiveDateTime,
) -> Result<(), AppError> {
    let policy = load(conn)?;
    let clock = Clock::of(ticket).after(&policy, priority, ticket.state(), event, now);
    store(conn, &ticket.id, &clock)?;
    Ok(())
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
}
