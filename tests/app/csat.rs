//! Satisfaction (CSAT) end to end, on both backends: the resolved e-mail's two links, a page
//! that records nothing until its form is sent, one answer per ticket that changes until the
//! ticket closes, forged links, bad input, the staff queue and ticket, the export and erasure.

use std::io::Read;

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::schema::{audit_log, outbox_events, ticket_ratings, tickets};
use donera::outbox::Event;
use serde_json::Value;

use crate::support::{Browser, Resp, TestApp, backends};
use crate::tickets::{contact, refs, staff_browser, staff_reply, visitor};

const NUMBER: &str = "D-2026-00001";
const VERA: &str = "vera@kor.se";

/// The answers stored: (rating, comment) per ticket.
fn ratings(app: &TestApp) -> Vec<(String, String)> {
    let mut c = app.pool().get().unwrap();
    ticket_ratings::table
        .select((ticket_ratings::rating, ticket_ratings::comment))
        .load(&mut c)
        .unwrap()
}

fn audited(app: &TestApp, action: &str) -> i64 {
    let mut c = app.pool().get().unwrap();
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(&mut c)
        .unwrap()
}

/// The newest e-mail of `kind` to `to`.
pub(crate) fn last_mail(app: &TestApp, kind: &str, to: &str) -> Event {
    let mut c = app.pool().get().unwrap();
    outbox_events::table
        .filter(outbox_events::kind.eq(kind))
        .filter(outbox_events::recipient.eq(to))
        .order(outbox_events::created_at.desc())
        .select(Event::as_select())
        .first(&mut c)
        .unwrap()
}

/// The e-mail as its reader sees it: every part decoded.
fn rendered(app: &TestApp, ev: &Event) -> String {
    let msg =
        donera::outbox::mail::compose(&app.state.i18n, &app.state.settings, None, ev).unwrap();
    crate::external::decode_parts(&String::from_utf8(msg.formatted()).unwrap())
}

fn paths(ev: &Event) -> (String, String) {
    let p: Value = serde_json::from_str(&ev.payload).unwrap();
    (
        p["rate_good_path"].as_str().unwrap().to_owned(),
        p["rate_bad_path"].as_str().unwrap().to_owned(),
    )
}

/// The staff side panel's form.
async fn set_state(s: &mut Browser<'_>, state: &str) -> Resp {
    let r = s
        .submit(
            &format!("/sv/personal/arenden/{NUMBER}"),
            &format!("/sv/personal/arenden/{NUMBER}/andra"),
            &[("state", state), ("priority", "normal"), ("assignee", "")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    r
}

/// A visitor's ticket in `lang`, resolved by an agent from the side panel.
async fn resolved<'a>(app: &'a TestApp, lang: &str) -> Browser<'a> {
    let mut v = Browser::new(app);
    let r = contact(&mut v, app, lang, &refs(&visitor(VERA))).await;
    assert_eq!(r.status, 303, "{}", r.text());
    let mut s = staff_browser(app, "agent@partner.example.org", Role::Agent).await;
    set_state(&mut s, "resolved").await;
    s
}

/// The path without its `?a=` choice (where the form posts).
fn action(path: &str) -> String {
    path.split('?').next().unwrap().to_owned()
}

