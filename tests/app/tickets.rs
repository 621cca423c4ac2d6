//! Support tickets end to end, on both backends: members and visitors asking, staff answering,
//! who sees what (organisations apart, internal notes never outside the help desk), the contact
//! form's spam defences, states and auto-close on an injected clock, merging, canned replies,
//! the queue's filters, search and paging, and every form's bad inputs.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::schema::{audit_log, outbox_events, ticket_tokens, tickets};
use time::Duration;

use crate::support::{Browser, Kind, Resp, TestApp, backends};
use crate::support::{JPEG, PDF, PNG, multipart, orgnr};
use crate::support::{PW, login, registered_member, staff_user};

const BOUNDARY_TYPE: &str = "multipart/form-data; boundary=----donera-test-boundary";

/// Opens a ticket from the member area with `files` (name, bytes); returns the answer.
pub(crate) async fn open_ticket(
    b: &mut Browser<'_>,
    lang: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> Resp {
    let path = if lang == "sv" {
        "/sv/konto/arenden/nytt"
    } else {
        "/en/account/tickets/new"
    };
    let page = b.get(path).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("csrf", None, csrf.as_bytes())];
    for (k, v) in fields {
        parts.push((k, None, v.as_bytes()));
    }
    for (name, data) in files {
        parts.push(("files", Some(name), data));
    }
    b.post_raw(path, BOUNDARY_TYPE, multipart(&parts)).await
}

/// Replies in the member area (multipart, like the browser sends it).
pub(crate) async fn member_reply(b: &mut Browser<'_>, path: &str, message: &str) -> Resp {
    let page = b.get(path).await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap_or_default();
    let body = multipart(&[
        ("csrf", None, csrf.as_bytes()),
        ("message", None, message.as_bytes()),
    ]);
    b.post_raw(path, BOUNDARY_TYPE, body).await
}

fn ticket_row(app: &TestApp, number: &str) -> (String, String, Option<String>) {
    let mut c = app.pool().get().unwrap();
    tickets::table
        .filter(tickets::number.eq(number))
        .select((tickets::id, tickets::state, tickets::merged_into))
        .first(&mut c)
        .unwrap()
}

fn events(app: &TestApp, kind: &str) -> Vec<(String, Option<String>, String)> {
    let mut c = app.pool().get().unwrap();
    outbox_events::table
        .filter(outbox_events::kind.eq(kind))
        .order(outbox_events::created_at)
        .select((
            outbox_events::channel,
            outbox_events::recipient,
            outbox_events::payload,
        ))
        .load(&mut c)
        .unwrap()
}

fn all_payloads(app: &TestApp) -> String {
    let mut c = app.pool().get().unwrap();
    let p: Vec<String> = outbox_events::table
        .select(outbox_events::payload)
        .load(&mut c)
        .unwrap();
    p.join("\n")
}

fn audited(app: &TestApp, action: &str) -> i64 {
    let mut c = app.pool().get().unwrap();
    audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(&mut c)
        .unwrap()
}

pub(crate) async fn staff_browser<'a>(app: &'a TestApp, email: &str, role: Role) -> Browser<'a> {
    staff_user(app, email, role).await;
    let mut s = Browser::new(app);
    assert_eq!(login(&mut s, email, PW).await.status, 303);
    s
}

/// Posts the staff reply form as the browser does (multipart), with `files` (name, bytes).
pub(crate) async fn staff_reply_form(
    s: &mut Browser<'_>,
    number: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> Resp {
    let page = s.get(&format!("/sv/personal/arenden/{number}")).await;
    let action = format!("/sv/personal/arenden/{number}/svar");
    let csrf = page
        .attr(
            &format!("form[action=\"{action}\"] input[name=csrf]"),
            "value",
        )
        .unwrap_or_default();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![("csrf", None, csrf.as_bytes())];
    for (k, v) in fields {
        parts.push((k, None, v.as_bytes()));
    }
    for (name, data) in files {
        parts.push(("files", Some(name), data));
    }
    s.post_raw(&action, BOUNDARY_TYPE, multipart(&parts)).await
}

/// Staff answer through the ticket page's reply form.
pub(crate) async fn staff_reply(
    s: &mut Browser<'_>,
    number: &str,
    body: &str,
    internal: bool,
    state: &str,
) -> Resp {
    let mut form = vec![("body", body), ("state", state), ("action", "send")];
    if internal {
        form.push(("internal", "1"));
    }
    staff_reply_form(s, number, &form, &[]).await
}

pub(crate) async fn staff_update(
    s: &mut Browser<'_>,
    number: &str,
    state: &str,
    priority: &str,
    assignee: &str,
) -> Resp {
    s.submit(
        &format!("/sv/personal/arenden/{number}"),
        &format!("/sv/personal/arenden/{number}/andra"),
        &[
            ("state", state),
            ("priority", priority),
            ("assignee", assignee),
        ],
    )
    .await
}

#[actix_web::test]
async fn a_member_asks_and_gets_an_answer_and_internal_notes_stay_inside() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Ärlig", &orgnr(1), "anna@arlig.se").await;
        let res = open_ticket(
            &mut m,
            "sv",
            &[
                ("category", "order"),
                ("subject", "Fakturan stämmer inte"),
                (
                    "message",
                    "Hej!\nSe https://example.org/faktura?id=1&x=2 <script>alert(1)</script>",
                ),
                ("link", ""),
            ],
            &[
                ("faktura.pdf", PDF),
                ("logg.txt", "rad 1\nrad 2 åäö\n".as_bytes()),
            ],
        )
        .await;
        assert_eq!(res.status, 303, "{}", res.text());
        assert_eq!(
            res.header("location").unwrap(),
            "/sv/konto/arenden/D-2026-00001"
        );
        let page = m.get("/sv/konto/arenden/D-2026-00001").await;
        assert_eq!(page.status, 200);
        let text = page.text();
        assert!(text.contains("D-2026-00001") && text.contains("Fakturan stämmer inte"));
        // Plain text: the script is shown as text, the link is clickable, the line break kept.
        assert!(
            text.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
            "{text}"
        );
        assert!(!text.contains("<script>alert"));
        assert_eq!(
            page.attr(".msg-body a", "href").unwrap(),
            "https://example.org/faktura?id=1&x=2"
        );
        assert!(
            page.select_text(".msg-body")
                .unwrap()
                .starts_with("Hej! Se")
        );
        // Both attachments, downloadable by the member, as attachments with nosniff.
        let doc = page.html();
        let sel = scraper::Selector::parse(".msg-files a").unwrap();
        let links: Vec<String> = doc
            .select(&sel)
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect();
        assert_eq!(links.len(), 2);
        let f = m.get(&links[1]).await;
        assert_eq!(f.status, 200);
        assert_eq!(f.header("x-content-type-options").unwrap(), "nosniff");
        assert!(
            f.header("content-disposition")
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(f.header("content-type").unwrap(), "text/plain");
        // The events: the partner hears of it, the member gets a receipt with the link.
        let created = events(&app, "ticket.created");
        assert!(
            created
                .iter()
                .any(|(ch, _, p)| ch == "webhook" && p.contains("D-2026-00001"))
        );
        assert_eq!(
            app.mailed_path("ticket.received", "anna@arlig.se").unwrap(),
            "/sv/konto/arenden/D-2026-00001"
        );

        // Staff see it in the queue, note something internal, and answer.
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let queue = s.get("/sv/personal/arenden").await;
        assert_eq!(queue.status, 200);
        assert!(queue.text().contains("D-2026-00001"));
        let view = s.get("/sv/personal/arenden/D-2026-00001").await;
        assert!(view.text().contains("Föreningen Ärlig"));
        let note = staff_reply(
            &mut s,
            "D-2026-00001",
            "HEMLIG-ANTECKNING kund verkar stressad",
            true,
            "",
        )
        .await;
        assert_eq!(note.status, 303);
        let ans = staff_reply(
            &mut s,
            "D-2026-00001",
            "Vi rättar fakturan i dag.",
            false,
            "waiting",
        )
        .await;
        assert_eq!(ans.status, 303);
        assert_eq!(ticket_row(&app, "D-2026-00001").1, "waiting");
        let view = s.get("/sv/personal/arenden/D-2026-00001").await;
        assert!(view.text().contains("HEMLIG-ANTECKNING"));
        assert!(
            view.html()
                .select(&scraper::Selector::parse(".msg-internal").unwrap())
                .count()
                == 1
        );

        // The member reads the answer, never the note: not on the page, not in any e-mail or event.
        let page = m.get("/sv/konto/arenden/D-2026-00001").await;
        assert!(page.text().contains("Vi rättar fakturan i dag."));
        assert!(!page.text().contains("HEMLIG-ANTECKNING"));
        assert!(!all_payloads(&app).contains("HEMLIG"));
        assert_eq!(
            app.mailed_path("ticket.answered", "anna@arlig.se").unwrap(),
            "/sv/konto/arenden/D-2026-00001"
        );
        assert!(
            events(&app, "ticket.replied")
                .iter()
                .any(|(_, _, p)| p.contains("\"staff\""))
        );
        let en = m.get("/en/account/tickets/D-2026-00001").await;
        assert!(en.text().contains("Waiting for your reply"));

        // A reply re-opens it; resolved then re-opened by the customer; closed takes no reply.
        assert_eq!(
            member_reply(
                &mut m,
                "/sv/konto/arenden/D-2026-00001",
                "Tack, men en fråga till."
            )
            .await
            .status,
            303
        );
        assert_eq!(ticket_row(&app, "D-2026-00001").1, "open");
        assert_eq!(
            staff_update(&mut s, "D-2026-00001", "resolved", "high", "")
                .await
                .status,
            303
        );
        assert_eq!(ticket_row(&app, "D-2026-00001").1, "resolved");
        assert!(
            events(&app, "ticket.state")
                .iter()
                .any(|(_, to, p)| to.as_deref() == Some("anna@arlig.se") && p.contains("resolved"))
        );
        assert_eq!(
            member_reply(
                &mut m,
                "/sv/konto/arenden/D-2026-00001",
                "Det hjälpte inte."
            )
            .await
            .status,
            303
        );
        assert_eq!(ticket_row(&app, "D-2026-00001").1, "open");
        assert_eq!(
            staff_update(&mut s, "D-2026-00001", "closed", "high", "")
                .await
                .status,
            303
        );
        let closed = m.get("/sv/konto/arenden/D-2026-00001").await;
        assert!(closed.attr("textarea#message", "name").is_none());
        assert!(closed.text().contains("Ärendet är stängt"));
        let refused = member_reply(&mut m, "/sv/konto/arenden/D-2026-00001", "Hallå?").await;
        assert_eq!(refused.status, 409);
        assert!(refused.text().contains("tar inte emot fler svar"));
        // Every staff action is audited.
        for a in [
            "ticket.note",
            "ticket.answered",
            "ticket.state",
            "ticket.priority",
        ] {
            assert!(audited(&app, a) >= 1, "{a} on {kind:?}");
        }
    }
}

