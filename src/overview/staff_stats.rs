//! The staff dashboard's figures, each counted in the database over one index: the work waiting
//! now and twelve weeks of the help desk's history. A week is an ISO week, Monday 00:00 to
//! Monday 00:00 Stockholm time; its bounds are computed here and written into the statements
//! as literals, so both backends bucket rows alike and each week is a range scan of an index.
//! The figures that are the same for every staff member are kept a few seconds ([`shared`]).

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer};
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, Time};

use crate::db::schema::{orders, tickets, validation_requests};
use crate::db::{Condition, DbConn, on_backend};
use crate::error::AppError;
use crate::tickets::business_time::{local_date, stockholm};

/// Weeks the charts cover, this one last.
pub const WEEKS: usize = 12;

/// Lower bounds, in days, of the validation backlog's age groups after the first (under a day).
pub const BACKLOG_DAYS: [i64; 4] = [1, 3, 7, 14];

/// Tickets not yet resolved or closed; the text of the partial indexes `tickets_active_*`.
const ACTIVE: &str = "state NOT IN ('resolved', 'closed')";

/// The work waiting now, each count matching the queue its figure links to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Counts {
    pub new: i64,
    pub mine: i64,
    pub unassigned: i64,
    pub overdue: i64,
    pub validations: i64,
    pub oldest_validation: Option<PrimitiveDateTime>,
    pub orders: i64,
}

/// One week of the help desk.
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    /// Its Monday (Stockholm calendar).
    pub monday: Date,
    pub opened: i64,
    pub resolved: i64,
    /// First answers given in the week, and how many of them within the target.
    pub responded: i64,
    pub response_met: i64,
    /// Medians in business minutes, of the first answers given and the tickets resolved in the
    /// week; `None` without any.
    pub median_response: Option<f64>,
    pub median_resolution: Option<f64>,
    /// Satisfaction answers given in the week, and how many were "good".
    pub rated: i64,
    pub good: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// `mine` is 0 until [`Stats::of`] picks the staff member's count from `assigned`.
    pub counts: Counts,
    /// Active tickets per assignee, by account id: counted once for every staff member, so the
    /// page's one personal figure costs no query. At 1,000,000 tickets counting one agent's
    /// 7,000 active tickets was half the page's CPU, on every view.
    pub assigned: Vec<(String, i64)>,
    /// Oldest first, this week last.
    pub weeks: Vec<Week>,
    /// Pending validation requests by age: under a day, then from each of [`BACKLOG_DAYS`].
    pub backlog: [i64; 5],
}

/// The Mondays of the charted weeks (oldest first) and the weeks' bounds as UTC instants:
/// `WEEKS + 1` of them, the last one next Monday.
pub fn week_bounds(now: PrimitiveDateTime) -> (Vec<Date>, Vec<PrimitiveDateTime>) {
    let today = local_date(now.assume_utc());
    let this_monday = today - Duration::days(i64::from(today.weekday().number_days_from_monday()));
    let first = this_monday - Duration::weeks(WEEKS as i64 - 1);
    let mondays: Vec<Date> = (0..=WEEKS as i64)
        .map(|i| first + Duration::weeks(i))
        .collect();
    let bounds = mondays
        .iter()
        .map(|d| utc(stockholm(*d, Time::MIDNIGHT)))
        .collect();
    (mondays[..WEEKS].to_vec(), bounds)
}

fn utc(t: OffsetDateTime) -> PrimitiveDateTime {
    PrimitiveDateTime::new(t.date(), t.time())
}

/// Which age group of the backlog a request submitted at `at` falls in at `now`.
pub fn backlog_group(now: PrimitiveDateTime, at: PrimitiveDateTime) -> usize {
    let age = now - at;
    BACKLOG_DAYS
        .iter()
        .take_while(|d| age >= Duration::days(**d))
        .count()
}

impl Stats {
    /// The figures as staff member `me` sees them: with the active tickets assigned to them.
    pub fn of(mut self, me: &str) -> Stats {
        self.counts.mine = self
            .assigned
            .iter()
            .find(|(id, _)| id == me)
            .map_or(0, |(_, n)| *n);
        self
    }
}

