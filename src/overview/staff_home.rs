//! The staff's home page: the work waiting now (each count linked to its filtered queue), twelve
//! weeks of the help desk drawn as SVG charts with their tables, and links to the staff pages.
//! It reads tickets, validation and orders, so it lives above them.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use super::staff_stats::{self, BACKLOG_DAYS, Stats, WEEKS, Week};
use crate::accounts::auth::Staff;
use crate::accounts::model::Role;
use crate::db;
use crate::error::AppError;
use crate::i18n::routes::Page;
use crate::i18n::{Locale, args, format};
use crate::web::page::{Ctx, Layout, Tr, private};

/// A count of waiting work, linked to the queue that lists it.
pub struct Figure {
    pub value: String,
    pub label: String,
    pub href: String,
    /// A second line (the oldest request's age), empty when none.
    pub note: String,
    /// Drawn as a warning (overdue tickets).
    pub alert: bool,
}

/// A link of the staff pages' navigation.
pub struct Link {
    pub href: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "overview/staff_home.html")]
pub struct StaffHomeTpl {
    pub l: Layout,
    pub figures: Vec<Figure>,
    pub charts: Vec<Chart>,
    pub links: Vec<Link>,
}

pub async fn show(cx: Ctx, staff: Staff) -> Result<HttpResponse, AppError> {
    let state = &cx.state;
    let user = staff.0;
    let me = user.id.clone();
    let now = state.clock.now_utc_naive();
    let shared = state.dashboard.clone();
    let stats = db::run(&state.pool, move |c| staff_stats::shared(&shared, c, now))
        .await?
        .of(&me);
    let l = cx.layout(Page::Staff, "staff-home-title", Some(&user))?;
    let tpl = StaffHomeTpl {
        figures: figures(&l.tr, &stats, now),
        charts: charts(&l.tr, &stats),
        links: links(&l.tr, user.role() == Role::Admin),
        l,
    };
    private(StatusCode::OK, &tpl)
}

/// `/sv/personal` without its slash goes to the page.
pub async fn root(locale: Locale) -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, Page::Staff.path(locale)))
        .finish()
}

fn figures(tr: &Tr, s: &Stats, now: time::PrimitiveDateTime) -> Vec<Figure> {
    let l = tr.locale;
    let tickets = Page::StaffTickets.path(l);
    let c = &s.counts;
    let fig = |n: i64, id: &str, href: String| Figure {
        value: format::integer(l, n),
        label: tr.t(id),
        href,
        note: String::new(),
        alert: false,
    };
    let mut overdue = fig(
        c.overdue,
        "dash-overdue",
        format!("{tickets}?due=late&sort=due"),
    );
    overdue.alert = c.overdue > 0;
    let mut validations = fig(
        c.validations,
        "dash-validations",
        format!("{}?state=pending", Page::StaffValidations.path(l)),
    );
    if let Some(oldest) = c.oldest_validation {
        let days = (now - oldest).whole_days().max(0);
        validations.note = tr.ta("dash-oldest", &args([("age", age(tr, days).into())]));
    }
    vec![
        fig(c.new, "dash-new", format!("{tickets}?state=new")),
        fig(c.mine, "dash-mine", format!("{tickets}?assignee=mine")),
        fig(
            c.unassigned,
            "dash-unassigned",
            format!("{tickets}?assignee=unassigned"),
        ),
        overdue,
        validations,
        fig(
            c.orders,
            "dash-orders",
            format!("{}?state=submitted", Page::StaffOrders.path(l)),
        ),
    ]
}

fn age(tr: &Tr, days: i64) -> String {
    if days == 0 {
        tr.t("dash-age-today")
    } else {
        tr.ta("age-days", &args([("days", days.into())]))
    }
}

fn links(tr: &Tr, admin: bool) -> Vec<Link> {
    let l = tr.locale;
    let link = |p: Page, id: &str| Link {
        href: p.path(l),
        label: tr.t(id),
    };
    let mut v = vec![
        link(Page::StaffTickets, "staff-tickets-link"),
        link(Page::StaffValidations, "staff-validations-link"),
        link(Page::StaffOrders, "staff-orders-link"),
    ];
    if admin {
        v.extend([
            link(Page::StaffAccounts, "staff-accounts-title"),
            link(Page::StaffAudit, "audit-title"),
            link(Page::StaffProducts, "staff-products-link"),
            link(Page::StaffFaq, "staff-faq-link"),
            link(Page::StaffCanned, "staff-canned-title"),
            link(Page::StaffSla, "sla-admin-link"),
            link(Page::StaffPrivacy, "privacy-export-staff-link"),
        ]);
    }
    v.push(link(Page::AccountSettings, "settings-title"));
    v
}

