//! Erasure (issue 21, point 2) on both backends: a ticket's content erased while its number
//! stays, shown as erased on every page that shows a ticket.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::schema::{
    files, organisations, ticket_attachments, ticket_index_queue, ticket_messages, ticket_terms,
    ticket_tokens, tickets,
};

use crate::support::{Browser, TestApp, backends, orgnr, registered_member};
use crate::support::{PDF, PNG};
use crate::tickets::{contact, open_ticket, refs, staff_browser, staff_reply, visitor};

const ERASED_SV: &str = "Innehållet är raderat";

fn ticket_id(app: &TestApp, number: &str) -> String {
    let mut c = app.pool().get().unwrap();
    tickets::table
        .filter(tickets::number.eq(number))
        .select(tickets::id)
        .first(&mut c)
        .unwrap()
}

/// Subject, requester name, e-mail and organisation, state and whether erased.
type TicketText = (String, String, String, String, String, bool);

fn ticket_text(app: &TestApp, number: &str) -> TicketText {
    let mut c = app.pool().get().unwrap();
    let (s, n, e, o, st, at): (
        String,
        String,
        String,
        String,
        String,
        Option<time::PrimitiveDateTime>,
    ) = tickets::table
        .filter(tickets::number.eq(number))
        .select((
            tickets::subject,
            tickets::requester_name,
            tickets::requester_email,
            tickets::requester_org,
            tickets::state,
            tickets::erased_at,
        ))
        .first(&mut c)
        .unwrap();
    (s, n, e, o, st, at.is_some())
}

/// Rows left of the ticket in each table that holds its content: messages with text, messages
/// with an author's name, attachments, search terms, queued search text, visitor links.
fn content_rows(app: &TestApp, id: &str) -> [i64; 6] {
    let mut c = app.pool().get().unwrap();
    let with_text: i64 = ticket_messages::table
        .filter(ticket_messages::ticket_id.eq(id))
        .filter(ticket_messages::body.ne(""))
        .count()
        .get_result(&mut c)
        .unwrap();
    let with_name: i64 = ticket_messages::table
        .filter(ticket_messages::ticket_id.eq(id))
        .filter(ticket_messages::author_name.ne(""))
        .count()
        .get_result(&mut c)
        .unwrap();
    let attachments: i64 = ticket_attachments::table
        .inner_join(ticket_messages::table)
        .filter(ticket_messages::ticket_id.eq(id))
        .count()
        .get_result(&mut c)
        .unwrap();
    let terms: i64 = if matches!(&*c, donera::db::DbConn::Sqlite(_)) {
        ticket_terms::table
            .filter(ticket_terms::ticket_id.eq(id))
            .count()
            .get_result(&mut c)
            .unwrap()
    } else {
        // PostgreSQL keeps a ticket's words as one vector (migration 000036): its length.
        diesel::sql_query(
            "SELECT coalesce(sum(length(terms)), 0)::bigint AS n FROM ticket_search \
             WHERE ticket_id = $1",
        )
        .bind::<diesel::sql_types::Text, _>(id)
        .get_result::<Count>(&mut *c)
        .unwrap()
        .n
    };
    let queued: i64 = ticket_index_queue::table
        .filter(ticket_index_queue::ticket_id.eq(id))
        .count()
        .get_result(&mut c)
        .unwrap();
    let links: i64 = ticket_tokens::table
        .filter(ticket_tokens::ticket_id.eq(id))
        .count()
        .get_result(&mut c)
        .unwrap();
    [with_text, with_name, attachments, terms, queued, links]
}

fn file_count(app: &TestApp) -> i64 {
    let mut c = app.pool().get().unwrap();
    files::table.count().get_result(&mut c).unwrap()
}

