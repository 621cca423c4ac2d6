//! Response targets end to end, on both backends and an injected clock: due times in business
//! hours from the ticket's creation (the test clock starts on a Saturday), the queue's "next
//! target" column, its sort and overdue filter, waiting time not counted, one breach e-mail per
//! target through the outbox, and the admins' page with its bad inputs.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::schema::{audit_log, outbox_events, tickets};
use time::PrimitiveDateTime;
use time::macros::datetime;

use crate::support::{Browser, PW, TestApp, backends, login, orgnr, registered_member};
use crate::tickets::{member_reply, open_ticket, staff_browser, staff_reply, staff_update};

fn clock_of(
    app: &TestApp,
    number: &str,
) -> (Option<PrimitiveDateTime>, i64, Option<i64>, Option<bool>) {
    let mut c = app.pool().get().unwrap();
    tickets::table
        .filter(tickets::number.eq(number))
        .select((
            tickets::due_at,
            tickets::paused_minutes,
            tickets::response_minutes,
            tickets::response_met,
        ))
        .first(&mut c)
        .unwrap()
}

fn breach_mails(app: &TestApp) -> Vec<(Option<String>, String)> {
    let mut c = app.pool().get().unwrap();
    outbox_events::table
        .filter(outbox_events::kind.eq("ticket.sla_breach"))
        .order(outbox_events::created_at)
        .select((outbox_events::recipient, outbox_events::payload))
        .load(&mut c)
        .unwrap()
}

fn run_breach_job(app: &TestApp) -> usize {
    let mut c = app.pool().get().unwrap();
    donera::tickets::sla::mail_breaches(&mut c, app.clock.now_utc_naive()).unwrap()
}

/// Advances the test clock to a UTC instant.
fn set_clock(app: &TestApp, to: PrimitiveDateTime) {
    let now = app.clock.now_utc_naive();
    assert!(to >= now, "the clock only moves on");
    app.clock.advance(to - now);
}

async fn member_with_ticket<'a>(app: &'a TestApp, n: u32, subject: &str) -> Browser<'a> {
    let mut m = Browser::new(app);
    let email = format!("m{n}@forening.se");
    registered_member(&mut m, &format!("Förening {n}"), &orgnr(n), &email).await;
    let res = open_ticket(
        &mut m,
        "sv",
        &[
            ("category", "other"),
            ("subject", subject),
            ("message", "Hej! Vi behöver hjälp."),
            ("link", ""),
        ],
        &[],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text());
    m
}

fn queue_cell(page: &crate::support::Resp, number: &str) -> String {
    let doc = page.html();
    let row = scraper::Selector::parse("table.queue tbody tr").unwrap();
    let td = scraper::Selector::parse("td:not(.pick)").unwrap();
    for tr in doc.select(&row) {
        let cells: Vec<String> = tr
            .select(&td)
            .map(|c| c.text().collect::<String>().trim().to_owned())
            .collect();
        if cells.first().is_some_and(|c| c == number) {
            return cells[7].clone();
        }
    }
    panic!(
        "{number} not in the queue ({}): {}",
        page.status,
        page.text()
    );
}

