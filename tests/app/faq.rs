//! The FAQ over HTTP: the seeded articles in both languages, search with Swedish letters and
//! safe highlighting, drafts hidden everywhere, rate-limited feedback, structured data and
//! staff-only editing with audit.

use diesel::prelude::*;
use donera::accounts::model::Role;

use crate::support::orgnr;
use crate::support::{Browser, Kind, TestApp, backends};
use crate::support::{PW, login, registered_member, staff_user};

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

#[actix_web::test]
async fn empty_categories_can_be_deleted_and_full_ones_are_kept() {
    for kind in backends() {
        let app = TestApp::start(kind);
        staff_user(&app, "admin@partner.example.org", Role::Admin).await;
        let mut s = Browser::new(&app);
        login(&mut s, "admin@partner.example.org", PW).await;
        let r = s
            .submit(
                "/sv/personal/fragor",
                "/sv/personal/fragor/kategorier",
                &[
                    ("key", "tom"),
                    ("name_sv", "Tom"),
                    ("name_en", "Empty"),
                    ("position", "9"),
                ],
            )
            .await;
        assert_eq!(r.status, 303);
        let (empty, full): (String, String) = {
            use donera::db::schema::{faq_articles as a, faq_categories as c};
            let mut conn = app.pool().get().unwrap();
            let empty = c::table
                .filter(c::key.eq("tom"))
                .select(c::id)
                .first(&mut conn)
                .unwrap();
            let full = a::table.select(a::category_id).first(&mut conn).unwrap();
            (empty, full)
        };
        // A category with articles stays, and says why.
        let page = s.get("/en/staff/faq").await;
        let csrf = page.attr("input[name=csrf]", "value").unwrap();
        let r = s
            .post(
                &format!("/en/staff/faq/categories/{full}/delete"),
                &[("csrf", csrf.as_str())],
            )
            .await;
        assert_eq!(r.status, 409);
        assert!(r.text().contains("still has articles"));
        // The empty one goes, audited; a second time it is not there.
        let r = s
            .post(
                &format!("/sv/personal/fragor/kategorier/{empty}/ta-bort"),
                &[("csrf", csrf.as_str())],
            )
            .await;
        assert_eq!(r.status, 303);
        assert!(
            !s.get("/sv/personal/fragor")
                .await
                .text()
                .contains("tom: Tom")
        );
        let r = s
            .post(
                &format!("/sv/personal/fragor/kategorier/{empty}/ta-bort"),
                &[("csrf", csrf.as_str())],
            )
            .await;
        assert_eq!(r.status, 404);
        let mut conn = app.pool().get().unwrap();
        let n: i64 = donera::db::schema::audit_log::table
            .filter(donera::db::schema::audit_log::action.eq("faq.category_deleted"))
            .count()
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(n, 1);
        // Not for agents.
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut agent = Browser::new(&app);
        login(&mut agent, "agent@partner.example.org", PW).await;
        let csrf = agent
            .get("/sv/personal/")
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        let r = agent
            .post(
                &format!("/sv/personal/fragor/kategorier/{full}/ta-bort"),
                &[("csrf", csrf.as_str())],
            )
            .await;
        assert_eq!(r.status, 403);
    }
}

#[actix_web::test]
async fn articles_and_empty_searches_lead_to_a_question_about_them() {
    let app = TestApp::start(Kind::Sqlite);
    let mut v = Browser::new(&app);
    let index = v.get("/sv/fragor").await;
    let first = index.attr("main ul li a", "href").unwrap();
    let slug = first.rsplit('/').next().unwrap().to_owned();
    let article = v.get(&first).await;
    let ask = article.attr(".feedback a", "href").unwrap();
    assert_eq!(ask, format!("/sv/kontakt?article={slug}"));
    let form = v.get(&ask).await;
    assert_eq!(form.status, 200);
    assert_eq!(form.attr("input[name=article]", "value").unwrap(), slug);
    assert!(form.select_text(".notice").is_some());
    // The visitor's ticket remembers the article; staff see it linked.
    let csrf = form.attr("input[name=csrf]", "value").unwrap();
    let started = form.attr("input[name=started]", "value").unwrap();
    app.clock.advance(time::Duration::seconds(5));
    let r = v
        .post(
            "/sv/kontakt",
            &[
                ("csrf", csrf.as_str()),
                ("started", started.as_str()),
                ("website", ""),
                ("article", slug.as_str()),
                ("name", "Ada"),
                ("email", "ada@example.org"),
                ("organisation", ""),
                ("category", "other"),
                ("subject", "Fråga om artikeln"),
                ("message", "Gäller det oss?"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    staff_user(&app, "agent@partner.example.org", Role::Agent).await;
    let mut s = Browser::new(&app);
    login(&mut s, "agent@partner.example.org", PW).await;
    let t = s.get("/sv/personal/arenden/D-2026-00001").await;
    assert!(t.text().contains(&format!("/sv/fragor/{slug}")));
    // A member asks from their own area instead.
    let mut m = Browser::new(&app);
    registered_member(&mut m, "Föreningen", &orgnr(2), "m2@example.org").await;
    let ask = m.get(&first).await.attr(".feedback a", "href").unwrap();
    assert_eq!(ask, format!("/sv/konto/arenden/nytt?article={slug}"));
    // No hits: the contact form is offered.
    let none = v.get("/en/faq?q=xyzzyplugh").await;
    assert!(none.text().contains("href=\"/en/contact\""));
}
