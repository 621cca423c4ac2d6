//! Issue 22, point 3, on both backends: bulk work from the queue (one transaction, audited and
//! e-mailed per ticket, all or nothing, staff only), the reply that is not sent when someone
//! wrote since the page was opened, and the poll that names the other readers of a ticket.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::schema::{audit_log, outbox_events, tickets, users};

use crate::support::{Browser, Resp, TestApp, backends, orgnr, registered_member};
use crate::tickets::{open_ticket, staff_browser, staff_reply_form};

const QUEUE: &str = "/sv/personal/arenden";
const BULK: &str = "/sv/personal/arenden/markerade";

/// A member with `n` tickets, D-2026-00001 and on.
async fn member_with_tickets<'a>(app: &'a TestApp, n: usize) -> Browser<'a> {
    let mut m = Browser::new(app);
    registered_member(&mut m, "Förening Bulk", &orgnr(61), "bulk@forening.se").await;
    for i in 0..n {
        let subject = format!("Fråga {i}");
        let r = open_ticket(
            &mut m,
            "sv",
            &[
                ("category", "other"),
                ("subject", &subject),
                ("message", "Hej, en fråga."),
            ],
            &[],
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.text());
    }
    m
}

fn ticket(app: &TestApp, number: &str) -> (String, String, Option<String>) {
    let mut c = app.pool().get().unwrap();
    tickets::table
        .filter(tickets::number.eq(number))
        .select((tickets::state, tickets::priority, tickets::assignee_id))
        .first(&mut c)
        .unwrap()
}

fn count_events(app: &TestApp, kind: &str) -> i64 {
    let mut c = app.pool().get().unwrap();
    outbox_events::table
        .filter(outbox_events::kind.eq(kind))
        .count()
        .get_result(&mut c)
        .unwrap()
}

fn audited(app: &TestApp, action: &str) -> Vec<String> {
    let mut c = app.pool().get().unwrap();
    audit_log::table
        .filter(audit_log::action.eq(action))
        .order(audit_log::id)
        .select(audit_log::details)
        .load(&mut c)
        .unwrap()
}

/// Posts the queue's bulk form as the browser would: its token and return query from the page
/// at `from`, the ticked `tickets`, the chosen `change` and the pressed button.
async fn bulk(
    s: &mut Browser<'_>,
    from: &str,
    tickets: &[&str],
    change: &str,
    action: &str,
) -> Resp {
    let page = s.get(from).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let csrf = page.attr("form#bulk input[name=csrf]", "value").unwrap();
    let back = page.attr("form#bulk input[name=back]", "value").unwrap();
    let mut form = vec![
        ("csrf", csrf.as_str()),
        ("back", back.as_str()),
        ("change", change),
        ("action", action),
    ];
    form.extend(tickets.iter().map(|t| ("ticket", *t)));
    let to = page.attr("form#bulk", "action").unwrap();
    s.post(&to, &form).await
}