#[actix_web::test]
async fn organisations_never_see_each_others_tickets() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Förening A", &orgnr(11), "a@a.se").await;
        let res = open_ticket(
            &mut a,
            "sv",
            &[
                ("category", "account"),
                ("subject", "A:s fråga"),
                ("message", "Hemligt för A"),
            ],
            &[("bild.png", PNG)],
        )
        .await;
        assert_eq!(res.status, 303);
        let a_page = a.get("/sv/konto/arenden/D-2026-00001").await;
        let file = a_page.attr(".msg-files a", "href").unwrap();

        let mut b = Browser::new(&app);
        registered_member(&mut b, "Förening B", &orgnr(12), "b@b.se").await;
        let list = b.get("/sv/konto/arenden").await;
        assert_eq!(list.status, 200);
        assert!(!list.text().contains("D-2026-00001"));
        for path in [
            "/sv/konto/arenden/D-2026-00001",
            "/en/account/tickets/D-2026-00001",
            file.as_str(),
            "/sv/konto/arenden/D-2026-99999",
            "/sv/konto/arenden/nonsense",
        ] {
            assert_eq!(b.get(path).await.status, 404, "{path}");
        }
        // Replying by URL is the same 404, and nothing is written.
        let csrf = list.attr("input[name=csrf]", "value").unwrap();
        let body = multipart(&[
            ("csrf", None, csrf.as_bytes()),
            ("message", None, b"intrang"),
        ]);
        let r = b
            .post_raw("/sv/konto/arenden/D-2026-00001", BOUNDARY_TYPE, body)
            .await;
        assert_eq!(r.status, 404);
        assert!(
            !a.get("/sv/konto/arenden/D-2026-00001")
                .await
                .text()
                .contains("intrang")
        );
        // Linking a ticket to another organisation's order is refused beside the field.
        let mut conn = app.pool().get().unwrap();
        let a_org: String = donera::db::schema::users::table
            .filter(donera::db::schema::users::email.eq("a@a.se"))
            .select(donera::db::schema::users::organisation_id.assume_not_null())
            .first(&mut conn)
            .unwrap();
        diesel::insert_into(donera::db::schema::orders::table)
            .values((
                donera::db::schema::orders::id.eq("order-of-a"),
                donera::db::schema::orders::organisation_id.eq(&a_org),
                donera::db::schema::orders::placed_by.eq(donera::db::schema::users::table
                    .filter(donera::db::schema::users::email.eq("a@a.se"))
                    .select(donera::db::schema::users::id)
                    .first::<String>(&mut conn)
                    .unwrap()),
                donera::db::schema::orders::idempotency_key.eq("k"),
                donera::db::schema::orders::state.eq("submitted"),
                donera::db::schema::orders::total_ore.eq(0i64),
                donera::db::schema::orders::submitted_at.eq(app.clock.now_utc_naive()),
                donera::db::schema::orders::updated_at.eq(app.clock.now_utc_naive()),
            ))
            .execute(&mut conn)
            .unwrap();
        let r = open_ticket(
            &mut b,
            "sv",
            &[
                ("category", "order"),
                ("subject", "x"),
                ("message", "y"),
                ("link", "order:order-of-a"),
            ],
            &[],
        )
        .await;
        assert_eq!(r.status, 400);
        assert!(r.select_text("#link-error").is_some());
        // Members are not staff.
        assert_eq!(b.get("/sv/personal/arenden").await.status, 403);
        assert_eq!(b.get("/sv/personal/arenden/D-2026-00001").await.status, 403);
        // A's own order is fine for A.
        let ok = open_ticket(
            &mut a,
            "sv",
            &[
                ("category", "order"),
                ("subject", "Om ordern"),
                ("message", "z"),
                ("link", "order:order-of-a"),
            ],
            &[],
        )
        .await;
        assert_eq!(ok.status, 303, "{}", ok.text());
        let page = a.get(&ok.header("location").unwrap()).await;
        assert!(page.text().contains("/sv/konto/bestallningar/order-of-a"));
    }
}

#[actix_web::test]
async fn the_member_form_says_what_is_wrong_and_keeps_the_input() {
    let app = TestApp::start(Kind::Sqlite);
    let mut m = Browser::new(&app);
    registered_member(&mut m, "Föreningen Fel", &orgnr(21), "fel@fel.se").await;
    let r = open_ticket(
        &mut m,
        "sv",
        &[
            ("category", ""),
            ("subject", ""),
            ("message", "Min text åäö"),
        ],
        &[],
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.select_text("#category-error").is_some());
    assert!(r.select_text("#subject-error").is_some());
    assert_eq!(r.select_text("textarea#message").unwrap(), "Min text åäö");
    let r = open_ticket(
        &mut m,
        "en",
        &[("category", "order"), ("subject", "S"), ("message", "")],
        &[],
    )
    .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.select_text("#message-error").unwrap(),
        app.state
            .i18n
            .format(donera::i18n::Locale::En, "form-error-required", None)
    );
    assert_eq!(r.attr("html", "lang").unwrap(), "en");
    let long = "x".repeat(20_001);
    let r = open_ticket(
        &mut m,
        "sv",
        &[("category", "order"), ("subject", "S"), ("message", &long)],
        &[],
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        r.select_text("#message-error")
            .unwrap()
            .contains("för lång")
    );
    let r = open_ticket(
        &mut m,
        "sv",
        &[("category", "hacker"), ("subject", "S"), ("message", "m")],
        &[],
    )
    .await;
    assert_eq!(r.status, 400);
    // Files: by content, not by name; empty; too many.
    let r = open_ticket(
        &mut m,
        "sv",
        &[("category", "order"), ("subject", "S"), ("message", "m")],
        &[("bild.pdf", b"GIF89a\x01\0\x01\0\0\0\0;")],
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.select_text("#files-error").unwrap().contains("bild.pdf"));
    let r = open_ticket(
        &mut m,
        "en",
        &[("category", "order"), ("subject", "S"), ("message", "m")],
        &[("tom.txt", b"")],
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.select_text("#files-error").unwrap().contains("empty"));
    let six: Vec<(&str, &[u8])> = (0..6).map(|_| ("a.jpg", JPEG)).collect();
    let r = open_ticket(
        &mut m,
        "sv",
        &[("category", "order"), ("subject", "S"), ("message", "m")],
        &six,
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(r.select_text("#files-error").unwrap().contains("högst fem"));
    let five: Vec<(&str, &[u8])> = (0..5).map(|_| ("a.jpg", JPEG)).collect();
    let r = open_ticket(
        &mut m,
        "sv",
        &[("category", "order"), ("subject", "S"), ("message", "m")],
        &five,
    )
    .await;
    assert_eq!(r.status, 303);
    // Nothing was stored by the refused attempts.
    let mut c = app.pool().get().unwrap();
    let n: i64 = tickets::table.count().get_result(&mut c).unwrap();
    assert_eq!(n, 1);
}

/// A visitor fills in the contact form as a person would (waiting a few seconds).
pub(crate) async fn contact(
    b: &mut Browser<'_>,
    app: &TestApp,
    lang: &str,
    fields: &[(&str, &str)],
) -> Resp {
    let path = if lang == "sv" {
        "/sv/kontakt"
    } else {
        "/en/contact"
    };
    let page = b.get(path).await;
    assert_eq!(page.status, 200);
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let started = page.attr("input[name=started]", "value").unwrap();
    app.clock.advance(Duration::seconds(5));
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("started", started.as_str()),
        ("website", ""),
    ];
    form.extend_from_slice(fields);
    b.post(path, &form).await
}

pub(crate) fn visitor(email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "Vera Besökare".to_owned()),
        ("email", email.to_owned()),
        ("organisation", "Kören i Byn".to_owned()),
        ("category", "validation".to_owned()),
        ("subject", "Hur validerar vi oss?".to_owned()),
        ("message", "Vi är en ideell förening.".to_owned()),
    ]
}

