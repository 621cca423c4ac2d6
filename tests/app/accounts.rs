//! Accounts end to end over HTTP: registration, confirmation, log in and out, throttling,
//! sessions and their time-outs, CSRF, role guards, organisation isolation, resets, invitations,
//! staff accounts and the audit log.

use donera::accounts::model::Role;

use crate::support::{PW, login, register_form, registered_member, staff_user};
use time::Duration;

use crate::support::{Browser, Kind, TestApp, TestDb, backends};

#[actix_web::test]
async fn a_member_registers_confirms_logs_in_and_out_in_both_languages() {
    for kind in backends() {
        let app = TestApp::start(kind);
        for (lang, register, login_path, account, number, email) in [
            (
                "sv",
                "/sv/registrera",
                "/sv/logga-in",
                "/sv/konto/",
                "802000-0009",
                "anna@example.org",
            ),
            (
                "en",
                "/en/register",
                "/en/login",
                "/en/account/",
                "802479-3328",
                "bo@example.org",
            ),
        ] {
            let mut b = Browser::new(&app);
            let page = b.get(register).await;
            assert_eq!(page.status, 200);
            assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));
            let res = b
                .submit(
                    register,
                    register,
                    &register_form("Föreningen Ö", number, email),
                )
                .await;
            assert_eq!(res.status, 303, "{kind:?} {lang}: {}", res.text());
            assert_eq!(res.header("location").as_deref(), Some(login_path));
            let login_page = b.get(login_path).await;
            assert!(
                login_page.select_text(".flash").is_some(),
                "flash after registering"
            );

            // The confirmation link arrives by e-mail (the outbox), in the member's language.
            let path = app.mailed_path("member.email_verification", email).unwrap();
            assert!(path.starts_with(&format!("/{lang}/")), "{path}");
            let res = b
                .submit(
                    login_path,
                    login_path,
                    &[("email", email), ("password", PW)],
                )
                .await;
            assert_eq!(res.status, 303);
            assert_eq!(res.header("location").as_deref(), Some(account));
            let dash = b.get(account).await;
            assert_eq!(dash.status, 200);
            assert_eq!(dash.header("cache-control").as_deref(), Some("no-store"));
            assert!(
                dash.select_text(".notice.warning").is_some(),
                "unconfirmed notice"
            );
            let res = b.submit(&path, &path, &[]).await;
            assert_eq!(res.status, 303);
            let dash = b.get(account).await;
            assert!(
                dash.select_text(".notice.warning").is_none(),
                "{kind:?} confirmed"
            );
            // The link works once only.
            assert_eq!(b.get(&path).await.status, 404);

            // Log out: a POST with the token; the old cookie is worthless afterwards.
            let old = b.session().unwrap();
            let csrf = dash.attr("form.logout input[name=csrf]", "value").unwrap();
            let logout = if lang == "sv" {
                "/sv/logga-ut"
            } else {
                "/en/logout"
            };
            let res = b.post(logout, &[("csrf", &csrf)]).await;
            assert_eq!(res.status, 303);
            let mut replay = Browser::new(&app);
            replay.cookies.insert("donera_session".into(), old);
            let res = replay.get(account).await;
            assert_eq!(res.status, 303, "{kind:?}: replayed cookie after logout");
            assert!(res.header("location").unwrap().starts_with(login_path));
        }
    }
}

#[actix_web::test]
async fn every_bad_registration_input_is_shown_beside_its_field_with_the_rest_kept() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    let long = "å".repeat(201);
    let cases: Vec<(&str, &str, &str)> = vec![
        ("org_name", "", "Fyll i det här fältet."),
        ("org_name", &long, "Texten är för lång."),
        ("org_name", "Förening\0", "Texten innehåller tecken"),
        ("org_number", "802000-0005", "Kontrollsiffran stämmer inte."),
        (
            "org_number",
            "12345",
            "Skriv organisationsnumret med tio siffror",
        ),
        (
            "org_type",
            "bank",
            "Välj vilken typ av organisation det är.",
        ),
        ("name", "", "Fyll i det här fältet."),
        ("email", "anna@", "Skriv en giltig e-postadress"),
        ("email", "anna @example.org", "Skriv en giltig e-postadress"),
        ("password", "kort", "minst 10 tecken"),
        ("password", "1234567890", "ett av de vanligaste"),
        ("password", "anna@example.org", "samma som e-postadressen"),
        (
            "password_confirm",
            "något annat helt",
            "Lösenorden stämmer inte överens",
        ),
        ("accept_terms", "", "godkänna villkoren"),
    ];
    for (field, value, message) in cases {
        let mut form = register_form("Föreningen Ö", "802000-0009", "anna@example.org");
        for f in form.iter_mut() {
            if f.0 == field {
                f.1 = value;
            }
        }
        if field == "password" {
            for f in form.iter_mut() {
                if f.0 == "password_confirm" {
                    f.1 = value;
                }
            }
        }
        let res = b.submit("/sv/registrera", "/sv/registrera", &form).await;
        assert_eq!(res.status, 400, "{field}={value:?}");
        let shown = res
            .select_text(&format!("#{field}-error"))
            .unwrap_or_else(|| panic!("no message beside {field}"));
        assert!(shown.contains(message), "{field}: {shown}");
        assert_eq!(
            res.attr(&format!("#{field}"), "aria-invalid").as_deref(),
            Some("true"),
            "{field}"
        );
        // The other answers are kept; passwords are never sent back.
        if field != "email" {
            assert_eq!(
                res.attr("#email", "value").as_deref(),
                Some("anna@example.org"),
                "{field}"
            );
        }
        if field != "org_name" {
            assert_eq!(
                res.attr("#org_name", "value").as_deref(),
                Some("Föreningen Ö"),
                "{field}"
            );
        }
        assert_eq!(res.attr("#password", "value"), None);
        assert!(!res.text().contains(PW));
    }
    // Nothing was stored by any of them.
    assert!(
        app.mailed_path("member.email_verification", "anna@example.org")
            .is_none()
    );
}

