//! The data export end to end on both backends: an organisation filled through the real forms,
//! its admin's ZIP read back file by file, no secret anywhere in it, organisations apart, a
//! user who is not admin getting only their own, the staff export by address (audited, agents
//! refused, bad and unknown addresses), several megabytes of files, and the schema walk that
//! keeps the inventory complete.

use std::collections::BTreeMap;
use std::io::Read;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use donera::accounts::model::Role;
use donera::db::DbConn;
use donera::db::schema::{audit_log, products, recovery_codes, user_totp, users};
use serde_json::Value;
use time::Duration;

use crate::support::{BOUNDARY, PDF, PNG, PW, login, multipart, orgnr, registered_member};
use crate::support::{Browser, Resp, TestApp, backends, staff_user};

const COMPLIANT: &[u8] = include_bytes!("../fixtures/usage/active-compliant.csv");

fn form_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// The ZIP's entries by name.
fn unzip(res: &Resp) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(res.body.clone())).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let mut data = vec![];
        f.read_to_end(&mut data).unwrap();
        out.insert(f.name().unwrap().into_owned(), data);
    }
    out
}

fn json(files: &BTreeMap<String, Vec<u8>>, name: &str) -> Value {
    serde_json::from_slice(files.get(name).unwrap_or_else(|| panic!("no {name}"))).unwrap()
}

fn all_text(files: &BTreeMap<String, Vec<u8>>) -> String {
    files
        .values()
        .map(|d| String::from_utf8_lossy(d).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn product_id(app: &TestApp, sku: &str) -> String {
    let mut c = app.pool().get().unwrap();
    products::table
        .filter(products::sku.eq(sku))
        .select(products::id)
        .first(&mut c)
        .unwrap()
}

fn user_id(app: &TestApp, email: &str) -> String {
    let mut c = app.pool().get().unwrap();
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut c)
        .unwrap()
}

async fn staff_browser<'a>(app: &'a TestApp, email: &str, role: Role) -> Browser<'a> {
    staff_user(app, email, role).await;
    let mut s = Browser::new(app);
    assert_eq!(login(&mut s, email, PW).await.status, 303);
    s
}