pub(crate) fn refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[actix_web::test]
async fn a_visitor_asks_through_the_contact_form_and_follows_a_private_link() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut v = Browser::new(&app);
        let res = contact(&mut v, &app, "sv", &refs(&visitor("vera@kor.se"))).await;
        assert_eq!(res.status, 303, "{}", res.text());
        assert_eq!(res.header("location").unwrap(), "/sv/kontakt/skickat");
        let sent = v.get("/sv/kontakt/skickat").await;
        assert!(sent.text().contains("D-2026-00001"));
        let link = app.mailed_path("ticket.received", "vera@kor.se").unwrap();
        assert!(link.starts_with("/sv/kontakt/arende/"), "{link}");
        let token = link.rsplit('/').next().unwrap().to_owned();
        // Only the hash is stored.
        let mut c = app.pool().get().unwrap();
        let hashes: Vec<String> = ticket_tokens::table
            .select(ticket_tokens::token_hash)
            .load(&mut c)
            .unwrap();
        assert!(!hashes.contains(&token));
        assert!(hashes.contains(&donera::accounts::hash_token(&token)));
        assert!(
            events(&app, "ticket.created")
                .iter()
                .any(|(ch, _, p)| ch == "webhook" && p.contains("\"visitor\""))
        );

        // Anyone with the link (a fresh browser) reads and answers; the page is not indexed.
        let mut other = Browser::new(&app);
        let page = other.get(&link).await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("Vi är en ideell förening."));
        assert_eq!(page.header("x-robots-tag").unwrap(), "noindex, nofollow");
        assert_eq!(page.header("cache-control").unwrap(), "no-store");
        let r = other
            .submit(&link, &link, &[("message", "Vi har 40 medlemmar.")])
            .await;
        assert_eq!(r.status, 303);
        assert!(
            other
                .get(&link)
                .await
                .text()
                .contains("Vi har 40 medlemmar.")
        );
        // A wrong, malformed or foreign-language token: 404, the same page as any unknown URL.
        let wrong = format!("/sv/kontakt/arende/{}", "0".repeat(64));
        for p in [
            wrong.as_str(),
            "/sv/kontakt/arende/abc",
            "/en/contact/ticket/zz",
        ] {
            assert_eq!(other.get(p).await.status, 404, "{p}");
        }
        let r = other.submit(&link, &wrong, &[("message", "x")]).await;
        assert_eq!(r.status, 404);

        // Staff answer: a new e-mail with a fresh link, which works as well as the first.
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        staff_reply(&mut s, "D-2026-00001", "INTERN-NOT om kören", true, "").await;
        staff_reply(
            &mut s,
            "D-2026-00001",
            "Ladda upp certifikatet från Microsoft.",
            false,
            "waiting",
        )
        .await;
        let second = app.mailed_path("ticket.answered", "vera@kor.se").unwrap();
        assert_ne!(second, link);
        let page = Browser::new(&app).get(&second).await;
        assert!(page.text().contains("Ladda upp certifikatet"));
        assert!(!page.text().contains("INTERN-NOT"));
        assert!(
            !Browser::new(&app)
                .get(&link)
                .await
                .text()
                .contains("INTERN-NOT")
        );
        // In English too, with the same link.
        let en = Browser::new(&app)
            .get(&link.replace("/sv/kontakt/arende/", "/en/contact/ticket/"))
            .await;
        assert_eq!(en.status, 200);
        assert_eq!(en.attr("html", "lang").unwrap(), "en");
        // Closed long ago: the link is old and leads nowhere.
        staff_update(&mut s, "D-2026-00001", "closed", "normal", "").await;
        assert_eq!(Browser::new(&app).get(&link).await.status, 200);
        app.clock.advance(Duration::days(91));
        assert_eq!(Browser::new(&app).get(&link).await.status, 404);
    }
}

#[actix_web::test]
async fn the_contact_form_turns_robots_away_with_clear_messages() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut v = Browser::new(&app);
        // The honeypot.
        let page = v.get("/en/contact").await;
        let csrf = page.attr("input[name=csrf]", "value").unwrap();
        let started = page.attr("input[name=started]", "value").unwrap();
        app.clock.advance(Duration::seconds(10));
        let v_bot = visitor("bot@spam.example");
        let mut form = refs(&v_bot);
        form.extend([
            ("csrf", csrf.as_str()),
            ("started", started.as_str()),
            ("website", "http://spam"),
        ]);
        let r = v.post("/en/contact", &form).await;
        assert_eq!(r.status, 400);
        assert!(r.text().contains("must stay empty"));
        // Too fast: posted the moment the form arrived; the same form later is fine.
        let page = v.get("/sv/kontakt").await;
        let csrf = page.attr("input[name=csrf]", "value").unwrap();
        let started = page.attr("input[name=started]", "value").unwrap();
        let v_snabb = visitor("snabb@kor.se");
        let mut form = refs(&v_snabb);
        form.extend([
            ("csrf", csrf.as_str()),
            ("started", started.as_str()),
            ("website", ""),
        ]);
        let r = v.post("/sv/kontakt", &form).await;
        assert_eq!(r.status, 400);
        assert!(r.text().contains("ovanligt snabbt"));
        assert_eq!(
            r.attr("input[name=email]", "value").unwrap(),
            "snabb@kor.se"
        );
        let kept = r.attr("input[name=started]", "value").unwrap();
        assert_eq!(kept, started);
        app.clock.advance(Duration::seconds(4));
        assert_eq!(v.post("/sv/kontakt", &form).await.status, 303);
        // A forged start time.
        let forged = format!(
            "{}.{}",
            app.clock.now().unix_timestamp() - 100,
            "ab".repeat(32)
        );
        let v_forged = visitor("forged@kor.se");
        let mut f2 = refs(&v_forged);
        f2.extend([
            ("csrf", csrf.as_str()),
            ("started", forged.as_str()),
            ("website", ""),
        ]);
        let r = v.post("/sv/kontakt", &f2).await;
        assert_eq!(r.status, 400);
        // Per e-mail: three an hour.
        for i in 0..2 {
            let r = contact(&mut v, &app, "sv", &refs(&visitor("snabb@kor.se"))).await;
            assert_eq!(r.status, 303, "{i}");
        }
        let r = contact(&mut v, &app, "sv", &refs(&visitor("SNABB@kor.se"))).await;
        assert_eq!(r.status, 429);
        assert!(r.text().contains("från den här e-postadressen"));
        // Per IP: ten an hour (three so far, one refused).
        for i in 0..7 {
            let r = contact(&mut v, &app, "sv", &refs(&visitor(&format!("p{i}@kor.se")))).await;
            assert_eq!(r.status, 303, "{i}");
        }
        let r = contact(&mut v, &app, "en", &refs(&visitor("p99@kor.se"))).await;
        assert_eq!(r.status, 429);
        assert!(r.text().contains("from your connection"));
        // An hour later the limits are lifted.
        app.clock.advance(Duration::minutes(61));
        assert_eq!(
            contact(&mut v, &app, "sv", &refs(&visitor("p99@kor.se")))
                .await
                .status,
            303
        );
        let mut c = app.pool().get().unwrap();
        let n: i64 = tickets::table.count().get_result(&mut c).unwrap();
        assert_eq!(n, 11);
        // Bad fields: beside each, in the page's language, the rest kept.
        let r = contact(
            &mut v,
            &app,
            "en",
            &[
                ("name", ""),
                ("email", "not-an-address"),
                ("category", "order"),
                ("subject", "Hi"),
                ("message", "Text kept"),
            ],
        )
        .await;
        assert_eq!(r.status, 400);
        assert!(r.select_text("#name-error").is_some());
        assert!(r.select_text("#email-error").is_some());
        assert_eq!(r.select_text("textarea#message").unwrap(), "Text kept");
        // Without a CSRF token nothing happens.
        let r = v.post("/sv/kontakt", &refs(&visitor("x@kor.se"))).await;
        assert_eq!(r.status, 403);
    }
}

#[actix_web::test]
async fn resolved_tickets_close_by_themselves_after_seven_days() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut v = Browser::new(&app);
        for e in ["a@x.se", "b@x.se"] {
            assert_eq!(
                contact(&mut v, &app, "sv", &refs(&visitor(e))).await.status,
                303
            );
        }
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        for n in ["D-2026-00001", "D-2026-00002"] {
            assert_eq!(
                staff_update(&mut s, n, "resolved", "normal", "")
                    .await
                    .status,
                303
            );
        }
        // The second gets a customer reply three days later: open again, so it stays open.
        app.clock.advance(Duration::days(3));
        let link = app.mailed_path("ticket.state", "b@x.se").unwrap();
        assert_eq!(
            Browser::new(&app)
                .submit(&link, &link, &[("message", "Inte löst!")])
                .await
                .status,
            303
        );
        let worker = donera::outbox::worker::Worker::new(
            app.pool().clone(),
            app.state.i18n.clone(),
            app.state.settings.clone(),
            app.clock.clone(),
            donera::outbox::worker::WorkerConfig::from_settings(&app.state.settings),
        )
        .unwrap()
        .with_jobs(donera::upkeep::jobs());
        app.clock.advance(Duration::days(3));
        assert_eq!(worker.housekeeping().await.unwrap(), 0);
        app.clock.advance(Duration::days(1) + Duration::minutes(1));
        assert_eq!(worker.housekeeping().await.unwrap(), 1);
        assert_eq!(ticket_row(&app, "D-2026-00001").1, "closed");
        assert_eq!(ticket_row(&app, "D-2026-00002").1, "open");
        assert!(
            events(&app, "ticket.state")
                .iter()
                .any(|(_, to, p)| to.as_deref() == Some("a@x.se") && p.contains("\"closed\""))
        );
        assert_eq!(audited(&app, "ticket.auto_closed"), 1);
        // Twice is once.
        assert_eq!(worker.housekeeping().await.unwrap(), 0);
    }
}

#[actix_web::test]
async fn staff_merge_duplicates_of_the_same_requester_only() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Förening A", &orgnr(31), "a@a.se").await;
        for subj in ["Första", "Samma sak igen"] {
            let r = open_ticket(
                &mut a,
                "sv",
                &[
                    ("category", "order"),
                    ("subject", subj),
                    ("message", &format!("Text {subj}")),
                ],
                &[],
            )
            .await;
            assert_eq!(r.status, 303);
        }
        let mut v = Browser::new(&app);
        assert_eq!(
            contact(&mut v, &app, "sv", &refs(&visitor("v@v.se")))
                .await
                .status,
            303
        );
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let merge = |target: &'static str| [("target", target)];
        let path = "/sv/personal/arenden/D-2026-00002";
        let action = "/sv/personal/arenden/D-2026-00002/sla-ihop";
        for (target, why) in [
            ("D-2026-00002", "sig självt"),
            ("D-2026-00009", "inget ärende"),
            ("D-2026-00003", "olika avsändare"),
            ("", "inget ärende"),
        ] {
            let r = s.submit(path, action, &merge(target)).await;
            assert_eq!(r.status, 400, "{target}");
            assert!(
                r.select_text("#target-error").unwrap().contains(why),
                "{target}"
            );
        }
        let r = s.submit(path, action, &merge("d-2026-1")).await;
        assert_eq!(r.status, 303);
        assert_eq!(
            r.header("location").unwrap(),
            "/sv/personal/arenden/D-2026-00001"
        );
        let (_, state, into) = ticket_row(&app, "D-2026-00002");
        assert_eq!(state, "closed");
        assert_eq!(into, Some(ticket_row(&app, "D-2026-00001").0));
        // The thread moved; the member's old link leads to the merged ticket.
        let r = a.get("/sv/konto/arenden/D-2026-00002").await;
        assert_eq!(r.status, 303);
        assert_eq!(
            r.header("location").unwrap(),
            "/sv/konto/arenden/D-2026-00001"
        );
        let page = a.get("/sv/konto/arenden/D-2026-00001").await;
        assert!(page.text().contains("Text Samma sak igen") && page.text().contains("Text Första"));
        assert!(page.text().contains("D-2026-00002 slogs ihop"));
        assert!(
            events(&app, "ticket.merged")
                .iter()
                .any(|(_, to, p)| to.as_deref() == Some("a@a.se") && p.contains("D-2026-00001"))
        );
        assert_eq!(audited(&app, "ticket.merged"), 1);
        // Search finds the moved words under the ticket they moved to.
        let q = s.get("/sv/personal/arenden?state=all&q=samma+sak").await;
        assert!(q.text().contains("D-2026-00001"));
        assert!(!q.text().contains(">D-2026-00002<"));
        // Merged already: no second merge of it.
        let r = s.submit(path, action, &merge("D-2026-00001")).await;
        assert_eq!(r.status, 400);
    }
}