#[actix_web::test]
async fn a_second_registration_of_the_same_number_is_refused_with_help() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    let mut b = Browser::new(&app);
    let res = b
        .submit(
            "/en/register",
            "/en/register",
            &register_form("Same club", "8020000009", "other@example.org"),
        )
        .await;
    assert_eq!(res.status, 409);
    assert_eq!(
        res.select_text("#org_number-error").as_deref(),
        Some("This organisation is already registered.")
    );
    assert!(
        res.attr(".notice.warning a[href=\"/en/login\"]", "href")
            .is_some()
    );
    assert_eq!(
        res.attr("#email", "value").as_deref(),
        Some("other@example.org")
    );
}

#[actix_web::test]
async fn a_taken_email_gets_the_same_answer_and_its_owner_is_told() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    let first = a
        .submit(
            "/sv/registrera",
            "/sv/registrera",
            &register_form("Första", "802000-0009", "anna@example.org"),
        )
        .await;
    let mut b = Browser::new(&app);
    let second = b
        .submit(
            "/sv/registrera",
            "/sv/registrera",
            &register_form("Andra", "802479-3328", "ANNA@example.org"),
        )
        .await;
    assert_eq!(
        (first.status, first.header("location")),
        (second.status, second.header("location"))
    );
    assert!(
        app.mailed_path("member.registration_attempt", "anna@example.org")
            .is_some()
    );
    // The second organisation was not created: its number is still free.
    let mut c = Browser::new(&app);
    let third = c
        .submit(
            "/sv/registrera",
            "/sv/registrera",
            &register_form("Andra", "802479-3328", "cecilia@example.org"),
        )
        .await;
    assert_eq!(third.status, 303);
}

#[actix_web::test]
async fn a_number_outside_group_8_is_accepted_and_flagged() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Bolaget AB", "556036-0793", "vd@example.org").await;
    let dash = b.get("/sv/konto/").await;
    let note = dash.select_text(".notice").unwrap();
    assert!(note.contains("aktiebolag"), "{note}");
}

#[actix_web::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    let mut b = Browser::new(&app);
    let wrong = login(&mut b, "anna@example.org", "fel lösenord här").await;
    let unknown = login(&mut b, "nobody@example.org", "fel lösenord här").await;
    assert_eq!(wrong.status, 400);
    assert_eq!(unknown.status, 400);
    assert_eq!(
        wrong.select_text(".error-summary"),
        unknown.select_text(".error-summary")
    );
    assert_eq!(
        wrong.select_text("#email-error"),
        unknown.select_text("#email-error")
    );
}

#[actix_web::test]
async fn five_failures_lock_the_account_for_fifteen_minutes() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
        let mut b = Browser::new(&app);
        for _ in 0..5 {
            assert_eq!(
                login(&mut b, "anna@example.org", "fel lösenord här")
                    .await
                    .status,
                400
            );
        }
        let locked = login(&mut b, "anna@example.org", PW).await;
        assert_eq!(locked.status, 429, "{kind:?}");
        assert_eq!(locked.attr("html", "lang").as_deref(), Some("sv"));
        assert_eq!(
            locked.select_text("h1").as_deref(),
            Some("För många försök")
        );
        app.clock.advance(Duration::minutes(15));
        let ok = login(&mut b, "anna@example.org", PW).await;
        assert_eq!(
            ok.status, 303,
            "{kind:?}: the owner can log in after the cooldown"
        );
    }
}