/// Every figure of the dashboard for staff member `me` at `now`.
pub fn load(conn: &mut DbConn, me: &str, now: PrimitiveDateTime) -> Result<Stats, AppError> {
    Ok(load_shared(conn, now)?.of(me))
}

/// What [`shared`] keeps: the figures and the instant (the app's clock) they were counted at.
pub type Shared = crate::cache::Snapshot<(PrimitiveDateTime, Stats)>;

/// The shared figures ([`load_shared`]) as counted at most [`crate::cache::TTL`] ago. Every
/// staff member opens this page first, often at once: a team of twenty reloading it counts
/// the help desk once every few seconds, not twenty times. A copy counted at another instant of
/// the app's clock than the TTL allows (a test moving the clock) is counted again.
pub fn shared(
    cache: &Shared,
    conn: &mut DbConn,
    now: PrimitiveDateTime,
) -> Result<Stats, AppError> {
    let fresh = |at: PrimitiveDateTime| {
        let age = now - at;
        age >= Duration::ZERO && age.unsigned_abs() < crate::cache::TTL
    };
    let copy = cache.get(|| load_shared(conn, now).map(|s| (now, s)))?;
    if fresh(copy.0) {
        return Ok(copy.1.clone());
    }
    cache.clear();
    Ok(cache
        .get(|| load_shared(conn, now).map(|s| (now, s)))?
        .1
        .clone())
}

/// Every figure but `mine` (left at 0, see [`Stats::of`]), the same for every staff member, so
/// it can be shared.
pub fn load_shared(conn: &mut DbConn, now: PrimitiveDateTime) -> Result<Stats, AppError> {
    let (mondays, bounds) = week_bounds(now);
    let mut weeks: Vec<Week> = mondays
        .into_iter()
        .map(|monday| Week {
            monday,
            opened: 0,
            resolved: 0,
            responded: 0,
            response_met: 0,
            median_response: None,
            median_resolution: None,
            rated: 0,
            good: 0,
        })
        .collect();
    for r in week_counts(conn, "tickets", "created_at", "1", None, &bounds)? {
        weeks[r.wk].opened = r.n;
    }
    let resolution = Some("resolution_minutes");
    let resolved = week_counts(conn, "tickets", "resolved_at", "1", resolution, &bounds)?;
    for r in &resolved {
        weeks[r.wk].resolved = r.n;
    }
    let met = "CASE WHEN response_met THEN 1 ELSE 0 END";
    let response = Some("response_minutes");
    let responded = week_counts(conn, "tickets", "first_response_at", met, response, &bounds)?;
    for r in &responded {
        weeks[r.wk].responded = r.n;
        weeks[r.wk].response_met = r.m;
    }
    let good = "CASE WHEN rating = 'good' THEN 1 ELSE 0 END";
    for r in week_counts(conn, "ticket_ratings", "rated_at", good, None, &bounds)? {
        weeks[r.wk].rated = r.n;
        weeks[r.wk].good = r.m;
    }
    let medians = week_medians(
        conn,
        "first_response_at",
        "response_minutes",
        &responded,
        &bounds,
    )?;
    for (wk, m) in medians {
        weeks[wk].median_response = Some(m);
    }
    let medians = week_medians(
        conn,
        "resolved_at",
        "resolution_minutes",
        &resolved,
        &bounds,
    )?;
    for (wk, m) in medians {
        weeks[wk].median_resolution = Some(m);
    }
    let (counts, assigned) = counts(conn, now)?;
    Ok(Stats {
        counts,
        assigned,
        weeks,
        backlog: backlog(conn, now)?,
    })
}

