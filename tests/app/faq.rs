//! The FAQ over HTTP: the seeded articles in both languages, search with Swedish letters and
//! safe highlighting, drafts hidden everywhere, rate-limited feedback, structured data and
//! staff-only editing with audit.

use donera::accounts::model::Role;

use crate::accounts::{PW, login, registered_member, staff_user};
use crate::support::{Browser, Kind, TestApp, backends};
use crate::validation::orgnr;

#[actix_web::test]
async fn at_least_twelve_articles_are_seeded_in_both_languages() {
    for kind in backends() {
        let app = TestApp::start(kind);
        for path in ["/sv/fragor", "/en/faq"] {
            let res = app.get(path).await;
            assert_eq!(res.status, 200, "{kind:?} {path}");
            let n = res
                .html()
                .select(&scraper::Selector::parse(".faq-group li a").unwrap())
                .count();
            assert!(n >= 12, "{kind:?} {path}: {n} articles");
            // Structured data for search engines, not executable.
            let ld = res
                .html()
                .select(&scraper::Selector::parse("script[type=\"application/ld+json\"]").unwrap())
                .next()
                .unwrap()
                .inner_html();
            let json: serde_json::Value = serde_json::from_str(&ld).unwrap();
            assert_eq!(json["@type"], "FAQPage");
            assert!(json["mainEntity"].as_array().unwrap().len() >= 12);
        }
        // Every article page opens, in both languages, and links its twin.
        let index = app.get("/sv/fragor").await;
        let first = index.attr(".faq-group li a", "href").unwrap();
        let page = app.get(&first).await;
        assert_eq!(page.status, 200);
        let twin = page.attr("header a[hreflang=en]", "href").unwrap();
        assert!(twin.starts_with("/en/faq/"), "{twin}");
        assert_eq!(app.get(&twin).await.status, 200);
    }
}

#[actix_web::test]
async fn search_tolerates_case_and_swedish_letters_and_highlights_safely() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app.get("/sv/fragor?q=VALIDERING").await;
    assert_eq!(res.status, 200);
    let hits = res.select_text(".hits").unwrap_or_default();
    assert!(!hits.is_empty(), "a hit for validering");
    assert!(res.text().contains("<mark>"));
    // å, ä and ö folded: "anvandning" finds "användning".
    let folded = app.get("/sv/fragor?q=aktiv%20anvandning").await;
    assert!(
        folded.select_text(".hits li").is_some(),
        "folded letters find the article"
    );
    let en = app.get("/en/faq?q=licences").await;
    assert!(en.select_text(".hits li").is_some());
    // Nothing found: the page says so and stays a 200.
    let none = app.get("/en/faq?q=zzxxqq").await;
    assert_eq!(none.status, 200);
    assert!(none.text().contains("Nothing matches your search"));
    // Hostile queries come back as text.
    let evil = app
        .get("/en/faq?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await;
    assert!(!evil.text().contains("<script>alert(1)"));
}

