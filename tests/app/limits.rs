//! Limits and the smaller hardening of issue 19 (points 2, 3 and 6): the login throttle under a
//! parallel burst, anonymous forms without session rows, masked CSRF tokens, cookies and caches,
//! outbox payloads without working links, slow bodies, limit settings, registration and
//! invitation limits.

use std::sync::Arc;

use diesel::prelude::*;
use donera::db::schema::{outbox_events as ev, sessions};
use donera::i18n::I18n;
use donera::outbox::worker::{Worker, WorkerConfig};

use crate::support::orgnr;
use crate::support::registered_member;
use crate::support::{Browser, TestApp, backends, settings_with};

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
            ("DONERA_REGISTER_IP_LIMIT_PER_HOUR", "0"),
            ("DONERA_ORG_STORAGE_QUOTA_MB", "0"),
            ("DONERA_UPLOAD_MB_PER_HOUR", "0"),
        ],
    );
    assert_eq!(
        (
            s.contact_email_limit,
            s.contact_ip_limit,
            s.register_ip_limit,
            s.org_storage_quota_bytes,
            s.upload_bytes_per_hour
        ),
        (0, 0, 0, 0, 0)
    );
}

#[actix_web::test]
async fn with_the_registration_limit_off_one_address_registers_more_than_ten_times() {
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_REGISTER_IP_LIMIT_PER_HOUR", "0")]);
        let mut v = Browser::new(&app);
        for i in 0..12u32 {
            let email = format!("office{i}@example.org");
            let res = v
                .submit(
                    "/sv/registrera",
                    "/sv/registrera",
                    &crate::support::register_form("Kontorsföreningen", &orgnr(600 + i), &email),
                )
                .await;
            assert_eq!(res.status, 303, "{kind:?}: registration {i}");
        }
    }
}

#[actix_web::test]
async fn a_parallel_burst_of_wrong_passwords_gets_at_most_five_guesses() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut owner = Browser::new(&app);
        registered_member(
            &mut owner,
            "Föreningen Burst",
            &orgnr(301),
            "burst@example.org",
        )
        .await;
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
                &[
                    ("email", "nobody@example.org"),
                    ("password", "fel lösenord igen"),
                ],
            )
            .await;
        assert_eq!(
            res.status, 400,
            "{kind:?}: a wrong password, not a CSRF failure"
        );
        // Without the cookie the token is worth nothing.
        let page = app.get("/sv/logga-in").await;
        let mut stranger = Browser::new(&app);
        let res = stranger
            .post(
                "/sv/logga-in",
                &[
                    ("csrf", csrf_of(&page).as_str()),
                    ("email", "a@b.se"),
                    ("password", "x"),
                ],
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
                    &[
                        ("csrf", t.as_str()),
                        ("email", "x@example.org"),
                        ("password", "fel lösenord"),
                    ],
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
                &[
                    ("csrf", std::str::from_utf8(&bad).unwrap()),
                    ("email", "x@example.org"),
                    ("password", "x"),
                ],
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
            assert!(
                res.header("set-cookie").is_some(),
                "{kind:?} {path}: the lang cookie"
            );
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
            .submit(
                "/sv/glomt-losenord",
                "/sv/glomt-losenord",
                &[("email", "link@example.org")],
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}");
        let link = app
            .mailed_path("member.password_reset", "link@example.org")
            .unwrap();
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
                &[
                    ("csrf", csrf.as_str()),
                    ("email", "a@example.org"),
                    ("password", "x"),
                ],
            )
            .await;
        let res = slow.answer().await;
        assert_eq!(res.status, 408, "{kind:?}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{kind:?}"
        );
        // A body that comes at once is fine.
        let res = b
            .post(
                "/sv/logga-in",
                &[
                    ("csrf", csrf.as_str()),
                    ("email", "a@example.org"),
                    ("password", "fel lösenord"),
                ],
            )
            .await;
        assert_eq!(res.status, 400, "{kind:?}");
    }
}

fn outbox_count(app: &TestApp, kind: &str, to: &str) -> i64 {
    let mut conn = app.pool().get().unwrap();
    ev::table
        .filter(ev::kind.eq(kind))
        .filter(ev::recipient.eq(to))
        .count()
        .get_result(&mut conn)
        .unwrap()
}