/// The counts but `mine`, and the active tickets per assignee.
fn counts(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
) -> Result<(Counts, Vec<(String, i64)>), AppError> {
    use tickets::dsl as t;
    let new = t::tickets
        .filter(t::state.eq(crate::tickets::State::New.key()))
        .count()
        .get_result(conn)?;
    // One pass over the active tickets' assignee index: the unassigned ones and each agent's.
    let by_assignee: Vec<(Option<String>, i64)> = t::tickets
        .filter(Condition::new(ACTIVE))
        .group_by(t::assignee_id)
        .select((t::assignee_id, diesel::dsl::count_star()))
        .load(conn)?;
    let unassigned = by_assignee
        .iter()
        .find(|(id, _)| id.is_none())
        .map_or(0, |(_, n)| *n);
    let assigned = by_assignee
        .into_iter()
        .filter_map(|(id, n)| Some((id?, n)))
        .collect();
    let overdue = t::tickets
        .filter(t::due_at.is_not_null())
        .filter(t::due_at.lt(now))
        .count()
        .get_result(conn)?;
    let pending = crate::validation::model::State::Pending.key();
    let (validations, oldest_validation) = validation_requests::table
        .filter(validation_requests::state.eq(pending))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(validation_requests::submitted_at),
        ))
        .get_result(conn)?;
    let orders = orders::table
        .filter(orders::state.eq(crate::orders::model::State::Submitted.key()))
        .count()
        .get_result(conn)?;
    let counts = Counts {
        new,
        mine: 0,
        unassigned,
        overdue,
        validations,
        oldest_validation,
        orders,
    };
    Ok((counts, assigned))
}

#[derive(QueryableByName)]
struct WeekRow {
    #[diesel(sql_type = Integer)]
    wk: i32,
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = BigInt)]
    m: i64,
    #[diesel(sql_type = BigInt)]
    k: i64,
}

struct Counted {
    wk: usize,
    n: i64,
    m: i64,
    /// Rows with a measured value (the median's population).
    k: i64,
}