/// Approves the organisation's pending certificate as an agent.
async fn approve(staff: &mut Browser<'_>) {
    let q = staff.get("/sv/personal/valideringar").await;
    let view = q.attr("tbody a", "href").unwrap();
    let res = staff
        .submit(
            &view,
            &format!("{view}/beslut"),
            &[
                ("decision", "approve"),
                ("valid_from", "2026-11-28"),
                ("valid_to", "2027-11-27"),
                ("certificate_expires", "2028-11-27"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
}

/// Orders five Office licences through the review and confirm pages.
async fn order(app: &TestApp, b: &mut Browser<'_>) {
    let office = product_id(app, "office-ltsc-standard");
    let field = format!("q_{office}");
    let review = b
        .submit(
            "/sv/konto/bestallningar/ny",
            "/sv/konto/bestallningar/ny",
            &[(field.as_str(), "5")],
        )
        .await;
    assert_eq!(review.status, 200, "{}", review.text());
    let doc = review.html();
    let sel = scraper::Selector::parse("form[action$=\"bekrafta\"] input[type=hidden]").unwrap();
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
    let placed = b.post("/sv/konto/bestallningar/bekrafta", &refs).await;
    assert_eq!(placed.status, 303, "{}", placed.text());
}

/// Opens a member ticket with `files`; returns its number.
async fn ticket(b: &mut Browser<'_>, subject: &str, files: &[(&str, &[u8])]) -> String {
    let path = "/sv/konto/arenden/nytt";
    let page = b.get(path).await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![
        ("csrf", None, csrf.as_bytes()),
        ("category", None, b"order"),
        ("subject", None, subject.as_bytes()),
        ("message", None, "Hej, fakturan stämmer inte.".as_bytes()),
        ("link", None, b""),
    ];
    for (name, data) in files {
        parts.push(("files", Some(name), data));
    }
    let res = b.post_raw(path, &form_type(), multipart(&parts)).await;
    assert_eq!(res.status, 303, "{}", res.text());
    res.header("location")
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned()
}

async fn staff_answer(s: &mut Browser<'_>, number: &str, body: &str, internal: bool) {
    let page = s.get(&format!("/sv/personal/arenden/{number}")).await;
    let action = format!("/sv/personal/arenden/{number}/svar");
    let csrf = page
        .attr(
            &format!("form[action=\"{action}\"] input[name=csrf]"),
            "value",
        )
        .unwrap();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![
        ("csrf", None, csrf.as_bytes()),
        ("body", None, body.as_bytes()),
        ("state", None, b"waiting"),
        ("action", None, b"send"),
    ];
    if internal {
        parts.push(("internal", None, b"1"));
    }
    let res = s.post_raw(&action, &form_type(), multipart(&parts)).await;
    assert_eq!(res.status, 303, "{}", res.text());
}

async fn save_usage(b: &mut Browser<'_>) {
    let path = "/sv/konto/anvandning";
    let page = b.get(path).await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let body = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("files", Some("aktiva.csv"), COMPLIANT),
        ("save", None, b"yes"),
    ]);
    let res = b.post_raw(path, &form_type(), body).await;
    assert_eq!(res.status, 200, "{}", res.text());
}

/// Invites a colleague who accepts; their browser ends signed in.
async fn colleague<'a>(app: &'a TestApp, admin: &mut Browser<'_>, email: &str) -> Browser<'a> {
    let res = admin
        .submit(
            "/sv/konto/kollegor",
            "/sv/konto/kollegor",
            &[("name", "Bertil Berg"), ("email", email)],
        )
        .await;
    assert_eq!(res.status, 303);
    let path = app.mailed_path("member.invitation", email).unwrap();
    let mut b = Browser::new(app);
    let res = b
        .submit(
            &path,
            &path,
            &[
                ("name", "Bertil Berg"),
                ("password", PW),
                ("password_confirm", PW),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    b
}

/// Every secret the database holds about anyone: none may appear in an export.
fn secrets(app: &TestApp) -> Vec<String> {
    let mut c = app.pool().get().unwrap();
    let mut all: Vec<String> = users::table
        .select(users::password_hash)
        .load::<Option<String>>(&mut c)
        .unwrap()
        .into_iter()
        .flatten()
        .collect();
    all.extend(
        user_totp::table
            .select(user_totp::secret)
            .load::<String>(&mut c)
            .unwrap(),
    );
    all.extend(
        recovery_codes::table
            .select(recovery_codes::code_hash)
            .load::<String>(&mut c)
            .unwrap(),
    );
    use donera::db::schema::{sessions, tokens};
    all.extend(
        tokens::table
            .select(tokens::token_hash)
            .load::<String>(&mut c)
            .unwrap(),
    );
    all.extend(
        sessions::table
            .select(sessions::id)
            .load::<String>(&mut c)
            .unwrap(),
    );
    all
}

fn assert_no_secret(app: &TestApp, files: &BTreeMap<String, Vec<u8>>, extra: &[String]) {
    let text = all_text(files);
    let mut secrets = secrets(app);
    assert!(secrets.len() >= 3, "the fixture holds secrets to look for");
    secrets.extend_from_slice(extra);
    for s in secrets {
        assert!(!text.contains(&s), "a secret is in the export: {s}");
    }
    assert!(!text.contains("password") && !text.contains("$argon2"));
}

fn actions(audit: &Value) -> Vec<String> {
    audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

#[actix_web::test]
async fn an_admin_downloads_everything_about_the_organisation_and_no_secret() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let number = orgnr(1);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Föreningen Alfa", &number, "anna@alfa.example.org").await;
        let anna = user_id(&app, "anna@alfa.example.org");
        let codes = crate::twofa::enrol(&app, &anna, crate::twofa::TOTP_SECRET);
        assert_eq!(
            a.upload("/sv/konto/certifikat", "intyg.pdf", PDF, "Vårt intyg")
                .await
                .status,
            303
        );
        let mut agent = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        approve(&mut agent).await;
        order(&app, &mut a).await;
        let number_t = ticket(&mut a, "Fakturan för Alfa", &[("skarm.png", PNG)]).await;
        staff_answer(&mut agent, &number_t, "Vi rättar fakturan.", false).await;
        staff_answer(&mut agent, &number_t, "Ring kunden om fakturan.", true).await;
        save_usage(&mut a).await;
        let mut bertil = colleague(&app, &mut a, "bertil@alfa.example.org").await;
        assert_eq!(bertil.get("/sv/konto/").await.status, 200);

        let page = a.get("/sv/konto/dina-uppgifter").await;
        assert_eq!(page.status, 200, "{kind:?}");
        assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));
        assert_eq!(
            page.attr("#download-export", "href").as_deref(),
            Some("/sv/konto/dina-uppgifter/export.zip")
        );
        let text = page.text();
        assert!(text.contains("href=\"/sv/integritet\""));
        assert!(text.contains("href=\"/sv/konto/radera\""));
        assert!(text.contains("href=\"/sv/konto/organisation/radera\""));
        assert!(text.contains("allt portalen har om organisationen"));
        let dash = a.get("/sv/konto/").await;
        assert!(dash.text().contains("href=\"/sv/konto/dina-uppgifter\""));

        app.clock.advance(Duration::hours(1));
        let res = a.get("/sv/konto/dina-uppgifter/export.zip").await;
        assert_eq!(res.status, 200, "{kind:?}");
        assert_eq!(
            res.header("content-type").as_deref(),
            Some("application/zip")
        );
        assert_eq!(
            res.header("content-disposition").unwrap(),
            format!("attachment; filename=\"donera-export-{number}-2026-11-28.zip\"")
        );
        assert_eq!(
            res.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(res.header("cache-control").as_deref(), Some("no-store"));
        let files = unzip(&res);

        let org = json(&files, "organisation.json");
        assert_eq!(org["name"], "Föreningen Alfa");
        assert_eq!(org["org_number"], number.as_str());

        let people = json(&files, "users.json");
        let mut emails: Vec<&str> = people
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["email"].as_str().unwrap())
            .collect();
        emails.sort();
        assert_eq!(emails, ["anna@alfa.example.org", "bertil@alfa.example.org"]);
        assert!(people[0].get("password_hash").is_none());

        let vr = json(&files, "validation_requests.json");
        assert_eq!(vr.as_array().unwrap().len(), 1);
        assert_eq!(vr[0]["state"], "approved");
        assert_eq!(vr[0]["note"], "Vårt intyg");
        assert_eq!(vr[0]["valid_to"], "2027-11-27");
        let cert = vr[0]["certificate"]["path"].as_str().unwrap();
        assert!(cert.starts_with("files/") && cert.ends_with(".pdf"));
        assert_eq!(files[cert], PDF, "the certificate's bytes");

        let orders = json(&files, "orders.json");
        assert_eq!(orders.as_array().unwrap().len(), 1);
        assert_eq!(orders[0]["lines"][0]["sku"], "office-ltsc-standard");
        assert_eq!(orders[0]["lines"][0]["quantity"], 5);
        assert!(!orders[0]["history"].as_array().unwrap().is_empty());

        let tickets = json(&files, "tickets.json");
        assert_eq!(tickets.as_array().unwrap().len(), 1);
        assert_eq!(tickets[0]["number"], number_t.as_str());
        assert_eq!(tickets[0]["subject"], "Fakturan för Alfa");
        let msgs = tickets[0]["messages"].as_array().unwrap();
        let bodies: Vec<&str> = msgs.iter().map(|m| m["body"].as_str().unwrap()).collect();
        assert!(bodies.contains(&"Vi rättar fakturan."), "{bodies:?}");
        // Internal notes are the person's data too (Art. 15): included and marked.
        let note = msgs
            .iter()
            .find(|m| m["body"] == "Ring kunden om fakturan.")
            .unwrap();
        assert_eq!(note["internal"], true);
        let shot = msgs[0]["attachments"][0]["path"].as_str().unwrap();
        assert_eq!(msgs[0]["attachments"][0]["original_name"], "skarm.png");
        assert_eq!(files[shot], PNG, "the attachment's bytes");

        let usage = json(&files, "usage_checks.json");
        assert_eq!(usage.as_array().unwrap().len(), 1);
        assert_eq!(usage[0]["passes"], true);

        let outbox = json(&files, "outbox.json");
        let verification = outbox
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "member.email_verification")
            .unwrap();
        assert_eq!(verification["recipient"], "anna@alfa.example.org");
        assert_eq!(verification["content"]["path"], "[removed]");
        let invitation_link = app
            .mailed_path("member.invitation", "bertil@alfa.example.org")
            .unwrap();

        let audit = actions(&json(&files, "audit.json"));
        for a in ["validation.submitted", "privacy.exported"] {
            assert!(audit.iter().any(|x| x == a), "{a} in {audit:?}");
        }

        let readme = String::from_utf8(files["README.txt"].clone()).unwrap();
        assert!(readme.contains("Dina uppgifter i portalen"), "{readme}");
        assert!(readme.contains("tickets.json") && readme.contains("interna anteckningar"));
        for left_out in [
            "sessions",
            "tokens",
            "user_totp",
            "recovery_codes",
            "ticket_terms",
        ] {
            assert!(readme.contains(left_out), "{left_out} is named as left out");
        }
        assert_no_secret(&app, &files, &[codes.join("\n"), invitation_link]);
        for c in &codes {
            assert!(!all_text(&files).contains(c.as_str()));
        }

        // Audited: who and what.
        let mut c = app.pool().get().unwrap();
        let (actor, record): (Option<String>, String) = audit_log::table
            .filter(audit_log::action.eq("privacy.exported"))
            .select((audit_log::actor_id, audit_log::record_kind))
            .first(&mut c)
            .unwrap();
        assert_eq!(
            (actor.as_deref(), record.as_str()),
            (Some(anna.as_str()), "organisation")
        );
        drop(c);

        // In English, the README is in English.
        let en = a.get("/en/account/your-data/export.zip").await;
        let readme = String::from_utf8(unzip(&en)["README.txt"].clone()).unwrap();
        assert!(readme.contains("Your data in the portal"), "{readme}");

        // Another organisation's admin and its other user get nothing of Alfa's.
        let mut b = Browser::new(&app);
        registered_member(
            &mut b,
            "Föreningen Beta",
            &orgnr(2),
            "berit@beta.example.org",
        )
        .await;
        let _ = ticket(&mut b, "Beta undrar", &[]).await;
        let mut beta2 = colleague(&app, &mut b, "bo@beta.example.org").await;
        for browser in [&mut b, &mut beta2] {
            let res = browser.get("/sv/konto/dina-uppgifter/export.zip").await;
            assert_eq!(res.status, 200);
            let text = all_text(&unzip(&res));
            for alfa in [
                "Föreningen Alfa",
                "anna@alfa.example.org",
                "bertil@alfa.example.org",
                "Fakturan för Alfa",
                anna.as_str(),
                number.as_str(),
            ] {
                assert!(!text.contains(alfa), "{kind:?}: {alfa} in Beta's export");
            }
        }

        // Staff and visitors have no "your data" page; anonymous visitors are sent to log in.
        let anon = app.get("/sv/konto/dina-uppgifter/export.zip").await;
        assert_eq!(anon.status, 303);
        assert!(anon.header("location").unwrap().starts_with("/sv/logga-in"));
        assert_eq!(
            agent
                .get("/sv/konto/dina-uppgifter/export.zip")
                .await
                .status,
            403
        );
        let _ = &mut bertil;
    }
}

