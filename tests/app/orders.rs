//! The catalogue and orders end to end: the rule at its edges over HTTP, double submission,
//! cancel, staff decisions with e-mail, concurrency, isolation and product editing.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::schema::{orders, products};

use crate::support::{Browser, Kind, Resp, TestApp, backends};
use crate::support::{PDF, orgnr};
use crate::support::{PW, login, registered_member, staff_user};

pub(crate) fn product_id(app: &TestApp, sku: &str) -> String {
    let mut c = app.pool().get().unwrap();
    products::table
        .filter(products::sku.eq(sku))
        .select(products::id)
        .first(&mut c)
        .unwrap()
}

fn order_count(app: &TestApp) -> i64 {
    let mut c = app.pool().get().unwrap();
    orders::table.count().get_result(&mut c).unwrap()
}

/// A member whose organisation has an approved validation.
pub(crate) async fn validated_member(app: &TestApp, b: &mut Browser<'_>, n: u32, email: &str) {
    registered_member(b, "Föreningen", &orgnr(n), email).await;
    assert_eq!(
        b.upload("/sv/konto/certifikat", "intyg.pdf", PDF, "")
            .await
            .status,
        303
    );
    let staff_email = format!("approver{n}@partner.example.org");
    staff_user(app, &staff_email, Role::Agent).await;
    let mut s = Browser::new(app);
    login(&mut s, &staff_email, PW).await;
    let q = s.get("/sv/personal/valideringar").await;
    let view = q.attr("tbody a", "href").unwrap();
    let action = format!("{view}/beslut");
    let res = s
        .submit(
            &view,
            &action,
            &[
                ("decision", "approve"),
                ("valid_from", "2026-11-28"),
                ("valid_to", "2027-11-27"),
                ("certificate_expires", "2028-11-27"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
}

pub(crate) async fn review(b: &mut Browser<'_>, lines: &[(&str, &str)]) -> Resp {
    let fields: Vec<(String, String)> = lines
        .iter()
        .map(|(id, q)| (format!("q_{id}"), q.to_string()))
        .collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.submit(
        "/sv/konto/bestallningar/ny",
        "/sv/konto/bestallningar/ny",
        &refs,
    )
    .await
}

/// Posts the review page's confirmation form as it is.
pub(crate) async fn confirm(b: &mut Browser<'_>, review: &Resp) -> Resp {
    let doc = review.html();
    let sel = scraper::Selector::parse("form[action$=\"bekrafta\"] input[type=hidden], form[action$=\"confirm\"] input[type=hidden]").unwrap();
    let fields: Vec<(String, String)> = doc
        .select(&sel)
        .map(|e| {
            (
                e.value().attr("name").unwrap().to_owned(),
                e.value().attr("value").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post("/sv/konto/bestallningar/bekrafta", &refs).await
}

#[actix_web::test]
async fn the_catalogue_is_seeded_and_public_in_both_languages() {
    let app = TestApp::start(Kind::Sqlite);
    let sv = app.get("/sv/produkter").await;
    assert_eq!(sv.status, 200);
    let text = sv.text();
    assert!(
        text.contains("Office LTSC Standard 2024") && text.contains("699,00\u{a0}kr"),
        "fee per locale"
    );
    assert!(text.contains("Donerad molntjänst") && text.contains("Undantagen från kravet"));
    let en = app.get("/en/products").await;
    assert!(en.text().contains("SEK\u{a0}699.00"));
    let exempt = app.get("/en/products/windows-server-standard").await;
    assert_eq!(exempt.status, 200);
    assert!(
        exempt
            .select_text("main")
            .unwrap()
            .contains("What the exemption means")
    );
    assert_eq!(
        exempt.attr("header a[hreflang=sv]", "href").as_deref(),
        Some("/sv/produkter/windows-server-standard")
    );
    assert_eq!(app.get("/en/products/no-such-product").await.status, 404);
}

#[actix_web::test]
async fn an_order_is_refused_for_too_few_licences_then_placed_once_granted_and_fulfilled() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        validated_member(&app, &mut b, 1, "anna@example.org").await;
        let office = product_id(&app, "office-ltsc-standard");
        let server = product_id(&app, "windows-server-standard");
        let cloud = product_id(&app, "m365-business-basic");

        let short = review(&mut b, &[(&office, "4"), (&cloud, "10")]).await;
        assert_eq!(short.status, 400, "{kind:?}");
        let msg = short.select_text(".error-summary").unwrap();
        assert!(
            msg.contains("Beställningen innehåller 4 licenser")
                && msg.contains("minst 5")
                && msg.contains("Lägg till 1 licens till"),
            "{msg}"
        );
        assert_eq!(
            short.attr(&format!("#q_{office}"), "value").as_deref(),
            Some("4"),
            "input kept"
        );

        let ok = review(&mut b, &[(&office, "4"), (&server, "1")]).await;
        assert_eq!(ok.status, 200, "{kind:?}: 4 + 1 exempt is allowed");
        assert!(
            ok.text().contains("3\u{a0}595,00\u{a0}kr"),
            "total = 4 × 699 + 799"
        );
        let placed = confirm(&mut b, &ok).await;
        assert_eq!(placed.status, 303);
        let order_path = placed.header("location").unwrap();
        // A second click, or the page sent again: the same order.
        let again = confirm(&mut b, &ok).await;
        assert_eq!(
            again.header("location").as_deref(),
            Some(order_path.as_str())
        );
        assert_eq!(order_count(&app), 1, "{kind:?}");
        let page = b.get(&order_path).await;
        assert!(page.select_text(".request").unwrap().contains("Skickad"));
        assert!(
            app.mailed_path("order.submitted", "anna@example.org")
                .is_some()
        );

        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        let queue = s.get("/sv/personal/bestallningar").await;
        assert!(queue.text().contains("Föreningen") && queue.text().contains("Validerad"));
        let view = queue.attr("tbody a", "href").unwrap();
        let action = format!("{view}/beslut");
        assert_eq!(
            s.submit(&view, &action, &[("action", "grant")])
                .await
                .status,
            303
        );
        assert!(
            app.mailed_path("order.granted", "anna@example.org")
                .is_some(),
            "{kind:?}"
        );
        assert_eq!(
            s.submit(
                &view,
                &action,
                &[
                    ("action", "fulfil"),
                    ("note", "Nycklarna finns i Microsofts portal.")
                ]
            )
            .await
            .status,
            303
        );
        let page = b.get(&order_path).await;
        assert!(page.select_text(".request").unwrap().contains("Levererad"));
        assert!(page.text().contains("Nycklarna finns i Microsofts portal."));
        assert!(
            page.attr("form button", "type")
                .is_none_or(|_| !page.text().contains("Avbeställ"))
        );
        let en = b
            .get(&order_path.replace("/sv/konto/bestallningar/", "/en/account/orders/"))
            .await;
        assert!(en.select_text(".request").unwrap().contains("Fulfilled"));
    }
}

#[actix_web::test]
async fn bad_quantities_and_forged_products_are_named() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    validated_member(&app, &mut b, 1, "anna@example.org").await;
    let office = product_id(&app, "office-ltsc-standard");
    for q in ["0", "-3", "abc", "99999999999", "51", "2.5"] {
        let res = review(&mut b, &[(&office, q)]).await;
        assert_eq!(res.status, 400, "{q}");
        let err = res
            .select_text(&format!("#q_{office}-error"))
            .unwrap_or_default();
        assert!(err.contains("från 1 till 50"), "{q}: {err}");
    }
    let forged = review(&mut b, &[("not-a-product", "5")]).await;
    assert_eq!(forged.status, 400);
    assert!(
        forged
            .select_text(".error-summary")
            .unwrap()
            .contains("finns inte i katalogen")
    );
    let empty = review(&mut b, &[]).await;
    assert_eq!(empty.status, 400);
    assert!(
        empty
            .select_text(".error-summary")
            .unwrap()
            .contains("inga produkter")
    );
    assert_eq!(order_count(&app), 0);
}

#[actix_web::test]
async fn an_unvalidated_organisation_is_told_exactly_why() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    registered_member(&mut b, "Föreningen", &orgnr(1), "anna@example.org").await;
    let office = product_id(&app, "office-ltsc-standard");
    let form = b.get("/en/account/orders/new").await;
    assert!(
        form.select_text(".notice.warning")
            .unwrap()
            .contains("not validated")
    );
    let res = review(&mut b, &[(&office, "5")]).await;
    assert_eq!(res.status, 400);
    assert!(
        res.select_text(".error-summary")
            .unwrap()
            .contains("inte validerad")
    );
    // With a certificate under review the reason changes.
    assert_eq!(
        b.upload("/sv/konto/certifikat", "intyg.pdf", PDF, "")
            .await
            .status,
        303
    );
    let res = review(&mut b, &[(&office, "5")]).await;
    assert!(
        res.select_text(".error-summary")
            .unwrap()
            .contains("granskas fortfarande")
    );
    assert_eq!(order_count(&app), 0);
}

#[actix_web::test]
async fn members_cancel_only_submitted_orders_and_only_their_own() {
    let app = TestApp::start(Kind::Sqlite);
    let mut a = Browser::new(&app);
    validated_member(&app, &mut a, 1, "a@example.org").await;
    let office = product_id(&app, "office-ltsc-standard");
    let ok = review(&mut a, &[(&office, "5")]).await;
    let path = confirm(&mut a, &ok).await.header("location").unwrap();
    let mut b = Browser::new(&app);
    validated_member(&app, &mut b, 2, "b@example.org").await;
    assert_eq!(
        b.get(&path).await.status,
        404,
        "organisation B reads A's order by URL"
    );
    let csrf = b
        .get("/sv/konto/bestallningar")
        .await
        .attr("input[name=csrf]", "value")
        .unwrap();
    assert_eq!(
        b.post(&format!("{path}/avbryt"), &[("csrf", &csrf)])
            .await
            .status,
        404,
        "B cancels A's order"
    );
    assert!(
        !b.get("/sv/konto/bestallningar")
            .await
            .text()
            .contains(&path)
    );
    // B sends A's confirmation key with B's own token: refused, no order taken over.
    let key = ok.attr("input[name=key]", "value").unwrap();
    let q = format!("q_{office}");
    let resent = b
        .post(
            "/sv/konto/bestallningar/bekrafta",
            &[("csrf", &csrf), ("key", &key), (&q, "5")],
        )
        .await;
    assert_eq!(resent.status, 409);
    // A's form as it is, from B's session, fails the CSRF check.
    assert_eq!(confirm(&mut b, &ok).await.status, 403);
    let page = a.get(&path).await;
    let cancel = page.attr("form[action$=\"avbryt\"]", "action").unwrap();
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    assert_eq!(a.post(&cancel, &[("csrf", &csrf)]).await.status, 303);
    assert!(
        a.get(&path)
            .await
            .select_text(".request")
            .unwrap()
            .contains("Avbeställd")
    );
    assert_eq!(
        a.post(&cancel, &[("csrf", &csrf)]).await.status,
        409,
        "only while submitted"
    );
}

#[actix_web::test]
async fn of_two_staff_deciding_an_order_at_once_exactly_one_wins() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        validated_member(&app, &mut a, 1, "a@example.org").await;
        let office = product_id(&app, "office-ltsc-standard");
        let ok = review(&mut a, &[(&office, "5")]).await;
        let path = confirm(&mut a, &ok).await.header("location").unwrap();
        let id = path.rsplit('/').next().unwrap().to_owned();
        staff_user(&app, "one@partner.example.org", Role::Agent).await;
        staff_user(&app, "two@partner.example.org", Role::Agent).await;
        let (mut one, mut two) = (Browser::new(&app), Browser::new(&app));
        login(&mut one, "one@partner.example.org", PW).await;
        login(&mut two, "two@partner.example.org", PW).await;
        let view = format!("/sv/personal/bestallningar/{id}");
        let t1 = one
            .get(&view)
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        let t2 = two
            .get(&view)
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        let action = format!("{view}/beslut");
        let f1 = [("csrf", t1.as_str()), ("action", "grant")];
        let f2 = [
            ("csrf", t2.as_str()),
            ("action", "deny"),
            ("reason", "Microsoft avslog beställningen."),
        ];
        let (r1, r2) = tokio::join!(one.post(&action, &f1), two.post(&action, &f2));
        let mut statuses = [r1.status, r2.status];
        statuses.sort();
        assert_eq!(statuses, [303, 409], "{kind:?}");
        let missing_reason = two
            .post(
                &action,
                &[("csrf", t2.as_str()), ("action", "deny"), ("reason", " ")],
            )
            .await;
        assert!(missing_reason.status == 400 || missing_reason.status == 409);
    }
}