#[actix_web::test]
async fn erasing_a_tickets_content_keeps_its_number_and_every_page_says_erased() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Glömsk", &orgnr(31), "greta@glomsk.se").await;
        let res = open_ticket(
            &mut m,
            "sv",
            &[
                ("category", "order"),
                ("subject", "Hemlig fakturafråga"),
                ("message", "Mitt telefonnummer är 070-1234567."),
                ("link", ""),
            ],
            &[("faktura.pdf", PDF), ("bild.png", PNG)],
        )
        .await;
        assert_eq!(res.status, 303, "{}", res.text());
        // A second ticket of the same organisation, which stays as it was.
        let res = open_ticket(
            &mut m,
            "sv",
            &[
                ("category", "other"),
                ("subject", "Kvarvarande fråga"),
                ("message", "Den här ska stå kvar."),
                ("link", ""),
            ],
            &[("kvar.pdf", PDF)],
        )
        .await;
        assert_eq!(res.status, 303, "{}", res.text());
        let mut v = Browser::new(&app);
        let res = contact(&mut v, &app, "sv", &refs(&visitor("vera@glomsk.example"))).await;
        assert_eq!(res.status, 303, "{}", res.text());
        let link = app
            .mailed_path("ticket.received", "vera@glomsk.example")
            .unwrap();
        assert_eq!(v.get(&link).await.status, 200);
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        for n in ["D-2026-00001", "D-2026-00003"] {
            let r = staff_reply(&mut s, n, "Svar från supporten till Greta", false, "").await;
            assert_eq!(r.status, 303, "{}", r.text());
        }
        // The search index has taken every ticket's words.
        donera::tickets::search::flush(&mut app.pool().get().unwrap(), 1000).unwrap();
        let files_before = file_count(&app);
        assert_eq!(files_before, 3);

        let erased = [
            ticket_id(&app, "D-2026-00001"),
            ticket_id(&app, "D-2026-00003"),
        ];
        let kept = ticket_id(&app, "D-2026-00002");
        let now = app.clock.now_utc_naive();
        let n =
            donera::tickets::service::erase_content(&mut app.pool().get().unwrap(), &erased, now)
                .unwrap();
        assert_eq!(n, 2);
        // Again: nothing left to erase, nothing counted.
        let again =
            donera::tickets::service::erase_content(&mut app.pool().get().unwrap(), &erased, now)
                .unwrap();
        assert_eq!(again, 0);

        for (number, id) in [("D-2026-00001", &erased[0]), ("D-2026-00003", &erased[1])] {
            let (subject, name, email, org, state, is_erased) = ticket_text(&app, number);
            assert_eq!(
                (
                    subject.as_str(),
                    name.as_str(),
                    email.as_str(),
                    org.as_str()
                ),
                ("", "", "", ""),
                "{number}"
            );
            assert!(is_erased, "{number}");
            assert_eq!(state, "closed", "{number}");
            assert_eq!(content_rows(&app, id), [0; 6], "{number}");
        }
        assert_eq!(file_count(&app), 1, "only the kept ticket's file is left");
        let (subject, ..) = ticket_text(&app, "D-2026-00002");
        assert_eq!(subject, "Kvarvarande fråga");
        let kept_rows = content_rows(&app, &kept);
        assert!(
            kept_rows[0] == 1 && kept_rows[2] == 1 && kept_rows[3] > 0,
            "{kept_rows:?}"
        );

        // The member's list and the ticket page: the number, "erased", none of the words.
        let list = m.get("/sv/konto/arenden").await;
        assert_eq!(list.status, 200);
        let text = list.text();
        assert!(
            text.contains("D-2026-00001") && text.contains(ERASED_SV),
            "{text}"
        );
        assert!(!text.contains("Hemlig") && text.contains("Kvarvarande fråga"));
        let page = m.get("/sv/konto/arenden/D-2026-00001").await;
        assert_eq!(page.status, 200);
        let text = page.text();
        assert!(text.contains(ERASED_SV), "{text}");
        for gone in [
            "Hemlig",
            "070-1234567",
            "faktura.pdf",
            "Svar från supporten",
        ] {
            assert!(!text.contains(gone), "{gone}");
        }
        assert!(page.select_text(".msg-erased").is_some());
        // No reply form on an erased ticket: it is closed.
        assert!(page.attr("textarea[name=message]", "name").is_none());

        // The visitor's link is gone with the content.
        assert_eq!(v.get(&link).await.status, 404);

        // The help desk: queue, ticket page, organisation page; English too.
        let queue = s.get("/sv/personal/arenden?state=all").await;
        assert_eq!(queue.status, 200);
        let text = queue.text();
        assert!(text.contains("D-2026-00003") && text.contains(ERASED_SV));
        assert!(!text.contains("Vera") && !text.contains("Hemlig"));
        let search = s.get("/sv/personal/arenden?state=all&q=hemlig").await;
        assert!(
            !search.text().contains("D-2026-00001"),
            "erased words are not found"
        );
        for n in ["D-2026-00001", "D-2026-00003"] {
            let page = s.get(&format!("/sv/personal/arenden/{n}")).await;
            assert_eq!(page.status, 200);
            let text = page.text();
            assert!(
                text.contains(ERASED_SV) && text.contains("Raderad"),
                "{text}"
            );
            for gone in ["Hemlig", "070-1234567", "Vera", "glomsk.example", "Greta"] {
                assert!(!text.contains(gone), "{n}: {gone}");
            }
        }
        let en = s.get("/en/staff/tickets/D-2026-00003").await;
        assert_eq!(en.status, 200);
        assert!(en.text().contains("Content erased"));
        let org: String = {
            let mut c = app.pool().get().unwrap();
            organisations::table
                .select(organisations::id)
                .first(&mut c)
                .unwrap()
        };
        let admin = staff_browser(&app, "chef@partner.example.org", Role::Admin).await;
        let mut admin = admin;
        let page = admin
            .get(&format!("/sv/personal/organisationer/{org}"))
            .await;
        assert_eq!(page.status, 200, "{}", page.text());
        let text = page.text();
        assert!(
            text.contains(&format!("D-2026-00001 · {ERASED_SV}")),
            "{text}"
        );
        assert!(!text.contains("Hemlig"));
        // The other ticket's page lists the erased one among the organisation's tickets.
        let page = s.get("/sv/personal/arenden/D-2026-00002").await;
        assert!(page.text().contains(&format!("D-2026-00001 · {ERASED_SV}")));
    }
}