#[actix_web::test]
async fn a_user_who_is_not_admin_gets_only_their_own() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(
            &mut a,
            "Föreningen Gamma",
            &orgnr(3),
            "greta@gamma.example.org",
        )
        .await;
        let _ = ticket(&mut a, "Gretas fråga", &[("bild.png", PNG)]).await;
        let mut b = colleague(&app, &mut a, "gustav@gamma.example.org").await;
        let own = ticket(&mut b, "Gustavs fråga", &[]).await;
        let page = b.get("/sv/konto/dina-uppgifter").await;
        assert_eq!(page.status, 200);
        assert!(
            page.select_text(".scope-own")
                .unwrap()
                .contains("ditt konto")
        );
        assert!(!page.text().contains("/sv/konto/organisation/radera"));

        let res = b.get("/sv/konto/dina-uppgifter/export.zip").await;
        assert_eq!(res.status, 200, "{kind:?}");
        let files = unzip(&res);
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "README.txt",
                "audit.json",
                "outbox.json",
                "tickets.json",
                "users.json"
            ],
            "no organisation-wide files"
        );
        let people = json(&files, "users.json");
        assert_eq!(people.as_array().unwrap().len(), 1);
        assert_eq!(people[0]["email"], "gustav@gamma.example.org");
        let tickets = json(&files, "tickets.json");
        assert_eq!(tickets.as_array().unwrap().len(), 1);
        assert_eq!(tickets[0]["number"], own.as_str());
        let text = all_text(&files);
        assert!(!text.contains("Gretas fråga") && !text.contains("greta@gamma.example.org"));
        let readme = String::from_utf8(files["README.txt"].clone()).unwrap();
        assert!(readme.contains("en person"));
        assert_no_secret(&app, &files, &[]);
    }
}

