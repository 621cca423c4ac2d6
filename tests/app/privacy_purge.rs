//! Retention (issue 21, point 3): the purge at each kind's boundary, with the manual clock; the
//! dry run against the real one; batches; the pages after a purge; the worker's daily job.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::DbConn;
use donera::db::schema::{
    audit_log, files, mail_in, organisations, outbox_events as ev, sessions, throttle_hits,
    ticket_messages, ticket_tokens, tickets, tokens, users, validation_requests as vr,
};
use donera::privacy::purge::{self, BATCH, Kind as Purged, Report, months_before};
use time::{Duration, PrimitiveDateTime};

use crate::support::{
    Browser, PDF, PW, Resp, TestApp, backends, login, orgnr, registered_member, staff_user,
};

const MINUTE: Duration = Duration::minutes(1);

fn now(app: &TestApp) -> PrimitiveDateTime {
    app.clock.now_utc_naive()
}

fn run(app: &TestApp, dry_run: bool) -> Report {
    let mut c = app.pool().get().unwrap();
    purge::run(&mut c, now(app), &app.state.settings.retention, dry_run).unwrap()
}

/// An organisation and a member to own seeded rows.
fn owner(c: &mut DbConn, at: PrimitiveDateTime) {
    diesel::insert_into(organisations::table)
        .values((
            organisations::id.eq("org"),
            organisations::name.eq("Kören"),
            organisations::org_number.eq("802000-0000"),
            organisations::org_type.eq("association"),
            organisations::needs_review.eq(false),
            organisations::created_at.eq(at),
        ))
        .execute(c)
        .unwrap();
    diesel::insert_into(users::table)
        .values((
            users::id.eq("user"),
            users::email.eq("anna@koren.se"),
            users::name.eq("Anna"),
            users::role.eq("member"),
            users::organisation_id.eq("org"),
            users::is_org_admin.eq(true),
            users::locale.eq("sv"),
            users::created_at.eq(at),
        ))
        .execute(c)
        .unwrap();
}

/// A certificate file and its request, decided as `state`.
fn certificate(
    c: &mut DbConn,
    id: &str,
    state: &str,
    decided_at: PrimitiveDateTime,
    valid_to: Option<time::Date>,
) {
    diesel::insert_into(files::table)
        .values((
            files::id.eq(id),
            files::organisation_id.eq("org"),
            files::uploaded_by.eq("user"),
            files::original_name.eq("intyg-anna.pdf"),
            files::content_type.eq("application/pdf"),
            files::size.eq(PDF.len() as i64),
            files::sha256.eq("00"),
            files::data.eq(PDF),
            files::created_at.eq(decided_at),
        ))
        .execute(c)
        .unwrap();
    diesel::insert_into(vr::table)
        .values((
            vr::id.eq(id),
            vr::organisation_id.eq("org"),
            vr::file_id.eq(id),
            vr::note.eq(""),
            vr::state.eq(state),
            vr::submitted_by.eq("user"),
            vr::submitted_at.eq(decided_at - Duration::days(1)),
            vr::decided_at.eq(decided_at),
            vr::valid_from.eq(valid_to.map(|d| d - Duration::days(365))),
            vr::valid_to.eq(valid_to),
        ))
        .execute(c)
        .unwrap();
}

/// A ticket with one message and, `with_link`, a visitor link.
fn ticket(c: &mut DbConn, id: &str, state: &str, updated_at: PrimitiveDateTime, with_link: bool) {
    diesel::insert_into(tickets::table)
        .values((
            tickets::id.eq(id),
            tickets::number.eq(format!("D-2024-{id}")),
            tickets::requester_name.eq("Vera"),
            tickets::requester_email.eq("vera@kor.se"),
            tickets::requester_org.eq("Kören"),
            tickets::locale.eq("sv"),
            tickets::category.eq("other"),
            tickets::subject.eq("Fråga"),
            tickets::state.eq(state),
            tickets::priority.eq("normal"),
            tickets::created_at.eq(updated_at - Duration::days(3)),
            tickets::updated_at.eq(updated_at),
            tickets::customer_at.eq(updated_at),
        ))
        .execute(c)
        .unwrap();
    diesel::insert_into(ticket_messages::table)
        .values((
            ticket_messages::ticket_id.eq(id),
            ticket_messages::author_kind.eq("visitor"),
            ticket_messages::author_name.eq("Vera"),
            ticket_messages::internal.eq(false),
            ticket_messages::body.eq("Vi är en ideell förening."),
            ticket_messages::created_at.eq(updated_at - Duration::days(3)),
        ))
        .execute(c)
        .unwrap();
    if with_link {
        diesel::insert_into(ticket_tokens::table)
            .values((
                ticket_tokens::token_hash.eq(format!("hash-{id}")),
                ticket_tokens::ticket_id.eq(id),
                ticket_tokens::created_at.eq(updated_at),
            ))
            .execute(c)
            .unwrap();
    }
}

