//! The privacy notice (issue 21 point 4): reachable from every footer and every form that
//! collects personal data, stating the controller, the retention periods of the settings in
//! force and every cookie. That no response sets an unlisted cookie is checked on every response
//! of every test (`support::listed_cookies_only`).

use crate::support::{Browser, Kind, TestApp, backends, login, registered_member};

#[actix_web::test]
async fn the_notice_states_the_controller_and_the_default_periods_in_both_languages() {
    let app = TestApp::start(Kind::Sqlite);
    let sv = app.get("/sv/integritet").await;
    assert_eq!(sv.status, 200);
    assert_eq!(sv.header("cache-control").as_deref(), Some("no-store"));
    let html = sv.text();
    // Without DONERA_CONTROLLER_NAME the partner is the controller.
    assert_eq!(
        sv.select_text(".controller-name").as_deref(),
        Some("Partnerbyrån")
    );
    for expected in [
        "24 månader efter att ärendet stängts",
        "6 månader efter beslutet",
        "3 månader efter att intyget slutat gälla",
        "90 dagar efter att ärendet stängts",
        "30 dagar efter att meddelandet skickats",
        "12 månader; själva händelsen",
        "därefter 7 år som bokföringsunderlag",
        "Integritetsskyddsmyndigheten (IMY)",
        "https://www.imy.se/",
    ] {
        assert!(html.contains(expected), "{expected}");
    }
    // Every cookie the portal can set is in the table, under its name over plain HTTP.
    let cookies = sv.select_text("#cookie-table tbody").unwrap();
    for name in ["donera_session", "donera_csrf", "lang"] {
        assert!(cookies.contains(name), "{name} in {cookies}");
    }
    // No SMTP or webhook configured: no such recipient is claimed.
    assert!(!html.contains("e-postservern"));

    let en = app.get("/en/privacy").await;
    assert_eq!(en.status, 200);
    let html = en.text();
    for expected in [
        "24 months after the ticket is closed",
        "then 7 years as accounting records",
        "Swedish Authority for Privacy Protection (IMY)",
    ] {
        assert!(html.contains(expected), "{expected}");
    }
}

#[actix_web::test]
async fn the_periods_follow_the_settings_in_force() {
    let app = TestApp::start_with(
        Kind::Sqlite,
        &[
            ("DONERA_CONTROLLER_NAME", "Dataskydd & Co <AB>"),
            ("DONERA_CONTROLLER_EMAIL", "dpo@example.org"),
            ("DONERA_RETAIN_TICKET_MONTHS", "1"),
            ("DONERA_RETAIN_APPROVED_CERTIFICATE_MONTHS", "0"),
            ("DONERA_RETAIN_OUTBOX_DAYS", "0"),
            ("DONERA_RETAIN_ORDER_YEARS", "10"),
            (
                "DONERA_SMTP_URL",
                "smtp://mailer:hemligt@mail.example.org:587",
            ),
            ("DONERA_PARTNER_EMAIL", "support@example.org"),
        ],
    );
    let res = app.get("/sv/integritet").await;
    assert_eq!(res.status, 200);
    let html = res.text();
    // The controller's name is escaped like any other text.
    assert!(!html.contains("<AB>"));
    assert_eq!(
        res.select_text(".controller-name").as_deref(),
        Some("Dataskydd & Co <AB>")
    );
    assert_eq!(
        res.attr(".controller-email", "href").as_deref(),
        Some("mailto:dpo@example.org")
    );
    for expected in [
        "En månad efter att ärendet stängts",
        "Tills intyget slutar gälla",
        "Tas bort när meddelandet har skickats",
        "därefter 10 år som bokföringsunderlag",
        "e-postservern mail.example.org",
        "support@example.org",
    ] {
        assert!(html.contains(expected), "{expected}");
    }
    assert!(!html.contains("hemligt"), "no SMTP password in the notice");
    assert!(!html.contains("mailer"), "no SMTP user in the notice");
}

#[actix_web::test]
async fn every_footer_and_every_form_for_personal_data_links_the_notice() {
    for kind in backends() {
        let app = TestApp::start(kind);
        for (page, notice) in [
            ("/sv/", "/sv/integritet"),
            ("/en/", "/en/privacy"),
            ("/sv/behorighet", "/sv/integritet"),
            ("/sv/nonexistent-page", "/sv/integritet"),
        ] {
            let res = app.get(page).await;
            assert_eq!(
                res.attr(
                    "footer a[href$=integritet], footer a[href$=privacy]",
                    "href"
                )
                .as_deref(),
                Some(notice),
                "{page}"
            );
        }
        // The forms that collect personal data, anonymous and signed in.
        let mut b = Browser::new(&app);
        for page in [
            "/sv/registrera",
            "/sv/kontakt",
            "/en/register",
            "/en/contact",
        ] {
            let res = b.get(page).await;
            assert!(res.attr(".form-privacy a", "href").is_some(), "{page}");
        }
        registered_member(
            &mut b,
            "Föreningen Integritet",
            &crate::support::orgnr(4711),
            "anna@example.org",
        )
        .await;
        for page in [
            "/sv/konto/installningar",
            "/sv/konto/kollegor",
            "/sv/konto/arenden/nytt",
        ] {
            let res = b.get(page).await;
            assert_eq!(res.status, 200, "{page}");
            assert_eq!(
                res.attr(".form-privacy a", "href").as_deref(),
                Some("/sv/integritet"),
                "{page}"
            );
        }
    }
}

#[actix_web::test]
async fn cookies_last_the_visit_only() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    // The language cookie, and the session cookie at sign-in, end with the browser session:
    // a cookie that outlived it would not be strictly necessary.
    let home = b.get("/en/").await;
    let mut seen = vec![];
    for v in home.headers.get_all("set-cookie") {
        let c = actix_web::cookie::Cookie::parse(v.to_str().unwrap().to_owned()).unwrap();
        assert!(c.max_age().is_none() && c.expires().is_none(), "{v:?}");
        seen.push(c.name().to_owned());
    }
    assert_eq!(seen, ["lang"]);
    registered_member(
        &mut b,
        "Föreningen Kakan",
        &crate::support::orgnr(4712),
        "kaka@example.org",
    )
    .await;
    // A fresh sign-in in a new browser, to see the session cookie it gets.
    let mut b = Browser::new(&app);
    let res = login(&mut b, "kaka@example.org", crate::support::PW).await;
    let session = res
        .headers
        .get_all("set-cookie")
        .map(|v| actix_web::cookie::Cookie::parse(v.to_str().unwrap().to_owned()).unwrap())
        .find(|c| c.name() == "donera_session")
        .expect("a session cookie at sign-in");
    assert!(session.max_age().is_none() && session.expires().is_none());
    assert!(session.http_only().unwrap_or(false));
}