#[actix_web::test]
async fn staff_admins_edit_and_retire_products_with_an_audit_trail() {
    let app = TestApp::start(Kind::Sqlite);
    staff_user(&app, "admin@partner.example.org", Role::Admin).await;
    let mut s = Browser::new(&app);
    login(&mut s, "admin@partner.example.org", PW).await;
    let visio = product_id(&app, "visio-professional");
    let edit = format!("/sv/personal/produkter/{visio}");
    let page = s.get(&edit).await;
    assert_eq!(page.attr("#fee", "value").as_deref(), Some("599.00"));
    let bad = s
        .submit(
            &edit,
            &edit,
            &[
                ("sku", "Visio Pro!"),
                ("name_sv", ""),
                ("name_en", "Visio"),
                ("kind", "gift"),
                ("fee", "mycket"),
                ("max_quantity", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status, 400);
    for f in ["sku", "name_sv", "kind", "fee", "max_quantity"] {
        assert!(bad.select_text(&format!("#{f}-error")).is_some(), "{f}");
    }
    let retire = s
        .submit(
            &edit,
            &edit,
            &[
                ("sku", "visio-professional"),
                ("name_sv", "Visio Professional 2024"),
                ("name_en", "Visio Professional 2024"),
                ("description_sv", "x"),
                ("description_en", "x"),
                ("kind", "discounted"),
                ("fee", "599"),
                ("max_quantity", "20"),
                ("active", ""),
            ],
        )
        .await;
    assert_eq!(retire.status, 303);
    assert!(!app.get("/sv/produkter").await.text().contains("Visio"));
    assert_eq!(
        app.get("/sv/produkter/visio-professional").await.status,
        404
    );
    let created = s
        .submit(
            "/sv/personal/produkter/ny",
            "/sv/personal/produkter/ny",
            &[
                ("sku", "teams-rooms"),
                ("name_sv", "Teams Rooms Pro"),
                ("name_en", "Teams Rooms Pro"),
                ("description_sv", "Mötesrum"),
                ("description_en", "Meeting rooms"),
                ("kind", "discounted"),
                ("fee", "1 299,50"),
                ("max_quantity", "5"),
                ("active", "yes"),
            ],
        )
        .await;
    assert_eq!(created.status, 303);
    assert!(
        app.get("/en/products")
            .await
            .text()
            .contains("SEK\u{a0}1,299.50")
    );
    let log = s.get("/sv/personal/logg?action=product.updated").await;
    assert!(log.text().contains(&visio));
    assert!(
        s.get("/sv/personal/logg?action=product.created")
            .await
            .text()
            .contains("teams-rooms")
    );
    // A member cannot reach the product admin.
    let mut m = Browser::new(&app);
    registered_member(&mut m, "Föreningen", &orgnr(1), "m@example.org").await;
    assert_eq!(m.get(&edit).await.status, 403);

    // Ordering the retired product is refused by name.
    let mut b = Browser::new(&app);
    validated_member(&app, &mut b, 2, "b@example.org").await;
    let res = review(&mut b, &[(&visio, "5")]).await;
    assert!(
        res.select_text(".error-summary")
            .unwrap()
            .contains("finns inte längre i katalogen")
    );
}

#[actix_web::test]
async fn an_order_line_too_small_for_one_server_is_warned_about() {
    let app = TestApp::start(Kind::Sqlite);
    let mut b = Browser::new(&app);
    validated_member(&app, &mut b, 61, "karna@forening.se").await;
    let sql = product_id(&app, "sql-server-standard");
    let windows = product_id(&app, "windows-server-standard");
    let one_pack = review(&mut b, &[(&sql, "1")]).await;
    assert_eq!(one_pack.status, 200);
    let text = one_pack.text();
    assert!(
        text.contains("2 kärnlicenser räcker inte till en enda server")
            && text.contains("minst 4 kärnlicenser")
            && text.contains("minst 2 stycken per server"),
        "{text}"
    );
    let two_packs = review(&mut b, &[(&sql, "2"), (&windows, "1")]).await;
    assert_eq!(two_packs.status, 200);
    assert!(!two_packs.text().contains("kärnlicenser räcker inte"));
}

fn run_sql(app: &TestApp, file: &str) {
    use diesel::connection::SimpleConnection;
    let mut c = app.pool().get().unwrap();
    let dir = match &*c {
        donera::db::DbConn::Sqlite(_) => "sqlite",
        donera::db::DbConn::Pg(_) => "postgres",
    };
    let path = format!(
        "{}/migrations/{dir}/2026-12-02-000010_catalogue_2026/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let sql = std::fs::read_to_string(path).unwrap();
    match &mut *c {
        donera::db::DbConn::Sqlite(c) => c.batch_execute(&sql).unwrap(),
        donera::db::DbConn::Pg(c) => c.batch_execute(&sql).unwrap(),
    }
}

fn product_texts(app: &TestApp, sku: &str) -> (String, String, String, i32) {
    let mut c = app.pool().get().unwrap();
    products::table
        .filter(products::sku.eq(sku))
        .select((
            products::name_en,
            products::description_sv,
            products::kind,
            products::max_quantity,
        ))
        .first(&mut c)
        .unwrap()
}

#[actix_web::test]
async fn the_2026_migration_updates_unedited_seeded_rows_and_keeps_edited_ones() {
    use donera::db::schema::faq_articles as fa;
    for kind in backends() {
        let app = TestApp::start(kind);
        // Back to the catalogue and FAQ as first seeded (the migration's down.sql), then one
        // product and one article edited by staff.
        run_sql(&app, "down.sql");
        let premium = product_texts(&app, "m365-business-premium");
        assert_eq!(premium.0, "Microsoft 365 Business Premium (donation)");
        assert_eq!((premium.2.as_str(), premium.3), ("donated_cloud", 10));
        {
            let mut c = app.pool().get().unwrap();
            diesel::update(products::table.filter(products::sku.eq("sql-server-standard")))
                .set(products::description_sv.eq("Vår egen text."))
                .execute(&mut c)
                .unwrap();
            diesel::update(fa::table.filter(fa::slug_sv.eq("hur-far-vi-hjalp")))
                .set(fa::body_en.eq("Our own text."))
                .execute(&mut c)
                .unwrap();
        }
        let orders_before = order_count(&app);
        run_sql(&app, "up.sql");
        let premium = product_texts(&app, "m365-business-premium");
        assert_eq!(premium.0, "Microsoft 365 Business Premium", "{kind:?}");
        assert!(premium.1.contains("1 juli 2025"), "{kind:?}");
        assert_eq!((premium.2.as_str(), premium.3), ("discounted", 300));
        assert!(
            product_texts(&app, "windows-server-standard")
                .1
                .contains("16 kärnlicenser")
        );
        assert_eq!(
            product_texts(&app, "sql-server-standard").1,
            "Vår egen text."
        );
        let mut c = app.pool().get().unwrap();
        let below: String = fa::table
            .filter(fa::slug_sv.eq("under-85-procent"))
            .select(fa::body_sv)
            .first(&mut c)
            .unwrap();
        assert!(
            below.contains("Licenses Will Be Disabled"),
            "{kind:?}: {below}"
        );
        let help: (String, String) = fa::table
            .filter(fa::slug_sv.eq("hur-far-vi-hjalp"))
            .select((fa::body_sv, fa::body_en))
            .first(&mut c)
            .unwrap();
        assert_eq!(help.1, "Our own text.");
        assert!(
            help.0.contains("längst ned på varje sida"),
            "an edited row is kept whole"
        );
        assert_eq!(order_count(&app), orders_before);
        // The staff's product list marks the edited seeded row, and only it.
        drop(c);
        staff_user(&app, "katalog@partner.example.org", Role::Admin).await;
        let mut s = Browser::new(&app);
        login(&mut s, "katalog@partner.example.org", PW).await;
        let list = s.get("/sv/personal/produkter").await;
        let doc = list.html();
        let sel = scraper::Selector::parse("tr:has(span.badge[title])").unwrap();
        let marked: Vec<String> = doc.select(&sel).map(|r| r.text().collect()).collect();
        assert_eq!(marked.len(), 1, "{marked:?}");
        assert!(marked[0].contains("sql-server-standard"), "{marked:?}");
    }
}