#[actix_web::test]
async fn the_queue_filters_searches_sorts_and_pages() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let me = staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        {
            use donera::tickets::Category;
            use donera::tickets::service::{self, NewTicket, Requester};
            let mut c = app.pool().get().unwrap();
            for i in 0..55 {
                app.clock.advance(Duration::minutes(1));
                let who = Requester {
                    user: None,
                    name: format!("Person {i}"),
                    email: format!("p{i}@forening{i}.se"),
                    org: if i == 7 {
                        "Stiftelsen Ödmjuk".into()
                    } else {
                        String::new()
                    },
                    locale: donera::i18n::Locale::Sv,
                };
                let new = NewTicket {
                    category: if i % 5 == 0 {
                        Category::Usage
                    } else {
                        Category::Other
                    },
                    subject: format!("Ärende nummer {i}"),
                    body: if i == 3 {
                        "Beställningen av licenser kom aldrig".into()
                    } else {
                        "Allmän fråga".into()
                    },
                    order_id: None,
                    validation_id: None,
                    article_id: None,
                    files: vec![],
                };
                let sla = donera::tickets::sla::load(&mut c).unwrap();
                let desk = service::Desk {
                    routing: &app.state.routing,
                    sla: &sla,
                };
                service::create(
                    &mut c,
                    app.clock.now_utc_naive(),
                    &desk,
                    &who,
                    &new,
                    "127.0.0.1",
                )
                .unwrap();
            }
        }
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        let numbers = |r: &Resp| -> Vec<String> {
            let doc = r.html();
            let sel = scraper::Selector::parse("table.tickets tbody tr td.pick + td a").unwrap();
            doc.select(&sel).map(|a| a.text().collect()).collect()
        };
        let p1 = s.get("/sv/personal/arenden").await;
        assert_eq!(p1.status, 200);
        let n1 = numbers(&p1);
        assert_eq!(n1.len(), 50);
        assert_eq!(n1[0], "D-2026-00055");
        let next = p1.attr("nav.pager a", "href").unwrap();
        let p2 = s.get(&next).await;
        assert_eq!(numbers(&p2).len(), 5);
        let oldest = s.get("/sv/personal/arenden?sort=oldest").await;
        assert_eq!(numbers(&oldest)[0], "D-2026-00001");
        let usage = s.get("/sv/personal/arenden?category=usage").await;
        assert_eq!(numbers(&usage).len(), 11);
        // Search: Swedish letters folded, prefixes, requester, organisation, number.
        for (q, want) in [
            ("bestallningen", "D-2026-00004"),
            ("BESTÄLLN licens", "D-2026-00004"),
            ("ödmjuk", "D-2026-00008"),
            ("p12@forening12.se", "D-2026-00013"),
            ("d-2026-00042", "D-2026-00042"),
        ] {
            let r = s
                .get(&format!("/sv/personal/arenden?q={}", urlencode(q)))
                .await;
            assert_eq!(numbers(&r), vec![want.to_owned()], "{q}");
        }
        assert!(numbers(&s.get("/sv/personal/arenden?q=finnsinte").await).is_empty());
        // Assignment, priority and "mine"/"unassigned".
        assert_eq!(
            staff_update(&mut s, "D-2026-00010", "open", "urgent", &me)
                .await
                .status,
            303
        );
        let mine = s.get("/sv/personal/arenden?assignee=mine").await;
        assert_eq!(numbers(&mine), vec!["D-2026-00010".to_owned()]);
        let urgent = s.get("/en/staff/tickets?priority=urgent&state=open").await;
        assert_eq!(numbers(&urgent), vec!["D-2026-00010".to_owned()]);
        let unassigned = s.get("/sv/personal/arenden?assignee=unassigned").await;
        assert_eq!(numbers(&unassigned).len(), 50);
        assert_eq!(audited(&app, "ticket.assigned"), 1);
        // Unknown filter values are a 400, never a 500.
        for q in [
            "state=x",
            "category=x",
            "priority=x",
            "sort=x",
            "after=-4_D-2026-00001&state=all",
            "after=x",
            "before=1_nonsense",
            "after=1_D-2026-00001&before=1_D-2026-00002",
            "sort=activity&after=u1_D-2026-00001",
        ] {
            let r = s.get(&format!("/sv/personal/arenden?{q}")).await;
            assert_eq!(r.status, 400, "{q}");
        }
        // An old link with a page number shows the first page.
        let r = s
            .get("/sv/personal/arenden?page=3&assignee=unassigned")
            .await;
        assert_eq!(numbers(&r), numbers(&unassigned));
        // Assigning to someone who is not staff is refused.
        let r = staff_update(&mut s, "D-2026-00010", "open", "urgent", "no-such-user").await;
        assert_eq!(r.status, 400);
    }
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("q", s)])
        .unwrap()
        .trim_start_matches("q=")
        .to_owned()
}

