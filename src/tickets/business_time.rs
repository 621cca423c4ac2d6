//! Business time for the help desk's response targets: opening hours per weekday in
//! Europe/Stockholm, closed on Swedish public holidays (computed for any year) and on the days
//! offices close by custom (Midsummer Eve, Christmas Eve, New Year's Eve), plus extra closed days
//! an admin adds. Pure: instants in, instants or durations out; the database and the clock stay
//! with the callers.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

/// The weekly opening hours and the extra closed days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// Opening and closing time per weekday, Monday first; `None`: closed all day.
    pub hours: [Option<(Time, Time)>; 7],
    /// Days closed besides the public holidays (a staff day, a bridge day).
    pub closed: BTreeSet<Date>,
}

impl Default for Calendar {
    /// Monday to Friday, 08:00–17:00.
    fn default() -> Self {
        let day = Some((at(8), at(17)));
        Calendar {
            hours: [day, day, day, day, day, None, None],
            closed: BTreeSet::new(),
        }
    }
}

fn at(hour: u8) -> Time {
    Time::from_hms(hour, 0, 0).unwrap_or(Time::MIDNIGHT)
}

/// Days without a single opening hour a search gives up after: a calendar closed for ten years
/// has no business time, and the loops below must end.
const HORIZON_DAYS: i64 = 3660;

impl Calendar {
    /// Whether the calendar opens on some weekday at all.
    pub fn ever_open(&self) -> bool {
        self.hours.iter().flatten().any(|(o, c)| o < c)
    }

    /// The day's opening and closing instants, or `None` when it is closed.
    pub fn open_on(&self, date: Date) -> Option<(OffsetDateTime, OffsetDateTime)> {
        if self.closed.contains(&date) || closed_day(date).is_some() {
            return None;
        }
        let (open, close) = self.hours[date.weekday().number_days_from_monday() as usize]?;
        (open < close).then(|| (stockholm(date, open), stockholm(date, close)))
    }

    /// The instant `amount` of business time after `start`. Time before the first opening
    /// counts from that opening; an amount of zero is `start` itself.
    pub fn add(&self, start: OffsetDateTime, amount: Duration) -> OffsetDateTime {
        if amount <= Duration::ZERO {
            return start;
        }
        let mut left = amount;
        let mut date = local_date(start);
        let mut idle = 0;
        while idle < HORIZON_DAYS {
            if let Some((open, close)) = self.open_on(date)
                && start < close
            {
                idle = 0;
                let from = start.max(open);
                let here = close - from;
                if left <= here {
                    return from + left;
                }
                left -= here;
            } else {
                idle += 1;
            }
            date = date.next_day().unwrap_or(date);
        }
        // Never open: no business time passes.
        start + Duration::days(HORIZON_DAYS * 100)
    }

    /// The business time between `from` and `to` (zero when `to` is not later).
    pub fn between(&self, from: OffsetDateTime, to: OffsetDateTime) -> Duration {
        self.between_with(from, to, None)
    }

    /// [`Calendar::between`], with what an earlier call worked out taken from `kept`: the queue
    /// asks how late or how near fifty tickets are at one instant, and they share their days.
    pub fn between_kept(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
        kept: &mut Kept,
    ) -> Duration {
        self.between_with(from, to, Some(kept))
    }

    fn between_with(
        &self,
        from: OffsetDateTime,
        to: OffsetDateTime,
        mut kept: Option<&mut Kept>,
    ) -> Duration {
        if to <= from {
            return Duration::ZERO;
        }
        let mut open_on = |date: Date| match kept.as_deref_mut() {
            Some(k) => *k.open.entry(date).or_insert_with(|| self.open_on(date)),
            None => self.open_on(date),
        };
        let clip = |open_close: Option<(OffsetDateTime, OffsetDateTime)>| match open_close {
            Some((open, close)) if open.max(from) < close.min(to) => close.min(to) - open.max(from),
            _ => Duration::ZERO,
        };
        let (first, last) = (local_date(from), local_date(to));
        if first == last {
            return clip(open_on(first));
        }
        let sum = clip(open_on(first)) + clip(open_on(last));
        match first.next_day().filter(|d| *d < last) {
            Some(start) => {
                sum + match kept {
                    Some(k) => *k
                        .days
                        .entry((start, last))
                        .or_insert_with(|| self.whole_days(start, last)),
                    None => self.whole_days(start, last),
                }
            }
            None => sum,
        }
    }