/// A visitor's ticket through the contact form.
async fn visitor_ticket(app: &TestApp, email: &str) {
    let mut v = Browser::new(app);
    let page = v.get("/sv/kontakt").await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let started = page.attr("input[name=started]", "value").unwrap();
    app.clock.advance(Duration::seconds(5));
    let res = v
        .post(
            "/sv/kontakt",
            &[
                ("csrf", csrf.as_str()),
                ("started", started.as_str()),
                ("website", ""),
                ("name", "Vera Besökare"),
                ("email", email),
                ("organisation", "Kören i Byn"),
                ("category", "validation"),
                ("subject", "Hur validerar vi oss?"),
                ("message", "Vi är en ideell förening."),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
}

#[actix_web::test]
async fn staff_admins_export_one_address_audited_and_agents_are_refused() {
    for kind in backends() {
        let app = TestApp::start(kind);
        visitor_ticket(&app, "vera@byn.example.org").await;
        visitor_ticket(&app, "other@byn.example.org").await;
        let mut agent = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        assert_eq!(agent.get("/sv/personal/integritet").await.status, 403);
        let home = agent.get("/sv/personal/").await;
        assert!(!home.text().contains("/sv/personal/integritet"));
        let csrf = agent
            .get("/sv/personal/")
            .await
            .attr("input[name=csrf]", "value")
            .unwrap_or_default();
        let res = agent
            .post(
                "/sv/personal/integritet/export",
                &[("csrf", csrf.as_str()), ("email", "vera@byn.example.org")],
            )
            .await;
        assert_eq!(res.status, 403, "agents are refused");

        let mut admin = staff_browser(&app, "admin@partner.example.org", Role::Admin).await;
        let home = admin.get("/sv/personal/").await;
        assert!(home.text().contains("href=\"/sv/personal/integritet\""));
        let page = admin.get("/sv/personal/integritet").await;
        assert_eq!(page.status, 200);
        assert_eq!(page.header("cache-control").as_deref(), Some("no-store"));

        // Without the form's token: refused.
        let res = admin
            .post(
                "/sv/personal/integritet/export",
                &[("email", "vera@byn.example.org")],
            )
            .await;
        assert_eq!(res.status, 403);

        let bad = admin
            .submit(
                "/sv/personal/integritet",
                "/sv/personal/integritet/export",
                &[("email", "vera at byn")],
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(bad.select_text("#email-error").is_some(), "{}", bad.text());
        assert_eq!(bad.attr("#email", "value").as_deref(), Some("vera at byn"));

        let none = admin
            .submit(
                "/sv/personal/integritet",
                "/sv/personal/integritet/export",
                &[("email", "nobody@byn.example.org")],
            )
            .await;
        assert_eq!(none.status, 200);
        assert_eq!(
            none.header("content-type").unwrap(),
            "text/html; charset=utf-8"
        );
        assert!(
            none.select_text("#nothing-found")
                .unwrap()
                .contains("inga uppgifter")
        );
        assert_eq!(
            none.attr("#email", "value").as_deref(),
            Some("nobody@byn.example.org")
        );

        let res = admin
            .submit(
                "/sv/personal/integritet",
                "/sv/personal/integritet/export",
                &[("email", "Vera@Byn.example.org")],
            )
            .await;
        assert_eq!(res.status, 200, "{kind:?}");
        assert_eq!(
            res.header("content-type").as_deref(),
            Some("application/zip")
        );
        assert!(
            res.header("content-disposition")
                .unwrap()
                .starts_with("attachment; filename=\"donera-export-vera-")
        );
        let files = unzip(&res);
        let tickets = json(&files, "tickets.json");
        assert_eq!(tickets.as_array().unwrap().len(), 1);
        assert_eq!(tickets[0]["requester_email"], "vera@byn.example.org");
        assert_eq!(
            tickets[0]["messages"][0]["body"],
            "Vi är en ideell förening."
        );
        assert_eq!(json(&files, "users.json"), serde_json::json!([]));
        let outbox = json(&files, "outbox.json");
        assert!(!outbox.as_array().unwrap().is_empty());
        for e in outbox.as_array().unwrap() {
            assert_eq!(e["recipient"], "vera@byn.example.org");
        }
        let text = all_text(&files);
        assert!(!text.contains("other@byn.example.org"));
        let link = app
            .mailed_path("ticket.received", "vera@byn.example.org")
            .unwrap();
        assert!(!text.contains(&link), "the private link stays out");
        assert_no_secret(&app, &files, &[]);

        let mut c = app.pool().get().unwrap();
        let (actor, details): (Option<String>, String) = audit_log::table
            .filter(audit_log::action.eq("privacy.exported"))
            .select((audit_log::actor_id, audit_log::details))
            .first(&mut c)
            .unwrap();
        let admin_id = user_id(&app, "admin@partner.example.org");
        assert_eq!(actor.as_deref(), Some(admin_id.as_str()));
        let details: Value = serde_json::from_str(&details).unwrap();
        assert_eq!(details["email"], "vera@byn.example.org");
        assert_eq!(details["counts"]["tickets"], 1);
        assert_eq!(details["counts"]["users"], 0);
        let exports: i64 = audit_log::table
            .filter(audit_log::action.eq("privacy.exported"))
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(
            exports, 1,
            "the empty lookup and the refusals export nothing"
        );
        drop(c);

        // A registered user's address: the user record comes with it.
        let mut m = Browser::new(&app);
        registered_member(
            &mut m,
            "Föreningen Delta",
            &orgnr(4),
            "dora@delta.example.org",
        )
        .await;
        let res = admin
            .submit(
                "/en/staff/privacy",
                "/en/staff/privacy/export",
                &[("email", "dora@delta.example.org")],
            )
            .await;
        assert_eq!(res.status, 200);
        let files = unzip(&res);
        assert_eq!(json(&files, "users.json")[0]["name"], "Anna Andersson");
        assert!(
            String::from_utf8(files["README.txt"].clone())
                .unwrap()
                .contains("one person")
        );
        assert_no_secret(&app, &files, &[]);
    }
}

/// Bytes deflate cannot shrink, so the ZIP really carries megabytes.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    let mut out = b"%PDF-1.4\n".to_vec();
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

#[actix_web::test]
async fn megabytes_of_attachments_stream_through_whole() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Föreningen Stor", &orgnr(5), "stor@example.org").await;
        let big: Vec<Vec<u8>> = (0..3).map(|i| noise(2 * 1024 * 1024, 7 + i)).collect();
        let files: Vec<(&str, &[u8])> = vec![
            ("a.pdf", &big[0][..]),
            ("b.pdf", &big[1][..]),
            ("c.pdf", &big[2][..]),
        ];
        let _ = ticket(&mut a, "Stora filer", &files).await;
        let res = a.get("/sv/konto/dina-uppgifter/export.zip").await;
        assert_eq!(res.status, 200, "{kind:?}");
        assert!(res.body.len() > 6 * 1024 * 1024);
        let out = unzip(&res);
        let tickets = json(&out, "tickets.json");
        let atts = tickets[0]["messages"][0]["attachments"].as_array().unwrap();
        assert_eq!(atts.len(), 3);
        for att in atts {
            let name = att["original_name"].as_str().unwrap();
            let i = ["a.pdf", "b.pdf", "c.pdf"]
                .iter()
                .position(|n| *n == name)
                .unwrap();
            assert_eq!(out[att["path"].as_str().unwrap()], big[i], "{name}");
        }
    }
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
}

/// Every (table, column) of the migrated schema, read from the database itself.
fn schema_columns(conn: &mut DbConn) -> Vec<(String, String)> {
    let rows: Vec<Column> = match conn {
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS table_name, p.name AS column_name \
             FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND m.name <> '__diesel_schema_migrations'",
        )
        .load(c)
        .unwrap(),
        DbConn::Pg(c) => diesel::sql_query(
            "SELECT table_name::text AS table_name, column_name::text AS column_name \
             FROM information_schema.columns WHERE table_schema = 'public' \
             AND table_name <> '__diesel_schema_migrations'",
        )
        .load(c)
        .unwrap(),
    };
    rows.into_iter()
        .map(|r| (r.table_name, r.column_name))
        .collect()
}