// ---- Charts ---------------------------------------------------------------------------------

/// The drawing area in the SVG's own units; the SVG scales to its box.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 200.0;

/// A bar chart drawn on the server, with its text alternative and its data as a table.
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    /// The text alternative: what the chart shows, in a sentence or two.
    pub summary: String,
    pub legend: Vec<(usize, String)>,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
    pub grid: Vec<Tick>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub view_box: String,
}

pub struct Bar {
    pub x: String,
    pub y: String,
    pub w: String,
    pub h: String,
    pub series: usize,
}

/// A label on an axis, at `x`, `y`.
pub struct Tick {
    pub x: String,
    pub y: String,
    pub text: String,
}

/// One group of bars: its label and a value per series (`None`: no bar).
struct Group {
    label: String,
    values: Vec<Option<f64>>,
}

fn n(v: f64) -> String {
    format!("{v:.1}")
}

/// The top of the scale: `max` rounded up to 1, 2 or 5 times a power of ten.
pub fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * p)
}

/// Lays out grouped bars; `scale` fixes the top (100 for shares) or, when `None`, fits the data.
fn draw(groups: &[Group], scale: Option<f64>, axis: impl Fn(f64) -> String) -> Drawing {
    let max = groups
        .iter()
        .flat_map(|g| g.values.iter().flatten())
        .fold(0.0f64, |a, b| a.max(*b));
    let top = scale.unwrap_or_else(|| nice_max(max));
    let slot = (WIDTH - LEFT) / groups.len().max(1) as f64;
    let mut bars = vec![];
    let mut ticks = vec![];
    for (i, g) in groups.iter().enumerate() {
        let x0 = LEFT + slot * i as f64;
        let w = slot * 0.75 / g.values.len().max(1) as f64;
        for (k, v) in g.values.iter().enumerate() {
            let Some(v) = v else { continue };
            // A zero still shows as a hairline, so "none" and "nothing drawn" differ.
            let h = ((v / top).clamp(0.0, 1.0) * (BOTTOM - TOP)).max(0.5);
            bars.push(Bar {
                x: n(x0 + slot * 0.125 + w * k as f64),
                y: n(BOTTOM - h),
                w: n(w),
                h: n(h),
                series: k,
            });
        }
        ticks.push(Tick {
            x: n(x0 + slot / 2.0),
            y: n(BOTTOM + 20.0),
            text: g.label.clone(),
        });
    }
    let grid = [0.0, 0.5, 1.0]
        .into_iter()
        .map(|f| Tick {
            x: n(LEFT - 6.0),
            y: n(BOTTOM - f * (BOTTOM - TOP)),
            text: axis(top * f),
        })
        .collect();
    Drawing { bars, ticks, grid }
}

struct Drawing {
    bars: Vec<Bar>,
    ticks: Vec<Tick>,
    grid: Vec<Tick>,
}

fn week_label(tr: &Tr, w: &Week) -> String {
    tr.ta(
        "dash-week",
        &args([("week", i64::from(w.monday.iso_week()).into())]),
    )
}

/// Business minutes as hours with one decimal ("2,5 tim" / "2.5 h").
fn hours(tr: &Tr, minutes: f64) -> String {
    let tenths = (minutes / 6.0).round() as i64;
    let sep = match tr.locale {
        Locale::Sv => ',',
        Locale::En => '.',
    };
    let h = format!(
        "{}{sep}{}",
        format::integer(tr.locale, tenths / 10),
        tenths % 10
    );
    tr.ta("dash-hours", &args([("hours", h.into())]))
}

/// `part` of `whole` in tenths of a percent.
fn share_tenths(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 1000 + whole / 2) / whole)
}

fn percent(tr: &Tr, tenths: Option<i64>) -> String {
    tenths.map_or_else(
        || tr.t("dash-none"),
        |t| format::percent_tenths(tr.locale, t),
    )
}

fn chart(
    id: &'static str,
    title: String,
    summary: String,
    legend: Vec<String>,
    drawing: Drawing,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
) -> Chart {
    Chart {
        id,
        title,
        summary,
        legend: legend.into_iter().enumerate().collect(),
        bars: drawing.bars,
        ticks: drawing.ticks,
        grid: drawing.grid,
        head,
        rows,
        view_box: format!("0 0 {WIDTH} {HEIGHT}"),
    }
}