// ---- the big test: fill every feature, erase, search every text column of every table ----

/// Columns that may still hold an erased person's identifiers, and why: the documented retained
/// records (also in the README under "Privacy"). Empty columns of these kinds are fine too.
const RETAINED: &[(&str, &str, &str)] = &[
    // None today: the tombstone of a deleted organisation keeps its name and number only, and
    // orders keep no personal data. A person's words in a message they wrote stay with the
    // organisation, with their name, address and phone number replaced; other personal
    // details they typed in free text (a colleague's name, say) cannot be found by a machine.
];

/// Every text (and binary) column of every table, by introspecting the schema.
fn text_columns(conn: &mut donera::db::DbConn) -> Vec<(String, String, bool)> {
    use diesel::sql_types::Text;
    #[derive(QueryableByName)]
    struct Col {
        #[diesel(sql_type = Text)]
        t: String,
        #[diesel(sql_type = Text)]
        c: String,
        #[diesel(sql_type = Text)]
        ty: String,
    }
    let cols: Vec<Col> = match conn {
        donera::db::DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT m.name AS t, p.name AS c, upper(p.type) AS ty FROM sqlite_master m, \
             pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
             AND m.name <> '__diesel_schema_migrations'",
        )
        .load(c)
        .unwrap(),
        donera::db::DbConn::Pg(c) => diesel::sql_query(
            "SELECT table_name::text AS t, column_name::text AS c, data_type::text AS ty \
             FROM information_schema.columns WHERE table_schema = 'public' \
             AND table_name <> '__diesel_schema_migrations'",
        )
        .load(c)
        .unwrap(),
    };
    let out: Vec<(String, String, bool)> = cols
        .into_iter()
        .filter_map(|c| {
            let ty = c.ty.to_lowercase();
            let binary = ty == "blob" || ty == "bytea";
            let text = ty.contains("text") || ty.contains("char");
            (text || binary).then_some((c.t, c.c, binary))
        })
        .collect();
    assert!(
        out.len() > 50,
        "the schema walk found too few columns: {out:?}"
    );
    out
}

