//! Numbers, money and dates as each language writes them: "1 234,50 kr" and "SEK 1,234.50".
//! Month names come from the locale files (`month-1` … `month-12`).

use time::{Date, Duration, Month, PrimitiveDateTime, Time, Weekday};

use super::{I18n, Locale};

/// Groups thousands with a no-break space (sv) or a comma (en).
pub fn integer(locale: Locale, n: i64) -> String {
    let sep = match locale {
        Locale::Sv => '\u{a0}',
        Locale::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An amount in öre as kronor with two decimals, e.g. `123450` → "1 234,50 kr" / "SEK 1,234.50".
pub fn sek(locale: Locale, ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let kronor = integer(locale, (ore / 100).abs());
    let cents = (ore % 100).abs();
    match locale {
        Locale::Sv => format!("{sign}{kronor},{cents:02}\u{a0}kr"),
        Locale::En => format!("{sign}SEK\u{a0}{kronor}.{cents:02}"),
    }
}

/// A share given in tenths of a percent, e.g. `849` → "84,9 %" / "84.9%".
pub fn percent_tenths(locale: Locale, tenths: i64) -> String {
    let whole = integer(locale, tenths / 10);
    let dec = (tenths % 10).abs();
    match locale {
        Locale::Sv => format!("{whole},{dec}\u{a0}%"),
        Locale::En => format!("{whole}.{dec}%"),
    }
}

/// A date as YYYY-MM-DD (forms, e-mails to the partner, logs).
pub fn iso_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A date in words: "28 november 2026" / "28 November 2026".
pub fn date(i18n: &I18n, locale: Locale, d: Date) -> String {
    let month = i18n.format(locale, &format!("month-{}", u8::from(d.month())), None);
    format!("{} {} {}", d.day(), month, d.year())
}

/// Swedish time (CET, or CEST from the last Sunday of March to the last Sunday of October,
/// switching at 01:00 UTC as the EU rule says) from a UTC time. The portal serves Sweden.
pub fn stockholm(utc: PrimitiveDateTime) -> PrimitiveDateTime {
    let year = utc.year();
    let last_sunday = |month: Month| {
        let mut d = Date::from_calendar_date(year, month, 31).unwrap_or(utc.date());
        while d.weekday() != Weekday::Sunday {
            d = d.previous_day().unwrap_or(d);
        }
        PrimitiveDateTime::new(d, Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT))
    };
    let summer = utc >= last_sunday(Month::March) && utc < last_sunday(Month::October);
    utc + Duration::hours(if summer { 2 } else { 1 })
}

/// A moment in Swedish time, in words: "28 november 2026 kl. 16:34" / "28 November 2026, 16:34".
pub fn datetime(i18n: &I18n, locale: Locale, utc: PrimitiveDateTime) -> String {
    let t = stockholm(utc);
    let day = date(i18n, locale, t.date());
    let clock = format!("{:02}:{:02}", t.hour(), t.minute());
    i18n.format(
        locale,
        "datetime",
        Some(&super::args([("date", day.into()), ("time", clock.into())])),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn integers_group_per_locale() {
        assert_eq!(integer(Locale::Sv, 0), "0");
        assert_eq!(integer(Locale::Sv, 999), "999");
        assert_eq!(integer(Locale::Sv, 1234), "1\u{a0}234");
        assert_eq!(integer(Locale::En, 1234567), "1,234,567");
        assert_eq!(integer(Locale::En, -1234), "-1,234");
    }

    #[test]
    fn money_per_locale() {
        assert_eq!(sek(Locale::Sv, 123450), "1\u{a0}234,50\u{a0}kr");
        assert_eq!(sek(Locale::En, 123450), "SEK\u{a0}1,234.50");
        assert_eq!(sek(Locale::Sv, 5), "0,05\u{a0}kr");
        assert_eq!(sek(Locale::En, -250), "-SEK\u{a0}2.50");
    }

    #[test]
    fn percent_per_locale() {
        assert_eq!(percent_tenths(Locale::Sv, 849), "84,9\u{a0}%");
        assert_eq!(percent_tenths(Locale::En, 850), "85.0%");
        assert_eq!(percent_tenths(Locale::En, 1000), "100.0%");
    }

    #[test]
    fn dates_in_words() {
        let i = I18n::load(true).unwrap();
        assert_eq!(
            date(&i, Locale::Sv, date!(2026 - 11 - 28)),
            "28 november 2026"
        );
        assert_eq!(date(&i, Locale::En, date!(2026 - 03 - 01)), "1 March 2026");
    }

    #[test]
    fn swedish_time_follows_summer_time() {
        use time::macros::datetime;
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(
            stockholm(datetime!(2026-11-28 15:34)),
            datetime!(2026-11-28 16:34)
        );
        assert_eq!(
            stockholm(datetime!(2026-03-29 00:59)),
            datetime!(2026-03-29 01:59)
        );
        assert_eq!(
            stockholm(datetime!(2026-03-29 01:00)),
            datetime!(2026-03-29 03:00)
        );
        assert_eq!(
            stockholm(datetime!(2026-10-25 00:59)),
            datetime!(2026-10-25 02:59)
        );
        assert_eq!(
            stockholm(datetime!(2026-10-25 01:00)),
            datetime!(2026-10-25 02:00)
        );
        assert_eq!(
            stockholm(datetime!(2026-12-31 23:30)),
            datetime!(2027-01-01 00:30)
        );
        let i = I18n::load(true).unwrap();
        assert_eq!(
            super::datetime(&i, Locale::Sv, datetime!(2026-11-28 15:34)),
            "28 november 2026 kl. 16:34"
        );
        assert_eq!(
            super::datetime(&i, Locale::En, datetime!(2026-11-28 15:34)),
            "28 November 2026, 16:34"
        );
    }
}