#[actix_web::test]
async fn twenty_failures_from_one_address_block_it() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    for i in 0..20 {
        let email = format!("guess{i}@example.org");
        assert_eq!(login(&mut b, &email, "fel lösenord här").await.status, 400);
    }
    assert_eq!(
        login(&mut b, "someone@example.org", "fel lösenord här")
            .await
            .status,
        429
    );
}

#[actix_web::test]
async fn the_session_id_is_renewed_at_login() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    let mut b = Browser::new(&app);
    // Form pages write no session: a flash message makes an anonymous one.
    let sent = b
        .submit(
            "/sv/glomt-losenord",
            "/sv/glomt-losenord",
            &[("email", "nobody@example.org")],
        )
        .await;
    assert_eq!(sent.status, 303);
    let before = b.session().unwrap();
    assert_eq!(login(&mut b, "anna@example.org", PW).await.status, 303);
    let after = b.session().unwrap();
    assert_ne!(before, after);
    let mut fixated = Browser::new(&app);
    fixated.cookies.insert("donera_session".into(), before);
    assert_eq!(
        fixated.get("/sv/konto/").await.status,
        303,
        "the pre-login cookie is not logged in"
    );
    assert_eq!(b.get("/sv/konto/").await.status, 200);
}

#[actix_web::test]
async fn sessions_expire_after_idle_and_absolute_limits() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Ö", "802000-0009", "anna@example.org").await;
        // Members: 8 hours idle.
        app.clock
            .advance(Duration::hours(7) + Duration::minutes(59));
        assert_eq!(m.get("/sv/konto/").await.status, 200, "{kind:?}");
        app.clock
            .advance(Duration::hours(7) + Duration::minutes(59));
        assert_eq!(
            m.get("/sv/konto/").await.status,
            200,
            "{kind:?}: activity keeps it alive"
        );
        app.clock.advance(Duration::hours(8));
        assert_eq!(
            m.get("/sv/konto/").await.status,
            303,
            "{kind:?}: 8 h idle ends it"
        );

        // Staff: 2 hours idle, 12 hours in all however active.
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut s = Browser::new(&app);
        assert_eq!(
            login(&mut s, "agent@partner.example.org", PW).await.status,
            303
        );
        app.clock.advance(Duration::minutes(119));
        assert_eq!(s.get("/sv/personal/").await.status, 200);
        app.clock.advance(Duration::minutes(121));
        assert_eq!(
            s.get("/sv/personal/").await.status,
            303,
            "{kind:?}: staff 2 h idle"
        );
        assert_eq!(
            login(&mut s, "agent@partner.example.org", PW).await.status,
            303
        );
        for _ in 0..11 {
            app.clock.advance(Duration::hours(1));
            assert_eq!(s.get("/sv/personal/").await.status, 200);
        }
        app.clock.advance(Duration::hours(1));
        assert_eq!(
            s.get("/sv/personal/").await.status,
            303,
            "{kind:?}: staff 12 h absolute"
        );
    }
}

#[actix_web::test]
async fn posts_without_the_token_or_from_another_site_are_refused() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    b.get("/en/login").await;
    let missing = b
        .post("/en/login", &[("email", "a@b.se"), ("password", "x")])
        .await;
    assert_eq!(missing.status, 403);
    assert_eq!(
        missing.select_text("h1").as_deref(),
        Some("The form has expired")
    );
    let wrong = b
        .post(
            "/en/login",
            &[("csrf", "0000"), ("email", "a@b.se"), ("password", "x")],
        )
        .await;
    assert_eq!(wrong.status, 403);
    // The right token, but the request comes from another site.
    let page = b.get("/en/login").await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let body = serde_urlencoded::to_string([
        ("csrf", csrf.as_str()),
        ("email", "a@b.se"),
        ("password", "x"),
    ])
    .unwrap();
    for (h, v) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
        ("origin", "null"),
    ] {
        let req = app
            .srv
            .post("/en/login")
            .insert_header(("cookie", b.cookie_header()))
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .insert_header((h, v));
        let res = app.send_body(req, body.clone()).await;
        assert_eq!(res.status, 403, "{h}: {v}");
    }
}