#[actix_web::test]
async fn a_resolved_ticket_asks_and_only_the_sent_form_records_the_answer() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut s = resolved(&app, "sv").await;
        let ev = last_mail(&app, "ticket.state", VERA);
        let (good, bad) = paths(&ev);
        assert!(good.starts_with("/sv/kontakt/omdome/") && good.ends_with("?a=good"));
        assert_eq!(action(&good), action(&bad));
        // The e-mail asks, with both links absolute, and clickable in its HTML part.
        let mail = rendered(&app, &ev);
        let base = &app.state.settings.base_url;
        assert!(mail.contains("Fick du hjälp?"), "{mail}");
        for p in [&good, &bad] {
            assert!(mail.contains(&format!("{base}{p}")), "{mail}");
            let href = format!("href=\"{base}{}\"", p.replace('&', "&amp;"));
            assert!(mail.contains(&href), "{mail}");
        }

        // Following the links (as a link scanner would) only shows the form.
        let mut v = Browser::new(&app);
        let page = v.get(&good).await;
        assert_eq!(page.status, 200, "{}", page.text());
        assert_eq!(page.header("x-robots-tag").unwrap(), "noindex, nofollow");
        assert_eq!(page.header("cache-control").unwrap(), "no-store");
        assert!(page.text().contains(NUMBER) && page.text().contains("Hur validerar vi oss?"));
        assert!(page.attr("input[value=good]", "checked").is_some());
        assert!(page.attr("input[value=bad]", "checked").is_none());
        let page = v.get(&bad).await;
        assert!(page.attr("input[value=bad]", "checked").is_some());
        assert!(page.attr("input[value=good]", "checked").is_none());
        assert!(ratings(&app).is_empty());
        assert_eq!(audited(&app, "ticket.csat"), 0);

        // Without the form's token: refused, nothing recorded.
        let r = v
            .post(&action(&good), &[("rating", "good"), ("comment", "x")])
            .await;
        assert_eq!(r.status, 403);
        assert!(ratings(&app).is_empty());

        // Sent: recorded, audited, announced to the partner, then the thanks.
        let r = v
            .submit(
                &good,
                &action(&good),
                &[("rating", "good"), ("comment", "Snabbt och <b>vänligt</b>")],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        assert_eq!(r.header("location").unwrap(), action(&good));
        let thanks = v.get(&action(&good)).await;
        assert!(
            thanks.text().contains("Tack för ditt svar"),
            "{}",
            thanks.text()
        );
        let body = thanks.text();
        assert!(!body.contains("<b>vänligt"), "{body}");
        assert_eq!(
            thanks.select_text(".msg-body").as_deref(),
            Some("Snabbt och <b>vänligt</b>")
        );
        assert_eq!(
            ratings(&app),
            vec![("good".into(), "Snabbt och <b>vänligt</b>".into())]
        );
        assert_eq!(audited(&app, "ticket.csat"), 1);
        let mut c = app.pool().get().unwrap();
        let hooks: Vec<String> = outbox_events::table
            .filter(outbox_events::kind.eq("ticket.rated"))
            .select(outbox_events::payload)
            .load(&mut c)
            .unwrap();
        assert_eq!(hooks.len(), 1);
        assert!(hooks[0].contains("\"good\"") && !hooks[0].contains("vänligt"));

        // Shown again later: the form with the answer given, not the thanks.
        let again = v.get(&action(&good)).await;
        assert!(!again.text().contains("Tack för ditt svar"));
        assert!(again.attr("input[value=good]", "checked").is_some());
        assert_eq!(
            again.select_text("#comment").as_deref(),
            Some("Snabbt och <b>vänligt</b>")
        );

        // Changed: still one answer.
        let r = v
            .submit(&bad, &action(&bad), &[("rating", "bad"), ("comment", "")])
            .await;
        assert_eq!(r.status, 303);
        assert_eq!(ratings(&app), vec![("bad".into(), String::new())]);
        assert_eq!(audited(&app, "ticket.csat"), 2);

        // Bad input: the message beside the field, the input kept, nothing changed.
        let long = "å".repeat(2_001);
        let r = v
            .submit(
                &good,
                &action(&good),
                &[("rating", "good"), ("comment", long.as_str())],
            )
            .await;
        assert_eq!(r.status, 400);
        // The limit is written with a no-break space, which select_text folds into a space.
        assert!(r.text().contains("högst 2\u{a0}000 tecken"));
        assert!(r.select_text("#comment-error").is_some());
        assert_eq!(r.select_text("#comment").unwrap(), long);
        assert!(r.attr("input[value=good]", "checked").is_some());
        let r = v
            .submit(
                &good,
                &action(&good),
                &[("rating", "great"), ("comment", "Hm")],
            )
            .await;
        assert_eq!(r.status, 400);
        assert!(r.select_text("#rating-error").is_some(), "{}", r.text());
        assert_eq!(r.select_text("#comment").as_deref(), Some("Hm"));
        assert_eq!(ratings(&app), vec![("bad".into(), String::new())]);

        // Staff see it in the queue and on the ticket.
        let q = s.get("/sv/personal/arenden?state=all").await;
        assert_eq!(
            q.select_text(".csat-bad").as_deref(),
            Some("Nej"),
            "{}",
            q.text()
        );
        let t = s.get(&format!("/sv/personal/arenden/{NUMBER}")).await;
        assert!(t.text().contains("Kundens svar"));
        assert!(
            t.select_text(".csat-answer")
                .unwrap()
                .contains("Nej, jag fick inte")
        );

        // In English with the same link.
        let en = v
            .get(&good.replace("/sv/kontakt/omdome/", "/en/contact/rating/"))
            .await;
        assert_eq!(en.status, 200);
        assert_eq!(en.attr("html", "lang").unwrap(), "en");
        assert!(en.text().contains("Did you get the help you needed?"));

        // Closed: the page shows the answer given and takes no other.
        set_state(&mut s, "closed").await;
        let page = v.get(&good).await;
        assert_eq!(page.status, 200);
        assert!(
            page.text().contains("kan inte längre ändras"),
            "{}",
            page.text()
        );
        assert!(page.text().contains("Nej, jag fick inte"));
        assert!(page.select_text("textarea").is_none());
        let csrf = v
            .get("/sv/kontakt")
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        let r = v
            .post(
                &action(&good),
                &[("csrf", csrf.as_str()), ("rating", "good"), ("comment", "")],
            )
            .await;
        assert_eq!(r.status, 409);
        assert!(r.text().contains("kan inte längre ändras"));
        assert_eq!(ratings(&app), vec![("bad".into(), String::new())]);
        assert_eq!(audited(&app, "ticket.csat"), 2);
    }
}