async fn invite(b: &mut Browser<'_>, email: &str) -> crate::support::Resp {
    b.submit(
        "/sv/konto/kollegor",
        "/sv/konto/kollegor",
        &[("name", "Kim Kollega"), ("email", email)],
    )
    .await
}

#[actix_web::test]
async fn a_colleague_invitation_answers_alike_for_a_known_address_and_tells_its_owner() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Förening A", &orgnr(311), "a@example.org").await;
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Förening B", &orgnr(312), "b@example.org").await;

        let new = invite(&mut a, "ny@example.org").await;
        let known = invite(&mut a, "b@example.org").await;
        assert_eq!((new.status, known.status), (303, 303), "{kind:?}");
        assert_eq!(new.header("location"), known.header("location"), "{kind:?}");
        let after_new = a.get("/sv/konto/kollegor").await;
        assert!(after_new.text().contains("ny@example.org"), "{kind:?}");
        assert!(!after_new.text().contains("b@example.org"), "{kind:?}");
        assert_eq!(outbox_count(&app, "member.invitation", "ny@example.org"), 1);
        assert_eq!(outbox_count(&app, "member.invitation", "b@example.org"), 0);
        assert_eq!(
            outbox_count(&app, "member.invitation_attempt", "b@example.org"),
            1,
            "{kind:?}: the owner is told"
        );
        // Repeated tries do not bomb the owner.
        for _ in 0..5 {
            assert_eq!(invite(&mut a, "b@example.org").await.status, 303);
        }
        assert!(outbox_count(&app, "member.invitation_attempt", "b@example.org") <= 2);
    }
}

#[actix_web::test]
async fn colleague_invitations_are_limited_per_organisation_and_hour() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Förening Många", &orgnr(313), "many@example.org").await;
        for i in 0..10 {
            let res = invite(&mut a, &format!("k{i}@example.org")).await;
            assert_eq!(res.status, 303, "{kind:?} {i}");
        }
        let refused = invite(&mut a, "k10@example.org").await;
        assert_eq!(refused.status, 429, "{kind:?}");
        assert!(refused.select_text("#email-error").is_some(), "{kind:?}");
        assert_eq!(
            refused.attr("input[name=email]", "value").as_deref(),
            Some("k10@example.org")
        );
        assert_eq!(
            outbox_count(&app, "member.invitation", "k10@example.org"),
            0
        );
        app.clock.advance(time::Duration::minutes(61));
        assert_eq!(
            invite(&mut a, "k10@example.org").await.status,
            303,
            "{kind:?}"
        );
    }
}

#[actix_web::test]
async fn an_admin_with_an_unconfirmed_address_cannot_invite() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        let res = a
            .submit(
                "/sv/registrera",
                "/sv/registrera",
                &crate::support::register_form(
                    "Förening Obekräftad",
                    &orgnr(314),
                    "unconf@example.org",
                ),
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}");
        let res = crate::support::login(&mut a, "unconf@example.org", crate::support::PW).await;
        assert_eq!(res.status, 303, "{kind:?}");
        let res = invite(&mut a, "kim@example.org").await;
        assert_eq!(res.status, 403, "{kind:?}");
        assert!(
            res.select_text("#email-error")
                .unwrap()
                .contains("Bekräfta"),
            "{kind:?}"
        );
        assert_eq!(
            outbox_count(&app, "member.invitation", "kim@example.org"),
            0
        );
    }
}

#[actix_web::test]
async fn the_invitation_subject_does_not_carry_the_inviters_name() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Förening Ämne", &orgnr(315), "subject@example.org").await;
        let res = a
            .submit(
                "/en/account/colleagues",
                "/en/account/colleagues",
                &[("name", "Kim"), ("email", "kim@example.org")],
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}");
        let settings = app.state.settings.clone();
        let worker = Worker::new(
            app.pool().clone(),
            Arc::new(I18n::load(true).unwrap()),
            settings.clone(),
            app.clock.clone(),
            WorkerConfig::from_settings(&settings),
        )
        .unwrap();
        worker.run_once().await.unwrap();
        let dir = settings.data_dir.join("mail");
        let mail = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .find(|m| m.contains("kim@example.org"))
            .expect("the invitation was written");
        let subject = mail
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("subject:"))
            .unwrap();
        assert!(subject.contains("invited"), "{kind:?}: {subject}");
        assert!(!subject.contains("Anna"), "{kind:?}: {subject}");
    }
}