#[actix_web::test]
async fn targets_run_in_business_hours_pause_while_waiting_and_breach_once() {
    for kind in backends() {
        let app = TestApp::start(kind);
        // Saturday 2026-11-28 10:00 UTC: the desk is closed until Monday 08:00 (07:00 UTC).
        let mut m = member_with_ticket(&app, 1, "Licensen fungerar inte").await;
        let (due, paused, _, _) = clock_of(&app, "D-2026-00001");
        // Normal priority: a first answer within one business day (9 h) → Monday 17:00 local.
        assert_eq!(due, Some(datetime!(2026-11-30 16:00)));
        assert_eq!(paused, 0);
        let mut admin = staff_browser(&app, "admin@partner.example.org", Role::Admin).await;
        let q = admin.get("/sv/personal/arenden?sort=due").await;
        assert_eq!(q.status, 200);
        assert_eq!(queue_cell(&q, "D-2026-00001"), "svar senast mån 17:00");
        let q = admin.get("/en/staff/tickets?sort=due").await;
        assert_eq!(queue_cell(&q, "D-2026-00001"), "answer by Mon 17:00");
        // Nothing is overdue yet, and the job mails nobody.
        let late = admin.get("/sv/personal/arenden?due=late").await;
        assert!(!late.text().contains("D-2026-00001"));
        assert_eq!(run_breach_job(&app), 0);

        // Tuesday 08:30 local: half an hour of business time late (the evening does not count).
        set_clock(&app, datetime!(2026-12-01 07:30));
        // Sessions end when idle that long: sign in again.
        login(&mut admin, "admin@partner.example.org", PW).await;
        let late = admin.get("/sv/personal/arenden?due=late").await;
        assert_eq!(queue_cell(&late, "D-2026-00001"), "svar försenat 30 min");
        assert!(
            late.text().contains("due-late"),
            "the cell is marked as late"
        );
        // One e-mail to the admins (nobody is assigned), once.
        assert_eq!(run_breach_job(&app), 1);
        assert_eq!(run_breach_job(&app), 0);
        let mails = breach_mails(&app);
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].0.as_deref(), Some("admin@partner.example.org"));
        assert!(
            mails[0].1.contains("\"target\":\"response\""),
            "{}",
            mails[0].1
        );
        let ticket = admin.get("/sv/personal/arenden/D-2026-00001").await;
        assert!(
            ticket.text().contains("försenat 30 min"),
            "{}",
            ticket.text()
        );

        // The answer (waiting for the customer) measures the first response and stops the
        // clock: 10 business hours, over the target.
        set_clock(&app, datetime!(2026-12-01 08:00));
        let res = staff_reply(
            &mut admin,
            "D-2026-00001",
            "Kan ni skicka en skärmbild?",
            false,
            "waiting",
        )
        .await;
        assert_eq!(res.status, 303, "{}", res.text());
        let (due, _, took, met) = clock_of(&app, "D-2026-00001");
        assert_eq!((due, took, met), (None, Some(600), Some(false)));
        let ticket = admin.get("/sv/personal/arenden/D-2026-00001").await;
        assert!(
            ticket.text().contains("över målet, efter 10 h"),
            "{}",
            ticket.text()
        );
        assert!(ticket.text().contains("pausat medan vi väntar på kunden"));

        // The customer answers Tuesday 10:00 local: one business hour paused, so the
        // resolution target (5 days = 45 h) moves on by it.
        set_clock(&app, datetime!(2026-12-01 09:00));
        login(&mut m, "m1@forening.se", PW).await;
        let res = member_reply(&mut m, "/sv/konto/arenden/D-2026-00001", "Här är den.").await;
        assert_eq!(res.status, 303, "{}", res.text());
        let (due, paused, _, _) = clock_of(&app, "D-2026-00001");
        assert_eq!(paused, 60);
        // 45 h + 1 h from Monday 08:00 local: Mon..Fri is 45 h, plus one → next Monday 09:00.
        assert_eq!(due, Some(datetime!(2026-12-07 08:00)));

        // Assigned to an agent, the resolution breach goes to the agent alone, once.
        let agent_id =
            crate::support::staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let res = staff_update(&mut admin, "D-2026-00001", "open", "normal", &agent_id).await;
        assert_eq!(res.status, 303, "{}", res.text());
        set_clock(&app, datetime!(2026-12-07 09:00));
        assert_eq!(run_breach_job(&app), 1);
        assert_eq!(run_breach_job(&app), 0);
        let mails = breach_mails(&app);
        assert_eq!(mails.len(), 2);
        assert_eq!(mails[1].0.as_deref(), Some("agent@partner.example.org"));
        assert!(mails[1].1.contains("\"target\":\"resolution\""));
        let mut c = app.pool().get().unwrap();
        let audited: i64 = audit_log::table
            .filter(audit_log::action.eq("ticket.sla_breach"))
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(audited, 2);
    }
}