#[actix_web::test]
async fn admins_keep_canned_replies_that_agents_insert_in_the_customers_language() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut v = Browser::new(&app);
        assert_eq!(
            contact(&mut v, &app, "en", &refs(&visitor("en@x.org")))
                .await
                .status,
            303
        );
        let mut admin = staff_browser(&app, "admin@partner.example.org", Role::Admin).await;
        // Three seeded ones on a fresh portal.
        let list = admin.get("/sv/personal/svarsmallar").await;
        assert_eq!(list.status, 200);
        assert_eq!(
            list.html()
                .select(&scraper::Selector::parse("main ul li a").unwrap())
                .count(),
            3
        );
        let bad = admin
            .submit(
                "/sv/personal/svarsmallar",
                "/sv/personal/svarsmallar",
                &[
                    ("title_sv", "Tack"),
                    ("title_en", ""),
                    ("body_sv", "Hej {name}"),
                    ("body_en", ""),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(bad.status, 400);
        assert!(
            bad.select_text("#title_en-error").is_some()
                && bad.select_text("#body_en-error").is_some()
        );
        assert_eq!(bad.select_text("textarea#body_sv").unwrap(), "Hej {name}");
        let ok = admin
            .submit(
                "/sv/personal/svarsmallar",
                "/sv/personal/svarsmallar",
                &[
                    ("title_sv", "Tack"),
                    ("title_en", "Thanks"),
                    ("body_sv", "Hej {name}, ärende {number}."),
                    ("body_en", "Hi {name}, ticket {number}."),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(ok.status, 303);
        assert_eq!(audited(&app, "canned.created"), 1);
        let id: String = {
            let mut c = app.pool().get().unwrap();
            donera::db::schema::canned_replies::table
                .filter(donera::db::schema::canned_replies::title_sv.eq("Tack"))
                .select(donera::db::schema::canned_replies::id)
                .first(&mut c)
                .unwrap()
        };
        // An agent uses it but cannot manage it.
        let mut agent = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        assert_eq!(agent.get("/sv/personal/svarsmallar").await.status, 403);
        let csrf = agent
            .get("/sv/personal/arenden")
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        let r = agent
            .post(
                &format!("/sv/personal/svarsmallar/{id}"),
                &[("csrf", csrf.as_str()), ("action", "delete")],
            )
            .await;
        assert_eq!(r.status, 403);
        let page = staff_reply_form(
            &mut agent,
            "D-2026-00001",
            &[("canned", id.as_str()), ("body", ""), ("action", "canned")],
            &[],
        )
        .await;
        assert_eq!(page.status, 200);
        assert_eq!(
            page.select_text("textarea#body").unwrap(),
            "Hi Vera Besökare, ticket D-2026-00001."
        );
        let r = staff_reply_form(
            &mut agent,
            "D-2026-00001",
            &[("canned", "nope"), ("body", "kept"), ("action", "canned")],
            &[],
        )
        .await;
        assert_eq!(r.status, 400);
        assert_eq!(r.select_text("textarea#body").unwrap(), "kept");
        // An empty answer is refused beside the field.
        let r = staff_reply_form(
            &mut agent,
            "D-2026-00001",
            &[("body", "  "), ("action", "send")],
            &[],
        )
        .await;
        assert_eq!(r.status, 400);
        assert!(r.select_text("#body-error").is_some());
        // The admin edits, then deletes it; both audited.
        let edit = format!("/sv/personal/svarsmallar/{id}");
        let r = admin
            .submit(
                &edit,
                &edit,
                &[
                    ("title_sv", "Tack!"),
                    ("title_en", "Thanks!"),
                    ("body_sv", "a"),
                    ("body_en", "b"),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(r.status, 303);
        // The help desk's short-lived copy of the canned replies follows at once.
        let options = |r: &Resp| {
            r.html()
                .select(&scraper::Selector::parse("select#canned option").unwrap())
                .map(|o| o.text().collect::<String>())
                .collect::<Vec<_>>()
        };
        let view = agent.get("/sv/personal/arenden/D-2026-00001").await;
        assert!(options(&view).contains(&"Tack!".to_owned()), "{kind:?}");
        let r = admin.submit(&edit, &edit, &[("action", "delete")]).await;
        assert_eq!(r.status, 303);
        let view = agent.get("/sv/personal/arenden/D-2026-00001").await;
        assert!(
            !options(&view).iter().any(|o| o.starts_with("Tack")),
            "{kind:?}"
        );
        assert_eq!(admin.get(&edit).await.status, 404);
        assert_eq!(audited(&app, "canned.updated"), 1);
        assert_eq!(audited(&app, "canned.deleted"), 1);
    }
}

/// Every index of the tables seed-bench fills, by name, with its definition.
fn indexes_of_the_filled_tables(c: &mut donera::db::DbConn) -> Vec<(String, String)> {
    use diesel::sql_types::Text;
    #[derive(QueryableByName)]
    struct Index {
        #[diesel(sql_type = Text)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Nullable<Text>)]
        def: Option<String>,
    }
    let sql = match c {
        donera::db::DbConn::Sqlite(_) => {
            "SELECT name, sql AS def FROM sqlite_master WHERE type = 'index' AND tbl_name IN \
             ('tickets', 'ticket_messages', 'ticket_terms', 'ticket_ratings') ORDER BY name"
        }
        donera::db::DbConn::Pg(_) => {
            "SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = \
             current_schema() AND tablename IN ('tickets', 'ticket_messages', 'ticket_search', \
             'ticket_ratings') ORDER BY indexname"
        }
    };
    diesel::sql_query(sql)
        .load::<Index>(c)
        .unwrap()
        .into_iter()
        .map(|i| (i.name, i.def.unwrap_or_default()))
        .collect()
}

#[actix_web::test]
async fn seed_bench_writes_searchable_tickets() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let staff = staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut c = app.pool().get().unwrap();
        let indexes = indexes_of_the_filled_tables(&mut c);
        assert!(indexes.len() > 20, "{kind:?}: {indexes:?}");
        let seeded =
            donera::tickets::seed::bench(&mut c, app.clock.now_utc_naive(), 40, 200, &staff)
                .unwrap();
        assert_eq!(
            (seeded.tickets, seeded.messages, seeded.first.as_str()),
            (40, 200, "D-2026-00001")
        );
        // The indexes it loads without are back, each as the migrations made it.
        assert_eq!(indexes_of_the_filled_tables(&mut c), indexes, "{kind:?}");
        let n: i64 = tickets::table.count().get_result(&mut c).unwrap();
        assert_eq!(n, 40);
        drop(c);
        // The next real ticket continues the numbering.
        let mut v = Browser::new(&app);
        assert_eq!(
            contact(&mut v, &app, "sv", &refs(&visitor("n@n.se")))
                .await
                .status,
            303
        );
        assert_eq!(ticket_row(&app, "D-2026-00041").1, "new");
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        let r = s.get("/sv/personal/arenden?state=all&q=licens").await;
        assert_eq!(r.status, 200);
        assert!(r.text().contains("D-2026-000"));
    }
}

#[actix_web::test]
async fn members_cannot_work_the_help_desk_by_posting_to_it() {
    let app = TestApp::start(Kind::Sqlite);
    let mut m = Browser::new(&app);
    registered_member(&mut m, "Förening M", &orgnr(41), "m@m.se").await;
    let r = open_ticket(
        &mut m,
        "sv",
        &[
            ("category", "other"),
            ("subject", "S"),
            ("message", "Min fråga"),
        ],
        &[],
    )
    .await;
    assert_eq!(r.status, 303);
    let csrf = m
        .get("/sv/konto/arenden")
        .await
        .attr("input[name=csrf]", "value")
        .unwrap();
    let c = csrf.as_str();
    for (path, form) in [
        (
            "/sv/personal/arenden/D-2026-00001/svar",
            vec![
                ("csrf", c),
                ("body", "x"),
                ("internal", "1"),
                ("action", "send"),
            ],
        ),
        (
            "/sv/personal/arenden/D-2026-00001/andra",
            vec![
                ("csrf", c),
                ("state", "closed"),
                ("priority", "urgent"),
                ("assignee", ""),
            ],
        ),
        (
            "/sv/personal/arenden/D-2026-00001/sla-ihop",
            vec![("csrf", c), ("target", "D-2026-00001")],
        ),
        (
            "/sv/personal/svarsmallar",
            vec![
                ("csrf", c),
                ("title_sv", "a"),
                ("title_en", "b"),
                ("body_sv", "c"),
                ("body_en", "d"),
            ],
        ),
    ] {
        assert_eq!(m.post(path, &form).await.status, 403, "{path}");
    }
    // Nothing changed.
    assert_eq!(ticket_row(&app, "D-2026-00001").1, "new");
    let page = m.get("/sv/konto/arenden/D-2026-00001").await;
    assert_eq!(
        page.html()
            .select(&scraper::Selector::parse(".msg").unwrap())
            .count(),
        1
    );
}

#[actix_web::test]
async fn a_staff_members_new_name_shows_in_the_help_desk_at_once() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut agent = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let names = |r: &Resp| {
            r.html()
                .select(&scraper::Selector::parse("select#assignee option").unwrap())
                .map(|o| o.text().collect::<String>())
                .collect::<Vec<_>>()
        };
        let queue = agent.get("/sv/personal/arenden").await;
        assert!(
            names(&queue).contains(&"Stina Staff".to_owned()),
            "{kind:?}: {:?}",
            names(&queue)
        );
        let r = agent
            .submit(
                "/sv/konto/installningar",
                "/sv/konto/installningar",
                &[
                    ("form", "contact"),
                    ("name", "Stina Nyname"),
                    ("phone", ""),
                    ("locale", "sv"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{kind:?}");
        let queue = agent.get("/sv/personal/arenden").await;
        assert!(
            names(&queue).contains(&"Stina Nyname".to_owned()),
            "{kind:?}: {:?}",
            names(&queue)
        );
        assert!(
            !names(&queue).contains(&"Stina Staff".to_owned()),
            "{kind:?}"
        );
    }
}

#[actix_web::test]
async fn a_search_for_a_common_word_lists_the_matching_tickets_in_queue_order() {
    use donera::db::schema::ticket_terms;
    for kind in backends() {
        let app = TestApp::start(kind);
        let staff = staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut c = app.pool().get().unwrap();
        donera::tickets::seed::bench(&mut c, app.clock.now_utc_naive(), 1200, 2400, &staff)
            .unwrap();
        // Most seeded tickets are old and finished; half of them open again, for a full page.
        diesel::update(tickets::table.filter(tickets::number.lt("D-2026-00600")))
            .set(tickets::state.eq("open"))
            .execute(&mut c)
            .unwrap();
        // What the page must show, asked of the index directly: its rows on SQLite, the
        // tickets' vectors on PostgreSQL.
        let has_word = |c: &donera::db::DbConn,
                        w: &str|
         -> Box<
            dyn diesel::BoxableExpression<tickets::table, _, SqlType = diesel::sql_types::Bool>,
        > {
            match c {
                donera::db::DbConn::Sqlite(_) => Box::new(diesel::dsl::exists(
                    ticket_terms::table
                        .filter(ticket_terms::ticket_id.eq(tickets::id))
                        .filter(ticket_terms::term.ge(w.to_owned()))
                        .filter(ticket_terms::term.lt(format!("{w}\u{10FFFF}"))),
                )),
                donera::db::DbConn::Pg(_) => {
                    Box::new(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
                        "EXISTS (SELECT 1 FROM ticket_search s WHERE s.ticket_id = tickets.id \
                         AND s.terms @@ '''{w}'':*'::tsquery)"
                    )))
                }
            }
        };
        let with_word = |c: &mut donera::db::DbConn, w: &str| -> Vec<String> {
            let filter = has_word(c, w);
            tickets::table
                .filter(tickets::state.ne_all(["resolved", "closed"]))
                .filter(filter)
                .order((tickets::updated_at.desc(), tickets::number.desc()))
                .select(tickets::number)
                .limit(50)
                .load(c)
                .unwrap()
        };
        // The term index's own count on SQLite (entries, as the portal's probe counts them); on
        // PostgreSQL, the tickets it finds.
        let entries: i64 = if matches!(&*c, donera::db::DbConn::Sqlite(_)) {
            ticket_terms::table
                .filter(ticket_terms::term.ge("licens"))
                .filter(ticket_terms::term.lt("licens\u{10FFFF}"))
                .count()
                .get_result(&mut c)
                .unwrap()
        } else {
            let filter = has_word(&c, "licens");
            tickets::table
                .filter(filter)
                .count()
                .get_result(&mut c)
                .unwrap()
        };
        assert!(
            entries
                >= if matches!(kind, Kind::Sqlite) {
                    1000
                } else {
                    500
                },
            "{kind:?}: 'licens' must be a common word here ({entries})"
        );
        let expected = with_word(&mut c, "licens");
        assert_eq!(expected.len(), 50, "{kind:?}");
        drop(c);
        let numbers = |r: &Resp| -> Vec<String> {
            r.html()
                .select(&scraper::Selector::parse("table.queue tbody tr td.pick + td a").unwrap())
                .map(|a| a.text().collect::<String>())
                .collect()
        };
        let mut s = Browser::new(&app);
        login(&mut s, "agent@partner.example.org", PW).await;
        // Twice: the first search finds the word common, the second knows it.
        for round in 0..2 {
            let r = s.get("/sv/personal/arenden?q=licens").await;
            assert_eq!(r.status, 200);
            assert_eq!(numbers(&r), expected, "{kind:?}, round {round}");
        }
        // A ticket written just now is found at once, by the common word with a rare one too.
        let mut v = Browser::new(&app);
        let mut fields = visitor("z@z.se");
        fields[5].1 = "Licensen för zebrafinkarna, tack.".to_owned();
        assert_eq!(
            contact(&mut v, &app, "sv", &refs(&fields)).await.status,
            303
        );
        let r = s.get("/sv/personal/arenden?q=licens").await;
        assert_eq!(
            numbers(&r).first().map(String::as_str),
            Some("D-2026-01201"),
            "{kind:?}"
        );
        let r = s.get("/sv/personal/arenden?q=zebrafink+licens").await;
        assert_eq!(numbers(&r), vec!["D-2026-01201".to_owned()], "{kind:?}");
        let r = s.get("/sv/personal/arenden?q=licens").await;
        let next = r.attr("nav.pager a", "href").expect("a next page");
        let r = s.get(&next).await;
        assert_eq!(r.status, 200);
        assert_eq!(
            numbers(&r).len(),
            50,
            "{kind:?}: a second page of the common word"
        );
    }
}

/// Every `a[href]` on the page that starts with `prefix`, in page order.
fn links(r: &Resp, prefix: &str) -> Vec<String> {
    r.html()
        .select(&scraper::Selector::parse("a[href]").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

/// The staff ticket page shows the organisation at a glance: its members, whether it is
/// validated today, its newest orders and validation requests and its other tickets, each list
/// in its order and the long ones cut at ten, and nothing of another organisation.
#[actix_web::test]
async fn the_staff_ticket_page_shows_the_organisation_at_a_glance() {
    use donera::db::schema::{files, orders, users, validation_requests as vr};
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Förening B", &orgnr(32), "b@b.se").await;
        let ask = |subject: String| {
            vec![
                ("category", "other".to_owned()),
                ("subject", subject),
                ("message", "Hej".to_owned()),
            ]
        };
        let r = open_ticket(&mut b, "sv", &refs(&ask("B:s fråga".into())), &[]).await;
        assert_eq!(r.status, 303, "{kind:?}");
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Förening A", &orgnr(31), "a@a.se").await;
        // A's tickets are D-2026-00002 to 00013, all written at the same instant of the test
        // clock: the newest number comes first.
        for i in 1..=12 {
            let r = open_ticket(&mut a, "sv", &refs(&ask(format!("A:s fråga {i}"))), &[]).await;
            assert_eq!(r.status, 303, "{kind:?}");
        }

        let now = app.clock.now_utc_naive();
        let mut c = app.pool().get().unwrap();
        let org_of = |c: &mut donera::db::DbConn, email: &str| -> (String, String) {
            users::table
                .filter(users::email.eq(email))
                .select((users::organisation_id.assume_not_null(), users::id))
                .first(c)
                .unwrap()
        };
        let (org_a, user_a) = org_of(&mut c, "a@a.se");
        let (org_b, user_b) = org_of(&mut c, "b@b.se");
        diesel::insert_into(users::table)
            .values((
                users::id.eq("second-member"),
                users::email.eq("a2@a.se"),
                users::name.eq("Andra Medlemmen"),
                users::role.eq("member"),
                users::organisation_id.eq(&org_a),
                users::is_org_admin.eq(false),
                users::locale.eq("sv"),
                users::created_at.eq(now + Duration::minutes(1)),
            ))
            .execute(&mut c)
            .unwrap();
        // Twelve orders of A, a-order-01 the newest; one of B, newer than all.
        let order = |id: String, org: &str, by: &str, days_ago: i64| {
            (
                orders::id.eq(id.clone()),
                orders::organisation_id.eq(org.to_owned()),
                orders::placed_by.eq(by.to_owned()),
                orders::idempotency_key.eq(id),
                orders::state.eq("submitted"),
                orders::total_ore.eq(0i64),
                orders::submitted_at.eq(now - Duration::days(days_ago)),
                orders::updated_at.eq(now - Duration::days(days_ago)),
            )
        };
        let mut rows: Vec<_> = (1..=12)
            .map(|i| order(format!("a-order-{i:02}"), &org_a, &user_a, i))
            .collect();
        rows.push(order("b-order".into(), &org_b, &user_b, 0));
        for row in rows {
            diesel::insert_into(orders::table)
                .values(row)
                .execute(&mut c)
                .unwrap();
        }
        diesel::insert_into(files::table)
            .values((
                files::id.eq("certificate"),
                files::organisation_id.eq(Some(&org_a)),
                files::uploaded_by.eq(&user_a),
                files::original_name.eq("intyg.pdf"),
                files::content_type.eq("application/pdf"),
                files::size.eq(3i64),
                files::sha256.eq("x"),
                files::data.eq(b"%PD".to_vec()),
                files::created_at.eq(now),
            ))
            .execute(&mut c)
            .unwrap();
        // An approved request whose year covers today, and a newer rejected one.
        let request = |id: &str, org: &str, state: &str, days_ago: i64, covers: bool| {
            let today = now.date();
            (
                vr::id.eq(id.to_owned()),
                vr::organisation_id.eq(org.to_owned()),
                vr::file_id.eq("certificate"),
                vr::note.eq(""),
                vr::state.eq(state.to_owned()),
                vr::submitted_by.eq(user_a.clone()),
                vr::submitted_at.eq(now - Duration::days(days_ago)),
                vr::valid_from.eq(covers.then(|| today - Duration::days(days_ago))),
                vr::valid_to.eq(covers.then(|| today + Duration::days(300))),
            )
        };
        for row in [
            request("a-approved", &org_a, "approved", 60, true),
            request("a-rejected", &org_a, "rejected", 5, false),
            request("b-approved", &org_b, "approved", 1, true),
        ] {
            diesel::insert_into(vr::table)
                .values(row)
                .execute(&mut c)
                .unwrap();
        }
        drop(c);

        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let page = s.get("/sv/personal/arenden/D-2026-00013").await;
        assert_eq!(page.status, 200, "{kind:?}");
        let text = page.text();
        assert!(text.contains("Förening A"), "{kind:?}");
        assert!(text.contains("Har giltig validering."), "{kind:?}");
        let a1 = text.find("a@a.se").unwrap();
        let a2 = text.find("a2@a.se").expect("the second member is listed");
        assert!(a1 < a2, "{kind:?}: longest-standing member first");
        assert!(!text.contains("b@b.se"), "{kind:?}");
        let expected: Vec<String> = (1..=10)
            .map(|i| format!("/sv/personal/bestallningar/a-order-{i:02}"))
            .collect();
        assert_eq!(
            links(&page, "/sv/personal/bestallningar/"),
            expected,
            "{kind:?}"
        );
        assert!(
            text.contains("A-ORDER-"),
            "{kind:?}: orders go by their reference"
        );
        assert_eq!(
            links(&page, "/sv/personal/valideringar/"),
            [
                "/sv/personal/valideringar/a-rejected",
                "/sv/personal/valideringar/a-approved"
            ],
            "{kind:?}"
        );
        let expected: Vec<String> = (3..=12)
            .rev()
            .map(|n| format!("/sv/personal/arenden/D-2026-{n:05}"))
            .collect();
        let others: Vec<String> = links(&page, "/sv/personal/arenden/D-")
            .into_iter()
            .filter(|h| h.matches('/').count() == 4 && !h.ends_with("00013"))
            .collect();
        assert_eq!(
            others, expected,
            "{kind:?}: the ten newest others, itself left out"
        );
        assert!(text.contains("D-2026-00012 · A:s fråga 11 · "), "{kind:?}");

        // The organisation's name leads to its own page, with everything in full.
        let org_page = format!("/sv/personal/organisationer/{org_a}");
        assert_eq!(
            links(&page, "/sv/personal/organisationer/"),
            std::slice::from_ref(&org_page),
            "{kind:?}"
        );
        let p = s.get(&org_page).await;
        assert_eq!(p.status, 200, "{kind:?}");
        let text = p.text();
        assert_eq!(
            p.select_text("h1").as_deref(),
            Some("Förening A"),
            "{kind:?}"
        );
        assert!(
            text.contains(&orgnr(31)) && text.contains("Har giltig validering."),
            "{kind:?}"
        );
        assert!(
            text.contains("Andra Medlemmen") && text.contains("a2@a.se"),
            "{kind:?}"
        );
        let all_orders: Vec<String> = (1..=12)
            .map(|i| format!("/sv/personal/bestallningar/a-order-{i:02}"))
            .collect();
        assert_eq!(
            links(&p, "/sv/personal/bestallningar/"),
            all_orders,
            "{kind:?}"
        );
        assert_eq!(links(&p, "/sv/personal/valideringar/").len(), 2, "{kind:?}");
        let all_tickets: Vec<String> = (2..=13)
            .rev()
            .map(|n| format!("/sv/personal/arenden/D-2026-{n:05}"))
            .collect();
        assert_eq!(links(&p, "/sv/personal/arenden/"), all_tickets, "{kind:?}");
        assert!(
            !text.contains("b@b.se") && !text.contains("b-order"),
            "{kind:?}"
        );
        let en = s.get(&format!("/en/staff/organisations/{org_a}")).await;
        assert_eq!(en.status, 200, "{kind:?}");
        assert!(en.text().contains("Validated today."), "{kind:?}");
        assert_eq!(
            s.get("/sv/personal/organisationer/no-such-organisation")
                .await
                .status,
            404,
            "{kind:?}"
        );
        // Members, even the organisation's own, do not get the staff's page.
        assert_eq!(a.get(&org_page).await.status, 403, "{kind:?}");
        let anonymous = Browser::new(&app).get(&org_page).await;
        assert_eq!(anonymous.status, 303, "{kind:?}");
        // The order's and the validation request's staff pages link to it too.
        for path in [
            "/sv/personal/bestallningar/a-order-01",
            "/sv/personal/valideringar/a-approved",
        ] {
            let r = s.get(path).await;
            assert_eq!(r.status, 200, "{kind:?} {path}");
            assert!(
                links(&r, "/sv/personal/organisationer/").contains(&org_page),
                "{kind:?} {path}"
            );
        }

        // The rejected request was the only thing in the way: without the approved one, A is
        // not validated; B's ticket shows B and none of A.
        let mut c = app.pool().get().unwrap();
        diesel::delete(vr::table.filter(vr::id.eq("a-approved")))
            .execute(&mut c)
            .unwrap();
        drop(c);
        let page = s.get("/sv/personal/arenden/D-2026-00013").await;
        assert!(
            page.text().contains("Saknar giltig validering."),
            "{kind:?}"
        );
        let page = s.get("/sv/personal/arenden/D-2026-00001").await;
        let text = page.text();
        assert!(
            text.contains("Förening B") && text.contains("Har giltig validering."),
            "{kind:?}"
        );
        assert_eq!(
            links(&page, "/sv/personal/bestallningar/"),
            ["/sv/personal/bestallningar/b-order"],
            "{kind:?}"
        );
        assert!(
            !text.contains("a-order") && !text.contains("a@a.se"),
            "{kind:?}"
        );
        assert!(
            links(&page, "/sv/personal/arenden/D-")
                .iter()
                .all(|h| h.ends_with("/D-2026-00001")),
            "{kind:?}: B has no other tickets"
        );
    }
}

/// A busy organisation's ticket list comes 50 to a page, last activity first, with links back and
/// forth, and every ticket is on one of the pages.
#[actix_web::test]
async fn a_members_ticket_list_pages_through_every_ticket() {
    use donera::db::schema::users;
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Förening Många", &orgnr(41), "many@a.se").await;
        let fields = [
            ("category", "other"),
            ("subject", "Den senaste"),
            ("message", "Hej"),
        ];
        assert_eq!(open_ticket(&mut a, "sv", &fields, &[]).await.status, 303);
        let now = app.clock.now_utc_naive();
        let mut c = app.pool().get().unwrap();
        let (org, user): (String, String) = users::table
            .filter(users::email.eq("many@a.se"))
            .select((users::organisation_id.assume_not_null(), users::id))
            .first(&mut c)
            .unwrap();
        // 52 older tickets, D-2026-10001 the newest of them.
        for i in 1..=52i64 {
            let at = now - Duration::minutes(i);
            diesel::insert_into(tickets::table)
                .values((
                    tickets::id.eq(format!("older-{i}")),
                    tickets::number.eq(format!("D-2026-{:05}", 10_000 + i)),
                    tickets::organisation_id.eq(Some(&org)),
                    tickets::requester_id.eq(Some(&user)),
                    tickets::requester_name.eq("Many"),
                    tickets::requester_email.eq("many@a.se"),
                    tickets::requester_org.eq("Förening Många"),
                    tickets::locale.eq("sv"),
                    tickets::category.eq("other"),
                    tickets::subject.eq(format!("Äldre {i}")),
                    tickets::state.eq("open"),
                    tickets::priority.eq("normal"),
                    tickets::created_at.eq(at),
                    tickets::updated_at.eq(at),
                    tickets::customer_at.eq(at),
                ))
                .execute(&mut c)
                .unwrap();
        }
        drop(c);
        let numbers = |r: &Resp| links(r, "/sv/konto/arenden/D-");
        let first = a.get("/sv/konto/arenden").await;
        assert_eq!(first.status, 200, "{kind:?}");
        let mut expected = vec!["/sv/konto/arenden/D-2026-00001".to_owned()];
        expected.extend((1..=49).map(|i| format!("/sv/konto/arenden/D-2026-{:05}", 10_000 + i)));
        assert_eq!(numbers(&first), expected, "{kind:?}");
        let next = first.attr("nav.pager a", "href");
        assert_eq!(
            next.as_deref(),
            Some("/sv/konto/arenden?page=2"),
            "{kind:?}"
        );
        let second = a.get("/sv/konto/arenden?page=2").await;
        let expected: Vec<String> = (50..=52)
            .map(|i| format!("/sv/konto/arenden/D-2026-{:05}", 10_000 + i))
            .collect();
        assert_eq!(numbers(&second), expected, "{kind:?}");
        assert_eq!(
            links(&second, "/sv/konto/arenden?page="),
            ["/sv/konto/arenden?page=1"],
            "{kind:?}: only a link back"
        );
        // Past the end is a 404 that says so and leads to the first page (not "no tickets
        // yet"); a page number out of range is the first page.
        let past = a.get("/sv/konto/arenden?page=9").await;
        assert_eq!(past.status, 404, "{kind:?}");
        assert!(numbers(&past).is_empty());
        assert!(past.text().contains("Den sidan finns inte"), "{kind:?}");
        assert!(!past.text().contains("inga ärenden än"), "{kind:?}");
        assert_eq!(
            links(&past, "/sv/konto/arenden?page="),
            ["/sv/konto/arenden?page=1"],
            "{kind:?}"
        );
        assert_eq!(numbers(&a.get("/sv/konto/arenden?page=-3").await).len(), 50);
        let en = a.get("/en/account/tickets?page=2").await;
        assert_eq!(links(&en, "/en/account/tickets/D-").len(), 3, "{kind:?}");
        // Another organisation's member sees none of them.
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Förening Få", &orgnr(42), "few@b.se").await;
        let theirs = b.get("/sv/konto/arenden").await;
        assert!(numbers(&theirs).is_empty(), "{kind:?}");
        assert!(theirs.attr("nav.pager a", "href").is_none(), "{kind:?}");
    }
}

/// The attachment links of a page, by the message style they sit in (`staff`, `internal`,
/// `customer`).
fn file_links(r: &Resp, style: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(&format!(".msg-{style} .msg-files a")).unwrap();
    r.html()
        .select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_owned)
        .collect()
}