#[actix_web::test]
async fn staff_change_the_selected_tickets_at_once_each_audited_and_mailed() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let _m = member_with_tickets(&app, 3).await;
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let me = {
            let mut c = app.pool().get().unwrap();
            users::table
                .filter(users::email.eq("agent@partner.example.org"))
                .select(users::id)
                .first::<String>(&mut c)
                .unwrap()
        };
        let mails = count_events(&app, "ticket.state");

        // The form sits above the table, with labelled controls in a fieldset.
        let page = s.get(QUEUE).await;
        assert!(page.select_text("form#bulk fieldset legend").is_some());
        assert!(page.select_text("label[for=bulk-change]").is_some());
        assert_eq!(
            page.attr("input[name=ticket][value=D-2026-00001]", "form")
                .as_deref(),
            Some("bulk")
        );

        // From a filtered queue, two tickets to "waiting": back to the same filter with a count.
        let from = "/sv/personal/arenden?category=other&sort=oldest";
        let r = bulk(
            &mut s,
            from,
            &["D-2026-00001", "D-2026-00002"],
            "state:waiting",
            "apply",
        )
        .await;
        assert_eq!(r.status, 303, "{}", r.text());
        let back = r.header("location").unwrap();
        assert!(
            back.starts_with("/sv/personal/arenden?") && back.contains("category=other"),
            "{back}"
        );
        assert!(back.contains("sort=oldest"), "{back}");
        let after = s.get(&back).await;
        assert_eq!(
            after.select_text(".flash").as_deref(),
            Some("2 ärenden ändrades.")
        );
        assert_eq!(ticket(&app, "D-2026-00001").0, "waiting");
        assert_eq!(ticket(&app, "D-2026-00002").0, "waiting");
        assert_eq!(ticket(&app, "D-2026-00003").0, "new");
        // Audited and e-mailed per ticket, as the ticket page's own form does.
        assert_eq!(
            audited(&app, "ticket.state"),
            vec!["D-2026-00001 new -> waiting", "D-2026-00002 new -> waiting"]
        );
        assert_eq!(count_events(&app, "ticket.state"), mails + 2);

        // Assign to me, then a priority, then the close button; English flash too.
        let r = bulk(
            &mut s,
            QUEUE,
            &["D-2026-00001", "D-2026-00003"],
            "assign:me",
            "apply",
        )
        .await;
        assert_eq!(r.status, 303);
        assert_eq!(ticket(&app, "D-2026-00001").2.as_deref(), Some(me.as_str()));
        assert_eq!(ticket(&app, "D-2026-00003").2.as_deref(), Some(me.as_str()));
        assert_eq!(ticket(&app, "D-2026-00002").2, None);
        assert_eq!(audited(&app, "ticket.assigned").len(), 2);
        let r = bulk(&mut s, QUEUE, &["D-2026-00003"], "assign:none", "apply").await;
        assert_eq!(r.status, 303);
        assert_eq!(ticket(&app, "D-2026-00003").2, None);

        let r = bulk(
            &mut s,
            "/en/staff/tickets",
            &["D-2026-00002", "D-2026-00003"],
            "priority:urgent",
            "apply",
        )
        .await;
        assert_eq!(r.status, 303);
        let en = s.get(&r.header("location").unwrap()).await;
        assert_eq!(
            en.select_text(".flash").as_deref(),
            Some("2 tickets changed.")
        );
        assert_eq!(ticket(&app, "D-2026-00002").1, "urgent");
        // Unchanged tickets are not counted, audited or mailed.
        let r = bulk(&mut s, QUEUE, &["D-2026-00002"], "priority:urgent", "apply").await;
        assert_eq!(r.status, 303);
        let same = s.get(&r.header("location").unwrap()).await;
        assert_eq!(
            same.select_text(".flash").as_deref(),
            Some("Inget ärende ändrades.")
        );
        assert_eq!(audited(&app, "ticket.priority").len(), 2);

        let r = bulk(
            &mut s,
            QUEUE,
            &["D-2026-00001", "D-2026-00002", "D-2026-00003"],
            "priority:low",
            "close",
        )
        .await;
        assert_eq!(r.status, 303);
        for n in ["D-2026-00001", "D-2026-00002", "D-2026-00003"] {
            assert_eq!(ticket(&app, n).0, "closed", "{n}");
        }
        // The close button closes; the select's priority is not applied.
        assert_eq!(ticket(&app, "D-2026-00001").1, "normal");
        assert_eq!(count_events(&app, "ticket.state"), mails + 5);
    }
}

