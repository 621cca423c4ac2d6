//! The eligibility self-check over HTTP: results, field errors and hostile input.

use crate::support::{Kind, Resp, TestApp};

fn status_of(res: &Resp, rule: &str) -> String {
    res.attr(&format!("li.rule[data-rule=\"{rule}\"]"), "data-status")
        .unwrap()
}

fn text_of(res: &Resp, rule: &str) -> String {
    res.select_text(&format!("li.rule[data-rule=\"{rule}\"]"))
        .unwrap()
}

#[actix_web::test]
async fn four_licences_fail_with_the_shortfall_and_five_pass() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app
        .get("/en/eligibility/check?licenses=4&exempt=none")
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(status_of(&res, "quantity"), "not_met");
    let text = text_of(&res, "quantity");
    assert!(
        text.contains("The order contains 4 licences")
            && text.contains("at least 5")
            && text.contains("Add 1 more licence –"),
        "{text}"
    );
    let sv = app.get("/sv/behorighet/testa?licenses=3&exempt=some").await;
    let text = text_of(&sv, "quantity");
    assert!(
        text.contains("Beställningen innehåller 3 licenser")
            && text.contains("Lägg till 2 licenser till"),
        "{text}"
    );
    let ok = app
        .get("/en/eligibility/check?licenses=5&exempt=none")
        .await;
    assert_eq!(status_of(&ok, "quantity"), "met");
    let exempt = app.get("/en/eligibility/check?licenses=1&exempt=all").await;
    assert_eq!(status_of(&exempt, "quantity"), "met");
}

#[actix_web::test]
async fn every_rule_is_listed_with_a_status() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app.get("/sv/behorighet/testa?org_type=school&org_number=202100-5448&cloud_seats=20&cloud_active=16").await;
    assert_eq!(res.status, 200);
    for (rule, want) in [
        ("org_type", "not_met"),
        ("org_number", "unknown"),
        ("quantity", "unknown"),
        ("budget", "met"),
        ("cloud_use", "not_met"),
        ("validation", "unknown"),
    ] {
        assert_eq!(status_of(&res, rule), want, "{rule}");
    }
    let cloud = text_of(&res, "cloud_use");
    assert!(
        cloud.contains("16 av 20") && cloud.contains("80,0 %") && cloud.contains("Minst 17"),
        "{cloud}"
    );
    let orgnr = text_of(&res, "org_number");
    assert!(orgnr.contains("staten, regioner"), "{orgnr}");
    // Each finding links to the rule it is about.
    assert!(
        res.attr("li.rule[data-rule=\"cloud_use\"] a", "href")
            .unwrap()
            .ends_with("/sv/behorighet#aktiv-anvandning")
    );
}

#[actix_web::test]
async fn exactly_85_percent_passes_and_84_9_fails() {
    let app = TestApp::start(Kind::Sqlite);
    let pass = app
        .get("/en/eligibility/check?cloud_seats=1000&cloud_active=850")
        .await;
    assert_eq!(status_of(&pass, "cloud_use"), "met");
    assert!(text_of(&pass, "cloud_use").contains("85.0%"));
    let fail = app
        .get("/en/eligibility/check?cloud_seats=1000&cloud_active=849")
        .await;
    assert_eq!(status_of(&fail, "cloud_use"), "not_met");
    assert!(text_of(&fail, "cloud_use").contains("84.9%"));
    assert!(text_of(&fail, "cloud_use").contains("1 more user needs"));
}

#[actix_web::test]
async fn group_8_numbers_pass_and_other_groups_go_to_review() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app
        .get("/en/eligibility/check?org_number=8020000009&org_type=foundation")
        .await;
    assert_eq!(status_of(&res, "org_number"), "met");
    assert_eq!(status_of(&res, "org_type"), "met");
    // 556036-0793: a limited company, well-formed, so reviewed rather than refused.
    let company = app
        .get("/en/eligibility/check?org_number=556036-0793")
        .await;
    assert_eq!(company.status, 200);
    assert_eq!(status_of(&company, "org_number"), "unknown");
    assert!(text_of(&company, "org_number").contains("limited companies"));
}