#[actix_web::test]
async fn private_areas_need_the_right_role() {
    let app = TestApp::start(Kind::Sqlite);
    let mut visitor = Browser::new(&app);
    for path in [
        "/sv/konto/",
        "/sv/konto/installningar",
        "/sv/konto/kollegor",
        "/en/staff/",
        "/en/staff/accounts",
        "/en/staff/audit",
    ] {
        let res = visitor.get(path).await;
        assert_eq!(res.status, 303, "{path}");
        let loc = res.header("location").unwrap();
        let login = if path.starts_with("/sv/") {
            "/sv/logga-in?next="
        } else {
            "/en/login?next="
        };
        assert!(loc.starts_with(login), "{path} -> {loc}");
    }
    let mut m = Browser::new(&app);
    registered_member(&mut m, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    for path in ["/sv/personal/", "/sv/personal/konton", "/sv/personal/logg"] {
        assert_eq!(m.get(path).await.status, 403, "member in {path}");
    }
    staff_user(&app, "agent@partner.example.org", Role::Agent).await;
    let mut agent = Browser::new(&app);
    login(&mut agent, "agent@partner.example.org", PW).await;
    assert_eq!(agent.get("/sv/personal/").await.status, 200);
    assert_eq!(
        agent.get("/sv/personal/konton").await.status,
        403,
        "agents do not manage staff"
    );
    assert_eq!(agent.get("/sv/personal/logg").await.status, 403);
    assert_eq!(
        agent.get("/sv/konto/").await.status,
        403,
        "staff have no member area"
    );
}

#[actix_web::test]
async fn after_login_the_visitor_returns_to_a_local_page_only() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    let mut b = Browser::new(&app);
    let res = b.get("/sv/konto/kollegor").await;
    let loc = res.header("location").unwrap();
    let page = b.get(&loc).await;
    let next = page.attr("input[name=next]", "value").unwrap();
    assert_eq!(next, "/sv/konto/kollegor");
    let res = b
        .submit(
            &loc,
            "/sv/logga-in",
            &[
                ("email", "anna@example.org"),
                ("password", PW),
                ("next", &next),
            ],
        )
        .await;
    assert_eq!(
        res.header("location").as_deref(),
        Some("/sv/konto/kollegor")
    );
    for evil in [
        "https://evil.example/",
        "//evil.example/sv/",
        "/\\evil.example",
    ] {
        let mut c = Browser::new(&app);
        let res = c
            .submit(
                "/sv/logga-in",
                "/sv/logga-in",
                &[
                    ("email", "anna@example.org"),
                    ("password", PW),
                    ("next", evil),
                ],
            )
            .await;
        assert_eq!(
            res.header("location").as_deref(),
            Some("/sv/konto/"),
            "{evil}"
        );
    }
}

#[actix_web::test]
async fn organisation_b_cannot_reach_organisation_a() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    registered_member(&mut a, "Förening A", "802000-0009", "a@example.org").await;
    let res = a
        .submit(
            "/sv/konto/kollegor",
            "/sv/konto/kollegor",
            &[("name", "Kollega A"), ("email", "kollega@example.org")],
        )
        .await;
    assert_eq!(res.status, 303);
    let list = a.get("/sv/konto/kollegor").await;
    let remove = list.attr("table form", "action").unwrap();
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Förening B", "802479-3328", "b@example.org").await;
    let page = b.get("/sv/konto/kollegor").await;
    assert!(!page.text().contains("a@example.org") && !page.text().contains("kollega@example.org"));
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let res = b.post(&remove, &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 404, "B removing A's colleague by URL");
    assert!(
        a.get("/sv/konto/kollegor")
            .await
            .text()
            .contains("kollega@example.org")
    );
}

#[actix_web::test]
async fn a_reset_link_works_once_within_an_hour_and_ends_every_session() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
        let mut b = Browser::new(&app);
        let known = b
            .submit(
                "/sv/glomt-losenord",
                "/sv/glomt-losenord",
                &[("email", "anna@example.org")],
            )
            .await;
        let unknown = b
            .submit(
                "/sv/glomt-losenord",
                "/sv/glomt-losenord",
                &[("email", "nobody@example.org")],
            )
            .await;
        assert_eq!(
            (known.status, known.header("location")),
            (unknown.status, unknown.header("location"))
        );
        let path = app
            .mailed_path("member.password_reset", "anna@example.org")
            .unwrap();
        assert!(
            app.mailed_path("member.password_reset", "nobody@example.org")
                .is_none()
        );
        let token = path.rsplit('/').next().unwrap();
        assert_eq!(token.len(), 64, "256-bit token");
        assert_eq!(b.get(&path).await.status, 200);
        let bad = b
            .submit(
                &path,
                &path,
                &[("password", "kort"), ("password_confirm", "kort")],
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(bad.select_text("#password-error").is_some());
        let new_pw = "ett helt nytt lösenord";
        let res = b
            .submit(
                &path,
                &path,
                &[("password", new_pw), ("password_confirm", new_pw)],
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}");
        assert_eq!(
            a.get("/sv/konto/").await.status,
            303,
            "{kind:?}: the other session ended"
        );
        assert_eq!(b.get(&path).await.status, 404, "single use");
        assert_eq!(login(&mut b, "anna@example.org", PW).await.status, 400);
        assert_eq!(login(&mut b, "anna@example.org", new_pw).await.status, 303);

        // A second link expires after an hour.
        let mut c = Browser::new(&app);
        c.submit(
            "/sv/glomt-losenord",
            "/sv/glomt-losenord",
            &[("email", "anna@example.org")],
        )
        .await;
        let path = app
            .mailed_path("member.password_reset", "anna@example.org")
            .unwrap();
        app.clock.advance(Duration::minutes(61));
        assert_eq!(c.get(&path).await.status, 404, "{kind:?}: expired");
        assert_eq!(c.get("/sv/glomt-losenord/not-a-token").await.status, 404);
    }
}