    /// The business time of the days from `start` up to (not including) `last`, each open whole.
    fn whole_days(&self, start: Date, last: Date) -> Duration {
        // A week of the weekly hours at a time, then each day that is not a plain one put right
        // (a holiday or closed day counts nothing, a summer-time change day its real length).
        // The queue shows how late tickets months overdue are, fifty to a page: this is a few
        // dozen steps where a day at a time was hundreds.
        let clipped = |date: Date| match self.open_on(date) {
            Some((open, close)) if open < close => close - open,
            _ => Duration::ZERO,
        };
        let plain = |d: Date| match self.hours[d.weekday().number_days_from_monday() as usize] {
            Some((open, close)) if open < close => close - open,
            _ => Duration::ZERO,
        };
        let days = (last - start).whole_days();
        let week: Duration = (0..7).map(|i| plain(start + Duration::days(i))).sum();
        let mut sum = week * ((days / 7) as i32);
        let mut date = Some(start + Duration::days(days - days % 7));
        while let Some(d) = date.filter(|d| *d < last) {
            sum += plain(d);
            date = d.next_day();
        }
        let mut odd: Vec<Date> = self.closed.range(start..last).copied().collect();
        for year in start.year()..=last.year() {
            odd.extend(odd_days(year).filter(|d| (start..last).contains(d)));
        }
        odd.sort_unstable();
        odd.dedup();
        for d in odd {
            sum += clipped(d) - plain(d);
        }
        sum
    }
}

/// What [`Calendar::between_kept`] keeps from one call to the next: each date's opening hours
/// and the whole business days between dates. Right for one calendar only.
#[derive(Default)]
pub struct Kept {
    open: FxHashMap<Date, Option<(OffsetDateTime, OffsetDateTime)>>,
    days: FxHashMap<(Date, Date), Duration>,
}

/// A year's public holidays and summer-time change days: the days [`Calendar::between`] works
/// out one by one.
fn odd_days(year: i32) -> impl Iterator<Item = Date> {
    let holidays = closed_days(year).into_iter().flatten().map(|(d, _)| d);
    let changes = summer_time(year)
        .into_iter()
        .flat_map(|(start, end)| [Some(start.date()), Some(end.date())]);
    holidays.chain(changes).flatten()
}

/// Why a day is closed whatever the weekly hours say: a public holiday (Lag (1989:253) om
/// allmänna helgdagar, plus the Sundays the law names) or a day offices close by custom.
pub fn closed_day(date: Date) -> Option<Holiday> {
    closed_days(date.year())?
        .into_iter()
        .find(|(d, _)| *d == Some(date))
        .map(|(_, h)| h)
}

/// A year's closed days by law or custom (see [`closed_day`]), unordered.
fn closed_days(year: i32) -> Option<YearClosed> {
    thread_local!(static LAST: LastYear<Option<YearClosed>> = const { Cell::new(None) });
    of_last_year(&LAST, year, closed_days_of)
}

/// A year's closed days, each with why (see [`closed_days`]).
type YearClosed = [(Option<Date>, Holiday); 16];

/// What was worked out for the last year asked, on one thread.
type LastYear<T> = Cell<Option<(i32, T)>>;

/// `of(year)`, kept in `last` while the same year is asked again: a queue page asks about the
/// same year a few hundred times, and Easter and the last Sundays take some arithmetic.
fn of_last_year<T: Copy + 'static>(
    last: &'static LocalKey<LastYear<T>>,
    year: i32,
    of: fn(i32) -> T,
) -> T {
    if let Some((y, kept)) = last.get()
        && y == year
    {
        return kept;
    }
    let made = of(year);
    last.set(Some((year, made)));
    made
}