#[actix_web::test]
async fn a_bad_bulk_change_says_why_keeps_the_ticks_and_changes_nothing() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let _m = member_with_tickets(&app, 2).await;
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let member_id = {
            let mut c = app.pool().get().unwrap();
            users::table
                .filter(users::email.eq("bulk@forening.se"))
                .select(users::id)
                .first::<String>(&mut c)
                .unwrap()
        };
        let audit_before = audited(&app, "ticket.state").len();
        let assign_member = format!("assign:{member_id}");
        let many: Vec<String> = (1..=201).map(|n| format!("D-2026-{n:05}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        for (tickets, change, field, message) in [
            (
                &[][..],
                "state:open",
                "bulk-ticket",
                "Markera minst ett ärende i tabellen.",
            ),
            (
                &["D-2026-00001", "D-2026-00099"][..],
                "state:open",
                "bulk-ticket",
                "Ärendet D-2026-00099 finns inte. Inget ärende ändrades.",
            ),
            (
                &["D-2026-00001", "<script>x</script>"][..],
                "state:open",
                "bulk-ticket",
                "Ärendet <script>x</script> finns inte. Inget ärende ändrades.",
            ),
            (
                &["D-2026-00001"][..],
                "state:bogus",
                "bulk-change",
                "Välj en av ändringarna i listan.",
            ),
            (
                &["D-2026-00001"][..],
                "",
                "bulk-change",
                "Välj en av ändringarna i listan.",
            ),
            (
                &["D-2026-00001"][..],
                assign_member.as_str(),
                "bulk-change",
                "Välj en av ändringarna i listan.",
            ),
            (
                &many[..],
                "state:open",
                "bulk-ticket",
                "Du kan ändra högst 200 ärenden åt gången.",
            ),
        ] {
            let r = bulk(&mut s, QUEUE, tickets, change, "apply").await;
            assert_eq!(r.status, 400, "{change} {tickets:?}");
            assert_eq!(
                r.select_text(&format!("#{field}-error")).as_deref(),
                Some(message),
                "{change} {tickets:?}"
            );
            // The summary links to the field; the page is the queue again.
            assert_eq!(
                r.attr(".error-summary a", "href").as_deref(),
                Some(format!("#{field}").as_str())
            );
            assert!(r.select_text("table.queue").is_some());
            assert!(!r.text().contains("<script>x"));
        }
        // The ticks and the chosen change are kept.
        let r = bulk(&mut s, QUEUE, &["D-2026-00002"], "state:bogus", "apply").await;
        assert!(
            r.attr("input[name=ticket][value=D-2026-00002]", "checked")
                .is_some()
        );
        assert!(
            r.attr("input[name=ticket][value=D-2026-00001]", "checked")
                .is_none()
        );
        let r = bulk(&mut s, QUEUE, &[], "priority:high", "apply").await;
        assert_eq!(
            r.attr("#bulk-change option[selected]", "value").as_deref(),
            Some("priority:high")
        );
        // All or nothing: the existing ticket next to the unknown one is untouched.
        assert_eq!(ticket(&app, "D-2026-00001").0, "new");
        assert_eq!(audited(&app, "ticket.state").len(), audit_before);

        // Without the token, or with another one, nothing happens.
        let page = s.get(QUEUE).await;
        let back = page.attr("form#bulk input[name=back]", "value").unwrap();
        for csrf in ["", "forged"] {
            let r = s
                .post(
                    BULK,
                    &[
                        ("csrf", csrf),
                        ("back", &back),
                        ("change", "state:closed"),
                        ("action", "apply"),
                        ("ticket", "D-2026-00001"),
                    ],
                )
                .await;
            assert_eq!(r.status, 403);
        }
        // A tampered return query still lands on the queue, never elsewhere.
        let page = s.get(QUEUE).await;
        let csrf = page.attr("form#bulk input[name=csrf]", "value").unwrap();
        let r = s
            .post(
                BULK,
                &[
                    ("csrf", &csrf),
                    ("back", "x=1&page=//evil.example\r\nLocation: x"),
                    ("change", "priority:high"),
                    ("action", "apply"),
                    ("ticket", "D-2026-00001"),
                ],
            )
            .await;
        assert_eq!(r.status, 303);
        assert_eq!(r.header("location").unwrap(), "/sv/personal/arenden");
        assert_eq!(ticket(&app, "D-2026-00001").0, "new");
    }
}