#[actix_web::test]
async fn forged_or_altered_rating_links_lead_nowhere() {
    for kind in backends() {
        let app = TestApp::start(kind);
        resolved(&app, "sv").await;
        let (good, _) = paths(&last_mail(&app, "ticket.state", VERA));
        let link = action(&good);
        let token = link.rsplit('/').next().unwrap().to_owned();
        let (id, mac) = token.split_once('.').unwrap();
        let flipped = format!(
            "{}{}",
            &token[..token.len() - 1],
            if token.ends_with('0') { '1' } else { '0' }
        );
        let mut c = app.pool().get().unwrap();
        // Another ticket's id: the last hex digit changed (to one it is not: a fixed "0" would
        // leave one id in sixteen unchanged, which made this test fail now and then).
        let last = if id.ends_with('0') { '1' } else { '0' };
        let other_id = format!("{}{last}", &id[..id.len() - 1]);
        assert_ne!(other_id, id);
        let n: i64 = tickets::table.count().get_result(&mut c).unwrap();
        assert_eq!(n, 1);
        let mut v = Browser::new(&app);
        let csrf = v
            .get("/sv/kontakt")
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        for bad in [
            flipped,
            format!("{other_id}.{mac}"),
            format!("{id}.{}", "0".repeat(64)),
            id.to_owned(),
            format!("{id}."),
            format!("{token}00"),
            "%00".to_owned(),
            "x".repeat(300),
        ] {
            let p = format!("/sv/kontakt/omdome/{bad}");
            assert_eq!(v.get(&p).await.status, 404, "{p}");
            let r = v
                .post(
                    &p,
                    &[("csrf", csrf.as_str()), ("rating", "good"), ("comment", "")],
                )
                .await;
            assert_eq!(r.status, 404, "{p}");
        }
        assert!(ratings(&app).is_empty());
        // The real one still works.
        assert_eq!(v.get(&good).await.status, 200);
    }
}

#[actix_web::test]
async fn a_resolving_answer_asks_in_the_tickets_language_and_other_mails_do_not() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut v = Browser::new(&app);
        let r = contact(&mut v, &app, "en", &refs(&visitor(VERA))).await;
        assert_eq!(r.status, 303);
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        staff_reply(&mut s, NUMBER, "Upload the certificate.", false, "waiting").await;
        let waiting = last_mail(&app, "ticket.answered", VERA);
        assert!(!waiting.payload.contains("rate_good_path"));
        assert!(!rendered(&app, &waiting).contains("Did we help?"));
        // The test clock stands still: a minute on, so this e-mail is the newest.
        app.clock.advance(time::Duration::minutes(1));
        staff_reply(&mut s, NUMBER, "It is done.", false, "resolved").await;
        let ev = last_mail(&app, "ticket.answered", VERA);
        let (good, bad) = paths(&ev);
        assert!(good.starts_with("/en/contact/rating/"), "{good}");
        assert!(bad.ends_with("?a=bad"));
        let mail = rendered(&app, &ev);
        assert!(mail.contains("Did we help?"), "{mail}");
        assert!(mail.contains("Support has replied"), "{mail}");
        let page = v.get(&bad).await;
        assert_eq!(page.attr("html", "lang").unwrap(), "en");
        assert!(page.attr("input[value=bad]", "checked").is_some());
        // An internal note sends nothing; delivered, the links in the stored event stop working.
        let p: Value =
            serde_json::from_str(&donera::outbox::without_link_tokens(&ev.payload)).unwrap();
        assert_eq!(p["rate_good_path"], "/en/contact/rating/-");
    }
}