#[actix_web::test]
async fn drafts_are_invisible_to_visitors_and_staff_only_can_edit() {
    let app = TestApp::start(Kind::Sqlite);
    staff_user(&app, "admin@partner.example.org", Role::Admin).await;
    let mut s = Browser::new(&app);
    login(&mut s, "admin@partner.example.org", PW).await;
    let form = s.get("/sv/personal/fragor/ny").await;
    assert_eq!(form.status, 200);
    let category = form.attr("#category option", "value").unwrap();
    let fields = [
        ("category", category.as_str()),
        ("title_sv", "Hemlig utkastfråga"),
        ("slug_sv", "hemlig-utkastfraga"),
        ("body_sv", "Texten om **utkast** <script>alert(1)</script>"),
        ("title_en", "Secret draft question"),
        ("slug_en", "secret-draft-question"),
        ("body_en", "The text about drafts"),
        ("position", "5"),
    ];
    // Preview first: rendered and sanitized, nothing saved.
    let mut with_preview = fields.to_vec();
    with_preview.push(("preview", "yes"));
    let preview = s
        .submit(
            "/sv/personal/fragor/ny",
            "/sv/personal/fragor/ny",
            &with_preview,
        )
        .await;
    assert_eq!(preview.status, 200);
    let html = preview.text();
    assert!(html.contains("<strong>utkast</strong>") && !html.contains("<script>alert(1)"));
    let saved = s
        .submit("/sv/personal/fragor/ny", "/sv/personal/fragor/ny", &fields)
        .await;
    assert_eq!(saved.status, 303);
    // A draft: not in the list, not in search, not by its address.
    assert!(
        !app.get("/sv/fragor")
            .await
            .text()
            .contains("Hemlig utkastfråga")
    );
    assert!(
        app.get("/sv/fragor?q=hemlig")
            .await
            .select_text(".hits li")
            .is_none()
    );
    assert_eq!(app.get("/sv/fragor/hemlig-utkastfraga").await.status, 404);
    // Published, it appears; its script tag stays text.
    let list = s.get("/sv/personal/fragor").await;
    assert!(list.text().contains("Hemlig utkastfråga"));
    let edit = list
        .html()
        .select(&scraper::Selector::parse("tbody a").unwrap())
        .find(|a| a.text().collect::<String>().contains("Hemlig"))
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let mut publish = fields.to_vec();
    publish.push(("published", "yes"));
    assert_eq!(s.submit(&edit, &edit, &publish).await.status, 303);
    let page = app.get("/sv/fragor/hemlig-utkastfraga").await;
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("<script>alert(1)"));
    // Bad input is named beside its field.
    let bad = s
        .submit(
            "/sv/personal/fragor/ny",
            "/sv/personal/fragor/ny",
            &[
                ("category", "nope"),
                ("slug_sv", "Ä Ö"),
                ("slug_en", ""),
                ("position", "x"),
            ],
        )
        .await;
    assert_eq!(bad.status, 400);
    for f in ["category", "slug_sv", "slug_en", "position"] {
        assert!(bad.select_text(&format!("#{f}-error")).is_some(), "{f}");
    }
    // Audited.
    assert!(
        s.get("/sv/personal/logg?action=faq.article_created")
            .await
            .text()
            .contains("faq_article")
    );
    // Members and agents cannot edit.
    let mut m = Browser::new(&app);
    registered_member(&mut m, "Föreningen", &orgnr(1), "m@example.org").await;
    assert_eq!(m.get("/sv/personal/fragor").await.status, 403);
    staff_user(&app, "agent@partner.example.org", Role::Agent).await;
    let mut agent = Browser::new(&app);
    login(&mut agent, "agent@partner.example.org", PW).await;
    assert_eq!(agent.get(&edit).await.status, 403);
}

#[actix_web::test]
async fn feedback_is_counted_once_per_visitor_and_article() {
    let app = TestApp::start(Kind::Sqlite);
    let mut v = Browser::new(&app);
    let index = v.get("/en/faq").await;
    let article = index.attr(".faq-group li a", "href").unwrap();
    let first = v
        .submit(
            &article,
            &format!("{article}/feedback"),
            &[("helpful", "yes")],
        )
        .await;
    assert_eq!(first.status, 303);
    assert!(
        v.get(&article)
            .await
            .select_text(".flash")
            .unwrap()
            .contains("Thank you for your answer")
    );
    let second = v
        .submit(
            &article,
            &format!("{article}/feedback"),
            &[("helpful", "yes")],
        )
        .await;
    assert_eq!(second.status, 303);
    assert!(
        v.get(&article)
            .await
            .select_text(".flash")
            .unwrap()
            .contains("already")
    );
    let bogus = v
        .submit(
            &article,
            &format!("{article}/feedback"),
            &[("helpful", "maybe")],
        )
        .await;
    assert_eq!(bogus.status, 400);
    staff_user(&app, "admin@partner.example.org", Role::Admin).await;
    let mut s = Browser::new(&app);
    login(&mut s, "admin@partner.example.org", PW).await;
    let list = s.get("/en/staff/faq").await;
    assert!(list.text().contains("1 / 0"), "one yes counted");
}