/// Staff attach files to answers and notes: an answer's reach the member (their organisation
/// only) or the visitor (by their private link only), a note's never leave the help desk, and
/// a refused file is named beside the field with the text kept.
#[actix_web::test]
async fn staff_attach_files_that_reach_the_requester_and_notes_keep_theirs() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Fil", &orgnr(7), "fia@fil.se").await;
        let fields = [
            ("category", "account"),
            ("subject", "Hur gör vi?"),
            ("message", "Vi behöver en guide."),
            ("link", ""),
        ];
        assert_eq!(open_ticket(&mut m, "sv", &fields, &[]).await.status, 303);
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let note = staff_reply_form(
            &mut s,
            "D-2026-00001",
            &[
                ("body", "Skärmbild från kunden"),
                ("internal", "1"),
                ("action", "send"),
            ],
            &[("intern.png", PNG)],
        )
        .await;
        assert_eq!(note.status, 303, "{kind:?}: {}", note.text());
        let answer = staff_reply_form(
            &mut s,
            "D-2026-00001",
            &[
                ("body", "Här är guiden."),
                ("state", "waiting"),
                ("action", "send"),
            ],
            &[
                ("guide.pdf", PDF),
                ("steg.txt", "steg 1\nsteg 2\n".as_bytes()),
            ],
        )
        .await;
        assert_eq!(answer.status, 303, "{kind:?}: {}", answer.text());
        assert!(
            events(&app, "ticket.replied")
                .iter()
                .any(|(_, _, p)| p.contains("\"author\":\"staff\"")
                    && p.contains("\"attachments\":2")),
            "{kind:?}"
        );

        // Staff see all three under their own download route.
        let staff_page = s.get("/sv/personal/arenden/D-2026-00001").await;
        let internal = file_links(&staff_page, "internal");
        let answered = file_links(&staff_page, "staff");
        assert_eq!(internal.len(), 1, "{kind:?}");
        assert_eq!(answered.len(), 2, "{kind:?}");
        assert!(
            internal[0].starts_with("/sv/personal/filer/"),
            "{}",
            internal[0]
        );
        let got = s.get(&internal[0]).await;
        assert_eq!((got.status, got.body.as_slice()), (200, PNG), "{kind:?}");
        let note_file = internal[0].rsplit('/').next().unwrap().to_owned();

        // The member gets the answer's files, not the note's, not even by its id.
        let page = m.get("/sv/konto/arenden/D-2026-00001").await;
        let theirs = file_links(&page, "staff");
        assert_eq!(theirs.len(), 2, "{kind:?}");
        assert!(theirs.iter().all(|h| h.starts_with("/sv/konto/filer/")));
        assert!(!page.text().contains("intern.png"), "{kind:?}");
        let pdf = m.get(&theirs[0]).await;
        assert_eq!(pdf.status, 200, "{kind:?}");
        assert_eq!(pdf.body, PDF);
        assert!(
            pdf.header("content-disposition")
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(pdf.header("x-content-type-options").unwrap(), "nosniff");
        let guessed = m.get(&format!("/sv/konto/filer/{note_file}")).await;
        assert_eq!(guessed.status, 404, "{kind:?}: a note's file by URL");
        // Another organisation's member reaches none of them.
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Andra Föreningen", &orgnr(8), "bo@andra.se").await;
        assert_eq!(b.get(&theirs[0]).await.status, 404, "{kind:?}");

        // A refused file is named beside the field; the text and the choices stay.
        let bad = staff_reply_form(
            &mut s,
            "D-2026-00001",
            &[
                ("body", "Behåll mig"),
                ("internal", "1"),
                ("action", "send"),
            ],
            &[("sida.pdf", b"<html><script>alert(1)</script></html>")],
        )
        .await;
        assert_eq!(bad.status, 400, "{kind:?}");
        assert!(
            bad.select_text("#files-error")
                .unwrap()
                .contains("sida.pdf")
        );
        assert_eq!(bad.select_text("textarea#body").unwrap(), "Behåll mig");
        assert_eq!(bad.attr("input#internal", "checked").as_deref(), Some(""));
        let six: Vec<(&str, &[u8])> = (0..6).map(|_| ("a.png", PNG)).collect();
        let many = staff_reply_form(
            &mut s,
            "D-2026-00001",
            &[("body", "Sex filer"), ("action", "send")],
            &six,
        )
        .await;
        assert_eq!(many.status, 400, "{kind:?}");
        assert!(many.select_text("#files-error").is_some(), "{kind:?}");
        let page = s.get("/sv/personal/arenden/D-2026-00001").await;
        assert_eq!(
            page.html()
                .select(&scraper::Selector::parse(".msg").unwrap())
                .count(),
            3
        );

        // A visitor reads an answer's file through their private link, and nothing else.
        let mut v = Browser::new(&app);
        assert_eq!(
            contact(&mut v, &app, "en", &refs(&visitor("vera@kor.se")))
                .await
                .status,
            303
        );
        let link = app.mailed_path("ticket.received", "vera@kor.se").unwrap();
        let token = link.rsplit('/').next().unwrap().to_owned();
        assert_eq!(
            staff_reply_form(
                &mut s,
                "D-2026-00002",
                &[("body", "Intern"), ("internal", "1"), ("action", "send")],
                &[("hemlig.png", PNG)],
            )
            .await
            .status,
            303
        );
        assert_eq!(
            staff_reply_form(
                &mut s,
                "D-2026-00002",
                &[("body", "Se bilagan."), ("action", "send")],
                &[("svar.pdf", PDF)],
            )
            .await
            .status,
            303
        );
        let thread = Browser::new(&app).get(&link).await;
        let shown = file_links(&thread, "staff");
        assert_eq!(shown.len(), 1, "{kind:?}");
        assert!(!thread.text().contains("hemlig.png"), "{kind:?}");
        let prefix = format!("/en/contact/ticket/{token}/files/");
        assert!(shown[0].starts_with(&prefix), "{}", shown[0]);
        let mut stranger = Browser::new(&app);
        let got = stranger.get(&shown[0]).await;
        assert_eq!(got.status, 200, "{kind:?}");
        assert_eq!(got.body, PDF);
        assert!(
            got.header("content-disposition")
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(got.header("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(got.header("x-robots-tag").unwrap(), "noindex, nofollow");
        // The Swedish path serves it too, as the language switch leads there.
        let sv = format!(
            "/sv/kontakt/arende/{token}/filer/{}",
            shown[0].rsplit('/').next().unwrap()
        );
        assert_eq!(stranger.get(&sv).await.status, 200, "{kind:?}");
        // The visitor's note file, the member's files and a wrong token: the same 404.
        let staff_v = s.get("/sv/personal/arenden/D-2026-00002").await;
        let secret = file_links(&staff_v, "internal");
        assert_eq!(secret.len(), 1);
        let secret_id = secret[0].rsplit('/').next().unwrap();
        let member_id = theirs[0].rsplit('/').next().unwrap();
        let good_id = shown[0].rsplit('/').next().unwrap();
        for p in [
            format!("{prefix}{secret_id}"),
            format!("{prefix}{member_id}"),
            format!("{prefix}{note_file}"),
            format!("/en/contact/ticket/{}/files/{good_id}", "0".repeat(64)),
            format!("/en/contact/ticket/abc/files/{good_id}"),
        ] {
            assert_eq!(stranger.get(&p).await.status, 404, "{kind:?}: {p}");
        }
    }
}

/// A plain-text attachment (a log file) of `kb` kibibytes.
fn log_file(kb: usize) -> Vec<u8> {
    "loggrad\n".repeat(kb * 1024 / 8).into_bytes()
}

/// A member's reply with `files`, as the browser sends it.
async fn member_reply_with(
    b: &mut Browser<'_>,
    path: &str,
    message: &str,
    files: &[(&str, &[u8])],
) -> Resp {
    let page = b.get(path).await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap_or_default();
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![
        ("csrf", None, csrf.as_bytes()),
        ("message", None, message.as_bytes()),
    ];
    for (name, data) in files {
        parts.push(("files", Some(name), data));
    }
    b.post_raw(path, BOUNDARY_TYPE, multipart(&parts)).await
}

#[actix_web::test]
async fn the_storage_quota_refuses_an_attachment_that_would_pass_it_and_keeps_the_text() {
    use donera::db::schema::{files, users};
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_ORG_STORAGE_QUOTA_MB", "1")]);
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Full", &orgnr(41), "full@full.se").await;
        let log = log_file(600);
        let first = [
            ("category", "account"),
            ("subject", "Loggar"),
            ("message", "Här är loggen."),
            ("link", ""),
        ];
        let r = open_ticket(&mut m, "sv", &first, &[("logg.txt", &log)]).await;
        assert_eq!(r.status, 303, "{kind:?}: {}", r.text());
        // Another 600 kB would pass 1 MB: refused beside the files, the ticket's text kept.
        let second = [
            ("category", "account"),
            ("subject", "Fler loggar"),
            ("message", "Och den här, åäö."),
            ("link", ""),
        ];
        let r = open_ticket(&mut m, "sv", &second, &[("logg2.txt", &log)]).await;
        assert_eq!(r.status, 413, "{kind:?}");
        let msg = r.select_text("#files-error").unwrap();
        assert!(
            msg.contains("organisationen har redan 0,5 MB av sina 1,0 MB"),
            "{kind:?}: {msg}"
        );
        assert_eq!(
            r.select_text("textarea#message").unwrap(),
            "Och den här, åäö."
        );
        assert_eq!(r.attr("input#subject", "value").unwrap(), "Fler loggar");
        // A reply with the file is refused the same way, in English.
        let r = member_reply_with(
            &mut m,
            "/en/account/tickets/D-2026-00001",
            "Here is another log.",
            &[("log.txt", &log)],
        )
        .await;
        assert_eq!(r.status, 413, "{kind:?}");
        let msg = r.select_text("#files-error").unwrap();
        assert!(
            msg.contains("your organisation already has 0.5 MB of its 1.0 MB"),
            "{kind:?}: {msg}"
        );
        assert_eq!(
            r.select_text("textarea#message").unwrap(),
            "Here is another log."
        );
        // Nothing of the refused messages was stored; without files the reply goes through.
        let mut c = app.pool().get().unwrap();
        let stored: i64 = files::table.count().get_result(&mut c).unwrap();
        assert_eq!(stored, 1, "{kind:?}");
        let t: i64 = tickets::table.count().get_result(&mut c).unwrap();
        assert_eq!(t, 1, "{kind:?}");
        let r = member_reply(&mut m, "/sv/konto/arenden/D-2026-00001", "Utan fil.").await;
        assert_eq!(r.status, 303, "{kind:?}");
        // Staff see the organisation's usage on its page.
        let org: String = users::table
            .filter(users::email.eq("full@full.se"))
            .select(users::organisation_id.assume_not_null())
            .first(&mut c)
            .unwrap();
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let page = s.get(&format!("/sv/personal/organisationer/{org}")).await;
        assert_eq!(page.status, 200, "{kind:?}");
        let storage = page.select_text("#storage").unwrap();
        assert!(
            storage.starts_with("0,5 MB av 1,0 MB (58,5"),
            "{kind:?}: {storage}"
        );
        let page = s.get(&format!("/en/staff/organisations/{org}")).await;
        assert!(
            page.select_text("#storage")
                .unwrap()
                .starts_with("0.5 MB of 1.0 MB (58.5"),
            "{kind:?}"
        );
    }
}

#[actix_web::test]
async fn the_upload_rate_refuses_a_members_files_until_the_hour_has_passed() {
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_UPLOAD_MB_PER_HOUR", "1")]);
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Flitig", &orgnr(42), "flitig@flitig.se").await;
        let log = log_file(600);
        let fields = [
            ("category", "account"),
            ("subject", "Loggar"),
            ("message", "Här är loggen."),
            ("link", ""),
        ];
        let r = open_ticket(&mut m, "sv", &fields, &[("logg.txt", &log)]).await;
        assert_eq!(r.status, 303, "{kind:?}: {}", r.text());
        let path = "/sv/konto/arenden/D-2026-00001";
        let r = member_reply_with(&mut m, path, "En logg till.", &[("logg2.txt", &log)]).await;
        assert_eq!(r.status, 429, "{kind:?}");
        let msg = r.select_text("#files-error").unwrap();
        assert!(
            msg.contains("Du har laddat upp 1,0 MB den senaste timmen"),
            "{kind:?}: {msg}"
        );
        assert_eq!(r.select_text("textarea#message").unwrap(), "En logg till.");
        // A new ticket is held to the same rate.
        let r = open_ticket(&mut m, "sv", &fields, &[("logg3.txt", &log)]).await;
        assert_eq!(r.status, 429, "{kind:?}");
        // An hour after the first upload there is room again.
        app.clock.advance(Duration::minutes(61));
        let r = member_reply_with(&mut m, path, "En logg till.", &[("logg2.txt", &log)]).await;
        assert_eq!(r.status, 303, "{kind:?}: {}", r.text());
    }
}