fn event(
    c: &mut DbConn,
    id: &str,
    state: &str,
    delivered: Option<PrimitiveDateTime>,
    last: PrimitiveDateTime,
) {
    diesel::insert_into(ev::table)
        .values((
            ev::id.eq(id),
            ev::kind.eq("member.password_reset"),
            ev::channel.eq("email"),
            ev::recipient.eq("anna@koren.se"),
            ev::locale.eq("sv"),
            ev::payload.eq(r#"{"name":"Anna","path":"/sv/aterstall/-"}"#),
            ev::state.eq(state),
            ev::created_at.eq(last - Duration::hours(1)),
            ev::attempts.eq(1),
            ev::next_attempt_at.eq(last),
            ev::last_error.eq((state == "dead").then_some("550 anna@koren.se unknown")),
            ev::delivered_at.eq(delivered),
        ))
        .execute(c)
        .unwrap();
}

fn session(
    c: &mut DbConn,
    id: &str,
    last_seen: PrimitiveDateTime,
    idle: i64,
    expires: PrimitiveDateTime,
) {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(id),
            sessions::state.eq("{}"),
            sessions::created_at.eq(last_seen),
            sessions::last_seen_at.eq(last_seen),
            sessions::idle_seconds.eq(idle),
            sessions::expires_at.eq(expires),
        ))
        .execute(c)
        .unwrap();
}

fn token(c: &mut DbConn, hash: &str, expires: PrimitiveDateTime) {
    diesel::insert_into(tokens::table)
        .values((
            tokens::token_hash.eq(hash),
            tokens::user_id.eq("user"),
            tokens::purpose.eq("reset"),
            tokens::created_at.eq(expires - Duration::hours(1)),
            tokens::expires_at.eq(expires),
        ))
        .execute(c)
        .unwrap();
}

fn audit(c: &mut DbConn, record: &str, at: PrimitiveDateTime) {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(at),
            audit_log::actor_kind.eq("member"),
            audit_log::action.eq("member.login"),
            audit_log::record_kind.eq("user"),
            audit_log::record_id.eq(record),
            audit_log::ip.eq("192.0.2.7"),
            audit_log::details.eq(""),
        ))
        .execute(c)
        .unwrap();
}