fn charts(tr: &Tr, s: &Stats) -> Vec<Chart> {
    vec![
        volume(tr, &s.weeks),
        times(tr, &s.weeks),
        within_target(tr, &s.weeks),
        satisfaction(tr, &s.weeks),
        backlog(tr, &s.backlog),
    ]
}

fn integer(tr: &Tr) -> impl Fn(f64) -> String + '_ {
    |v| format::integer(tr.locale, v.round() as i64)
}

fn volume(tr: &Tr, weeks: &[Week]) -> Chart {
    let l = tr.locale;
    let groups: Vec<Group> = weeks
        .iter()
        .map(|w| Group {
            label: week_label(tr, w),
            values: vec![Some(w.opened as f64), Some(w.resolved as f64)],
        })
        .collect();
    let opened: i64 = weeks.iter().map(|w| w.opened).sum();
    let resolved: i64 = weeks.iter().map(|w| w.resolved).sum();
    let summary = tr.ta(
        "dash-volume-summary",
        &args([
            ("weeks", (WEEKS as i64).into()),
            ("opened", format::integer(l, opened).into()),
            ("resolved", format::integer(l, resolved).into()),
        ]),
    );
    let rows = weeks
        .iter()
        .map(|w| {
            vec![
                week_label(tr, w),
                format::integer(l, w.opened),
                format::integer(l, w.resolved),
            ]
        })
        .collect();
    chart(
        "chart-volume",
        tr.t("dash-volume-title"),
        summary,
        vec![tr.t("dash-opened"), tr.t("dash-resolved")],
        draw(&groups, None, integer(tr)),
        vec![
            tr.t("dash-col-week"),
            tr.t("dash-opened"),
            tr.t("dash-resolved"),
        ],
        rows,
    )
}

fn times(tr: &Tr, weeks: &[Week]) -> Chart {
    let to_hours = |m: Option<f64>| m.map(|m| m / 60.0);
    let groups: Vec<Group> = weeks
        .iter()
        .map(|w| Group {
            label: week_label(tr, w),
            values: vec![to_hours(w.median_response), to_hours(w.median_resolution)],
        })
        .collect();
    let text = |m: Option<f64>| m.map_or_else(|| tr.t("dash-none"), |m| hours(tr, m));
    let last = weeks.last();
    let summary = tr.ta(
        "dash-times-summary",
        &args([
            (
                "response",
                text(last.and_then(|w| w.median_response)).into(),
            ),
            (
                "resolution",
                text(last.and_then(|w| w.median_resolution)).into(),
            ),
        ]),
    );
    let rows = weeks
        .iter()
        .map(|w| {
            vec![
                week_label(tr, w),
                text(w.median_response),
                text(w.median_resolution),
            ]
        })
        .collect();
    chart(
        "chart-times",
        tr.t("dash-times-title"),
        summary,
        vec![tr.t("dash-response"), tr.t("dash-resolution")],
        draw(&groups, None, |v| hours(tr, v * 60.0)),
        vec![
            tr.t("dash-col-week"),
            tr.t("dash-response"),
            tr.t("dash-resolution"),
        ],
        rows,
    )
}

fn share_axis(tr: &Tr) -> impl Fn(f64) -> String + '_ {
    |v| format::percent_tenths(tr.locale, (v * 10.0).round() as i64)
}

fn within_target(tr: &Tr, weeks: &[Week]) -> Chart {
    let l = tr.locale;
    let groups: Vec<Group> = weeks
        .iter()
        .map(|w| Group {
            label: week_label(tr, w),
            values: vec![share_tenths(w.response_met, w.responded).map(|t| t as f64 / 10.0)],
        })
        .collect();
    let met: i64 = weeks.iter().map(|w| w.response_met).sum();
    let all: i64 = weeks.iter().map(|w| w.responded).sum();
    let summary = tr.ta(
        "dash-target-summary",
        &args([
            ("weeks", (WEEKS as i64).into()),
            ("share", percent(tr, share_tenths(met, all)).into()),
        ]),
    );
    let rows = weeks
        .iter()
        .map(|w| {
            vec![
                week_label(tr, w),
                percent(tr, share_tenths(w.response_met, w.responded)),
                format::integer(l, w.response_met),
                format::integer(l, w.responded),
            ]
        })
        .collect();
    chart(
        "chart-target",
        tr.t("dash-target-title"),
        summary,
        vec![tr.t("dash-target-share")],
        draw(&groups, Some(100.0), share_axis(tr)),
        vec![
            tr.t("dash-col-week"),
            tr.t("dash-target-share"),
            tr.t("dash-target-met"),
            tr.t("dash-target-answered"),
        ],
        rows,
    )
}

