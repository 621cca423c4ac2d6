//! Issue 22, point 4: the staff dashboard. Every figure is checked against a count made in Rust
//! from the same rows, on both backends; the page shows them, links each to its queue, and is
//! the staff's alone.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::DbConn;
use donera::db::schema::{
    files, orders, organisations, ticket_ratings, tickets, users, validation_requests as vr,
};
use donera::overview::staff_stats::{self, BACKLOG_DAYS, Stats, WEEKS, Week};
use donera::tickets::business_time::{local_date, stockholm};
use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::support::{Browser, PDF, TestApp, backends, orgnr, registered_member};
use crate::tickets::staff_browser;

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// One generated ticket, as inserted.
struct T {
    id: String,
    state: &'static str,
    assignee: Option<String>,
    created_at: PrimitiveDateTime,
    first_response_at: Option<PrimitiveDateTime>,
    response_minutes: Option<i64>,
    response_met: Option<bool>,
    resolved_at: Option<PrimitiveDateTime>,
    resolution_minutes: Option<i64>,
    due_at: Option<PrimitiveDateTime>,
    rating: Option<(&'static str, PrimitiveDateTime)>,
}

fn owner(c: &mut DbConn, at: PrimitiveDateTime) {
    diesel::insert_into(organisations::table)
        .values((
            organisations::id.eq("org"),
            organisations::name.eq("Kören"),
            organisations::org_number.eq(orgnr(77)),
            organisations::org_type.eq("association"),
            organisations::needs_review.eq(false),
            organisations::created_at.eq(at),
        ))
        .execute(c)
        .unwrap();
    diesel::insert_into(users::table)
        .values((
            users::id.eq("member"),
            users::email.eq("anna@koren.example.org"),
            users::name.eq("Anna"),
            users::role.eq("member"),
            users::organisation_id.eq("org"),
            users::is_org_admin.eq(true),
            users::locale.eq("sv"),
            users::created_at.eq(at),
        ))
        .execute(c)
        .unwrap();
}

fn validation(c: &mut DbConn, id: &str, state: &str, submitted_at: PrimitiveDateTime) {
    diesel::insert_into(files::table)
        .values((
            files::id.eq(id),
            files::organisation_id.eq("org"),
            files::uploaded_by.eq("member"),
            files::original_name.eq("intyg.pdf"),
            files::content_type.eq("application/pdf"),
            files::size.eq(PDF.len() as i64),
            files::sha256.eq("00"),
            files::data.eq(PDF),
            files::created_at.eq(submitted_at),
        ))
        .execute(c)
        .unwrap();
    diesel::insert_into(vr::table)
        .values((
            vr::id.eq(id),
            vr::organisation_id.eq("org"),
            vr::file_id.eq(id),
            vr::note.eq(""),
            vr::state.eq(state),
            vr::submitted_by.eq("member"),
            vr::submitted_at.eq(submitted_at),
        ))
        .execute(c)
        .unwrap();
}

fn order(c: &mut DbConn, id: &str, state: &str, at: PrimitiveDateTime) {
    diesel::insert_into(orders::table)
        .values((
            orders::id.eq(id),
            orders::organisation_id.eq("org"),
            orders::placed_by.eq("member"),
            orders::idempotency_key.eq(id),
            orders::state.eq(state),
            orders::total_ore.eq(0i64),
            orders::submitted_at.eq(at),
            orders::updated_at.eq(at),
        ))
        .execute(c)
        .unwrap();
}

fn insert(c: &mut DbConn, n: usize, t: &T) {
    diesel::insert_into(tickets::table)
        .values((
            tickets::id.eq(&t.id),
            tickets::number.eq(format!("D-2026-{n:05}")),
            tickets::requester_name.eq("Vera"),
            tickets::requester_email.eq("vera@byn.example.org"),
            tickets::requester_org.eq("Byn"),
            tickets::locale.eq("sv"),
            tickets::category.eq("other"),
            tickets::subject.eq("Fråga"),
            tickets::state.eq(t.state),
            tickets::priority.eq("normal"),
            tickets::assignee_id.eq(&t.assignee),
            tickets::created_at.eq(t.created_at),
            tickets::updated_at.eq(t.created_at),
            tickets::customer_at.eq(t.created_at),
            tickets::first_response_at.eq(t.first_response_at),
            tickets::response_minutes.eq(t.response_minutes),
            tickets::response_met.eq(t.response_met),
            tickets::resolved_at.eq(t.resolved_at),
            tickets::resolution_minutes.eq(t.resolution_minutes),
            tickets::resolution_met.eq(t.resolution_minutes.map(|m| m < 2700)),
            tickets::due_at.eq(t.due_at),
        ))
        .execute(c)
        .unwrap();
    if let Some((rating, at)) = t.rating {
        diesel::insert_into(ticket_ratings::table)
            .values((
                ticket_ratings::ticket_id.eq(&t.id),
                ticket_ratings::rating.eq(rating),
                ticket_ratings::comment.eq(""),
                ticket_ratings::rated_at.eq(at),
            ))
            .execute(c)
            .unwrap();
    }
}

/// An instant some way back from `now`; a few land exactly on or just before a week's start, so
/// the bounds are tested too.
fn instant(r: &mut Rng, now: PrimitiveDateTime, edges: &[PrimitiveDateTime]) -> PrimitiveDateTime {
    match r.below(10) {
        0 => edges[r.below(edges.len() as u64) as usize],
        1 => edges[r.below(edges.len() as u64) as usize] - Duration::seconds(1),
        _ => now - Duration::seconds(r.below(100 * 86_400) as i64) - Duration::milliseconds(250),
    }
    .min(now)
}

fn generate(me: &str, other: &str, now: PrimitiveDateTime) -> Vec<T> {
    let mut r = Rng(22);
    // Every Monday 00:00 Stockholm of the last fifteen weeks, computed apart from the code.
    let today = local_date(now.assume_utc());
    let monday = today - Duration::days(today.weekday().number_days_from_monday().into());
    let edges: Vec<PrimitiveDateTime> = (0..15)
        .map(|i| {
            let t = stockholm(monday - Duration::weeks(i), Time::MIDNIGHT);
            PrimitiveDateTime::new(t.date(), t.time())
        })
        .filter(|t| *t <= now)
        .collect();
    let states = ["new", "open", "waiting", "resolved", "closed"];
    (0..400)
        .map(|i| {
            let state = states[r.below(5) as usize];
            let created_at = instant(&mut r, now, &edges);
            let assignee = match r.below(3) {
                0 => Some(me.to_owned()),
                1 => Some(other.to_owned()),
                _ => None,
            };
            let answered = state != "new" && r.chance(85);
            let first_response_at = answered.then(|| instant(&mut r, now, &edges).max(created_at));
            // A few measured times are missing (tickets older than the measurement).
            let response_minutes = first_response_at
                .filter(|_| r.chance(95))
                .map(|_| r.below(1500) as i64);
            let response_met = response_minutes.map(|m| m <= 540);
            let finished = state == "resolved" || state == "closed";
            let resolved_at = finished
                .then(|| instant(&mut r, now, &edges).max(first_response_at.unwrap_or(created_at)));
            let resolution_minutes = resolved_at
                .filter(|_| r.chance(95))
                .map(|_| r.below(6000) as i64);
            let due_at = (!finished && state != "waiting")
                .then(|| now + Duration::minutes(r.below(4000) as i64 - 2000))
                .map(|d| if r.chance(5) { now } else { d });
            let rating = resolved_at.filter(|_| r.chance(50)).map(|at| {
                let rating = if r.chance(70) { "good" } else { "bad" };
                (rating, instant(&mut r, now, &edges).max(at))
            });
            T {
                id: format!("t{i}"),
                state,
                assignee,
                created_at,
                first_response_at,
                response_minutes,
                response_met,
                resolved_at,
                resolution_minutes,
                due_at,
                rating,
            }
        })
        .collect()
}

/// The week of an instant among the charted ones: its Stockholm Monday's distance from the first.
fn week_of(first: Date, t: PrimitiveDateTime) -> Option<usize> {
    let d = local_date(t.assume_utc());
    let monday = d - Duration::days(d.weekday().number_days_from_monday().into());
    let i = (monday - first).whole_weeks();
    (0..WEEKS as i64).contains(&i).then_some(i as usize)
}

fn median(mut v: Vec<i64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    })
}