/// Seeds, for every kind, one record just inside its period (`keep-…`) and one just past it
/// (`gone-…`).
fn seed_boundaries(app: &TestApp) {
    let r = app.state.settings.retention;
    let now = now(app);
    let mut c = app.pool().get().unwrap();
    owner(&mut c, now - Duration::days(2000));
    let rejected = months_before(now, r.rejected_certificate_months);
    certificate(&mut c, "keep-rejected", "rejected", rejected + MINUTE, None);
    certificate(&mut c, "gone-rejected", "rejected", rejected - MINUTE, None);
    // Valid through the day before the cut-off date: its validity ended exactly the retention
    // period ago (at midnight); one day later and it is still inside.
    let approved = months_before(now, r.approved_certificate_months).date();
    let decided = now - Duration::days(800);
    certificate(
        &mut c,
        "gone-approved",
        "approved",
        decided,
        Some(approved - Duration::days(1)),
    );
    certificate(&mut c, "keep-approved", "approved", decided, Some(approved));
    // Pending requests are never purged, however old.
    diesel::insert_into(files::table)
        .values((
            files::id.eq("keep-pending"),
            files::uploaded_by.eq("user"),
            files::original_name.eq("x.pdf"),
            files::content_type.eq("application/pdf"),
            files::size.eq(1_i64),
            files::sha256.eq("00"),
            files::data.eq(PDF),
            files::created_at.eq(decided),
        ))
        .execute(&mut c)
        .unwrap();
    diesel::insert_into(vr::table)
        .values((
            vr::id.eq("keep-pending"),
            vr::organisation_id.eq("org"),
            vr::file_id.eq("keep-pending"),
            vr::note.eq(""),
            vr::state.eq("pending"),
            vr::submitted_by.eq("user"),
            vr::submitted_at.eq(decided),
        ))
        .execute(&mut c)
        .unwrap();

    let link = now - Duration::days(r.visitor_link_days);
    ticket(&mut c, "keep-link", "closed", link + MINUTE, true);
    ticket(&mut c, "gone-link", "closed", link - MINUTE, true);
    ticket(
        &mut c,
        "keep-open",
        "waiting",
        link - Duration::days(400),
        true,
    );

    let content = months_before(now, r.ticket_months);
    ticket(&mut c, "keep-content", "closed", content + MINUTE, false);
    ticket(&mut c, "gone-content", "closed", content - MINUTE, false);
    // Resolved but not yet closed: never purged, however old.
    ticket(
        &mut c,
        "keep-resolved",
        "resolved",
        content - Duration::days(30),
        false,
    );

    let outbox = now - Duration::days(r.outbox_days);
    event(
        &mut c,
        "keep-delivered",
        "delivered",
        Some(outbox + MINUTE),
        outbox - MINUTE,
    );
    event(
        &mut c,
        "gone-delivered",
        "delivered",
        Some(outbox - MINUTE),
        outbox - MINUTE,
    );
    event(&mut c, "keep-dead", "dead", None, outbox + MINUTE);
    event(&mut c, "gone-dead", "dead", None, outbox - MINUTE);
    event(
        &mut c,
        "keep-pending",
        "pending",
        None,
        outbox - Duration::days(100),
    );

    let hits = now - purge::THROTTLE_KEEP;
    for at in [hits + MINUTE, hits - MINUTE] {
        diesel::insert_into(throttle_hits::table)
            .values((
                throttle_hits::bucket.eq("login-ip:x"),
                throttle_hits::hit_at.eq(at),
            ))
            .execute(&mut c)
            .unwrap();
    }

    // Absolute expiry at this moment is expired (as loading one decides); idle for the whole
    // limit is too.
    let later = now + Duration::days(1);
    session(&mut c, "gone-absolute", now - MINUTE, 7200, now);
    session(
        &mut c,
        "keep-absolute",
        now - MINUTE,
        7200,
        now + Duration::seconds(1),
    );
    session(
        &mut c,
        "gone-idle",
        now - Duration::seconds(7200),
        7200,
        later,
    );
    session(
        &mut c,
        "keep-idle",
        now - Duration::seconds(7199),
        7200,
        later,
    );
    session(
        &mut c,
        "keep-idle-member",
        now - Duration::hours(7),
        28800,
        later,
    );

    token(&mut c, "gone-token", now);
    token(&mut c, "keep-token", now + Duration::seconds(1));

    let ip = months_before(now, r.audit_ip_months);
    audit(&mut c, "keep-audit", ip + MINUTE);
    audit(&mut c, "gone-audit", ip - MINUTE);

    // Incoming mail that reached no ticket (a bounce, say): its record ages like the outbox.
    let mail = now - Duration::days(r.outbox_days);
    for (key, at) in [("keep-mail", mail + MINUTE), ("gone-mail", mail - MINUTE)] {
        diesel::insert_into(mail_in::table)
            .values((
                mail_in::mail_key.eq(key),
                mail_in::received_at.eq(at),
                mail_in::source.eq("imap"),
                mail_in::sender_email.eq("mailer-daemon@example.org"),
                mail_in::outcome.eq("bounce"),
                mail_in::bounced_email.eq(Some("vera@example.org")),
            ))
            .execute(&mut c)
            .unwrap();
    }
}

