//! The search quality set of #24 (`tests/fixtures/search-quality.json`): 40 tickets in Swedish
//! and English and 30 searches, each with the tickets a person who types it wants. The searches
//! go through the staff queue of the real app, on both backends, which must agree; the figure
//! is held to what the search reached when it was measured, so a change that finds fewer of
//! the wanted tickets fails here. `tests/bench/search-quality.py` measures FTS5 and
//! PostgreSQL's full-text search on the same set (ARCHITECTURE.md has the comparison).

use std::collections::BTreeSet;

use donera::accounts::model::Role;
use donera::tickets::Category;
use donera::tickets::service::{self, NewTicket, Requester};
use serde::Deserialize;
use time::Duration;

use crate::support::{Browser, PW, Resp, TestApp, backends, login, staff_user};

#[derive(Deserialize)]
struct Set {
    tickets: Vec<Ticket>,
    queries: Vec<Query>,
}

#[derive(Deserialize)]
struct Ticket {
    key: String,
    name: String,
    email: String,
    org: String,
    subject: String,
    body: String,
}

#[derive(Deserialize)]
struct Query {
    q: String,
    find: BTreeSet<String>,
}

/// Searches that found exactly their tickets when the stems came in (21 of 30; 12 before).
const RIGHT_AT_LEAST: usize = 21;

#[actix_web::test]
async fn the_search_finds_what_the_quality_set_asks_for_on_both_backends() {
    let set: Set = serde_json::from_str(include_str!("../fixtures/search-quality.json")).unwrap();
    assert_eq!(set.queries.len(), 30);
    let mut answers: Vec<Vec<BTreeSet<String>>> = vec![];
    for kind in backends() {
        let app = TestApp::start(kind);
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        {
            let mut c = app.pool().get().unwrap();
            for t in &set.tickets {
                let who = (t.name.as_str(), t.email.as_str(), t.org.as_str());
                open(&app, &mut c, who, &t.subject, &t.body);
            }
        }
        // Tickets are numbered in the order they came: D-2026-00001 is the set's first.
        let key_of = |number: &str| -> String {
            let i: usize = number.rsplit('-').next().unwrap().parse().unwrap();
            set.tickets[i - 1].key.clone()
        };
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        let mut found = vec![];
        for q in &set.queries {
            let query =
                serde_urlencoded::to_string([("state", "all"), ("q", q.q.as_str())]).unwrap();
            let r = s.get(&format!("/sv/personal/arenden?{query}")).await;
            assert_eq!(r.status, 200, "{kind:?} {:?}", q.q);
            found.push(
                numbers(&r)
                    .iter()
                    .map(|n| key_of(n))
                    .collect::<BTreeSet<_>>(),
            );
        }
        let (mut right, mut recall, mut precision) = (0, 0.0, 0.0);
        for (q, got) in set.queries.iter().zip(&found) {
            let hit = q.find.intersection(got).count() as f64;
            recall += hit / q.find.len() as f64;
            precision += if got.is_empty() {
                0.0
            } else {
                hit / got.len() as f64
            };
            if *got == q.find {
                right += 1;
            } else {
                println!(
                    "  {kind:?} {:?}: missing {:?}, extra {:?}",
                    q.q,
                    q.find.difference(got).collect::<Vec<_>>(),
                    got.difference(&q.find).collect::<Vec<_>>()
                );
            }
        }
        let n = set.queries.len() as f64;
        println!(
            "portal ({kind:?}): right {right}/30, recall {:.2}, precision {:.2}",
            recall / n,
            precision / n
        );
        assert!(right >= RIGHT_AT_LEAST, "{kind:?}: {right} of 30 right");
        assert!(
            precision / n >= 0.95,
            "{kind:?}: precision {:.2}",
            precision / n
        );
        answers.push(found);
    }
    if let [first, rest @ ..] = answers.as_slice() {
        for other in rest {
            assert_eq!(first, other, "the backends find different tickets");
        }
    }
}

/// Opens a visitor's ticket from (name, e-mail, organisation) a minute after the one before.
fn open(
    app: &TestApp,
    c: &mut donera::db::DbConn,
    who: (&str, &str, &str),
    subject: &str,
    body: &str,
) {
    app.clock.advance(Duration::minutes(1));
    let who = Requester {
        user: None,
        name: who.0.into(),
        email: who.1.into(),
        org: who.2.into(),
        locale: donera::i18n::Locale::Sv,
    };
    let new = NewTicket {
        category: Category::Other,
        subject: subject.into(),
        body: body.into(),
        order_id: None,
        validation_id: None,
        article_id: None,
        files: vec![],
    };
    let now = app.clock.now_utc_naive();
    let sla = donera::tickets::sla::load(c).unwrap();
    let desk = service::Desk {
        routing: &app.state.routing,
        sla: &sla,
    };
    service::create(c, now, &desk, &who, &new, "127.0.0.1").unwrap();
}

fn numbers(r: &Resp) -> Vec<String> {
    let sel = scraper::Selector::parse("table.tickets tbody tr td.pick + td a").unwrap();
    r.html().select(&sel).map(|a| a.text().collect()).collect()
}

/// An enormous text (a mailed log, say) is indexed as far as the index takes it, and never stops
/// the index: the words of the tickets after it are found, and nothing stays queued. PostgreSQL
/// refuses a vector over 1 MB; the portal caps what one ticket adds.
#[actix_web::test]
async fn an_enormous_text_does_not_stop_the_search_index() {
    use diesel::prelude::*;
    use donera::db::schema::ticket_index_queue;
    for kind in backends() {
        let app = TestApp::start(kind);
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        // 40,000 different words of 38 letters: 1.5 MB, twice.
        let huge = |seed: u32| -> String {
            (0..40_000u32)
                .map(|i| format!("w{seed}x{i:06}{}", "q".repeat(29)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        {
            let mut c = app.pool().get().unwrap();
            for (subject, body) in [
                ("Loggfil", huge(1)),
                ("Loggfil igen", huge(2)),
                (
                    "Vanlig fråga",
                    "Hur beställer jag zebralicenser?".to_owned(),
                ),
            ] {
                let who = ("Logg Skickare", "logg@example.org", "");
                open(&app, &mut c, who, subject, &body);
            }
            // The same ticket's vector grows past the cap by a second enormous text.
            let first: String = donera::db::schema::tickets::table
                .filter(donera::db::schema::tickets::number.eq("D-2026-00001"))
                .select(donera::db::schema::tickets::id)
                .first(&mut c)
                .unwrap();
            let more = huge(3);
            donera::tickets::search::queue(&mut c, &first, &[&more]).unwrap();
        }
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        for (q, want) in [
            ("zebralicens", vec!["D-2026-00003"]),
            ("w1x000001", vec!["D-2026-00001"]),
            ("w2x000001", vec!["D-2026-00002"]),
        ] {
            let r = s
                .get(&format!("/sv/personal/arenden?state=all&q={q}"))
                .await;
            assert_eq!(r.status, 200, "{kind:?} {q}");
            assert_eq!(numbers(&r), want, "{kind:?} {q}");
        }
        let mut c = app.pool().get().unwrap();
        let queued: i64 = ticket_index_queue::table
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(queued, 0, "{kind:?}: nothing left waiting");
    }
}