#[actix_web::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    let mut other = Browser::new(&app);
    login(&mut other, "anna@example.org", PW).await;
    let new_pw = "ett helt nytt lösenord";
    let wrong = a
        .submit(
            "/sv/konto/installningar",
            "/sv/konto/installningar",
            &[
                ("form", "password"),
                ("current", "fel fel fel fel"),
                ("password", new_pw),
                ("password_confirm", new_pw),
            ],
        )
        .await;
    assert_eq!(wrong.status, 400);
    assert!(wrong.select_text("#current-error").is_some());
    let ok = a
        .submit(
            "/sv/konto/installningar",
            "/sv/konto/installningar",
            &[
                ("form", "password"),
                ("current", PW),
                ("password", new_pw),
                ("password_confirm", new_pw),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(
        a.get("/sv/konto/").await.status,
        200,
        "this session continues"
    );
    assert_eq!(
        other.get("/sv/konto/").await.status,
        303,
        "the other one ended"
    );
}

#[actix_web::test]
async fn contact_details_change_with_their_bad_inputs_refused() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    let bad = a
        .submit(
            "/en/account/settings",
            "/en/account/settings",
            &[
                ("form", "contact"),
                ("name", ""),
                ("phone", "call me"),
                ("locale", "fr"),
            ],
        )
        .await;
    assert_eq!(bad.status, 400);
    for f in ["name", "phone", "locale"] {
        assert!(bad.select_text(&format!("#{f}-error")).is_some(), "{f}");
    }
    assert_eq!(bad.attr("#phone", "value").as_deref(), Some("call me"));
    let ok = a
        .submit(
            "/en/account/settings",
            "/en/account/settings",
            &[
                ("form", "contact"),
                ("name", "Anna A"),
                ("phone", "+46 8 123 45 67"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    let page = a.get("/en/account/settings").await;
    assert_eq!(page.attr("#name", "value").as_deref(), Some("Anna A"));
}

#[actix_web::test]
async fn an_invited_colleague_joins_and_a_removed_one_is_logged_out() {
    let app = TestApp::start(Kind::Sqlite);
    let mut admin = Browser::new(&app);
    registered_member(
        &mut admin,
        "Föreningen Ö",
        "802000-0009",
        "anna@example.org",
    )
    .await;
    let res = admin
        .submit(
            "/sv/konto/kollegor",
            "/sv/konto/kollegor",
            &[("name", "Bertil"), ("email", "bertil@example.org")],
        )
        .await;
    assert_eq!(res.status, 303);
    let path = app
        .mailed_path("member.invitation", "bertil@example.org")
        .unwrap();
    let mut bertil = Browser::new(&app);
    let res = bertil
        .submit(
            &path,
            &path,
            &[
                ("name", "Bertil B"),
                ("password", PW),
                ("password_confirm", PW),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = bertil.get("/sv/konto/").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Föreningen Ö"));
    // A member who is not the organisation's admin cannot invite.
    let res = bertil
        .submit(
            "/sv/konto/kollegor",
            "/sv/konto/kollegor",
            &[("name", "X"), ("email", "x@example.org")],
        )
        .await;
    assert_eq!(res.status, 403);
    // The admin removes Bertil: his session ends at once.
    let list = admin.get("/sv/konto/kollegor").await;
    let remove = list
        .attr("table form[action$='/ta-bort']", "action")
        .unwrap();
    let csrf = list.attr("input[name=csrf]", "value").unwrap();
    assert_eq!(admin.post(&remove, &[("csrf", &csrf)]).await.status, 303);
    assert_eq!(bertil.get("/sv/konto/").await.status, 303);
    assert_eq!(
        login(&mut bertil, "bertil@example.org", PW).await.status,
        400
    );
}

/// The last admin cannot delete their account (issue 21): they hand the role over first, to a
/// colleague who has accepted the invitation, from the colleagues page.
#[actix_web::test]
async fn an_admin_hands_the_role_to_a_colleague_and_may_then_leave() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut anna = Browser::new(&app);
        registered_member(&mut anna, "Föreningen Ö", "802000-0009", "anna@example.org").await;
        for (name, email) in [
            ("Bertil", "bertil@example.org"),
            ("Cilla", "cilla@example.org"),
        ] {
            let res = anna
                .submit(
                    "/sv/konto/kollegor",
                    "/sv/konto/kollegor",
                    &[("name", name), ("email", email)],
                )
                .await;
            assert_eq!(res.status, 303);
        }
        // Bertil accepts; Cilla's invitation stays open.
        let path = app
            .mailed_path("member.invitation", "bertil@example.org")
            .unwrap();
        let mut bertil = Browser::new(&app);
        let form = [
            ("name", "Bertil B"),
            ("password", PW),
            ("password_confirm", PW),
        ];
        assert_eq!(bertil.submit(&path, &path, &form).await.status, 303);

        // Only the colleague who accepted can be made admin.
        let list = anna.get("/sv/konto/kollegor").await;
        let html = list.html();
        let sel = scraper::Selector::parse("table form[action$='/administrator']").unwrap();
        let forms: Vec<String> = html
            .select(&sel)
            .map(|f| f.value().attr("action").unwrap().to_owned())
            .collect();
        assert_eq!(forms.len(), 1, "{forms:?}");
        let make_admin = forms[0].clone();
        let csrf = list.attr("input[name=csrf]", "value").unwrap();
        // An invitation not yet accepted: no password of her own, so not yet.
        let cilla: String = {
            use diesel::prelude::*;
            use donera::db::schema::users;
            users::table
                .filter(users::email.eq("cilla@example.org"))
                .select(users::id)
                .first(&mut app.pool().get().unwrap())
                .unwrap()
        };
        let r = anna
            .post(
                &format!("/sv/konto/kollegor/{cilla}/administrator"),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(r.status, 400);

        // Anna is the last admin: refused.
        let del = anna.get("/sv/konto/radera").await;
        let del_csrf = del.attr("input[name=csrf]", "value").unwrap();
        let r = anna
            .post("/sv/konto/radera", &[("csrf", &del_csrf), ("password", PW)])
            .await;
        assert_eq!(r.status, 409);

        // Bertil, not an admin, cannot promote himself; nor can another organisation's admin;
        // nor a request without the token.
        let own = bertil.get("/sv/konto/kollegor").await;
        let bertil_csrf = own.attr("input[name=csrf]", "value").unwrap();
        assert_eq!(
            bertil
                .post(&make_admin, &[("csrf", &bertil_csrf)])
                .await
                .status,
            403
        );
        let mut other = Browser::new(&app);
        registered_member(&mut other, "Förening B", "802479-3328", "b@example.org").await;
        let page = other.get("/sv/konto/kollegor").await;
        let other_csrf = page.attr("input[name=csrf]", "value").unwrap();
        assert_eq!(
            other
                .post(&make_admin, &[("csrf", &other_csrf)])
                .await
                .status,
            404
        );
        assert_eq!(anna.post(&make_admin, &[]).await.status, 403);

        // Anna makes Bertil an admin: he can invite now, and Anna may leave.
        let res = anna.post(&make_admin, &[("csrf", &csrf)]).await;
        assert_eq!(res.status, 303);
        let list = anna.get("/sv/konto/kollegor").await;
        assert!(list.text().contains("Kollegan är nu administratör"));
        assert!(
            list.attr("table form[action$='/administrator']", "action")
                .is_none()
        );
        let own = bertil.get("/sv/konto/kollegor").await;
        assert!(
            own.attr("main form[action='/sv/konto/kollegor']", "action")
                .is_some()
        );
        let r = anna
            .post("/sv/konto/radera", &[("csrf", &del_csrf), ("password", PW)])
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        let mut conn = app.pool().get().unwrap();
        let audited: i64 = {
            use diesel::prelude::*;
            use donera::db::schema::audit_log as al;
            al::table
                .filter(al::action.eq("member.made_admin"))
                .count()
                .get_result(&mut conn)
                .unwrap()
        };
        assert_eq!(audited, 1);
    }
}

#[actix_web::test]
async fn staff_admins_invite_disable_and_see_the_audit_log() {
    for kind in backends() {
        let app = TestApp::start(kind);
        staff_user(&app, "admin@partner.example.org", Role::Admin).await;
        let mut admin = Browser::new(&app);
        assert_eq!(
            login(&mut admin, "admin@partner.example.org", PW)
                .await
                .header("location")
                .as_deref(),
            Some("/sv/personal/")
        );
        let res = admin
            .submit(
                "/sv/personal/konton",
                "/sv/personal/konton",
                &[
                    ("name", "Agda Agent"),
                    ("email", "agda@partner.example.org"),
                    ("role", "agent"),
                ],
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}");
        let bad = admin
            .submit(
                "/sv/personal/konton",
                "/sv/personal/konton",
                &[
                    ("name", "X"),
                    ("email", "x@partner.example.org"),
                    ("role", "member"),
                ],
            )
            .await;
        assert_eq!(bad.status, 400, "a staff invitation cannot make a member");
        let path = app
            .mailed_path("staff.invitation", "agda@partner.example.org")
            .unwrap();
        let mut agda = Browser::new(&app);
        let res = agda
            .submit(
                &path,
                &path,
                &[
                    ("name", "Agda Agent"),
                    ("password", PW),
                    ("password_confirm", PW),
                ],
            )
            .await;
        assert_eq!(res.header("location").as_deref(), Some("/sv/personal/"));
        assert_eq!(agda.get("/sv/personal/").await.status, 200);

        // Disabling ends Agda's session at once; enabling lets her log in again.
        let list = admin.get("/sv/personal/konton").await;
        let form = list.attr("table form", "action").unwrap();
        let csrf = list.attr("input[name=csrf]", "value").unwrap();
        assert_eq!(
            admin
                .post(&form, &[("csrf", &csrf), ("disabled", "1")])
                .await
                .status,
            303
        );
        assert_eq!(agda.get("/sv/personal/").await.status, 303, "{kind:?}");
        assert_eq!(
            login(&mut agda, "agda@partner.example.org", PW)
                .await
                .status,
            400
        );
        assert_eq!(
            admin
                .post(&form, &[("csrf", &csrf), ("disabled", "0")])
                .await
                .status,
            303
        );
        assert_eq!(
            login(&mut agda, "agda@partner.example.org", PW)
                .await
                .status,
            303
        );

        let audit = admin.get("/sv/personal/logg").await;
        assert_eq!(audit.status, 200);
        let text = audit.text();
        for action in [
            "staff.created",
            "staff.login",
            "user.invited",
            "user.invitation_accepted",
            "staff.disabled",
            "staff.enabled",
        ] {
            assert!(
                text.contains(action),
                "{kind:?}: {action} missing from the audit log"
            );
        }
        let filtered = admin.get("/sv/personal/logg?action=staff.disabled").await;
        assert_eq!(
            filtered
                .html()
                .select(&scraper::Selector::parse("tbody tr").unwrap())
                .count(),
            1
        );
    }
}

#[actix_web::test]
async fn the_audit_log_has_no_way_to_change_an_entry() {
    // Append-only by construction: the module offers record and read functions only, and no route
    // takes anything but GET on the log.
    let app = TestApp::start(Kind::Sqlite);
    staff_user(&app, "admin@partner.example.org", Role::Admin).await;
    let mut admin = Browser::new(&app);
    login(&mut admin, "admin@partner.example.org", PW).await;
    let csrf = admin
        .get("/sv/personal/")
        .await
        .attr("input[name=csrf]", "value")
        .unwrap();
    for m in ["/sv/personal/logg", "/en/staff/audit"] {
        assert_eq!(admin.post(m, &[("csrf", &csrf)]).await.status, 405);
    }
    let src =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/audit.rs")).unwrap();
    assert!(!src.contains("diesel::update") && !src.contains("diesel::delete"));
}

#[actix_web::test]
async fn two_instances_on_one_postgres_share_sessions() {
    if !backends().contains(&Kind::Postgres) {
        return;
    }
    let db = TestDb::new(Kind::Postgres);
    let pool_a = donera::db::connect(&db.url, 4).unwrap();
    let pool_b = donera::db::connect(&db.url, 4).unwrap();
    let app_a = TestApp::with_pool(db, pool_a, crate::support::noop);
    let app_b = TestApp::with_pool(TestDb::alias(&app_a), pool_b, crate::support::noop);
    let mut a = Browser::new(&app_a);
    registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
    let mut b = Browser::new(&app_b);
    b.cookies = a.cookies.clone();
    let res = b.get("/sv/konto/").await;
    assert_eq!(
        res.status, 200,
        "the cookie from instance A works on instance B"
    );
    assert!(res.text().contains("Föreningen Ö"));
}

/// Every private route of the route table, asked by a visitor: sent to log in, or 405 where the
/// route only takes POST; never a page.
#[actix_web::test]
async fn an_anonymous_sweep_of_private_routes_finds_only_the_login() {
    use donera::i18n::Locale;
    use donera::i18n::routes::Page;
    let app = TestApp::start(Kind::Sqlite);
    let mut visitor = Browser::new(&app);
    let mut checked = 0;
    for page in Page::ALL.into_iter().filter(|p| p.is_private()) {
        for l in Locale::ALL {
            let path = page.link(l, "00000000-0000-0000-0000-000000000000");
            let res = visitor.get(&path).await;
            match res.status {
                303 => assert!(res.header("location").unwrap().contains("next="), "{path}"),
                405 => {}
                other => panic!("{path}: {other}"),
            }
            let post = visitor.post(&path, &[("csrf", "x")]).await;
            assert!(
                [303, 403, 404, 405].contains(&post.status),
                "POST {path}: {}",
                post.status
            );
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked}");
}

#[actix_web::test]
async fn reading_a_page_does_not_write_the_session() {
    use diesel::prelude::*;
    use donera::db::schema::sessions;
    let app = TestApp::start(Kind::Sqlite);
    staff_user(&app, "agent@partner.example.org", Role::Agent).await;
    let mut s = Browser::new(&app);
    login(&mut s, "agent@partner.example.org", PW).await;
    // The first page after login shows (and removes) the flash: a write.
    assert_eq!(s.get("/sv/personal/").await.status, 200);
    let seen = || -> time::PrimitiveDateTime {
        let mut c = app.pool().get().unwrap();
        sessions::table
            .filter(sessions::user_id.is_not_null())
            .select(sessions::last_seen_at)
            .first(&mut c)
            .unwrap()
    };
    let before = seen();
    app.clock.advance(time::Duration::seconds(10));
    // Later views with nothing to change write nothing (each write would cost a transaction).
    for p in ["/sv/personal/", "/sv/personal/arenden", "/en/staff/tickets"] {
        assert_eq!(s.get(p).await.status, 200, "{p}");
    }
    assert_eq!(seen(), before);
}

#[actix_web::test]
async fn the_session_row_never_holds_the_signed_in_user() {
    use diesel::prelude::*;
    use donera::db::schema::sessions;
    for kind in backends() {
        let app = TestApp::start(kind);
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        // This page removes the login's flash: the session, loaded with its user, is written.
        assert_eq!(s.get("/sv/personal/").await.status, 200, "{kind:?}");
        assert_eq!(s.get("/sv/personal/arenden").await.status, 200, "{kind:?}");
        let mut c = app.pool().get().unwrap();
        let states: Vec<String> = sessions::table
            .filter(sessions::user_id.is_not_null())
            .select(sessions::state)
            .load(&mut c)
            .unwrap();
        assert!(!states.is_empty(), "{kind:?}");
        for st in states {
            assert!(st.contains("\"uid\""), "{kind:?}: {st}");
            assert!(
                !st.contains("~user"),
                "{kind:?}: the user copy was stored: {st}"
            );
            assert!(
                !st.contains("argon2"),
                "{kind:?}: a password hash was stored"
            );
            assert!(!st.contains("partner.example.org"), "{kind:?}: {st}");
        }
    }
}

#[actix_web::test]
async fn a_disabled_user_is_signed_out_on_the_next_page() {
    use diesel::prelude::*;
    use donera::db::schema::users;
    for kind in backends() {
        let app = TestApp::start(kind);
        let id = staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        assert_eq!(s.get("/sv/personal/arenden").await.status, 200, "{kind:?}");
        // Disabled behind the portal's back (another instance, an operator): the session's
        // own read of the user sees it.
        let mut c = app.pool().get().unwrap();
        diesel::update(users::table.find(&id))
            .set(users::disabled_at.eq(Some(app.clock.now_utc_naive())))
            .execute(&mut c)
            .unwrap();
        assert_eq!(s.get("/sv/personal/arenden").await.status, 303, "{kind:?}");
        assert_eq!(s.get("/sv/personal/arenden").await.status, 303, "{kind:?}");
    }
}

#[actix_web::test]
async fn a_request_in_flight_across_a_reset_brings_no_session_back() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Föreningen Ö", "802000-0009", "anna@example.org").await;
        // The attacker's stolen cookie sends a slow form whose answer sets a flash message
        // (a session write) after the victim has reset the password.
        let page = a.get("/sv/konto/installningar").await;
        let csrf = page.attr("input[name=csrf]", "value").unwrap();
        let slow = a
            .slow_post(
                "/sv/konto/installningar",
                &[
                    ("csrf", csrf.as_str()),
                    ("form", "contact"),
                    ("name", "Anna Andersson"),
                    ("phone", ""),
                    ("locale", "sv"),
                ],
            )
            .await;
        let mut victim = Browser::new(&app);
        victim
            .submit(
                "/sv/glomt-losenord",
                "/sv/glomt-losenord",
                &[("email", "anna@example.org")],
            )
            .await;
        let path = app
            .mailed_path("member.password_reset", "anna@example.org")
            .unwrap();
        let new_pw = "ett helt nytt lösenord";
        let reset = victim
            .submit(
                &path,
                &path,
                &[("password", new_pw), ("password_confirm", new_pw)],
            )
            .await;
        assert_eq!(reset.status, 303, "{kind:?}");
        let res = slow.finish().await;
        assert_eq!(res.status, 303, "{kind:?}: {}", res.text());
        a.remember(&res);
        assert_eq!(
            a.get("/sv/konto/").await.status,
            303,
            "{kind:?}: the cookie the request in flight returned opens nothing"
        );
    }
}