/// Every seeded record's state as the purge sees it: (name, still there with its content).
fn survivors(app: &TestApp) -> Vec<(String, bool)> {
    let mut c = app.pool().get().unwrap();
    let mut out = vec![];
    let certs: Vec<(String, Option<PrimitiveDateTime>, String, Vec<u8>)> = files::table
        .select((
            files::id,
            files::erased_at,
            files::original_name,
            files::data,
        ))
        .order(files::id)
        .load(&mut c)
        .unwrap();
    for (id, erased, name, data) in certs {
        assert_eq!(erased.is_none(), !name.is_empty(), "{id}");
        assert_eq!(erased.is_none(), !data.is_empty(), "{id}");
        out.push((id, erased.is_none()));
    }
    let links: Vec<String> = ticket_tokens::table
        .select(ticket_tokens::ticket_id)
        .load(&mut c)
        .unwrap();
    for t in ["keep-link", "gone-link", "keep-open"] {
        out.push((format!("token-{t}"), links.contains(&t.to_owned())));
    }
    let events: Vec<(String, Option<String>, String, Option<String>)> = ev::table
        .select((ev::id, ev::recipient, ev::payload, ev::last_error))
        .order(ev::id)
        .load(&mut c)
        .unwrap();
    for (id, to, payload, error) in events {
        let personal = to.is_some() || payload != "{}" || error.is_some();
        out.push((format!("event-{id}"), personal));
    }
    let tickets: Vec<(String, Option<PrimitiveDateTime>, String, String)> = tickets::table
        .inner_join(ticket_messages::table)
        .select((
            tickets::id,
            tickets::erased_at,
            tickets::subject,
            ticket_messages::body,
        ))
        .order(tickets::id)
        .load(&mut c)
        .unwrap();
    for (id, erased, subject, body) in tickets {
        assert_eq!(erased.is_none(), !body.is_empty(), "{id}");
        assert_eq!(erased.is_none(), !subject.is_empty(), "{id}");
        // The link tickets' content is inside its period: only their links are at stake.
        assert!(erased.is_none() || id.contains("content"), "{id}");
        if id.contains("content") || id.contains("resolved") {
            out.push((format!("ticket-{id}"), erased.is_none()));
        }
    }
    let hits: i64 = throttle_hits::table.count().get_result(&mut c).unwrap();
    out.push(("throttle-hits".into(), hits == 2));
    let mut sessions: Vec<String> = sessions::table.select(sessions::id).load(&mut c).unwrap();
    sessions.sort();
    out.push((format!("sessions {}", sessions.join(" ")), true));
    let mut tokens: Vec<String> = tokens::table
        .select(tokens::token_hash)
        .load(&mut c)
        .unwrap();
    tokens.sort();
    out.push((format!("tokens {}", tokens.join(" ")), true));
    let ips: Vec<(String, String)> = audit_log::table
        .filter(audit_log::record_id.like("%-audit"))
        .select((audit_log::record_id, audit_log::ip))
        .order(audit_log::record_id)
        .load(&mut c)
        .unwrap();
    for (record, ip) in ips {
        out.push((format!("ip-{record}"), !ip.is_empty()));
    }
    for key in ["gone-mail", "keep-mail"] {
        let there: i64 = mail_in::table
            .filter(mail_in::mail_key.eq(key))
            .count()
            .get_result(&mut c)
            .unwrap();
        out.push((format!("mail-{key}"), there == 1));
    }
    out
}