fn satisfaction(tr: &Tr, weeks: &[Week]) -> Chart {
    let l = tr.locale;
    let groups: Vec<Group> = weeks
        .iter()
        .map(|w| Group {
            label: week_label(tr, w),
            values: vec![share_tenths(w.good, w.rated).map(|t| t as f64 / 10.0)],
        })
        .collect();
    let good: i64 = weeks.iter().map(|w| w.good).sum();
    let rated: i64 = weeks.iter().map(|w| w.rated).sum();
    let summary = tr.ta(
        "dash-csat-summary",
        &args([
            ("weeks", (WEEKS as i64).into()),
            ("share", percent(tr, share_tenths(good, rated)).into()),
            ("rated", rated.into()),
        ]),
    );
    let rows = weeks
        .iter()
        .map(|w| {
            vec![
                week_label(tr, w),
                percent(tr, share_tenths(w.good, w.rated)),
                format::integer(l, w.good),
                format::integer(l, w.rated),
            ]
        })
        .collect();
    chart(
        "chart-csat",
        tr.t("dash-csat-title"),
        summary,
        vec![tr.t("dash-csat-share")],
        draw(&groups, Some(100.0), share_axis(tr)),
        vec![
            tr.t("dash-col-week"),
            tr.t("dash-csat-share"),
            tr.t("dash-csat-good"),
            tr.t("dash-csat-rated"),
        ],
        rows,
    )
}

/// The backlog's age groups in words: "under 1 day", "1–3 days", …, "14 days or more".
fn backlog_labels(tr: &Tr) -> Vec<String> {
    let mut v = vec![tr.t("dash-age-under-day")];
    for pair in BACKLOG_DAYS.windows(2) {
        v.push(tr.ta(
            "dash-age-range",
            &args([("from", pair[0].into()), ("to", pair[1].into())]),
        ));
    }
    let last = BACKLOG_DAYS[BACKLOG_DAYS.len() - 1];
    v.push(tr.ta("dash-age-over", &args([("days", last.into())])));
    v
}

fn backlog(tr: &Tr, counts: &[i64; 5]) -> Chart {
    let l = tr.locale;
    let labels = backlog_labels(tr);
    let groups: Vec<Group> = labels
        .iter()
        .zip(counts)
        .map(|(label, c)| Group {
            label: label.clone(),
            values: vec![Some(*c as f64)],
        })
        .collect();
    let total: i64 = counts.iter().sum();
    let summary = tr.ta(
        "dash-backlog-summary",
        &args([
            ("count", total.into()),
            ("old", (counts[3] + counts[4]).into()),
        ]),
    );
    let rows = labels
        .iter()
        .zip(counts)
        .map(|(label, c)| vec![label.clone(), format::integer(l, *c)])
        .collect();
    chart(
        "chart-backlog",
        tr.t("dash-backlog-title"),
        summary,
        vec![tr.t("dash-backlog-count")],
        draw(&groups, None, integer(tr)),
        vec![tr.t("dash-col-age"), tr.t("dash-backlog-count")],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_ends_on_a_round_number() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(1.0), 1.0);
        assert_eq!(nice_max(3.0), 5.0);
        assert_eq!(nice_max(17.0), 20.0);
        assert_eq!(nice_max(51.0), 100.0);
        assert_eq!(nice_max(2000.0), 2000.0);
    }

    #[test]
    fn shares_round_to_tenths_and_need_a_whole() {
        assert_eq!(share_tenths(1, 3), Some(333));
        assert_eq!(share_tenths(2, 3), Some(667));
        assert_eq!(share_tenths(0, 0), None);
        assert_eq!(share_tenths(5, 5), Some(1000));
    }

    #[test]
    fn bars_stay_inside_the_drawing() {
        let groups = vec![
            Group {
                label: "a".into(),
                values: vec![Some(0.0), Some(7.0)],
            },
            Group {
                label: "b".into(),
                values: vec![None, Some(3.0)],
            },
        ];
        let d = draw(&groups, None, |v| v.to_string());
        assert_eq!(d.bars.len(), 3, "no bar for a missing value");
        for b in &d.bars {
            let (x, y, w, h): (f64, f64, f64, f64) = (
                b.x.parse().unwrap(),
                b.y.parse().unwrap(),
                b.w.parse().unwrap(),
                b.h.parse().unwrap(),
            );
            assert!(x >= LEFT && x + w <= WIDTH + 0.1, "{x} {w}");
            assert!(y >= TOP - 0.1 && y + h <= BOTTOM + 0.1, "{y} {h}");
        }
        assert_eq!(d.grid.last().unwrap().text, "10");
    }
}