/// Where `needle` occurs (case folded; binary columns byte for byte): table, column, value.
fn find_everywhere(app: &TestApp, needle: &str) -> Vec<(String, String, String)> {
    use diesel::sql_types::Text;
    #[derive(QueryableByName)]
    struct Hit {
        #[diesel(sql_type = Text)]
        v: String,
    }
    let mut conn = app.pool().get().unwrap();
    let mut found = vec![];
    for (t, c, binary) in text_columns(&mut conn) {
        let hits: Vec<Hit> = match &mut *conn {
            donera::db::DbConn::Sqlite(x) => {
                let sql = if binary {
                    format!(
                        "SELECT '<binary>' AS v FROM \"{t}\" WHERE instr(\"{c}\", CAST(? AS BLOB)) > 0"
                    )
                } else {
                    format!(
                        "SELECT \"{c}\" AS v FROM \"{t}\" WHERE lower(\"{c}\") LIKE '%' || lower(?) || '%'"
                    )
                };
                diesel::sql_query(sql)
                    .bind::<Text, _>(needle)
                    .load(x)
                    .unwrap()
            }
            donera::db::DbConn::Pg(x) => {
                let sql = if binary {
                    format!(
                        "SELECT '<binary>' AS v FROM \"{t}\" WHERE position(convert_to($1, 'UTF8') in \"{c}\") > 0"
                    )
                } else {
                    format!(
                        "SELECT \"{c}\"::text AS v FROM \"{t}\" WHERE strpos(lower(\"{c}\"), lower($1)) > 0"
                    )
                };
                diesel::sql_query(sql)
                    .bind::<Text, _>(needle)
                    .load(x)
                    .unwrap()
            }
        };
        for h in hits {
            found.push((t.clone(), c.clone(), h.v));
        }
    }
    found
        .into_iter()
        .filter(|(t, c, _)| !RETAINED.iter().any(|(rt, rc, _)| rt == t && rc == c))
        .collect()
}

fn assert_gone(app: &TestApp, who: &str, needles: &[&str]) {
    for n in needles {
        let found = find_everywhere(app, n);
        assert!(found.is_empty(), "{who}: {n:?} still in {found:#?}");
    }
}

fn user_id(app: &TestApp, email: &str) -> Option<String> {
    use donera::db::schema::users;
    let mut c = app.pool().get().unwrap();
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut c)
        .optional()
        .unwrap()
}

/// Delivers every due outbox event, as the worker does.
async fn deliver_all(app: &TestApp) {
    use donera::outbox::worker::{Worker, WorkerConfig};
    let w = Worker::new(
        app.pool().clone(),
        app.state.i18n.clone(),
        app.state.settings.clone(),
        app.clock.clone(),
        WorkerConfig::from_settings(&app.state.settings),
    )
    .unwrap();
    for _ in 0..20 {
        if w.run_once().await.unwrap().total() == 0 {
            return;
        }
    }
}

const ANNA: (&str, &str, &str) = (
    "Anna Andersson",
    "anna@forening-a.example",
    "+46 70 111 22 33",
);
const KALLE: (&str, &str, &str) = (
    "Kalle Kollegasson",
    "kalle@forening-a.example",
    "070-999 88 77",
);
const VERA: (&str, &str) = ("Vera Visitorsdottir", "vera.v@besok.example");