#[actix_web::test]
async fn the_queue_sorts_by_the_next_target_and_refuses_unknown_filters() {
    for kind in backends() {
        let app = TestApp::start(kind);
        member_with_ticket(&app, 1, "Första").await;
        member_with_ticket(&app, 2, "Andra").await;
        member_with_ticket(&app, 3, "Tredje").await;
        let mut admin = staff_browser(&app, "admin@partner.example.org", Role::Admin).await;
        // The third becomes urgent (due Monday 10:00 local), the first waits for the customer
        // (no target runs): by due time, the third comes first and the first last.
        assert_eq!(
            staff_update(&mut admin, "D-2026-00003", "new", "urgent", "")
                .await
                .status,
            303
        );
        assert_eq!(
            staff_update(&mut admin, "D-2026-00001", "waiting", "normal", "")
                .await
                .status,
            303
        );
        let q = admin.get("/sv/personal/arenden?sort=due").await;
        let text = q.text();
        let pos = |n: &str| text.find(&format!(">{n}<")).unwrap();
        assert!(pos("D-2026-00003") < pos("D-2026-00002"));
        assert!(pos("D-2026-00002") < pos("D-2026-00001"));
        assert_eq!(queue_cell(&q, "D-2026-00003"), "svar senast mån 10:00");
        assert_eq!(queue_cell(&q, "D-2026-00001"), "");
        for bad in ["due=soon", "sort=deadline"] {
            let res = admin.get(&format!("/sv/personal/arenden?{bad}")).await;
            assert_eq!(res.status, 400, "{bad}");
        }
    }
}

