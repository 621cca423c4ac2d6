//! Validation: members send the Microsoft validation certificate, the partner's staff approve it
//! for a period or reject it with a reason, and [`is_validated`] says whether an organisation is
//! validated on a date. Later capabilities (orders) ask only that function.

pub mod handlers;
pub mod model;
pub mod service;
pub mod staff;
pub mod views;

use time::Date;

pub use model::{State, is_validated};

use actix_web::web;

use crate::i18n::Locale;
use crate::i18n::routes::Page;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let get = crate::web::page_route;
    for l in Locale::ALL {
        let r = |p: Page| web::resource(p.path(l));
        cfg.service(
            r(Page::Certificate)
                .route(get().to(handlers::show))
                .route(web::post().to(handlers::upload)),
        )
        .service(r(Page::MemberFile).route(get().to(handlers::member_file)))
        .service(r(Page::StaffValidations).route(get().to(staff::queue)))
        .service(r(Page::StaffValidation).route(get().to(staff::show)))
        .service(r(Page::StaffValidationDecide).route(web::post().to(staff::decide)))
        .service(r(Page::StaffFile).route(get().to(staff::file)));
    }
}

/// Whether requests already read, as (state, valid from, valid to), make an organisation
/// validated on `date`: the rule of [`model::is_validated`] without another query.
pub fn approved_covers<'a>(
    requests: impl IntoIterator<Item = (&'a str, Option<Date>, Option<Date>)>,
    date: Date,
) -> bool {
    let periods: Vec<(Date, Date)> = requests
        .into_iter()
        .filter(|(state, _, _)| *state == State::Approved.key())
        .filter_map(|(_, from, to)| Some((from?, to?)))
        .collect();
    covers(&periods, date)
}

/// True when one of the approved periods covers `date`, both ends included.
pub fn covers(periods: &[(Date, Date)], date: Date) -> bool {
    periods
        .iter()
        .any(|(from, to)| *from <= date && date <= *to)
}

/// The day before the same day `months` later: a 12-month period from 1 March ends on the last
/// day of February. When that month is too short for the day, the period ends on its last day.
/// The last day of an approved validation: the period staff chose, capped by the expiry date
/// printed on Microsoft's certificate. `None` when the certificate expires before the period
/// starts.
pub fn capped_validity(from: Date, to: Date, certificate_expires: Date) -> Option<Date> {
    (certificate_expires >= from).then(|| to.min(certificate_expires))
}

/// Days an approved validation still covers, today included (1 on its last day); `None` once it
/// has expired.
pub fn days_left(valid_to: Date, today: Date) -> Option<i64> {
    let left = (valid_to - today).whole_days() + 1;
    (left >= 1).then_some(left)
}

/// Days before the end from which the member is asked to renew (the first reminder's distance).
pub const RENEW_FROM_DAYS: i64 = 60;

pub fn period_end(from: Date, months: u8) -> Date {
    let total = from.month() as i32 - 1 + i32::from(months);
    let year = from.year() + total.div_euclid(12);
    let month =
        time::Month::try_from((total.rem_euclid(12) + 1) as u8).unwrap_or(time::Month::January);
    let last = time::util::days_in_month(month, year);
    let clamped = from.day() > last;
    let day = from.day().min(last);
    Date::from_calendar_date(year, month, day)
        .map(|d| {
            if clamped {
                d
            } else {
                d.previous_day().unwrap_or(d)
            }
        })
        .unwrap_or(from)
}

/// The date by which a request sent on `sent` is normally decided: 10 working days later.
pub fn expected_decision(sent: Date) -> Date {
    let mut d = sent;
    let mut left = 10;
    while left > 0 {
        d = d.next_day().unwrap_or(d);
        if !matches!(d.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn periods_include_both_ends() {
        let p = [(date!(2026 - 01 - 01), date!(2026 - 12 - 31))];
        assert!(covers(&p, date!(2026 - 01 - 01)));
        assert!(covers(&p, date!(2026 - 12 - 31)));
        assert!(!covers(&p, date!(2025 - 12 - 31)));
        assert!(!covers(&p, date!(2027 - 01 - 01)));
        assert!(!covers(&[], date!(2026 - 06 - 01)));
    }

    #[test]
    fn twelve_months_end_the_day_before() {
        assert_eq!(period_end(date!(2026 - 11 - 28), 12), date!(2027 - 11 - 27));
        assert_eq!(period_end(date!(2026 - 01 - 01), 12), date!(2026 - 12 - 31));
        assert_eq!(period_end(date!(2024 - 02 - 29), 12), date!(2025 - 02 - 28));
        assert_eq!(period_end(date!(2026 - 08 - 31), 6), date!(2027 - 02 - 28));
    }

    #[test]
    fn decisions_are_expected_within_ten_working_days() {
        // Saturday 28 November 2026: ten working days later is Friday 11 December.
        assert_eq!(
            expected_decision(date!(2026 - 11 - 28)),
            date!(2026 - 12 - 11)
        );
        assert_eq!(
            expected_decision(date!(2026 - 11 - 30)),
            date!(2026 - 12 - 14)
        );
    }
}

#[cfg(test)]
mod lifecycle_tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_certificate_caps_the_period_and_must_not_end_before_it_starts() {
        let from = date!(2026 - 11 - 28);
        assert_eq!(
            capped_validity(from, date!(2028 - 11 - 27), date!(2027 - 06 - 30)),
            Some(date!(2027 - 06 - 30))
        );
        assert_eq!(
            capped_validity(from, date!(2027 - 11 - 27), date!(2028 - 06 - 30)),
            Some(date!(2027 - 11 - 27))
        );
        assert_eq!(capped_validity(from, from, from), Some(from));
        assert_eq!(
            capped_validity(from, date!(2027 - 11 - 27), date!(2026 - 11 - 27)),
            None
        );
    }

    #[test]
    fn days_left_counts_today_and_ends_after_the_last_day() {
        let end = date!(2027 - 01 - 27);
        assert_eq!(days_left(end, date!(2026 - 11 - 28)), Some(61));
        assert_eq!(days_left(end, date!(2026 - 11 - 29)), Some(RENEW_FROM_DAYS));
        assert_eq!(days_left(end, date!(2027 - 01 - 14)), Some(14));
        assert_eq!(days_left(end, end), Some(1));
        assert_eq!(days_left(end, date!(2027 - 01 - 28)), None);
    }

    #[test]
    fn two_years_by_default() {
        assert_eq!(period_end(date!(2026 - 11 - 28), 24), date!(2028 - 11 - 27));
    }
}