#[actix_web::test]
async fn each_kind_keeps_what_is_just_inside_its_period_and_removes_what_is_just_past() {
    for kind in backends() {
        let app = TestApp::start(kind);
        seed_boundaries(&app);
        let before = survivors(&app);
        assert!(
            before.iter().all(|(_, there)| *there),
            "{kind:?}: {before:?}"
        );

        // The dry run changes nothing and says what the real run then does.
        let dry = run(&app, true);
        assert!(dry.dry_run);
        assert_eq!(
            survivors(&app),
            before,
            "{kind:?}: the dry run changed something"
        );
        let real = run(&app, false);
        assert_eq!(dry.counts, real.counts, "{kind:?}");
        let one = |k| (k, 1);
        assert_eq!(
            real.counts,
            vec![
                one(Purged::TicketContent),
                one(Purged::RejectedCertificates),
                one(Purged::ApprovedCertificates),
                one(Purged::VisitorLinks),
                (Purged::OutboxPayloads, 2),
                one(Purged::MailRecords),
                one(Purged::Throttle),
                (Purged::Sessions, 2),
                one(Purged::Tokens),
                one(Purged::AuditIp),
                // A deleted organisation's orders: privacy_erase covers their boundary.
                (Purged::RetainedOrders, 0),
            ],
            "{kind:?}"
        );

        let after = survivors(&app);
        for (name, there) in &after {
            if name.starts_with("sessions") {
                assert_eq!(
                    name, "sessions keep-absolute keep-idle keep-idle-member",
                    "{kind:?}"
                );
            } else if name.starts_with("tokens") {
                assert_eq!(name, "tokens keep-token", "{kind:?}");
            } else if name == "throttle-hits" {
                assert!(!there, "{kind:?}: the old hit went");
            } else {
                assert_eq!(*there, !name.contains("gone-"), "{kind:?}: {name}");
            }
        }
        let mut c = app.pool().get().unwrap();
        let hits: i64 = throttle_hits::table.count().get_result(&mut c).unwrap();
        assert_eq!(hits, 1, "{kind:?}");
        // The records themselves stay: the decision, the ticket, the event, the audit entry.
        let requests: i64 = vr::table.count().get_result(&mut c).unwrap();
        assert_eq!(requests, 5);
        let (state, attempts): (String, i32) = ev::table
            .find("gone-dead")
            .select((ev::state, ev::attempts))
            .first(&mut c)
            .unwrap();
        assert_eq!((state.as_str(), attempts), ("dead", 1));
        // A dead e-mail the purge emptied cannot be sent again; one still whole can.
        let now = app.clock.now_utc_naive();
        assert!(!donera::outbox::retry(&mut c, "gone-dead", now).unwrap());
        assert!(donera::outbox::retry(&mut c, "keep-dead", now).unwrap());
        let erased: (String, i64, String) = files::table
            .find("gone-rejected")
            .select((files::content_type, files::size, files::sha256))
            .first(&mut c)
            .unwrap();
        assert_eq!(erased.0, "application/pdf");

        // A second run finds nothing left to remove.
        assert_eq!(run(&app, false).total(), 0, "{kind:?}");
        assert_eq!(run(&app, true).total(), 0, "{kind:?}");
    }
}

#[actix_web::test]
async fn more_rows_than_one_batch_are_all_removed_in_several_transactions() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let old = now(&app) - Duration::days(400);
        let n = 2 * BATCH as usize + 7;
        {
            let mut c = app.pool().get().unwrap();
            // One row at a time (MultiConnection has no batch insert), in one transaction.
            donera::db::write(&mut c, |c| -> QueryResult<()> {
                for i in 0..n {
                    diesel::insert_into(throttle_hits::table)
                        .values((
                            throttle_hits::bucket.eq(format!("b{i}")),
                            throttle_hits::hit_at.eq(old),
                        ))
                        .execute(c)?;
                    diesel::insert_into(audit_log::table)
                        .values((
                            audit_log::at.eq(old),
                            audit_log::actor_kind.eq("system"),
                            audit_log::action.eq("x"),
                            audit_log::record_kind.eq("x"),
                            audit_log::record_id.eq(format!("r{i}")),
                            audit_log::ip.eq("192.0.2.1"),
                            audit_log::details.eq(""),
                        ))
                        .execute(c)?;
                    // Links of closed tickets, every third one's ticket still open: the purge
                    // reads the links a page at a time and keeps the open tickets' links.
                    let state = if i % 3 == 0 { "open" } else { "closed" };
                    ticket(c, &format!("t{i:05}"), state, old, true);
                }
                Ok(())
            })
            .unwrap();
        }
        let kept_links = n.div_ceil(3);
        let dry = run(&app, true);
        assert_eq!(dry.get(Purged::Throttle), n, "{kind:?}");
        assert_eq!(dry.get(Purged::AuditIp), n, "{kind:?}");
        assert_eq!(dry.get(Purged::VisitorLinks), n - kept_links, "{kind:?}");
        let real = run(&app, false);
        assert_eq!(real.counts, dry.counts, "{kind:?}");
        let mut c = app.pool().get().unwrap();
        let left: i64 = throttle_hits::table.count().get_result(&mut c).unwrap();
        assert_eq!(left, 0);
        let with_ip: i64 = audit_log::table
            .filter(audit_log::ip.ne(""))
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(with_ip, 0);
        let links: Vec<String> = ticket_tokens::table
            .inner_join(tickets::table)
            .select(tickets::state)
            .load(&mut c)
            .unwrap();
        assert_eq!(links.len(), kept_links, "{kind:?}");
        assert!(links.iter().all(|s| s == "open"), "{kind:?}");
        assert_eq!(run(&app, false).total(), 0);
    }
}