fn closed_days_of(year: i32) -> Option<YearClosed> {
    let easter = easter_sunday(year)?;
    let fixed = |m: Month, d: u8| Date::from_calendar_date(year, m, d).ok();
    // The Saturday (or Friday, for the eve) in a week-long window of a month.
    let weekday_in = |m: Month, first: u8, wd: Weekday| {
        let start = Date::from_calendar_date(year, m, first).ok()?;
        (0..7)
            .map(|i| start + Duration::days(i))
            .find(|d| d.weekday() == wd)
    };
    Some([
        (fixed(Month::January, 1), Holiday::NewYearsDay),
        (fixed(Month::January, 6), Holiday::Epiphany),
        (Some(easter - Duration::days(2)), Holiday::GoodFriday),
        (Some(easter), Holiday::EasterSunday),
        (Some(easter + Duration::days(1)), Holiday::EasterMonday),
        (fixed(Month::May, 1), Holiday::MayDay),
        (Some(easter + Duration::days(39)), Holiday::Ascension),
        (Some(easter + Duration::days(49)), Holiday::Pentecost),
        (fixed(Month::June, 6), Holiday::NationalDay),
        (
            weekday_in(Month::June, 19, Weekday::Friday),
            Holiday::MidsummerEve,
        ),
        (
            weekday_in(Month::June, 20, Weekday::Saturday),
            Holiday::MidsummerDay,
        ),
        (
            weekday_in(Month::October, 31, Weekday::Saturday),
            Holiday::AllSaints,
        ),
        (fixed(Month::December, 24), Holiday::ChristmasEve),
        (fixed(Month::December, 25), Holiday::ChristmasDay),
        (fixed(Month::December, 26), Holiday::BoxingDay),
        (fixed(Month::December, 31), Holiday::NewYearsEve),
    ])
}

/// The days the desk is closed by law or custom, each with its Fluent id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    NewYearsDay,
    Epiphany,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    MayDay,
    Ascension,
    Pentecost,
    NationalDay,
    MidsummerEve,
    MidsummerDay,
    AllSaints,
    ChristmasEve,
    ChristmasDay,
    BoxingDay,
    NewYearsEve,
}

impl Holiday {
    /// The key of its name, `sla-holiday-<key>` in the locales.
    pub fn key(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "new-years-day",
            Holiday::Epiphany => "epiphany",
            Holiday::GoodFriday => "good-friday",
            Holiday::EasterSunday => "easter-sunday",
            Holiday::EasterMonday => "easter-monday",
            Holiday::MayDay => "may-day",
            Holiday::Ascension => "ascension",
            Holiday::Pentecost => "pentecost",
            Holiday::NationalDay => "national-day",
            Holiday::MidsummerEve => "midsummer-eve",
            Holiday::MidsummerDay => "midsummer-day",
            Holiday::AllSaints => "all-saints",
            Holiday::ChristmasEve => "christmas-eve",
            Holiday::ChristmasDay => "christmas-day",
            Holiday::BoxingDay => "boxing-day",
            Holiday::NewYearsEve => "new-years-eve",
        }
    }
}

/// Every closed day of a year by law or custom, in date order.
pub fn holidays(year: i32) -> Vec<(Date, Holiday)> {
    let Ok(mut d) = Date::from_calendar_date(year, Month::January, 1) else {
        return vec![];
    };
    let mut out = vec![];
    while d.year() == year {
        if let Some(h) = closed_day(d) {
            out.push((d, h));
        }
        match d.next_day() {
            Some(n) => d = n,
            None => break,
        }
    }
    out
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous algorithm, also known as
/// Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<Date> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::from_calendar_date(year, Month::try_from(month as u8).ok()?, day as u8).ok()
}