/// The ZIP's `tickets.json`.
fn exported_tickets(res: &Resp) -> Value {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(res.body.clone())).unwrap();
    let mut f = z.by_name("tickets.json").unwrap();
    let mut data = vec![];
    f.read_to_end(&mut data).unwrap();
    serde_json::from_slice(&data).unwrap()
}

#[actix_web::test]
async fn the_export_holds_the_answer_and_erasure_clears_its_comment() {
    for kind in backends() {
        let app = TestApp::start(kind);
        resolved(&app, "sv").await;
        let (good, _) = paths(&last_mail(&app, "ticket.state", VERA));
        let mut v = Browser::new(&app);
        let r = v
            .submit(
                &good,
                &action(&good),
                &[("rating", "good"), ("comment", "Tack, Stina!")],
            )
            .await;
        assert_eq!(r.status, 303);

        let mut admin = staff_browser(&app, "admin@partner.example.org", Role::Admin).await;
        let res = admin
            .submit(
                "/sv/personal/integritet",
                "/sv/personal/integritet/export",
                &[("email", VERA)],
            )
            .await;
        assert_eq!(res.status, 200, "{}", res.text());
        let t = exported_tickets(&res);
        let sat = &t[0]["satisfaction"];
        assert_eq!(sat["rating"], "good", "{t}");
        assert_eq!(sat["comment"], "Tack, Stina!");
        assert!(sat["rated_at"].as_str().unwrap().starts_with("2026-"));

        let id: String = {
            let mut c = app.pool().get().unwrap();
            tickets::table.select(tickets::id).first(&mut c).unwrap()
        };
        let mut c = app.pool().get().unwrap();
        let now = app.clock.now_utc_naive();
        donera::tickets::service::erase_content(&mut c, &[id], now).unwrap();
        assert_eq!(ratings(&app), vec![("good".into(), String::new())]);
        // Erased tickets are closed: the link shows the answer and takes no other.
        assert!(v.get(&good).await.text().contains("kan inte längre ändras"));
    }
}

#[actix_web::test]
async fn only_staff_see_the_answers() {
    for kind in backends() {
        let app = TestApp::start(kind);
        resolved(&app, "sv").await;
        let (good, _) = paths(&last_mail(&app, "ticket.state", VERA));
        let mut v = Browser::new(&app);
        v.submit(
            &good,
            &action(&good),
            &[("rating", "good"), ("comment", "HEMLIG-KOMMENTAR")],
        )
        .await;
        // A visitor and a signed-in user who is not staff reach no staff page.
        for p in [
            "/sv/personal/arenden?state=all",
            "/sv/personal/arenden/D-2026-00001",
        ] {
            let r = v.get(p).await;
            assert!(r.status == 303 || r.status == 403 || r.status == 404, "{p}");
            assert!(!r.text().contains("HEMLIG-KOMMENTAR"));
        }
        let mut m = Browser::new(&app);
        crate::support::registered_member(
            &mut m,
            "Förening M",
            &crate::support::orgnr(41),
            "m@m.se",
        )
        .await;
        for p in [
            "/sv/personal/arenden?state=all",
            "/sv/personal/arenden/D-2026-00001",
        ] {
            let r = m.get(p).await;
            assert!(r.status == 403 || r.status == 404, "{p}: {}", r.status);
            assert!(!r.text().contains("HEMLIG-KOMMENTAR"));
        }
        // The member's own ticket list knows nothing of another's answer either.
        assert!(
            !m.get("/sv/konto/arenden")
                .await
                .text()
                .contains("HEMLIG-KOMMENTAR")
        );
    }
}