async fn staff(app: &TestApp) -> Browser<'_> {
    let mut s = Browser::new(app);
    assert_eq!(
        login(&mut s, "agent@partner.example.org", PW).await.status,
        303
    );
    s
}

async fn certificate_page(b: &mut Browser<'_>) -> Resp {
    let page = b.get("/sv/konto/certifikat").await;
    assert_eq!(page.status, 200);
    page
}

#[actix_web::test]
async fn a_rejected_certificate_is_removed_after_its_period_and_the_pages_say_so() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut a = Browser::new(&app);
        registered_member(&mut a, "Kören", &orgnr(1), "anna@koren.se").await;
        let up = a.upload("/sv/konto/certifikat", "intyg.pdf", PDF, "").await;
        assert_eq!(up.status, 303);
        let id: String = {
            let mut c = app.pool().get().unwrap();
            vr::table.select(vr::id).first(&mut c).unwrap()
        };
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut s = staff(&app).await;
        let review = format!("/sv/personal/valideringar/{id}");
        let decided = s
            .submit(
                &review,
                &format!("{review}/beslut"),
                &[
                    ("decision", "reject"),
                    ("reason_sv", "Fel intyg."),
                    ("reason_en", ""),
                ],
            )
            .await;
        assert_eq!(decided.status, 303, "{kind:?}: {}", decided.text());

        // Just inside six months after the decision: kept, and still offered for download.
        let period = app.state.settings.retention.rejected_certificate_months;
        let decided_at: PrimitiveDateTime = {
            let mut c = app.pool().get().unwrap();
            vr::table
                .find(&id)
                .select(vr::decided_at.assume_not_null())
                .first(&mut c)
                .unwrap()
        };
        let due = months_before(decided_at, -period);
        app.clock.advance(due - MINUTE - now(&app));
        assert_eq!(run(&app, false).get(Purged::RejectedCertificates), 0);
        login(&mut a, "anna@koren.se", PW).await;
        let link = "a[href*='/sv/konto/filer/']";
        let href = certificate_page(&mut a).await.attr(link, "href");
        let href = href.expect("a download link while the certificate is kept");
        assert_eq!(a.get(&href).await.status, 200);

        // Just past: removed; the pages say so in the reader's language, the link is gone.
        app.clock.advance(2 * MINUTE);
        assert_eq!(
            run(&app, false).get(Purged::RejectedCertificates),
            1,
            "{kind:?}"
        );
        let page = certificate_page(&mut a).await;
        assert!(page.attr(link, "href").is_none(), "{kind:?}");
        assert!(
            page.text().contains("Intyget har tagits bort"),
            "{kind:?}: {}",
            page.text()
        );
        assert_eq!(a.get(&href).await.status, 404, "never an empty file");
        let en = a.get("/en/account/certificate").await;
        assert_eq!(en.status, 200);
        assert!(
            en.text().contains("The certificate has been removed"),
            "{kind:?}"
        );
        let mut s = staff(&app).await;
        let staff_page = s.get(&review).await;
        assert_eq!(staff_page.status, 200, "{kind:?}");
        assert!(staff_page.text().contains("Intyget har tagits bort"));
        assert!(!staff_page.text().contains("intyg.pdf"));
        let file_id = href.rsplit('/').next().unwrap();
        assert_eq!(
            s.get(&format!("/sv/personal/filer/{file_id}")).await.status,
            404
        );
    }
}