const CET: UtcOffset = match UtcOffset::from_hms(1, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};
const CEST: UtcOffset = match UtcOffset::from_hms(2, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

/// The last Sunday of a month, the day the EU's summer time starts (March) or ends (October).
fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let last = Date::from_calendar_date(year, month, month.length(year)).ok()?;
    let back = last.weekday().number_days_from_sunday();
    Some(last - Duration::days(i64::from(back)))
}

/// The change instants of `year` in UTC: summer time from 01:00 UTC on the last Sunday of March
/// to 01:00 UTC on the last Sunday of October (EU Directive 2000/84/EC, Sweden's rule since 1996;
/// a fixed rule, so no time-zone database is needed).
fn summer_time(year: i32) -> Option<(OffsetDateTime, OffsetDateTime)> {
    type Change = Option<(OffsetDateTime, OffsetDateTime)>;
    thread_local!(static LAST: LastYear<Change> = const { Cell::new(None) });
    of_last_year(&LAST, year, summer_time_of)
}

fn summer_time_of(year: i32) -> Option<(OffsetDateTime, OffsetDateTime)> {
    let one = at(1);
    Some((
        PrimitiveDateTime::new(last_sunday(year, Month::March)?, one).assume_utc(),
        PrimitiveDateTime::new(last_sunday(year, Month::October)?, one).assume_utc(),
    ))
}

/// Stockholm's offset from UTC at an instant.
pub fn offset_at(instant: OffsetDateTime) -> UtcOffset {
    let utc = instant.to_offset(UtcOffset::UTC);
    match summer_time(utc.year()) {
        Some((start, end)) if utc >= start && utc < end => CEST,
        _ => CET,
    }
}

/// The Stockholm calendar date of an instant.
pub fn local_date(instant: OffsetDateTime) -> Date {
    instant.to_offset(offset_at(instant)).date()
}