async fn set_phone(b: &mut Browser<'_>, name: &str, phone: &str) {
    let r = b
        .submit(
            "/sv/konto/installningar",
            "/sv/konto/installningar",
            &[
                ("form", "contact"),
                ("name", name),
                ("phone", phone),
                ("locale", "sv"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
}

async fn contact_as(b: &mut Browser<'_>, app: &TestApp, name: &str, email: &str, text: &str) {
    let res = contact(
        b,
        app,
        "sv",
        &[
            ("name", name),
            ("email", email),
            ("organisation", "Kören"),
            ("category", "other"),
            ("subject", &format!("Fråga från {name}")),
            ("message", text),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text());
}

#[actix_web::test]
async fn registered_filled_and_erased_nothing_personal_is_left_anywhere() {
    use crate::orders::{confirm, product_id, review, validated_member};
    use crate::support::{PW, login};
    use donera::db::schema::{audit_log, orders, organisations, users};
    for kind in backends() {
        let app = TestApp::start(kind);
        // Before registering, Kalle and a visitor write through the contact form.
        let mut kv = Browser::new(&app);
        contact_as(
            &mut kv,
            &app,
            KALLE.0,
            KALLE.1,
            &format!("Ring mig på {}", KALLE.2),
        )
        .await;
        let mut v = Browser::new(&app);
        contact_as(
            &mut v,
            &app,
            VERA.0,
            VERA.1,
            &format!("Mvh {} ({})", VERA.0, VERA.1),
        )
        .await;

        // Anna registers, is validated; sets her phone; invites Kalle, who joins.
        let mut a = Browser::new(&app);
        validated_member(&app, &mut a, 41, ANNA.1).await;
        set_phone(&mut a, ANNA.0, ANNA.2).await;
        let r = a
            .submit(
                "/sv/konto/kollegor",
                "/sv/konto/kollegor",
                &[("name", KALLE.0), ("email", KALLE.1)],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        let invite = app.mailed_path("member.invitation", KALLE.1).unwrap();
        let mut k = Browser::new(&app);
        let r = k
            .submit(
                &invite,
                &invite,
                &[
                    ("name", KALLE.0),
                    ("password", PW),
                    ("password_confirm", PW),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        let kalle_id = user_id(&app, KALLE.1).unwrap();
        crate::twofa::enrol(&app, &kalle_id, crate::twofa::TOTP_SECRET);
        let mut k = Browser::new(&app);
        assert_eq!(login(&mut k, KALLE.1, PW).await.status, 303);
        set_phone(&mut k, KALLE.0, KALLE.2).await;

        // Kalle uses every feature: a certificate, an order, a ticket with a file, a usage
        // check, FAQ feedback.
        assert_eq!(
            k.upload(
                "/sv/konto/certifikat",
                "intyg-kalle.pdf",
                PDF,
                &format!("Från {}", KALLE.0)
            )
            .await
            .status,
            303
        );
        let office = product_id(&app, "office-ltsc-standard");
        let ok = review(&mut k, &[(&office, "5")]).await;
        assert_eq!(ok.status, 200, "{}", ok.text());
        assert_eq!(confirm(&mut k, &ok).await.status, 303);
        let r = open_ticket(
            &mut k,
            "sv",
            &[
                ("category", "order"),
                ("subject", &format!("Order från {}", KALLE.0)),
                (
                    "message",
                    &format!("Hälsningar {} {} {}", KALLE.0, KALLE.1, KALLE.2),
                ),
                ("link", ""),
            ],
            &[("bild.png", PNG)],
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.text());
        let r = crate::usage::post_usage(
            &mut k,
            "/sv/konto/anvandning",
            &[("a.csv", crate::usage::NONCOMPLIANT)],
            &[("save", "yes")],
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text());
        let faq = k.get("/sv/fragor").await;
        let article = faq.attr(".faq-group li a", "href").unwrap();
        k.submit(&article, &format!("{article}/svar"), &[("helpful", "yes")])
            .await;
        // The help desk answers everyone by name.
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        for (n, name) in [
            ("D-2026-00001", KALLE.0),
            ("D-2026-00002", VERA.0),
            ("D-2026-00003", KALLE.0),
        ] {
            let r = staff_reply(&mut s, n, &format!("Hej {name}!"), false, "").await;
            assert_eq!(r.status, 303, "{}", r.text());
        }
        deliver_all(&app).await;
        assert!(
            !find_everywhere(&app, KALLE.1).is_empty()
                && !find_everywhere(&app, KALLE.2).is_empty(),
            "the walk finds what is there"
        );

        // Anna is the last admin: refused, with a message and a way on; nothing deleted.
        let page = a.get("/sv/konto/radera").await;
        assert_eq!(page.status, 200);
        assert!(
            page.select_text("#refusal")
                .unwrap()
                .contains("sista administratören")
        );
        assert!(page.attr("input[name=password]", "name").is_none());
        let csrf = page.attr("input[name=csrf]", "value").unwrap_or_default();
        let csrf = if csrf.is_empty() {
            a.get("/sv/konto/installningar")
                .await
                .attr("input[name=csrf]", "value")
                .unwrap()
        } else {
            csrf
        };
        let r = a
            .post("/sv/konto/radera", &[("csrf", &csrf), ("password", PW)])
            .await;
        assert_eq!(r.status, 409);
        assert!(r.text().contains("sista administratören"));
        assert!(user_id(&app, ANNA.1).is_some());

        // Kalle: without the token, refused; a wrong password, 400 beside the field.
        let r = k.post("/sv/konto/radera", &[("password", PW)]).await;
        assert_eq!(r.status, 403);
        let r = k
            .submit(
                "/sv/konto/radera",
                "/sv/konto/radera",
                &[("password", "fel lösenord här")],
            )
            .await;
        assert_eq!(r.status, 400);
        assert!(
            r.select_text("#password-error")
                .unwrap()
                .contains("Lösenordet stämmer inte")
        );
        assert!(user_id(&app, KALLE.1).is_some());
        // With the password: deleted, signed out, on the "deleted" page; the old cookie is
        // worthless, and so is every other session of his.
        let mut elsewhere = Browser::new(&app);
        assert_eq!(login(&mut elsewhere, KALLE.1, PW).await.status, 303);
        let old = k.cookies.clone();
        let r = k
            .submit("/sv/konto/radera", "/sv/konto/radera", &[("password", PW)])
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        assert_eq!(r.header("location").unwrap(), "/sv/konto/radera?done=1");
        let done = k.get("/sv/konto/radera?done=1").await;
        assert_eq!(done.status, 200);
        assert!(
            done.select_text("#deleted")
                .unwrap()
                .contains("Ditt konto är raderat")
        );
        let mut replay = Browser::new(&app);
        replay.cookies = old;
        for b in [&mut replay, &mut elsewhere] {
            let r = b.get("/sv/konto/arenden").await;
            assert_ne!(r.status, 200);
            assert!(
                r.header("location")
                    .unwrap_or_default()
                    .contains("logga-in")
            );
        }
        assert!(user_id(&app, KALLE.1).is_none());
        assert_gone(&app, "Kalle", &[KALLE.0, KALLE.1, KALLE.2]);
        // What the organisation keeps: the order and the ticket, without him.
        let mut c = app.pool().get().unwrap();
        let placed_by: String = orders::table
            .select(orders::placed_by)
            .first(&mut c)
            .unwrap();
        assert!(placed_by.starts_with("erased-"), "{placed_by}");
        let gone_actor: i64 = audit_log::table
            .filter(audit_log::actor_id.eq(&kalle_id))
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(gone_actor, 0);
        let pseudonymous: i64 = audit_log::table
            .filter(audit_log::actor_id.eq(&placed_by))
            .count()
            .get_result(&mut c)
            .unwrap();
        assert!(
            pseudonymous >= 3,
            "his entries stay, linkable to each other"
        );
        drop(c);
        let t = a.get("/sv/konto/arenden/D-2026-00003").await;
        assert_eq!(t.status, 200);
        assert!(t.text().contains("Raderad") && !t.text().contains(KALLE.0));

        // Staff erase the visitor: admins only, a bad address beside the field, a preview, then
        // erasure, audited without the address.
        let r = s.get("/sv/personal/integritet/radera").await;
        assert_eq!(r.status, 403, "agents may not erase");
        let mut adm = staff_browser(&app, "chef@partner.example.org", Role::Admin).await;
        let page = adm.get("/sv/personal/integritet/radera").await;
        assert_eq!(page.status, 200);
        let r = adm
            .submit(
                "/sv/personal/integritet/radera",
                "/sv/personal/integritet/radera",
                &[("action", "preview"), ("email", "inte en adress")],
            )
            .await;
        assert_eq!(r.status, 400);
        assert!(r.select_text("#email-error").is_some());
        assert_eq!(r.attr("#email", "value").as_deref(), Some("inte en adress"));
        let r = adm
            .submit(
                "/sv/personal/integritet/radera",
                "/sv/personal/integritet/radera",
                &[("action", "preview"), ("email", ANNA.1)],
            )
            .await;
        assert!(r.select_text("#has-account").is_some() && r.select_text("#no-tickets").is_some());
        let r = adm
            .submit(
                "/sv/personal/integritet/radera",
                "/sv/personal/integritet/radera",
                &[("action", "preview"), ("email", VERA.1)],
            )
            .await;
        assert_eq!(r.status, 200);
        assert_eq!(
            r.select_text(".erase-tickets").unwrap().trim(),
            "D-2026-00002"
        );
        assert!(
            find_everywhere(&app, VERA.1).len() > 1,
            "a preview erases nothing"
        );
        let r = adm
            .submit(
                "/sv/personal/integritet/radera",
                "/sv/personal/integritet/radera",
                &[("action", "erase"), ("email", VERA.1)],
            )
            .await;
        assert_eq!(r.status, 303);
        assert_gone(&app, "Vera", &[VERA.0, VERA.1]);
        let page = s.get("/sv/personal/arenden/D-2026-00002").await;
        assert!(page.text().contains(ERASED_SV));
        let mut c = app.pool().get().unwrap();
        let details: String = audit_log::table
            .filter(audit_log::action.eq("privacy.visitor_erased"))
            .select(audit_log::details)
            .first(&mut c)
            .unwrap();
        assert_eq!(details, "D-2026-00002");
        drop(c);

        // Organisation B's admin deletes B: A is untouched.
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Förening B", &orgnr(42), "admin@forening-b.example").await;
        let r = b
            .submit(
                "/sv/konto/organisation/radera",
                "/sv/konto/organisation/radera",
                &[("confirm", &orgnr(42))],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        assert!(user_id(&app, ANNA.1).is_some());
        assert_eq!(a.get("/sv/konto/arenden/D-2026-00003").await.status, 200);

        // Anna deletes A: the page counts what goes; the wrong name is refused.
        let page = a.get("/sv/konto/organisation/radera").await;
        assert_eq!(page.status, 200);
        let goes = page.select_text(".erase-goes").unwrap();
        assert!(
            goes.contains("en användare") && goes.contains("2 certifikat"),
            "{goes}"
        );
        assert!(page.text().contains("7 år"));
        let r = a
            .submit(
                "/sv/konto/organisation/radera",
                "/sv/konto/organisation/radera",
                &[("confirm", "Fel förening")],
            )
            .await;
        assert_eq!(r.status, 400);
        assert!(r.select_text("#confirm-error").is_some());
        assert_eq!(r.attr("#confirm", "value").as_deref(), Some("Fel förening"));
        assert!(user_id(&app, ANNA.1).is_some());
        let r = a
            .submit(
                "/sv/konto/organisation/radera",
                "/sv/konto/organisation/radera",
                &[("confirm", "föreningen")],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.text());
        let done = a.get(&r.header("location").unwrap()).await;
        assert!(
            done.select_text("#deleted")
                .unwrap()
                .contains("Organisationen")
        );
        assert_gone(&app, "Anna", &[ANNA.0, ANNA.1, ANNA.2]);
        assert_gone(&app, "Kalle", &[KALLE.0, KALLE.1, KALLE.2]);
        let mut c = app.pool().get().unwrap();
        let left: i64 = users::table
            .filter(users::role.eq("member"))
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(left, 0);
        let (name, number, deleted): (String, String, Option<time::PrimitiveDateTime>) =
            organisations::table
                .filter(organisations::org_number.eq(orgnr(41)))
                .select((
                    organisations::name,
                    organisations::org_number,
                    organisations::deleted_at,
                ))
                .first(&mut c)
                .unwrap();
        assert_eq!((name.as_str(), deleted.is_some()), ("Föreningen", true));
        assert_eq!(number, orgnr(41));
        assert_eq!(file_count(&app), 0);
        assert_eq!(orders::table.count().get_result::<i64>(&mut c).unwrap(), 1);

        // The orders go when the bookkeeping period has passed, not a day before.
        let now = app.clock.now_utc_naive();
        // Through the daily purge, as the worker runs it, with the default seven years.
        let purge = |c: &mut donera::db::DbConn, at, dry| {
            let retention = donera::config::Retention::default();
            donera::privacy::purge::run(c, at, &retention, dry)
                .unwrap()
                .get(donera::privacy::purge::Kind::RetainedOrders)
        };
        let almost = now + time::Duration::days(7 * 365);
        assert_eq!(purge(&mut c, almost, false), 0);
        let after = now + time::Duration::days(7 * 365 + 2);
        assert_eq!(purge(&mut c, after, true), 1);
        assert_eq!(orders::table.count().get_result::<i64>(&mut c).unwrap(), 1);
        assert_eq!(purge(&mut c, after, false), 1);
        assert_eq!(orders::table.count().get_result::<i64>(&mut c).unwrap(), 0);
        let orgs: i64 = organisations::table.count().get_result(&mut c).unwrap();
        assert_eq!(orgs, 0, "both tombstones went with their orders");
        drop(c);
        // The ticket numbers are still there (a fresh sign-in: the purge, run years ahead,
        // removed the sessions that would have expired by then).
        let mut s = Browser::new(&app);
        assert_eq!(
            login(&mut s, "agent@partner.example.org", PW).await.status,
            303
        );
        let page = s.get("/sv/personal/arenden/D-2026-00003").await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains(ERASED_SV));
    }
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}