#[actix_web::test]
async fn admins_set_hours_targets_and_closed_days_and_running_tickets_follow() {
    for kind in backends() {
        let app = TestApp::start(kind);
        member_with_ticket(&app, 1, "Hjälp").await;
        // Only staff admins reach the page.
        let mut agent = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        assert_eq!(agent.get("/sv/personal/svarstider").await.status, 403);
        let mut visitor = Browser::new(&app);
        assert_eq!(visitor.get("/sv/personal/svarstider").await.status, 303);
        let mut admin = staff_browser(&app, "admin@partner.example.org", Role::Admin).await;
        let page = admin.get("/sv/personal/svarstider").await;
        assert_eq!(page.status, 200);
        assert_eq!(page.attr("#response_normal", "value").unwrap(), "9");
        assert_eq!(page.attr("#opens_0", "value").unwrap(), "08:00");
        assert!(page.text().contains("Midsommarafton"));
        let en = admin.get("/en/staff/response-targets").await;
        assert_eq!(en.status, 200);
        assert!(en.text().contains("Midsummer Eve"));

        let mut form: Vec<(String, String)> = vec![("action".into(), "save".into())];
        for d in 0..5 {
            form.push((format!("open_{d}"), "1".into()));
            form.push((format!("opens_{d}"), "09:00".into()));
            form.push((format!("closes_{d}"), "16:00".into()));
        }
        for (p, r, z) in [
            ("low", "18", "90"),
            ("normal", "2", "45"),
            ("high", "4", "18"),
            ("urgent", "1,5", "9"),
        ] {
            form.push((format!("response_{p}"), r.into()));
            form.push((format!("resolution_{p}"), z.into()));
        }
        let as_refs = |f: &[(String, String)]| -> Vec<(String, String)> { f.to_vec() };
        // Bad input: a closing time before the opening, hours that are not hours. 400, each
        // message beside its field, everything typed kept, nothing saved.
        let mut bad = as_refs(&form);
        bad.retain(|(k, _)| k != "closes_1" && k != "resolution_high");
        bad.push(("closes_1".into(), "08:00".into()));
        bad.push(("resolution_high".into(), "många".into()));
        let refs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = admin
            .submit("/sv/personal/svarstider", "/sv/personal/svarstider", &refs)
            .await;
        assert_eq!(res.status, 400);
        assert!(
            res.text()
                .contains("Stängningstiden måste vara senare än öppningstiden.")
        );
        assert!(res.text().contains("Skriv ett antal timmar"));
        assert_eq!(res.attr("#resolution_high", "value").unwrap(), "många");
        assert_eq!(res.attr("#response_urgent", "value").unwrap(), "1,5");
        assert_eq!(res.attr("#opens_3", "value").unwrap(), "09:00");
        let (due, _, _, _) = clock_of(&app, "D-2026-00001");
        assert_eq!(due, Some(datetime!(2026-11-30 16:00)));
        // Without the CSRF token: refused.
        let res = admin.post("/sv/personal/svarstider", &refs).await;
        assert!(res.status == 400 || res.status == 403, "{}", res.status);

        // Saved: 09:00–16:00 and normal first answers within 2 h → the running ticket is due
        // Monday 11:00 local.
        let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = admin
            .submit("/sv/personal/svarstider", "/sv/personal/svarstider", &refs)
            .await;
        assert_eq!(res.status, 303, "{}", res.text());
        let (due, _, _, _) = clock_of(&app, "D-2026-00001");
        assert_eq!(due, Some(datetime!(2026-11-30 10:00)));
        let page = admin.get("/sv/personal/svarstider").await;
        assert!(
            page.text()
                .contains("Öppettiderna och svarsmålen är sparade.")
        );
        assert_eq!(page.attr("#response_urgent", "value").unwrap(), "1,5");

        // Monday closed: due Tuesday 11:00 local. Twice: the second is refused beside the field.
        let add = [
            ("action", "add-day"),
            ("day", "2026-11-30"),
            ("note", "Personaldag"),
        ];
        let res = admin
            .submit("/sv/personal/svarstider", "/sv/personal/svarstider", &add)
            .await;
        assert_eq!(res.status, 303, "{}", res.text());
        assert_eq!(
            clock_of(&app, "D-2026-00001").0,
            Some(datetime!(2026-12-01 10:00))
        );
        let res = admin
            .submit("/sv/personal/svarstider", "/sv/personal/svarstider", &add)
            .await;
        assert_eq!(res.status, 400);
        assert!(res.text().contains("Den dagen är redan stängd."));
        for (day, note, msg) in [
            ("30/11", "x", "Skriv ett datum"),
            ("2026-12-01", "", "Skriv en kort anledning"),
            ("2026-12-01", &"x".repeat(101), "Skriv en kort anledning"),
        ] {
            let f = [("action", "add-day"), ("day", day), ("note", note)];
            let res = admin
                .submit("/sv/personal/svarstider", "/sv/personal/svarstider", &f)
                .await;
            assert_eq!(res.status, 400, "{day} {note}");
            assert!(res.text().contains(msg), "{day}");
        }
        let page = admin.get("/sv/personal/svarstider").await;
        assert!(page.text().contains("Personaldag"));
        let rm = [("action", "remove-day"), ("day", "2026-11-30")];
        let res = admin
            .submit("/sv/personal/svarstider", "/sv/personal/svarstider", &rm)
            .await;
        assert_eq!(res.status, 303);
        assert_eq!(
            clock_of(&app, "D-2026-00001").0,
            Some(datetime!(2026-11-30 10:00))
        );
        let res = admin
            .submit("/sv/personal/svarstider", "/sv/personal/svarstider", &rm)
            .await;
        assert_eq!(res.status, 404);
        let res = admin
            .submit(
                "/sv/personal/svarstider",
                "/sv/personal/svarstider",
                &[("action", "nothing")],
            )
            .await;
        assert_eq!(res.status, 400);
        let mut c = app.pool().get().unwrap();
        let audited: i64 = audit_log::table
            .filter(audit_log::action.like("sla.%"))
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(audited, 3);
    }
}
