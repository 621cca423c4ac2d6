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
    let terms: i64 = ticket_terms::table
        .filter(ticket_terms::ticket_id.eq(id))
        .count()
        .get_result(&mut c)
        .unwrap();
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