/// The numbers of all tickets, in order.
fn numbers(app: &TestApp) -> Vec<String> {
    tickets::table
        .select(tickets::number)
        .order(tickets::number)
        .load(&mut app.pool().get().unwrap())
        .unwrap()
}

#[actix_web::test]
async fn tickets_created_at_once_each_get_the_next_number_after_the_counted_ones() {
    use donera::db::schema::ticket_counters as tc;
    for kind in backends() {
        let app = TestApp::start(kind);
        let now = app.clock.now_utc_naive();
        // A database that counted its numbers in ticket_counters, as every one did before
        // PostgreSQL's sequences (migration 000042) and SQLite's still does.
        diesel::insert_into(tc::table)
            .values((tc::year.eq(2026), tc::last.eq(41i64)))
            .execute(&mut app.pool().get().unwrap())
            .unwrap();
        std::thread::scope(|s| {
            for t in 0..6 {
                let pool = app.pool().clone();
                s.spawn(move || {
                    let mut c = pool.get().unwrap();
                    for k in 0..5 {
                        crate::ops::create_ticket(&mut c, now, t * 10 + k);
                    }
                });
            }
        });
        let expected: Vec<String> = (42..72).map(|n| format!("D-2026-{n:05}")).collect();
        assert_eq!(numbers(&app), expected, "{kind:?}");
        // A new year starts at 1.
        crate::ops::create_ticket(&mut app.pool().get().unwrap(), now + Duration::days(40), 99);
        assert_eq!(numbers(&app).last().unwrap(), "D-2027-00001", "{kind:?}");
    }
}