#[actix_web::test]
async fn registrations_are_limited_per_address_and_per_ip_before_any_hash() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut owner = Browser::new(&app);
        registered_member(
            &mut owner,
            "Förening Ägare",
            &orgnr(320),
            "owner@example.org",
        )
        .await;
        let hashes = app.state.hashing.made();

        // A taken organisation number is refused without hashing.
        let mut v = Browser::new(&app);
        let res = v
            .submit(
                "/sv/registrera",
                "/sv/registrera",
                &crate::support::register_form("Samma", &orgnr(320), "other@example.org"),
            )
            .await;
        assert_eq!(res.status, 409, "{kind:?}");
        assert_eq!(
            app.state.hashing.made(),
            hashes,
            "{kind:?}: no hash for a taken number"
        );

        // A member's address: the same answer as a new account, no hash, and at most two
        // "someone tried to register" mails an hour.
        let mut statuses = vec![];
        for i in 0..6 {
            let n = orgnr(330 + i);
            let res = v
                .submit(
                    "/sv/registrera",
                    "/sv/registrera",
                    &crate::support::register_form("Ny förening", &n, "owner@example.org"),
                )
                .await;
            statuses.push(res.status);
            if res.status == 429 {
                assert!(res.select_text("#email-error").is_some(), "{kind:?}");
                assert_eq!(
                    res.attr("input[name=email]", "value").as_deref(),
                    Some("owner@example.org")
                );
            }
        }
        // Three an hour for one address, the owner's own registration included.
        assert_eq!(statuses, [303, 303, 429, 429, 429, 429], "{kind:?}");
        assert_eq!(
            app.state.hashing.made(),
            hashes,
            "{kind:?}: no hash for a taken address"
        );
        assert_eq!(
            outbox_count(&app, "member.registration_attempt", "owner@example.org"),
            2
        );

        // One IP address may send ten registrations an hour; refused ones do not count, so this
        // one has sent four (the owner's, the taken number, two for the owner's address).
        let mut statuses = vec![];
        for i in 0..7 {
            let n = orgnr(340 + i);
            let email = format!("ny{i}@example.org");
            let res = v
                .submit(
                    "/sv/registrera",
                    "/sv/registrera",
                    &crate::support::register_form("Ny förening", &n, &email),
                )
                .await;
            statuses.push(res.status);
        }
        assert_eq!(statuses, [303, 303, 303, 303, 303, 303, 429], "{kind:?}");
        app.clock.advance(time::Duration::minutes(61));
        let res = v
            .submit(
                "/sv/registrera",
                "/sv/registrera",
                &crate::support::register_form("Ny förening", &orgnr(346), "ny6@example.org"),
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}: the hour has passed");
    }
}

#[actix_web::test]
async fn reset_requests_for_known_and_unknown_addresses_take_the_same_time() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Förening Tid", &orgnr(350), "time@example.org").await;
        let mut known = vec![];
        let mut unknown = vec![];
        // Three each (the per-address limit), alternating, from one browser.
        let mut b = Browser::new(&app);
        for i in 0..3 {
            for (email, into) in [
                ("time@example.org".to_owned(), &mut known),
                (format!("nobody{i}@example.org"), &mut unknown),
            ] {
                let page = b.get("/sv/glomt-losenord").await;
                let csrf = csrf_of(&page);
                let started = std::time::Instant::now();
                let res = b
                    .post(
                        "/sv/glomt-losenord",
                        &[("csrf", csrf.as_str()), ("email", email.as_str())],
                    )
                    .await;
                into.push(started.elapsed());
                assert_eq!(res.status, 303, "{kind:?} {email}");
            }
        }
        known.sort();
        unknown.sort();
        let (k, u) = (known[1], unknown[1]);
        eprintln!("{kind:?}: reset answer medians: known {k:?}, unknown {u:?}");
        let floor = std::time::Duration::from_millis(150);
        assert!(k >= floor && u >= floor, "{kind:?}: {k:?} {u:?}");
        let gap = k.abs_diff(u);
        assert!(
            gap < std::time::Duration::from_millis(30),
            "{kind:?}: {k:?} vs {u:?}"
        );
    }
}