/// A timestamp as an SQL literal both backends compare with their timestamp columns (SQLite
/// holds them as text in this very format, with any fraction after the seconds).
fn literal(t: PrimitiveDateTime) -> String {
    format!(
        "'{} {:02}:{:02}:{:02}'",
        crate::i18n::format::iso_date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The range condition of week `i` on `col`.
fn week(col: &str, bounds: &[PrimitiveDateTime], i: usize) -> String {
    format!(
        "{col} >= {} AND {col} < {}",
        literal(bounds[i]),
        literal(bounds[i + 1])
    )
}

fn counted(rows: Vec<WeekRow>) -> Vec<Counted> {
    rows.into_iter()
        .filter_map(|r| {
            let wk = usize::try_from(r.wk).ok().filter(|w| *w < WEEKS)?;
            Some(Counted {
                wk,
                n: r.n,
                m: r.m,
                k: r.k,
            })
        })
        .collect()
}

/// Rows of `table` per week of `col`, the sum of `marked` (an SQL expression, 0 or 1) and how
/// many have a `valued` column. One range count per week, joined with UNION ALL: each branch
/// reads its stretch of the index and nothing is computed per row to find its week.
fn week_counts(
    conn: &mut DbConn,
    table: &str,
    col: &str,
    marked: &str,
    valued: Option<&str>,
    bounds: &[PrimitiveDateTime],
) -> Result<Vec<Counted>, AppError> {
    let k = valued.map_or_else(
        || "CAST(0 AS BIGINT)".to_owned(),
        |v| format!("CAST(COUNT({v}) AS BIGINT)"),
    );
    let sql = (0..WEEKS)
        .map(|i| {
            format!(
                "SELECT {i} AS wk, CAST(COUNT(*) AS BIGINT) AS n, \
                 CAST(COALESCE(SUM({marked}), 0) AS BIGINT) AS m, {k} AS k \
                 FROM {table} WHERE {}",
                week(col, bounds, i)
            )
        })
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let rows = on_backend!(conn, |c| diesel::sql_query(&sql).load::<WeekRow>(c))?;
    Ok(counted(rows))
}

/// The median of ticket column `value` per week of `col`, given each week's count of values:
/// the middle row (or the two middle rows) of the week in `value` order, by OFFSET.
fn week_medians(
    conn: &mut DbConn,
    col: &str,
    value: &str,
    counts: &[Counted],
    bounds: &[PrimitiveDateTime],
) -> Result<Vec<(usize, f64)>, AppError> {
    let branches: Vec<String> = counts
        .iter()
        .filter(|c| c.k > 0)
        .map(|c| {
            format!(
                "SELECT {wk} AS wk, CAST(SUM(v) AS BIGINT) AS n, CAST(COUNT(*) AS BIGINT) AS m, \
                 CAST(0 AS BIGINT) AS k FROM (SELECT {value} AS v FROM tickets \
                 WHERE {range} AND {value} IS NOT NULL ORDER BY {value} \
                 LIMIT {limit} OFFSET {offset}) AS x{wk}",
                wk = c.wk,
                range = week(col, bounds, c.wk),
                limit = 2 - c.k % 2,
                offset = (c.k - 1) / 2,
            )
        })
        .collect();
    if branches.is_empty() {
        return Ok(vec![]);
    }
    let sql = branches.join(" UNION ALL ");
    let rows = on_backend!(conn, |c| diesel::sql_query(&sql).load::<WeekRow>(c))?;
    Ok(counted(rows)
        .into_iter()
        .filter(|r| r.m > 0)
        .map(|r| (r.wk, r.n as f64 / r.m as f64))
        .collect())
}

/// Pending validation requests per age group, over the queue's (state, submitted_at) index.
fn backlog(conn: &mut DbConn, now: PrimitiveDateTime) -> Result<[i64; 5], AppError> {
    let mut case = String::from("CASE");
    for (i, d) in BACKLOG_DAYS.iter().enumerate() {
        let since = literal(now - Duration::days(*d));
        case.push_str(&format!(" WHEN submitted_at > {since} THEN {i}"));
    }
    case.push_str(&format!(" ELSE {} END", BACKLOG_DAYS.len()));
    let sql = format!(
        "SELECT {case} AS wk, CAST(COUNT(*) AS BIGINT) AS n, CAST(0 AS BIGINT) AS m, \
         CAST(0 AS BIGINT) AS k FROM validation_requests WHERE state = 'pending' GROUP BY 1"
    );
    let rows = on_backend!(conn, |c| diesel::sql_query(&sql).load::<WeekRow>(c))?;
    let mut out = [0; 5];
    for r in rows {
        if let Some(slot) = usize::try_from(r.wk).ok().and_then(|i| out.get_mut(i)) {
            *slot = r.n;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn weeks_start_on_monday_at_midnight_in_stockholm() {
        // Thursday 3 December 2026, winter time: this week began Monday 30 November 00:00 CET.
        let (mondays, bounds) = week_bounds(datetime!(2026-12-03 12:00));
        assert_eq!(mondays.len(), WEEKS);
        assert_eq!(bounds.len(), WEEKS + 1);
        assert_eq!(mondays[WEEKS - 1], time::macros::date!(2026 - 11 - 30));
        assert_eq!(bounds[WEEKS - 1], datetime!(2026-11-29 23:00));
        assert_eq!(bounds[WEEKS], datetime!(2026-12-06 23:00));
        // The first week began Monday 14 September, in summer time: 22:00 UTC the day before.
        assert_eq!(mondays[0], time::macros::date!(2026 - 09 - 14));
        assert_eq!(bounds[0], datetime!(2026-09-13 22:00));
        // Sunday 23:30 UTC is already Monday in Stockholm: a new week.
        let (m, _) = week_bounds(datetime!(2026-12-06 23:30));
        assert_eq!(m[WEEKS - 1], time::macros::date!(2026 - 12 - 07));
    }

    #[test]
    fn backlog_groups_start_at_whole_days() {
        let now = datetime!(2026-12-03 12:00);
        assert_eq!(backlog_group(now, now), 0);
        assert_eq!(backlog_group(now, now - Duration::hours(23)), 0);
        assert_eq!(backlog_group(now, now - Duration::days(1)), 1);
        assert_eq!(backlog_group(now, now - Duration::days(3)), 2);
        assert_eq!(backlog_group(now, now - Duration::days(13)), 3);
        assert_eq!(backlog_group(now, now - Duration::days(400)), 4);
    }

    #[test]
    fn timestamps_are_written_as_sqlite_stores_them() {
        assert_eq!(
            literal(datetime!(2026-09-06 22:00:05.5)),
            "'2026-09-06 22:00:05'"
        );
    }
}