#[actix_web::test]
async fn a_bad_org_number_is_shown_beside_the_field_with_the_rest_kept() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app
        .get("/sv/behorighet/testa?org_number=802000-0005&licenses=7&org_type=foundation")
        .await;
    assert_eq!(res.status, 400);
    assert_eq!(
        res.select_text("#org_number-error").as_deref(),
        Some("Kontrollsiffran stämmer inte. Kontrollera att du har skrivit rätt nummer.")
    );
    assert_eq!(
        res.attr("#org_number", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(
        res.attr("#org_number", "aria-describedby")
            .unwrap()
            .contains("org_number-error")
    );
    assert_eq!(
        res.attr("#org_number", "value").as_deref(),
        Some("802000-0005")
    );
    assert_eq!(res.attr("#licenses", "value").as_deref(), Some("7"));
    assert_eq!(
        res.attr("#org_type option[selected]", "value").as_deref(),
        Some("foundation")
    );
    assert_eq!(
        res.attr(".error-summary a", "href").as_deref(),
        Some("#org_number")
    );
    assert!(
        res.select_text("title")
            .unwrap()
            .starts_with("Rätta uppgifterna")
    );
    assert!(
        res.select_text("#result").is_none(),
        "no result while the input is wrong"
    );
}

#[actix_web::test]
async fn hostile_and_malformed_input_gets_4xx_never_500() {
    let app = TestApp::start(Kind::Sqlite);
    let long = "9".repeat(30_000);
    let cases = [
        ("licenses=-3", "licenses"),
        ("licenses=abc", "licenses"),
        ("licenses=99999999999999999999999999", "licenses"),
        ("licenses=4%00", "licenses"),
        ("licenses=%FF%FE", "licenses"),
        ("cloud_seats=0&cloud_active=0", "cloud_seats"),
        ("cloud_seats=5&cloud_active=6", "cloud_active"),
        ("cloud_seats=5", "cloud_active"),
        ("org_type=%3Cscript%3E", "org_type"),
        ("exempt=maybe", "exempt"),
        ("org_number=19121212-1212", "org_number"),
        (
            "org_number=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "org_number",
        ),
    ];
    for (query, field) in cases {
        let res = app.get(&format!("/en/eligibility/check?{query}")).await;
        assert_eq!(res.status, 400, "{query}");
        assert!(
            res.select_text(&format!("#{field}-error")).is_some(),
            "{query}: no message beside {field}"
        );
        assert!(!res.text().contains("<script>"), "{query}: unescaped");
    }
    // A very long field: refused, not echoed back in full, not a 500.
    let res = app
        .get(&format!("/en/eligibility/check?licenses={long}"))
        .await;
    assert!((400..500).contains(&res.status), "{}", res.status);
    assert!(res.body.len() < 30_000);
    // A field twice is not the form's shape at all.
    let res = app.get("/en/eligibility/check?licenses=1&licenses=2").await;
    assert_eq!(res.status, 400);
    assert_eq!(res.attr("html", "lang").as_deref(), Some("en"));
}

#[actix_web::test]
async fn user_input_is_escaped_when_shown_back() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app
        .get("/en/eligibility/check?org_number=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
        .await;
    assert_eq!(res.status, 400);
    let body = res.text();
    assert!(!body.contains("<img src=x"), "{body}");
    assert_eq!(
        res.attr("#org_number", "value").as_deref(),
        Some("\"><img src=x onerror=alert(1)>")
    );
}

#[actix_web::test]
async fn the_language_switch_keeps_the_answers() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app.get("/sv/behorighet/testa?licenses=4&exempt=none").await;
    let href = res.attr("header a[hreflang=en]", "href").unwrap();
    assert_eq!(href, "/en/eligibility/check?licenses=4&exempt=none");
    let en = app.get(&href).await;
    assert_eq!(status_of(&en, "quantity"), "not_met");
    assert_eq!(en.attr("html", "lang").as_deref(), Some("en"));
}