#[actix_web::test]
async fn members_and_visitors_cannot_work_the_queue_in_bulk() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut m = member_with_tickets(&app, 1).await;
        let csrf = m
            .get("/sv/konto/arenden")
            .await
            .attr("input[name=csrf]", "value")
            .unwrap();
        let form = [
            ("csrf", csrf.as_str()),
            ("back", ""),
            ("change", "state:closed"),
            ("action", "apply"),
            ("ticket", "D-2026-00001"),
        ];
        assert_eq!(m.post(BULK, &form).await.status, 403);
        assert_eq!(
            m.post("/en/staff/tickets/selected", &form).await.status,
            403
        );
        let mut v = Browser::new(&app);
        let r = v.post(BULK, &form).await;
        assert!(r.status == 303 || r.status == 403, "{}", r.status);
        assert_ne!(r.status, 200);
        assert_eq!(ticket(&app, "D-2026-00001").0, "new");
        // The bulk path is not a ticket number, and GET is not a way in.
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        assert_ne!(s.get(BULK).await.status, 200);
    }
}

/// The `seen` field of the reply form on the staff ticket page.
fn seen(page: &Resp) -> String {
    page.attr("input[name=seen]", "value").unwrap()
}

async fn reply_with_seen(s: &mut Browser<'_>, number: &str, body: &str, seen: &str) -> Resp {
    staff_reply_form(
        s,
        number,
        &[
            ("body", body),
            ("state", "waiting"),
            ("action", "send"),
            ("seen", seen),
        ],
        &[],
    )
    .await
}

#[actix_web::test]
async fn a_reply_is_held_back_when_a_colleague_answered_since_the_page_was_opened() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let _m = member_with_tickets(&app, 1).await;
        let mut a = staff_browser(&app, "anna@partner.example.org", Role::Agent).await;
        let mut b = staff_browser(&app, "bo@partner.example.org", Role::Agent).await;
        {
            let mut c = app.pool().get().unwrap();
            diesel::update(users::table.filter(users::email.eq("bo@partner.example.org")))
                .set(users::name.eq("Bo Berg"))
                .execute(&mut c)
                .unwrap();
        }
        let number = "D-2026-00001";
        let opened = a.get(&format!("/sv/personal/arenden/{number}")).await;
        let a_seen = seen(&opened);
        assert!(a_seen.parse::<i64>().unwrap() > 0);

        // B answers first (with the page B just opened: no collision for B).
        let page_b = b.get(&format!("/sv/personal/arenden/{number}")).await;
        let r = reply_with_seen(&mut b, number, "Svar från Bo", &seen(&page_b)).await;
        assert_eq!(r.status, 303, "{}", r.text());
        let answered = count_events(&app, "ticket.answered");
        assert_eq!(answered, 1);

        // A's reply, written against the older page, is held back with the draft kept.
        let r = reply_with_seen(&mut a, number, "Svar från Anna", &a_seen).await;
        assert_eq!(r.status, 409, "{}", r.text());
        assert_eq!(
            r.select_text("textarea#body").as_deref(),
            Some("Svar från Anna")
        );
        assert_eq!(
            r.attr("#reply-state option[selected]", "value").as_deref(),
            Some("waiting")
        );
        let fresh = r.select_text(".collision .msg-body").unwrap();
        assert_eq!(fresh, "Svar från Bo");
        assert!(r.select_text(".collision [role=alert]").is_some());
        assert_eq!(
            r.select_text("form[enctype] button[value=send]").as_deref(),
            Some("Skicka ändå")
        );
        assert_eq!(count_events(&app, "ticket.answered"), answered);
        assert!(!r.text().contains("Svar från Anna</div>"));

        // Internal notes follow the same rule.
        let note = staff_reply_form(
            &mut a,
            number,
            &[
                ("body", "Anteckning"),
                ("internal", "1"),
                ("action", "send"),
                ("seen", &a_seen),
            ],
            &[],
        )
        .await;
        assert_eq!(note.status, 409);
        // The kept draft is still an internal note.
        assert!(note.attr("#internal", "checked").is_some());

        // "Send anyway" carries the newest id: sent once.
        let new_seen = seen(&r);
        assert!(new_seen.parse::<i64>().unwrap() > a_seen.parse::<i64>().unwrap());
        let r = reply_with_seen(&mut a, number, "Svar från Anna", &new_seen).await;
        assert_eq!(r.status, 303, "{}", r.text());
        assert_eq!(count_events(&app, "ticket.answered"), answered + 1);
        let page = a.get(&format!("/sv/personal/arenden/{number}")).await;
        assert_eq!(page.text().matches("Svar från Anna").count(), 1);

        // English page of the same refusal.
        let en = staff_reply_form(
            &mut b,
            number,
            &[
                ("body", "Late"),
                ("state", "waiting"),
                ("action", "send"),
                ("seen", &a_seen),
            ],
            &[],
        )
        .await;
        assert_eq!(en.status, 409);
    }
}

