//! The staff admins' page of response targets: weekly hours, extra closed days and the targets
//! per priority. One form saves the hours and targets; closed days are added and removed one by
//! one. Every change is audited and moves the due times of the tickets already running.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use time::{Date, PrimitiveDateTime};

use super::Priority;
use super::business_time;
use super::sla::{self, Settings};
use crate::accounts::auth::StaffAdmin;
use crate::accounts::model::User;
use crate::audit::Actor;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{args, format};
use crate::web::csrf;
use crate::web::form::{Errors, FormErrors, err};
use crate::web::page::{Ctx, Layout, Tr, private, redirect};
use crate::web::request::{client_ip, flash};

/// Field names per weekday, Monday first: the "open" checkbox, opening and closing time.
const DAY_FIELDS: [(&str, &str, &str); 7] = [
    ("open_0", "opens_0", "closes_0"),
    ("open_1", "opens_1", "closes_1"),
    ("open_2", "opens_2", "closes_2"),
    ("open_3", "opens_3", "closes_3"),
    ("open_4", "opens_4", "closes_4"),
    ("open_5", "opens_5", "closes_5"),
    ("open_6", "opens_6", "closes_6"),
];

/// Field names per priority, like [`Priority::ALL`]: first answer and resolution, in hours.
const TARGET_FIELDS: [(&str, &str); 4] = [
    ("response_low", "resolution_low"),
    ("response_normal", "resolution_normal"),
    ("response_high", "resolution_high"),
    ("response_urgent", "resolution_urgent"),
];

/// The longest target accepted, in hours (about a working year).
const MAX_TARGET_HOURS: i64 = 2000;

/// `08:00` → minutes after midnight; `24:00` is the end of the day.
pub fn parse_time(s: &str) -> Option<i32> {
    let (h, m) = s.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    let total = h * 60 + m;
    (h >= 0 && (0..60).contains(&m) && total <= 24 * 60).then_some(total)
}

/// `4`, `1,5` or `1.5` hours → whole minutes, between 6 minutes and [`MAX_TARGET_HOURS`].
pub fn parse_hours(s: &str) -> Option<i64> {
    let s = s.trim().replace(',', ".");
    if s.is_empty() || s.len() > 10 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let h: f64 = s.parse().ok()?;
    let minutes = (h * 60.0).round();
    (minutes >= 6.0 && minutes <= (MAX_TARGET_HOURS * 60) as f64).then_some(minutes as i64)
}

fn minutes_text(m: i32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Hours with a decimal comma or point as the page's language writes them.
fn hours_text(minutes: i64, tr: &Tr) -> String {
    let text = if minutes % 60 == 0 {
        (minutes / 60).to_string()
    } else {
        let h = minutes as f64 / 60.0;
        let t = format!("{h:.2}");
        t.trim_end_matches('0').to_owned()
    };
    match tr.locale {
        crate::i18n::Locale::Sv => text.replace('.', ","),
        crate::i18n::Locale::En => text,
    }
}

/// Checks the hours-and-targets form: the settings, or the errors beside each field.
pub fn check(form: &HashMap<String, String>) -> Result<Settings, Errors> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let mut errors = vec![];
    let mut hours = [None; 7];
    for (d, (open, opens, closes)) in DAY_FIELDS.iter().enumerate() {
        if get(open).is_empty() {
            continue;
        }
        let (o, c) = (parse_time(get(opens)), parse_time(get(closes)));
        if o.is_none() {
            err(&mut errors, opens, "sla-error-time");
        }
        if c.is_none() {
            err(&mut errors, closes, "sla-error-time");
        }
        if let (Some(o), Some(c)) = (o, c) {
            if c <= o {
                err(&mut errors, closes, "sla-error-order");
            } else {
                hours[d] = Some((o, c));
            }
        }
    }
    if errors.is_empty() && hours.iter().all(Option::is_none) {
        err(&mut errors, DAY_FIELDS[0].0, "sla-error-never-open");
    }
    let mut targets = [(0, 0); 4];
    for (i, (r, z)) in TARGET_FIELDS.iter().enumerate() {
        let (rv, zv) = (parse_hours(get(r)), parse_hours(get(z)));
        if rv.is_none() {
            err(&mut errors, r, "sla-error-hours");
        }
        if zv.is_none() {
            err(&mut errors, z, "sla-error-hours");
        }
        if let (Some(a), Some(b)) = (rv, zv) {
            if b < a {
                err(&mut errors, z, "sla-error-response-after");
            }
            targets[i] = (a, b);
        }
    }
    if errors.is_empty() {
        Ok(Settings { hours, targets })
    } else {
        Err(errors)
    }
}

pub struct DayRow {
    pub name: String,
    pub open_field: &'static str,
    pub opens_field: &'static str,
    pub closes_field: &'static str,
    pub open: bool,
    pub opens: String,
    pub closes: String,
}

pub struct TargetRow {
    pub label: String,
    pub response_field: &'static str,
    pub resolution_field: &'static str,
    pub response: String,
    pub resolution: String,
}

pub struct ClosedRow {
    pub iso: String,
    pub label: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "staff/sla.html")]