/// On PostgreSQL a creation does not wait for another that has taken its number and not yet
/// committed: the counter's row, locked to the commit, made them queue (issue 24, 500 tickets/s).
#[actix_web::test]
async fn a_ticket_is_created_while_another_creation_is_still_open() {
    use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
    use donera::db::DbConn;
    let Some(kind) = backends().into_iter().find(|k| *k == Kind::Postgres) else {
        return;
    };
    let app = TestApp::start(kind);
    let now = app.clock.now_utc_naive();
    crate::ops::create_ticket(&mut app.pool().get().unwrap(), now, 1);
    // A creation held open: its transaction has written the ticket, its number included.
    let mut open = donera::db::connect(&app.db_url, 1).unwrap().get().unwrap();
    let DbConn::Pg(o) = &mut *open else {
        panic!("not PostgreSQL")
    };
    AnsiTransactionManager::begin_transaction(o).unwrap();
    crate::ops::create_ticket(&mut open, now, 2);
    // Another one meanwhile, which would fail rather than wait for a lock.
    let mut other = donera::db::connect(&app.db_url, 1).unwrap().get().unwrap();
    let DbConn::Pg(p) = &mut *other else {
        panic!("not PostgreSQL")
    };
    p.batch_execute("SET lock_timeout = '5s'").unwrap();
    crate::ops::create_ticket(&mut other, now, 3);
    assert_eq!(numbers(&app), ["D-2026-00001", "D-2026-00003"]);
    // The open one rolls back: its number stays unused, and the next goes on after the others.
    let DbConn::Pg(o) = &mut *open else {
        panic!("not PostgreSQL")
    };
    AnsiTransactionManager::rollback_transaction(o).unwrap();
    crate::ops::create_ticket(&mut app.pool().get().unwrap(), now, 4);
    assert_eq!(
        numbers(&app),
        ["D-2026-00001", "D-2026-00003", "D-2026-00004"]
    );
}
