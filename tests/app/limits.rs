//! Limits and the smaller hardening of issue 19 (points 2, 3 and 6): the login throttle under a
//! parallel burst, anonymous forms without session rows, masked CSRF tokens, cookies and caches,
//! outbox payloads without working links, slow bodies, limit settings, registration and
//! invitation limits.

use std::sync::Arc;

use diesel::prelude::*;
use donera::db::schema::{outbox_events as ev, sessions};
use donera::i18n::I18n;
use donera::outbox::worker::{Worker, WorkerConfig};

use crate::accounts::registered_member;
use crate::support::{Browser, TestApp, backends, settings_with};
use crate::validation::orgnr;

fn session_rows(app: &TestApp) -> i64 {
    let mut conn = app.pool().get().unwrap();
    sessions::table.count().get_result(&mut conn).unwrap()
}

fn csrf_of(res: &crate::support::Resp) -> String {
    res.attr("input[name=csrf]", "value").unwrap()
}

#[test]
fn zero_turns_every_limit_setting_off_and_starts() {
    let db = crate::support::TestDb::new(crate::support::Kind::Sqlite);
    let dir = tempfile::tempdir().unwrap();
    let s = settings_with(
        &db,
        dir.path(),
        &[
            ("DONERA_CONTACT_EMAIL_LIMIT_PER_HOUR", "0"),
            ("DONERA_CONTACT_IP_LIMIT_PER_HOUR", "0"),
        ],
    );
    assert_eq!((s.contact_email_limit, s.contact_ip_limit), (0, 0));
}

#[actix_web::test]
async fn a_parallel_burst_of_wrong_passwords_gets_at_most_five_guesses() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut owner = Browser::new(&app);
        registered_member(&mut owner, "Föreningen Burst", &orgnr(301), "burst@example.org").await;
        // Twenty browsers, each with its own form, all sending a wrong password at once.
        let mut browsers = vec![];
        for _ in 0..20 {
            let mut b = Browser::new(&app);
            let page = b.get("/sv/logga-in").await;
            let csrf = csrf_of(&page);
            browsers.push((b, csrf));
        }
        let tries = browsers.iter_mut().map(|(b, csrf)| {
            let csrf = csrf.clone();
            async move {
                b.post(
                    "/sv/logga-in",
                    &[
                        ("csrf", csrf.as_str()),
                        ("email", "burst@example.org"),
                        ("password", "fel lösenord igen"),
                    ],
                )
                .await
                .status
            }
        });
        let statuses = futures_util::future::join_all(tries).await;
        let guesses = statuses.iter().filter(|s| **s == 400).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        assert!(guesses <= 5, "{kind:?}: {guesses} guesses: {statuses:?}");
        assert_eq!(guesses + refused, 20, "{kind:?}: {statuses:?}");
    }
}

#[actix_web::test]
async fn anonymous_form_pages_write_no_session_and_their_forms_still_work() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let faq = app.get("/sv/fragor").await;
        let article = faq
            .html()
            .select(&scraper::Selector::parse("a[href^='/sv/fragor/']").unwrap())
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .find(|h| h.trim_start_matches("/sv/fragor/").len() > 1 && !h.contains('?'))
            .expect("an FAQ article link");
        let before = session_rows(&app);
        for path in [
            "/sv/logga-in",
            "/sv/registrera",
            "/sv/glomt-losenord",
            "/sv/kontakt",
            article.as_str(),
            "/en/login",
        ] {
            for _ in 0..10 {
                let res = app.get(path).await;
                assert_eq!(res.status, 200, "{kind:?} {path}");
                assert!(res.attr("input[name=csrf]", "value").is_some(), "{path}");
                let cc = res.header("cache-control").unwrap_or_default();
                assert!(
                    cc.contains("no-store") || cc.contains("private"),
                    "{kind:?} {path}: {cc}"
                );
            }
        }
        assert_eq!(session_rows(&app), before, "{kind:?}: GETs wrote sessions");

        // The forms work with the cookie the page set.
        let mut b = Browser::new(&app);
        let res = b
            .submit(
                "/sv/logga-in",
                "/sv/logga-in",
                &[("email", "nobody@example.org"), ("password", "fel lösenord igen")],
            )
            .await;
        assert_eq!(res.status, 400, "{kind:?}: a wrong password, not a CSRF failure");
        // Without the cookie the token is worth nothing.
        let page = app.get("/sv/logga-in").await;
        let mut stranger = Browser::new(&app);
        let res = stranger
            .post(
                "/sv/logga-in",
                &[("csrf", csrf_of(&page).as_str()), ("email", "a@b.se"), ("password", "x")],
            )
            .await;
        assert_eq!(res.status, 403, "{kind:?}");
    }
}