pub struct SlaTpl {
    pub l: Layout,
    pub f: FormErrors,
    /// Errors of the closed-day form, apart from the main form's.
    pub fd: FormErrors,
    pub csrf: String,
    pub action: &'static str,
    pub days: Vec<DayRow>,
    pub targets: Vec<TargetRow>,
    pub closed: Vec<ClosedRow>,
    pub holidays_title: String,
    pub holidays: Vec<(String, String)>,
    pub day: String,
    pub note: String,
    pub back: &'static str,
}

/// What the page shows in its fields: the saved policy, or the form as it was sent.
fn rows(
    tr: &Tr,
    policy: &sla::Policy,
    sent: Option<&HashMap<String, String>>,
) -> (Vec<DayRow>, Vec<TargetRow>) {
    let sent_val = |k: &str| sent.map(|m| m.get(k).cloned().unwrap_or_default());
    let days = DAY_FIELDS
        .iter()
        .enumerate()
        .map(|(d, (open, opens, closes))| {
            let saved = policy.calendar.hours[d];
            let time =
                |t: time::Time| minutes_text(i32::from(t.hour()) * 60 + i32::from(t.minute()));
            DayRow {
                name: tr.t(&format!("sla-weekday-long-{}", d + 1)),
                open_field: open,
                opens_field: opens,
                closes_field: closes,
                open: sent_val(open).map_or(saved.is_some(), |v| !v.is_empty()),
                opens: sent_val(opens)
                    .unwrap_or_else(|| saved.map_or("08:00".into(), |h| time(h.0))),
                closes: sent_val(closes)
                    .unwrap_or_else(|| saved.map_or("17:00".into(), |h| time(h.1))),
            }
        })
        .collect();
    let targets = Priority::ALL
        .iter()
        .zip(TARGET_FIELDS)
        .map(|(p, (r, z))| {
            let t = policy.target(*p);
            TargetRow {
                label: super::views::priority_label(tr, p.key()),
                response_field: r,
                resolution_field: z,
                response: sent_val(r).unwrap_or_else(|| hours_text(t.response.whole_minutes(), tr)),
                resolution: sent_val(z)
                    .unwrap_or_else(|| hours_text(t.resolution.whole_minutes(), tr)),
            }
        })
        .collect();
    (days, targets)
}

/// The page with what it was sent and its errors, if any.
async fn page(
    cx: &Ctx,
    user: &User,
    sent: Option<&HashMap<String, String>>,
    f: FormErrors,
    fd: FormErrors,
) -> Result<SlaTpl, AppError> {
    let (state, locale) = (&cx.state, cx.locale);
    let (policy, closed) =
        db::run(&state.pool, |c| Ok((sla::load(c)?, sla::closed_days(c)?))).await?;
    let l = cx.layout(Page::StaffSla, "sla-admin-title", Some(user))?;
    let tr = &l.tr;
    let (days, targets) = rows(tr, &policy, sent.filter(|_| !f.is_empty()));
    let year = sla::local(state.clock.now_utc_naive()).year();
    let holidays = business_time::holidays(year)
        .into_iter()
        .map(|(d, h)| {
            (
                format::date(&state.i18n, locale, d),
                tr.t(&format!("sla-holiday-{}", h.key())),
            )
        })
        .collect();
    let kept = |k: &str| {
        sent.filter(|_| !fd.is_empty())
            .and_then(|m| m.get(k).cloned())
            .unwrap_or_default()
    };
    Ok(SlaTpl {
        csrf: csrf::token(&cx.session)?,
        action: Page::StaffSla.path(locale),
        days,
        targets,
        closed: closed
            .into_iter()
            .map(|(d, note)| ClosedRow {
                iso: format::iso_date(d),
                label: format::date(&state.i18n, locale, d),
                note,
            })
            .collect(),
        holidays_title: tr.ta(
            "sla-admin-holidays",
            &args([("year", i64::from(year).into())]),
        ),
        holidays,
        day: kept("day"),
        note: kept("note"),
        back: Page::Staff.path(locale),
        f,
        fd,
        l,
    })
}

pub async fn form(cx: Ctx, admin: StaffAdmin) -> Result<HttpResponse, AppError> {
    let tpl = page(&cx, &admin.0, None, FormErrors::none(), FormErrors::none()).await?;
    private(StatusCode::OK, &tpl)
}

/// A date as `<input type="date">` sends it.
fn parse_day(s: &str) -> Option<Date> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s.trim(), &fmt).ok()
}