/// The instant of a Stockholm wall-clock time. A time in the spring gap (02:00–03:00) is moved an
/// hour on (02:30 is 03:30 summer time); a time the autumn change repeats is its first
/// occurrence, in summer time.
pub fn stockholm(date: Date, time: Time) -> OffsetDateTime {
    let local = PrimitiveDateTime::new(date, time);
    let summer = local.assume_offset(CEST);
    if offset_at(summer) == CEST {
        summer
    } else {
        local.assume_offset(CET)
    }
    .to_offset(UtcOffset::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day-by-day sum `between` shortens, for comparison.
    fn between_by_day(cal: &Calendar, from: OffsetDateTime, to: OffsetDateTime) -> Duration {
        let mut sum = Duration::ZERO;
        let (mut date, last) = (local_date(from), local_date(to));
        while date <= last && from < to {
            if let Some((open, close)) = cal.open_on(date) {
                let (a, b) = (open.max(from), close.min(to));
                if a < b {
                    sum += b - a;
                }
            }
            date = date.next_day().unwrap();
        }
        sum
    }

    #[test]
    fn long_spans_add_up_as_day_by_day() {
        let mut odd = Calendar::default();
        // Open at night across the summer-time change, and on Saturdays; a closed bridge day.
        odd.hours[6] = Some((Time::MIDNIGHT, Time::from_hms(23, 59, 0).unwrap()));
        odd.hours[5] = Some((at(10), at(14)));
        odd.closed
            .insert(Date::from_calendar_date(2026, Month::May, 15).unwrap());
        // Closed days that are also a holiday, a summer-time change day or a weekend.
        odd.closed.extend([
            date!(2025 - 12 - 25),
            date!(2026 - 03 - 29),
            date!(2026 - 10 - 25),
            date!(2027 - 02 - 13),
        ]);
        let start = time::macros::datetime!(2025-01-03 06:17 UTC);
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for cal in [Calendar::default(), odd] {
            for _ in 0..600 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let from = start + Duration::minutes((x % 400_000) as i64);
                // Up to four years: whole weeks, then the days left over.
                let to = from + Duration::minutes(((x >> 20) % 2_100_000) as i64);
                assert_eq!(
                    cal.between(from, to),
                    between_by_day(&cal, from, to),
                    "{from} {to}"
                );
            }
        }
    }
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    fn cal() -> Calendar {
        Calendar::default()
    }

    #[test]
    fn easter_in_known_years() {
        for (year, easter) in [
            (2024, date!(2024 - 03 - 31)),
            (2025, date!(2025 - 04 - 20)),
            (2026, date!(2026 - 04 - 05)),
            (2027, date!(2027 - 03 - 28)),
            (2038, date!(2038 - 04 - 25)),
            (2285, date!(2285 - 03 - 22)),
        ] {
            assert_eq!(easter_sunday(year), Some(easter), "{year}");
        }
    }

    #[test]
    fn the_swedish_holidays_of_2026() {
        let closed: Vec<_> = (0..365)
            .map(|i| date!(2026 - 01 - 01) + Duration::days(i))
            .filter_map(|d| closed_day(d).map(|h| (d, h)))
            .collect();
        assert_eq!(
            closed,
            [
                (date!(2026 - 01 - 01), Holiday::NewYearsDay),
                (date!(2026 - 01 - 06), Holiday::Epiphany),
                (date!(2026 - 04 - 03), Holiday::GoodFriday),
                (date!(2026 - 04 - 05), Holiday::EasterSunday),
                (date!(2026 - 04 - 06), Holiday::EasterMonday),
                (date!(2026 - 05 - 01), Holiday::MayDay),
                (date!(2026 - 05 - 14), Holiday::Ascension),
                (date!(2026 - 05 - 24), Holiday::Pentecost),
                (date!(2026 - 06 - 06), Holiday::NationalDay),
                (date!(2026 - 06 - 19), Holiday::MidsummerEve),
                (date!(2026 - 06 - 20), Holiday::MidsummerDay),
                (date!(2026 - 10 - 31), Holiday::AllSaints),
                (date!(2026 - 12 - 24), Holiday::ChristmasEve),
                (date!(2026 - 12 - 25), Holiday::ChristmasDay),
                (date!(2026 - 12 - 26), Holiday::BoxingDay),
                (date!(2026 - 12 - 31), Holiday::NewYearsEve),
            ]
        );
        // All Saints' Day falls in November when 31 October is not a Saturday.
        assert_eq!(closed_day(date!(2025 - 11 - 01)), Some(Holiday::AllSaints));
        assert_eq!(closed_day(date!(2027 - 11 - 06)), Some(Holiday::AllSaints));
        // Midsummer Eve on the last day of its window.
        assert_eq!(
            closed_day(date!(2027 - 06 - 25)),
            Some(Holiday::MidsummerEve)
        );
        assert_eq!(closed_day(date!(2026 - 06 - 22)), None);
    }

    #[test]
    fn summer_time_changes_on_the_last_sundays() {
        assert_eq!(offset_at(datetime!(2026-03-29 00:59 UTC)), CET);
        assert_eq!(offset_at(datetime!(2026-03-29 01:00 UTC)), CEST);
        assert_eq!(offset_at(datetime!(2026-10-25 00:59 UTC)), CEST);
        assert_eq!(offset_at(datetime!(2026-10-25 01:00 UTC)), CET);
        assert_eq!(
            stockholm(date!(2026 - 07 - 01), at(8)),
            datetime!(2026-07-01 06:00 UTC)
        );
        assert_eq!(
            stockholm(date!(2026 - 12 - 01), at(8)),
            datetime!(2026-12-01 07:00 UTC)
        );
        // A time that does not exist in spring is moved an hour on: 02:30 is 03:30 summer time.
        assert_eq!(
            stockholm(date!(2026 - 03 - 29), Time::from_hms(2, 30, 0).unwrap()),
            datetime!(2026-03-29 01:30 UTC)
        );
        // A time the autumn change repeats is its first, summer-time occurrence.
        assert_eq!(
            stockholm(date!(2026 - 10 - 25), Time::from_hms(2, 30, 0).unwrap()),
            datetime!(2026-10-25 00:30 UTC)
        );
        // New Year's Eve at 23:30 UTC is already the next year in Stockholm.
        assert_eq!(
            local_date(datetime!(2026-12-31 23:30 UTC)),
            date!(2027 - 01 - 01)
        );
    }

    #[test]
    fn adding_within_a_day_and_across_a_weekend() {
        let c = cal();
        // Tuesday 10:00 Stockholm (winter) + 2 h = 12:00.
        let tue = stockholm(date!(2026 - 12 - 01), at(10));
        assert_eq!(
            c.add(tue, Duration::hours(2)),
            stockholm(date!(2026 - 12 - 01), at(12))
        );
        // Friday 16:00 + 2 h = Monday 09:00.
        let fri = stockholm(date!(2026 - 11 - 27), at(16));
        assert_eq!(
            c.add(fri, Duration::hours(2)),
            stockholm(date!(2026 - 11 - 30), at(9))
        );
        // Saturday evening + 1 h = Monday 09:00; a closed start counts from the opening.
        let sat = stockholm(date!(2026 - 11 - 28), at(20));
        assert_eq!(
            c.add(sat, Duration::hours(1)),
            stockholm(date!(2026 - 11 - 30), at(9))
        );
        // Exactly the day's remaining hours ends at closing, not the next morning.
        assert_eq!(
            c.add(tue, Duration::hours(7)),
            stockholm(date!(2026 - 12 - 01), at(17))
        );
        assert_eq!(c.add(sat, Duration::ZERO), sat);
    }

    #[test]
    fn adding_across_holidays_and_the_year_end() {
        let c = cal();
        // 23 December 2026 (Wednesday) 15:00 + 4 h: 24–27 closed, 28 December 10:00.
        let start = stockholm(date!(2026 - 12 - 23), at(15));
        assert_eq!(
            c.add(start, Duration::hours(4)),
            stockholm(date!(2026 - 12 - 28), at(10))
        );
        // 30 December 16:00 + 9 h (a business day): the 31st, 1st (holidays), then 2 January
        // 2027 is a Saturday; Monday 4 January 16:00.
        let start = stockholm(date!(2026 - 12 - 30), at(16));
        assert_eq!(
            c.add(start, Duration::hours(9)),
            stockholm(date!(2027 - 01 - 04), at(16))
        );
        // Maundy Thursday 2026 (2 April) 16:00 + 2 h: Good Friday to Easter Monday closed.
        let start = stockholm(date!(2026 - 04 - 02), at(16));
        assert_eq!(
            c.add(start, Duration::hours(2)),
            stockholm(date!(2026 - 04 - 07), at(9))
        );
        // An admin's extra closed day counts like a holiday.
        let mut c = cal();
        c.closed.insert(date!(2026 - 12 - 28));
        let start = stockholm(date!(2026 - 12 - 23), at(15));
        assert_eq!(
            c.add(start, Duration::hours(4)),
            stockholm(date!(2026 - 12 - 29), at(10))
        );
    }

    #[test]
    fn a_working_day_across_the_clock_changes_is_nine_hours() {
        let c = cal();
        // Friday before the spring change 16:00 → Monday after it 09:00: two business hours,
        // though the wall clock lost an hour over the weekend.
        let fri = stockholm(date!(2026 - 03 - 27), at(16));
        let mon = stockholm(date!(2026 - 03 - 30), at(9));
        assert_eq!(c.between(fri, mon), Duration::hours(2));
        assert_eq!(mon - fri, Duration::hours(64));
        // And in autumn, when the wall clock gains one.
        let fri = stockholm(date!(2026 - 10 - 23), at(16));
        let mon = stockholm(date!(2026 - 10 - 26), at(9));
        assert_eq!(c.between(fri, mon), Duration::hours(2));
        assert_eq!(mon - fri, Duration::hours(66));
        // A desk open on Sundays too gets a 9-hour Sunday on either change day.
        let mut seven = cal();
        seven.hours = [seven.hours[0]; 7];
        for sunday in [date!(2026 - 03 - 29), date!(2026 - 10 - 25)] {
            let (open, close) = seven.open_on(sunday).unwrap();
            assert_eq!(close - open, Duration::hours(9), "{sunday}");
        }
    }

    #[test]
    fn measuring_counts_only_open_time() {
        let c = cal();
        let a = stockholm(date!(2026 - 12 - 04), at(12)); // Friday
        let b = stockholm(date!(2026 - 12 - 07), at(12)); // Monday
        assert_eq!(c.between(a, b), Duration::hours(9));
        assert_eq!(c.between(b, a), Duration::ZERO);
        // A whole week with no holiday: 5 × 9 hours.
        let a = stockholm(date!(2026 - 11 - 30), at(0));
        assert_eq!(c.between(a, a + Duration::days(7)), Duration::hours(45));
    }

    #[test]
    fn a_calendar_that_never_opens_ends() {
        let c = Calendar {
            hours: [None; 7],
            closed: BTreeSet::new(),
        };
        assert!(!c.ever_open());
        let t = datetime!(2026-12-01 10:00 UTC);
        assert!(c.add(t, Duration::hours(1)) > t + Duration::days(3650));
        assert_eq!(c.between(t, t + Duration::days(30)), Duration::ZERO);
    }

    fn instant() -> impl Strategy<Value = OffsetDateTime> {
        // 2020–2040, to the minute.
        (0i64..(21 * 366 * 24 * 60))
            .prop_map(|m| datetime!(2020-01-01 00:00 UTC) + Duration::minutes(m))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Adding business time and measuring it back agree, from any start.
        #[test]
        fn add_then_between_is_the_amount(start in instant(), minutes in 0i64..(60 * 24 * 40)) {
            let c = cal();
            let amount = Duration::minutes(minutes);
            let end = c.add(start, amount);
            prop_assert!(end >= start);
            prop_assert_eq!(c.between(start, end), amount);
        }

        /// Measuring then adding lands at the end, or at the last closing before it.
        #[test]
        fn between_then_add_does_not_pass_the_end(a in instant(), span in 0i64..(60 * 24 * 60)) {
            let c = cal();
            let b = a + Duration::minutes(span);
            let back = c.add(a, c.between(a, b));
            prop_assert!(back <= b);
            prop_assert_eq!(c.between(back, b), Duration::ZERO);
        }

        /// The days kept from earlier calls give what working them out again gives, for ends
        /// that share the kept days (one `to`, as on a queue page) and ends that do not.
        #[test]
        fn kept_days_measure_as_fresh_ones(
            to in instant(),
            lates in proptest::collection::vec(0i64..(60 * 24 * 800), 1..12),
            other in instant(),
        ) {
            let c = cal();
            let mut days = Kept::default();
            for late in lates {
                let from = to - Duration::minutes(late);
                prop_assert_eq!(c.between_kept(from, to, &mut days), c.between(from, to));
                prop_assert_eq!(c.between_kept(from, to, &mut days), between_by_day(&c, from, to));
                prop_assert_eq!(c.between_kept(other, from, &mut days), c.between(other, from));
            }
        }

        /// Business time is additive over a split point.
        #[test]
        fn between_is_additive(a in instant(), x in 0i64..(60 * 24 * 30), y in 0i64..(60 * 24 * 30)) {
            let c = cal();
            let m = a + Duration::minutes(x);
            let b = m + Duration::minutes(y);
            prop_assert_eq!(c.between(a, b), c.between(a, m) + c.between(m, b));
        }

        /// Every weekday that is not a holiday is open exactly its hours, whatever the season.
        #[test]
        fn open_days_are_nine_hours(start in instant()) {
            let d = local_date(start);
            match cal().open_on(d) {
                Some((open, close)) => {
                    prop_assert_eq!(close - open, Duration::hours(9));
                    prop_assert_eq!(local_date(open), d);
                }
                None => prop_assert!(
                    d.weekday() == Weekday::Saturday
                        || d.weekday() == Weekday::Sunday
                        || closed_day(d).is_some()
                ),
            }
        }
    }
}