async fn poll(s: &mut Browser<'_>, number: &str) -> Resp {
    s.get(&format!("/sv/personal/arenden/{number}/narvaro"))
        .await
}

#[actix_web::test]
async fn staff_see_who_else_reads_a_ticket_and_no_one_else_can_ask() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut m = member_with_tickets(&app, 2).await;
        let mut a = staff_browser(&app, "anna@partner.example.org", Role::Agent).await;
        let mut b = staff_browser(&app, "bo@partner.example.org", Role::Agent).await;
        {
            let mut c = app.pool().get().unwrap();
            for (email, name) in [
                ("anna@partner.example.org", "Anna <b>&"),
                ("bo@partner.example.org", "Bo Berg"),
            ] {
                diesel::update(users::table.filter(users::email.eq(email)))
                    .set(users::name.eq(name))
                    .execute(&mut c)
                    .unwrap();
            }
        }
        let number = "D-2026-00001";
        // A alone: nobody else.
        let r = poll(&mut a, number).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.text(), "");
        assert_eq!(r.header("cache-control").as_deref(), Some("no-store"));
        assert!(r.header("content-type").unwrap().starts_with("text/plain"));
        // B opens the page: A is named there, escaped, in a live region; and A's poll names B.
        let page = b.get(&format!("/sv/personal/arenden/{number}")).await;
        assert_eq!(
            page.select_text("#presence[aria-live=polite]").as_deref(),
            Some("Anna <b>& läser också det här ärendet.")
        );
        assert!(page.text().contains("Anna &#60;b&#62;&#38;"));
        assert!(
            page.attr("script[src^=\"/static/presence.\"]", "src")
                .is_some()
        );
        assert_eq!(
            poll(&mut a, number).await.text(),
            "Bo Berg läser också det här ärendet."
        );
        assert_eq!(
            poll(&mut b, number).await.text(),
            "Anna <b>& läser också det här ärendet."
        );
        // Another ticket has its own readers.
        assert_eq!(poll(&mut a, "D-2026-00002").await.text(), "");
        // In English, with two others.
        let mut c = staff_browser(&app, "cia@partner.example.org", Role::Agent).await;
        let en = c.get(&format!("/en/staff/tickets/{number}/presence")).await;
        assert_eq!(
            en.text(),
            "Anna <b>& and Bo Berg are also reading this ticket."
        );
        // After 40 seconds without a poll, a reader fades.
        app.clock.advance(time::Duration::seconds(41));
        assert_eq!(poll(&mut a, number).await.text(), "");

        // Unknown tickets, members and visitors.
        assert_eq!(poll(&mut a, "D-2026-00099").await.status, 404);
        assert_eq!(poll(&mut a, "nonsense").await.status, 404);
        assert_eq!(poll(&mut m, number).await.status, 403);
        let mut v = Browser::new(&app);
        assert_ne!(poll(&mut v, number).await.status, 200);
    }
}