fn expected(
    ts: &[T],
    me: &str,
    now: PrimitiveDateTime,
    pending: &[PrimitiveDateTime],
    orders: i64,
) -> Stats {
    let today = local_date(now.assume_utc());
    let this_monday = today - Duration::days(today.weekday().number_days_from_monday().into());
    let first = this_monday - Duration::weeks(WEEKS as i64 - 1);
    let active = |t: &&T| t.state != "resolved" && t.state != "closed";
    let mut weeks: Vec<Week> = (0..WEEKS)
        .map(|i| Week {
            monday: first + Duration::weeks(i as i64),
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
    let mut response: Vec<Vec<i64>> = vec![vec![]; WEEKS];
    let mut resolution: Vec<Vec<i64>> = vec![vec![]; WEEKS];
    for t in ts {
        if let Some(w) = week_of(first, t.created_at) {
            weeks[w].opened += 1;
        }
        if let Some(w) = t.first_response_at.and_then(|at| week_of(first, at)) {
            weeks[w].responded += 1;
            weeks[w].response_met += i64::from(t.response_met == Some(true));
            response[w].extend(t.response_minutes);
        }
        if let Some(w) = t.resolved_at.and_then(|at| week_of(first, at)) {
            weeks[w].resolved += 1;
            resolution[w].extend(t.resolution_minutes);
        }
        if let Some((rating, at)) = t.rating
            && let Some(w) = week_of(first, at)
        {
            weeks[w].rated += 1;
            weeks[w].good += i64::from(rating == "good");
        }
    }
    for (w, week) in weeks.iter_mut().enumerate() {
        week.median_response = median(response[w].clone());
        week.median_resolution = median(resolution[w].clone());
    }
    let mut backlog = [0; 5];
    for at in pending {
        backlog[staff_stats::backlog_group(now, *at)] += 1;
    }
    Stats {
        counts: staff_stats::Counts {
            new: ts.iter().filter(|t| t.state == "new").count() as i64,
            mine: ts
                .iter()
                .filter(active)
                .filter(|t| t.assignee.as_deref() == Some(me))
                .count() as i64,
            unassigned: ts
                .iter()
                .filter(active)
                .filter(|t| t.assignee.is_none())
                .count() as i64,
            overdue: ts
                .iter()
                .filter(|t| t.due_at.is_some_and(|d| d < now))
                .count() as i64,
            validations: pending.len() as i64,
            oldest_validation: pending.iter().min().copied(),
            orders,
        },
        assigned: {
            let mut n: std::collections::BTreeMap<String, i64> = Default::default();
            for t in ts.iter().filter(active) {
                if let Some(a) = &t.assignee {
                    *n.entry(a.clone()).or_default() += 1;
                }
            }
            n.into_iter().collect()
        },
        weeks,
        backlog,
    }
}

#[test]
fn backlog_groups_match_the_days_the_page_names() {
    assert_eq!(BACKLOG_DAYS, [1, 3, 7, 14]);
}

#[actix_web::test]
async fn every_figure_matches_a_count_of_the_rows() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let now = app.clock.now_utc_naive();
        let (me, other) = {
            let mut c = app.pool().get().unwrap();
            let me: String = users::table
                .filter(users::email.eq("agent@partner.example.org"))
                .select(users::id)
                .first(&mut c)
                .unwrap();
            let other = donera::accounts::service::create_staff(
                &mut c,
                now,
                "other@partner.example.org",
                "Olle",
                Role::Agent,
                "x",
            )
            .unwrap();
            (me, other)
        };
        let ts = generate(&me, &other, now);
        let mut pending = vec![];
        {
            let mut c = app.pool().get().unwrap();
            owner(&mut c, now - Duration::days(400));
            for (i, t) in ts.iter().enumerate() {
                insert(&mut c, i, t);
            }
            let mut r = Rng(7);
            for i in 0..40 {
                let at = match i {
                    0 => now - Duration::days(1),
                    1 => now - Duration::days(7),
                    _ => now - Duration::minutes(r.below(30 * 1440) as i64),
                };
                let state = ["pending", "pending", "approved", "rejected"][r.below(4) as usize];
                validation(&mut c, &format!("v{i}"), state, at);
                if state == "pending" {
                    pending.push(at);
                }
            }
            for (i, state) in ["submitted", "granted", "submitted", "denied"]
                .iter()
                .enumerate()
            {
                order(
                    &mut c,
                    &format!("o{i}"),
                    state,
                    now - Duration::days(i as i64),
                );
            }
        }
        let want = expected(&ts, &me, now, &pending, 2);
        let got = {
            let mut c = app.pool().get().unwrap();
            staff_stats::load(&mut c, &me, now).unwrap()
        };
        assert_eq!(got.counts, want.counts, "{kind:?}");
        let mut assigned = got.assigned.clone();
        assigned.sort();
        assert_eq!(
            assigned, want.assigned,
            "{kind:?}: every agent's active tickets"
        );
        assert!(want.assigned.len() >= 2, "two agents have tickets");
        for (g, w) in got.weeks.iter().zip(&want.weeks) {
            assert_eq!(g, w, "{kind:?}");
        }
        assert_eq!(got.backlog, want.backlog, "{kind:?}");
        assert!(
            want.weeks.iter().all(|w| w.opened > 0),
            "the data spans every week"
        );
        assert!(want.counts.overdue > 0 && want.counts.mine > 0);

        // The page shows the counts, each linking to its queue.
        let page = s.get("/en/staff/").await;
        assert_eq!(page.status, 200, "{kind:?}");
        assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));
        let html = page.html();
        let figure = |href: &str| {
            let sel =
                scraper::Selector::parse(&format!(".dash-figures a[href=\"{href}\"] .dash-value"))
                    .unwrap();
            html.select(&sel)
                .next()
                .map(|e| e.text().collect::<String>())
                .unwrap_or_else(|| panic!("no figure links to {href}"))
        };
        let c = &want.counts;
        assert_eq!(figure("/en/staff/tickets?state=new"), c.new.to_string());
        assert_eq!(
            figure("/en/staff/tickets?assignee=mine"),
            c.mine.to_string()
        );
        assert_eq!(
            figure("/en/staff/tickets?assignee=unassigned"),
            c.unassigned.to_string()
        );
        assert_eq!(
            figure("/en/staff/tickets?due=late&sort=due"),
            c.overdue.to_string()
        );
        assert_eq!(
            figure("/en/staff/validations?state=pending"),
            c.validations.to_string()
        );
        assert_eq!(
            figure("/en/staff/orders?state=submitted"),
            c.orders.to_string()
        );
        // Five charts, each an image with a title and a description, and a table of its data.
        let svgs = scraper::Selector::parse("svg[role=img]").unwrap();
        let charts: Vec<_> = html.select(&svgs).collect();
        assert_eq!(charts.len(), 5);
        for svg in charts {
            let ids = svg.value().attr("aria-labelledby").unwrap();
            for id in ids.split(' ') {
                let sel = scraper::Selector::parse(&format!("#{id}")).unwrap();
                let text: String = html.select(&sel).next().unwrap().text().collect();
                assert!(!text.trim().is_empty(), "{id}");
            }
        }
        let tables = scraper::Selector::parse("figure.chart details table").unwrap();
        assert_eq!(html.select(&tables).count(), 5);
        // The weekly table's rows are the figures above, this week last.
        let last = want.weeks.last().unwrap();
        let text = page.text();
        assert!(
            text.contains(&format!(
                "<th scope=\"row\">Wk {}</th>",
                last.monday.iso_week()
            )),
            "{kind:?}"
        );
        // Swedish too.
        let sv = s.get("/sv/personal/").await;
        assert_eq!(sv.status, 200);
        assert!(
            sv.text()
                .contains("href=\"/sv/personal/arenden?state=new\"")
        );
    }
}