#[actix_web::test]
async fn every_table_that_refers_to_a_person_is_exported_or_left_out_with_a_reason() {
    use donera::privacy::inventory;
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut c = app.pool().get().unwrap();
        let columns = schema_columns(&mut c);
        assert!(columns.len() > 100, "{kind:?}: the walk read the schema");
        let (missing, stale) = inventory::check(&columns);
        assert!(
            missing.is_empty(),
            "{kind:?}: the tables {missing:?} refer to an organisation, a user or an e-mail address \
             but are not in src/privacy/inventory.rs. Add each to TABLES: `exported(table, file)` \
             and write it into the ZIP in src/privacy/export.rs (with its \
             privacy-export-readme-file-* message in both locales), or `left_out(table, Reason::…)` \
             with the reason the export's README gives."
        );
        assert!(
            stale.is_empty(),
            "{kind:?}: src/privacy/inventory.rs lists {stale:?}, which the schema does not have: \
             remove them from TABLES (or fix the name)."
        );

        // The walk does catch a new table: one with a user column fails until it is placed.
        c.batch_execute("CREATE TABLE newsletter_signups (id TEXT PRIMARY KEY, user_id TEXT)")
            .unwrap();
        let (missing, _) = inventory::check(&schema_columns(&mut c));
        assert_eq!(missing, ["newsletter_signups"], "{kind:?}");
    }
}