#[actix_web::test]
async fn csrf_tokens_are_masked_per_response_and_each_verifies() {
    for kind in backends() {
        let app = TestApp::start(kind);
        // Anonymous forms.
        let mut b = Browser::new(&app);
        let first = csrf_of(&b.get("/sv/logga-in").await);
        let second = csrf_of(&b.get("/sv/logga-in").await);
        assert_ne!(first, second, "{kind:?}");
        for t in [&first, &second] {
            let res = b
                .post(
                    "/sv/logga-in",
                    &[("csrf", t.as_str()), ("email", "x@example.org"), ("password", "fel lösenord")],
                )
                .await;
            assert_eq!(res.status, 400, "{kind:?}: {t}");
        }
        // A token with one digit changed fails.
        let mut bad = first.clone().into_bytes();
        bad[100] = if bad[100] == b'0' { b'1' } else { b'0' };
        let res = b
            .post(
                "/sv/logga-in",
                &[("csrf", std::str::from_utf8(&bad).unwrap()), ("email", "x@example.org"), ("password", "x")],
            )
            .await;
        assert_eq!(res.status, 403, "{kind:?}");

        // Signed-in forms.
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Mask", &orgnr(302), "mask@example.org").await;
        let a = csrf_of(&m.get("/sv/konto/kollegor").await);
        let c = csrf_of(&m.get("/sv/konto/kollegor").await);
        assert_ne!(a, c, "{kind:?}");
        for (t, email) in [(&a, "k1@example.org"), (&c, "k2@example.org")] {
            let res = m
                .post(
                    "/sv/konto/kollegor",
                    &[("csrf", t.as_str()), ("name", "Kollega"), ("email", email)],
                )
                .await;
            assert_ne!(res.status, 403, "{kind:?}: {t}");
        }
    }
}

#[actix_web::test]
async fn a_response_that_sets_a_cookie_is_never_publicly_cached() {
    for kind in backends() {
        let app = TestApp::start(kind);
        for path in ["/sv/", "/en/"] {
            let res = app.get(path).await;
            assert!(res.header("set-cookie").is_some(), "{kind:?} {path}: the lang cookie");
            let cc = res.header("cache-control").unwrap_or_default();
            assert!(
                cc.contains("private") || cc.contains("no-store"),
                "{kind:?} {path}: {cc}"
            );
            assert!(!cc.contains("public"), "{kind:?} {path}: {cc}");
        }
    }
}

#[actix_web::test]
async fn a_delivered_reset_mail_leaves_no_working_link_in_the_outbox() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Länk", &orgnr(303), "link@example.org").await;
        let mut v = Browser::new(&app);
        let res = v
            .submit("/sv/glomt-losenord", "/sv/glomt-losenord", &[("email", "link@example.org")])
            .await;
        assert_eq!(res.status, 303, "{kind:?}");
        let link = app.mailed_path("member.password_reset", "link@example.org").unwrap();
        let settings = app.state.settings.clone();
        let worker = Worker::new(
            app.pool().clone(),
            Arc::new(I18n::load(true).unwrap()),
            settings.clone(),
            app.clock.clone(),
            WorkerConfig::from_settings(&settings),
        )
        .unwrap();
        assert!(worker.run_once().await.unwrap().delivered >= 1, "{kind:?}");
        let mut conn = app.pool().get().unwrap();
        let payloads: Vec<(String, String)> = ev::table
            .filter(ev::state.eq("delivered"))
            .select((ev::kind, ev::payload))
            .load(&mut conn)
            .unwrap();
        let token = link.rsplit('/').next().unwrap().to_owned();
        assert_eq!(token.len(), 64);
        for (k, p) in &payloads {
            assert!(!p.contains(&token), "{kind:?} {k}: {p}");
            if k == "member.password_reset" || k == "member.email_verification" {
                let path = serde_json::from_str::<serde_json::Value>(p).unwrap()["path"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                assert!(path.ends_with("/-"), "{kind:?} {k}: {path}");
            }
        }
        // The mail itself went out with the link, which still works.
        assert_eq!(v.get(&link).await.status, 200, "{kind:?}");
    }
}

#[actix_web::test]
async fn a_body_that_does_not_arrive_in_time_is_dropped_with_408() {
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_BODY_TIMEOUT_SECONDS", "1")]);
        let mut b = Browser::new(&app);
        let page = b.get("/sv/logga-in").await;
        let csrf = csrf_of(&page);
        let started = std::time::Instant::now();
        let slow = b
            .slow_post(
                "/sv/logga-in",
                &[("csrf", csrf.as_str()), ("email", "a@example.org"), ("password", "x")],
            )
            .await;
        let res = slow.answer().await;
        assert_eq!(res.status, 408, "{kind:?}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "{kind:?}");
        // A body that comes at once is fine.
        let res = b
            .post(
                "/sv/logga-in",
                &[("csrf", csrf.as_str()), ("email", "a@example.org"), ("password", "fel lösenord")],
            )
            .await;
        assert_eq!(res.status, 400, "{kind:?}");
    }
}