#[actix_web::test]
async fn the_worker_runs_the_purge_daily_and_at_start() {
    let job = donera::upkeep::jobs()
        .into_iter()
        .find(|j| j.name == "privacy-purge")
        .expect("the daily purge is one of the worker's jobs");
    assert_eq!(job.every, Duration::hours(24));
    assert!(job.at_start);
    assert!(
        !donera::upkeep::jobs()
            .iter()
            .any(|j| j.name == "throttle-purge"),
        "the purge removes old rate-limit hits; no second job does"
    );
    for kind in backends() {
        let app = TestApp::start(kind);
        seed_boundaries(&app);
        let worker = donera::outbox::worker::Worker::new(
            app.pool().clone(),
            app.state.i18n.clone(),
            app.state.settings.clone(),
            app.clock.clone(),
            donera::outbox::worker::WorkerConfig::from_settings(&app.state.settings),
        )
        .unwrap()
        .with_jobs(vec![job]);
        worker.housekeeping().await.unwrap();
        let after = survivors(&app);
        assert!(
            after
                .iter()
                .filter(|(n, _)| n.contains("gone-"))
                .all(|(_, there)| !there),
            "{kind:?}: {after:?}"
        );
        assert_eq!(run(&app, true).total(), 0, "{kind:?}");
    }
}

/// A visitor writes through the contact form as a person would (waiting a few seconds).
async fn contact(b: &mut Browser<'_>, app: &TestApp) -> Resp {
    let page = b.get("/sv/kontakt").await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let started = page.attr("input[name=started]", "value").unwrap();
    app.clock.advance(Duration::seconds(5));
    b.post(
        "/sv/kontakt",
        &[
            ("csrf", csrf.as_str()),
            ("started", started.as_str()),
            ("website", ""),
            ("name", "Vera Besökare"),
            ("email", "vera@kor.se"),
            ("organisation", "Kören i Byn"),
            ("category", "validation"),
            ("subject", "Hur validerar vi oss?"),
            ("message", "Vi är en ideell förening."),
        ],
    )
    .await
}

#[actix_web::test]
async fn a_visitors_link_works_until_its_period_after_closing_and_then_its_row_goes() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut v = Browser::new(&app);
        assert_eq!(contact(&mut v, &app).await.status, 303);
        let link = app.mailed_path("ticket.received", "vera@kor.se").unwrap();
        staff_user(&app, "agent@partner.example.org", Role::Agent).await;
        let mut s = staff(&app).await;
        let closed = s
            .submit(
                "/sv/personal/arenden/D-2026-00001",
                "/sv/personal/arenden/D-2026-00001/andra",
                &[
                    ("state", "closed"),
                    ("priority", "normal"),
                    ("assignee", ""),
                ],
            )
            .await;
        assert_eq!(closed.status, 303, "{kind:?}");
        let days = app.state.settings.retention.visitor_link_days;

        app.clock.advance(Duration::days(days) - MINUTE);
        assert_eq!(Browser::new(&app).get(&link).await.status, 200, "{kind:?}");
        assert_eq!(run(&app, false).get(Purged::VisitorLinks), 0, "{kind:?}");

        // Each e-mail to the visitor carried a link of its own (received, closed): all go.
        let mut c = app.pool().get().unwrap();
        let links: i64 = ticket_tokens::table.count().get_result(&mut c).unwrap();
        assert!(links >= 1);
        app.clock.advance(2 * MINUTE);
        let dry = run(&app, true).get(Purged::VisitorLinks);
        assert_eq!(dry as i64, links, "{kind:?}");
        assert_eq!(run(&app, false).get(Purged::VisitorLinks), dry, "{kind:?}");
        let rows: i64 = ticket_tokens::table.count().get_result(&mut c).unwrap();
        assert_eq!(rows, 0, "{kind:?}");
        assert_eq!(Browser::new(&app).get(&link).await.status, 404, "{kind:?}");
        // The ticket itself stays, for staff and the numbering.
        let n: i64 = tickets::table.count().get_result(&mut c).unwrap();
        assert_eq!(n, 1);

        // Its content goes the retention period after closing; the staff page says so.
        let closed_at: PrimitiveDateTime = tickets::table
            .select(tickets::updated_at)
            .first(&mut c)
            .unwrap();
        let due = months_before(closed_at, -app.state.settings.retention.ticket_months);
        app.clock.advance(due - MINUTE - now(&app));
        assert_eq!(run(&app, false).get(Purged::TicketContent), 0, "{kind:?}");
        let page = "/sv/personal/arenden/D-2026-00001";
        let mut s = staff(&app).await;
        assert!(
            s.get(page)
                .await
                .text()
                .contains("Vi är en ideell förening.")
        );
        app.clock.advance(2 * MINUTE);
        assert_eq!(run(&app, true).get(Purged::TicketContent), 1, "{kind:?}");
        assert_eq!(run(&app, false).get(Purged::TicketContent), 1, "{kind:?}");
        let mut s = staff(&app).await;
        let shown = s.get(page).await;
        assert_eq!(shown.status, 200, "{kind:?}");
        assert!(shown.text().contains("Innehållet är raderat"), "{kind:?}");
        assert!(
            !shown.text().contains("Vi är en ideell förening."),
            "{kind:?}"
        );
        assert!(!shown.text().contains("vera@kor.se"), "{kind:?}");
        assert_eq!(run(&app, false).total(), 0, "{kind:?}");
    }
}