pub async fn save(
    req: HttpRequest,
    cx: Ctx,
    admin: StaffAdmin,
    form: web::Form<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let (state, locale, session) = (&cx.state, cx.locale, &cx.session);
    let form = form.into_inner();
    csrf::verify(session, form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let tr = Tr::new(state.i18n.clone(), locale);
    let ip = client_ip(&req);
    let now: PrimitiveDateTime = state.clock.now_utc_naive();
    let user = admin.0.clone();
    let refuse = async |f: FormErrors, fd: FormErrors| {
        let tpl = page(&cx, &admin.0, Some(&form), f, fd).await?;
        private(StatusCode::BAD_REQUEST, &tpl)
    };
    match form.get("action").map(String::as_str).unwrap_or("") {
        "save" => match check(&form) {
            Err(e) => refuse(FormErrors::from_ids(&tr, &e), FormErrors::none()).await,
            Ok(settings) => {
                db::run(&state.pool, move |c| {
                    sla::save(c, now, &settings, &Actor::staff(&user.id, &ip))
                })
                .await?;
                state.caches.sla.clear();
                flash(session, "sla-admin-saved");
                Ok(redirect(Page::StaffSla.path(locale)))
            }
        },
        "add-day" => {
            let note = form
                .get("note")
                .map(|s| s.trim().to_owned())
                .unwrap_or_default();
            let mut e = vec![];
            let day = parse_day(form.get("day").map(String::as_str).unwrap_or(""));
            if day.is_none() {
                err(&mut e, "day", "sla-error-date");
            }
            if note.is_empty() || note.chars().count() > 100 || note.chars().any(char::is_control) {
                err(&mut e, "note", "sla-error-note");
            }
            let Some(day) = day.filter(|_| e.is_empty()) else {
                return refuse(FormErrors::none(), FormErrors::from_ids(&tr, &e)).await;
            };
            let added = db::run(&state.pool, move |c| {
                sla::add_closed_day(c, now, day, &note, &Actor::staff(&user.id, &ip))
            })
            .await?;
            if !added {
                let fd = FormErrors::one(&tr, "day", "sla-error-day-exists");
                return refuse(FormErrors::none(), fd).await;
            }
            state.caches.sla.clear();
            flash(session, "sla-admin-day-added");
            Ok(redirect(Page::StaffSla.path(locale)))
        }
        "remove-day" => {
            let day = parse_day(form.get("day").map(String::as_str).unwrap_or(""))
                .ok_or(AppError::BadRequest)?;
            let gone = db::run(&state.pool, move |c| {
                sla::remove_closed_day(c, now, day, &Actor::staff(&user.id, &ip))
            })
            .await?;
            if !gone {
                return Err(AppError::NotFound);
            }
            state.caches.sla.clear();
            flash(session, "sla-admin-day-removed");
            Ok(redirect(Page::StaffSla.path(locale)))
        }
        _ => Err(AppError::BadRequest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_hours_parse_as_people_type_them() {
        assert_eq!(parse_time("08:00"), Some(480));
        assert_eq!(parse_time(" 8:30 "), Some(510));
        assert_eq!(parse_time("24:00"), Some(1440));
        for bad in ["", "8", "24:01", "12:60", "ab:cd", "-1:00", "123:00", "8:5"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(parse_hours("4"), Some(240));
        assert_eq!(parse_hours("1,5"), Some(90));
        assert_eq!(parse_hours("0.1"), Some(6));
        assert_eq!(parse_hours("2000"), Some(120_000));
        for bad in [
            "", "0", "0,05", "2001", "-1", "1e3", "abc", "1,5,5", "NaN", "inf",
        ] {
            assert_eq!(parse_hours(bad), None, "{bad}");
        }
    }

    fn defaults() -> HashMap<String, String> {
        let mut m = HashMap::new();
        for (open, opens, closes) in &DAY_FIELDS[..5] {
            m.insert(open.to_string(), "1".into());
            m.insert(opens.to_string(), "08:00".into());
            m.insert(closes.to_string(), "17:00".into());
        }
        for ((r, z), (a, b)) in
            TARGET_FIELDS
                .iter()
                .zip([("18", "90"), ("9", "45"), ("4", "18"), ("2", "9")])
        {
            m.insert(r.to_string(), a.into());
            m.insert(z.to_string(), b.into());
        }
        m
    }

    #[test]
    fn the_default_form_is_the_default_policy() {
        let s = check(&defaults()).unwrap();
        let p = sla::Policy::default();
        for (i, pr) in Priority::ALL.iter().enumerate() {
            let t = p.target(*pr);
            assert_eq!(
                s.targets[i],
                (t.response.whole_minutes(), t.resolution.whole_minutes())
            );
        }
        assert_eq!(s.hours[0], Some((480, 1020)));
        assert_eq!(s.hours[5], None);
    }

    #[test]
    fn each_bad_field_gets_its_message() {
        let mut m = defaults();
        m.insert("closes_1".into(), "07:00".into());
        m.insert("opens_2".into(), "x".into());
        m.insert("resolution_high".into(), "3".into());
        m.insert("response_low".into(), "".into());
        let e = check(&m).unwrap_err();
        let got: Vec<(&str, &str)> = e.iter().map(|x| (x.field, x.id)).collect();
        assert_eq!(
            got,
            vec![
                ("closes_1", "sla-error-order"),
                ("opens_2", "sla-error-time"),
                ("response_low", "sla-error-hours"),
                ("resolution_high", "sla-error-response-after"),
            ]
        );
        let mut closed = defaults();
        for (open, _, _) in DAY_FIELDS {
            closed.remove(open);
        }
        assert_eq!(check(&closed).unwrap_err()[0].id, "sla-error-never-open");
    }
}