#[actix_web::test]
async fn an_empty_help_desk_shows_zeros_and_no_medians() {
    let app = TestApp::start(backends()[0]);
    let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
    let page = s.get("/sv/personal/").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("saknas"));
    assert_eq!(
        page.select_text(".dash-figures li:first-child .dash-value")
            .as_deref(),
        Some("0")
    );
}

#[actix_web::test]
async fn only_staff_see_the_dashboard_and_only_admins_their_links() {
    let app = TestApp::start(backends()[0]);
    // A visitor is sent to log in; a member is refused.
    let mut v = Browser::new(&app);
    let res = v.get("/sv/personal/").await;
    assert_eq!(res.status, 303);
    assert!(res.header("location").unwrap().starts_with("/sv/logga-in"));
    let mut m = Browser::new(&app);
    registered_member(&mut m, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    assert_eq!(m.get("/sv/personal/").await.status, 403);
    assert_eq!(m.get("/en/staff/").await.status, 403);
    // Without the slash: redirected.
    let res = v.get("/sv/personal").await;
    assert_eq!(res.status, 308);
    assert_eq!(res.header("location").as_deref(), Some("/sv/personal/"));

    let mut agent = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
    let home = agent.get("/sv/personal/").await;
    assert_eq!(home.status, 200);
    let text = home.text();
    assert!(text.contains("href=\"/sv/personal/arenden\""));
    assert!(text.contains("<body class=\"staff\">"), "full width");
    assert!(!text.contains("href=\"/sv/personal/konton\""), "admin only");

    crate::support::staff_user(&app, "chef@partner.example.org", Role::Admin).await;
    let mut admin = Browser::new(&app);
    crate::support::login(&mut admin, "chef@partner.example.org", crate::support::PW).await;
    let home = admin.get("/sv/personal/").await;
    assert_eq!(home.status, 200);
    assert!(home.text().contains("href=\"/sv/personal/konton\""));

    // Public pages keep their reading width.
    let public = v.get("/sv/").await;
    assert!(!public.text().contains("class=\"staff\""));
}