/// Runs the real binary on `url` with `args`.
fn donera(args: &[&str], url: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_donera"))
        .args(args)
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DONERA_SECRET_KEY", crate::support::SECRET)
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn line_for(out: &std::process::Output, kind: &str) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(kind))
        .unwrap_or_else(|| panic!("no line for {kind} in {stdout}"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_purge_command_reports_per_kind_and_its_dry_run_changes_nothing() {
    for kind in backends() {
        let db = crate::support::TestDb::new(kind);
        // The binary runs on the system clock: seed rows far older than any period.
        let old = time::macros::datetime!(2020-01-01 00:00);
        {
            let pool = donera::db::connect(&db.url, 1).unwrap();
            let mut c = pool.get().unwrap();
            diesel::insert_into(throttle_hits::table)
                .values((throttle_hits::bucket.eq("x"), throttle_hits::hit_at.eq(old)))
                .execute(&mut c)
                .unwrap();
            audit(&mut c, "old-audit", old);
        }
        let count_hits = || -> i64 {
            let pool = donera::db::connect(&db.url, 1).unwrap();
            let mut c = pool.get().unwrap();
            throttle_hits::table.count().get_result(&mut c).unwrap()
        };

        let dry = donera(&["purge", "--dry-run"], &db.url);
        assert!(
            dry.status.success(),
            "{kind:?}: {}",
            String::from_utf8_lossy(&dry.stderr)
        );
        assert_eq!(line_for(&dry, "throttle"), "throttle would remove 1");
        assert_eq!(line_for(&dry, "audit-ip"), "audit-ip would remove 1");
        assert_eq!(line_for(&dry, "sessions"), "sessions would remove 0");
        let stdout = String::from_utf8_lossy(&dry.stdout);
        for k in Purged::ALL {
            assert!(stdout.contains(k.key()), "{k:?}: {stdout}");
        }
        assert_eq!(count_hits(), 1, "{kind:?}: the dry run changed nothing");

        let real = donera(&["purge"], &db.url);
        assert!(real.status.success(), "{kind:?}");
        assert_eq!(line_for(&real, "throttle"), "throttle removed 1");
        assert_eq!(line_for(&real, "audit-ip"), "audit-ip removed 1");
        assert_eq!(count_hits(), 0, "{kind:?}");
        let again = donera(&["purge"], &db.url);
        assert_eq!(line_for(&again, "throttle"), "throttle removed 0");
    }
    let down = donera(&["purge"], "postgres://nobody@127.0.0.1:1/none");
    assert_eq!(down.status.code(), Some(1));
    let err = String::from_utf8_lossy(&down.stderr);
    assert!(
        err.contains("cannot open the database") && !err.contains("panicked"),
        "{err}"
    );
}
