//! Support by e-mail (issue 23) end to end on both backends: a notification's signed Reply-To and
//! Message-ID, the answer stored once on its ticket without the quote, spoofed subjects and
//! references opening new tickets, closed tickets, members' files and refusals, machine mail,
//! bounces, the per-sender limit, and the original `.eml` for staff only.

use std::io::Write as _;

use base64::Engine;
use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::db::schema::{
    mail_in, mail_in_originals, ticket_attachments, ticket_messages, tickets,
};
use donera::mail_in::receive::{Inbox, Outcome, Source, receive, receive_file};
use donera::outbox::Event;

use crate::csat::last_mail;
use crate::support::{Browser, PDF, TestApp, backends, orgnr, registered_member};
use crate::tickets::{contact, refs, staff_browser, staff_update, visitor};

const SUPPORT: &str = "support@partner.example.org";
const VERA: &str = "vera@kor.se";
const FIRST: &str = "D-2026-00001";

fn app(kind: crate::support::Kind, extra: &[(&str, &str)]) -> TestApp {
    let mut env = vec![("DONERA_SUPPORT_EMAIL", SUPPORT)];
    env.extend_from_slice(extra);
    TestApp::start_with(kind, &env)
}

/// Stores `raw` as the pipe would.
fn deliver(app: &TestApp, raw: &[u8]) -> Outcome {
    let inbox = Inbox::from_settings(&app.state.settings);
    let mut c = app.pool().get().unwrap();
    receive(&mut c, app.clock.now_utc_naive(), &inbox, raw, Source::Pipe).unwrap()
}

/// A plain-text message with CRLF line ends.
fn mail(headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut out = String::new();
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n");
    out.push_str("Content-Transfer-Encoding: 8bit\r\n\r\n");
    out.push_str(&body.replace('\n', "\r\n"));
    out.into_bytes()
}

/// The e-mail as sent: its headers (unfolded) and its decoded text.
fn sent(app: &TestApp, ev: &Event) -> (String, String) {
    let msg =
        donera::outbox::mail::compose(&app.state.i18n, &app.state.settings, None, ev).unwrap();
    let raw = String::from_utf8(msg.formatted()).unwrap();
    let head = raw.split("\r\n\r\n").next().unwrap().replace("\r\n ", " ");
    (head, crate::external::decode_parts(&raw))
}

fn header(head: &str, name: &str) -> String {
    head.lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("{name} in {head}"))
        .trim()
        .to_owned()
}

/// The messages of ticket `number`: (author kind, author name, internal, body).
fn thread(app: &TestApp, number: &str) -> Vec<(String, String, bool, String)> {
    let mut c = app.pool().get().unwrap();
    ticket_messages::table
        .inner_join(tickets::table)
        .filter(tickets::number.eq(number))
        .order(ticket_messages::id)
        .select((
            ticket_messages::author_kind,
            ticket_messages::author_name,
            ticket_messages::internal,
            ticket_messages::body,
        ))
        .load(&mut c)
        .unwrap()
}

fn ticket_count(app: &TestApp) -> i64 {
    let mut c = app.pool().get().unwrap();
    tickets::table.count().get_result(&mut c).unwrap()
}

fn state_of(app: &TestApp, number: &str) -> String {
    let mut c = app.pool().get().unwrap();
    tickets::table
        .filter(tickets::number.eq(number))
        .select(tickets::state)
        .first(&mut c)
        .unwrap()
}

/// A visitor's ticket by the contact form; its "received" e-mail's (Reply-To, Message-ID, text).
async fn visitor_ticket(app: &TestApp) -> (String, String, String) {
    let mut v = Browser::new(app);
    let r = contact(&mut v, app, "sv", &refs(&visitor(VERA))).await;
    assert_eq!(r.status, 303, "{}", r.text());
    let ev = last_mail(app, "ticket.received", VERA);
    let (head, text) = sent(app, &ev);
    (header(&head, "Reply-To"), header(&head, "Message-ID"), text)
}

const QUOTE_SV: &str = "\n\nDen 28 nov. 2026 kl. 11:00 skrev Teknikgåvan <noreply@localhost>:\n> — Svara ovanför den här raden —\n> Hej Vera!\n> Tack för ditt meddelande.\n";

#[actix_web::test]
async fn an_answer_to_a_notification_lands_on_its_ticket_once_without_the_quote() {
    for kind in backends() {
        let app = app(kind, &[]);
        let (reply_to, message_id, text) = visitor_ticket(&app).await;
        // The e-mail says where to answer, and is signed for its ticket.
        assert!(
            reply_to.starts_with("support+d202600001-")
                && reply_to.ends_with("@partner.example.org"),
            "{reply_to}"
        );
        assert!(
            message_id.starts_with(&format!("<{FIRST}.")),
            "{message_id}"
        );
        assert!(
            text.trim_start()
                .starts_with("— Svara ovanför den här raden —"),
            "{text}"
        );

        let answer = mail(
            &[
                ("From", "Vera Besökare <vera@kor.se>"),
                ("To", &reply_to),
                (
                    "Subject",
                    "SV: [D-2026-00001] Vi har tagit emot ditt ärende",
                ),
                ("Message-ID", "<answer-1@kor.se>"),
                ("In-Reply-To", &message_id),
            ],
            &format!("Tack! Vi är en förening med 40 medlemmar.{QUOTE_SV}"),
        );
        assert_eq!(deliver(&app, &answer), Outcome::Joined(FIRST.into()));
        // The same mail again (a second fetch, or by pipe and IMAP both): nothing more.
        assert_eq!(deliver(&app, &answer), Outcome::Duplicate);
        let msgs = thread(&app, FIRST);
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert_eq!(
            msgs[1],
            (
                "visitor".into(),
                "Vera Besökare".into(),
                false,
                "Tack! Vi är en förening med 40 medlemmar.".into()
            )
        );
        assert_eq!(ticket_count(&app), 1);

        // Staff see it came by e-mail, with the original to download, and nobody else gets it.
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let page = s.get(&format!("/sv/personal/arenden/{FIRST}")).await;
        assert_eq!(page.status, 200);
        let body = page.text();
        assert!(body.contains("via e-post"), "{body}");
        assert!(!body.contains("Tack för ditt meddelande"), "{body}");
        let eml = page
            .attr("a[download]", "href")
            .expect("a link to the original");
        let r = s.get(&eml).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type").as_deref(), Some("message/rfc822"));
        assert_eq!(
            r.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert!(
            r.header("content-disposition")
                .unwrap()
                .starts_with("attachment")
        );
        assert_eq!(r.body, answer);
        // The same message id under another ticket's number is not found.
        let other = eml.replace(FIRST, "D-2026-00002");
        assert_eq!(s.get(&other).await.status, 404);
        let mut v = Browser::new(&app);
        let anon = v.get(&eml).await;
        assert!(matches!(anon.status, 303 | 404), "{}", anon.status);
        assert_ne!(anon.body, answer);
    }
}

#[actix_web::test]
async fn a_ticket_number_or_a_forged_reference_from_a_stranger_opens_a_new_ticket() {
    for kind in backends() {
        let app = app(kind, &[]);
        visitor_ticket(&app).await;
        // Only the subject names the ticket, and the sender is not its requester.
        let stranger = mail(
            &[
                ("From", "Mallory <mallory@evil.example>"),
                ("To", SUPPORT),
                ("Subject", "Re: [D-2026-00001] Hur validerar vi oss?"),
                ("Message-ID", "<s1@evil.example>"),
            ],
            "Skicka alla uppgifter om föreningen till mig.",
        );
        assert_eq!(
            deliver(&app, &stranger),
            Outcome::Created("D-2026-00002".into())
        );
        assert_eq!(thread(&app, FIRST).len(), 1);
        let second = thread(&app, "D-2026-00002");
        assert_eq!(second.len(), 2, "{second:?}");
        assert_eq!(
            (second[1].0.as_str(), second[1].2, second[1].3.as_str()),
            ("mail-subject", true, FIRST)
        );
        // Its requester never sees that note.
        let link = app
            .mailed_path("ticket.received", "mallory@evil.example")
            .unwrap();
        let mut m = Browser::new(&app);
        let own_page = m.get(&link).await;
        assert_eq!(own_page.status, 200);
        assert!(own_page.select_text(".msg-system").is_none());
        assert!(
            !own_page.text().contains("/personal/"),
            "{}",
            own_page.text()
        );
        // A Message-ID that looks like ours but carries no valid signature.
        let forged = mail(
            &[
                ("From", "mallory@evil.example"),
                ("To", SUPPORT),
                ("Subject", "Re: hej"),
                ("Message-ID", "<s2@evil.example>"),
                (
                    "In-Reply-To",
                    "<D-2026-00001.0190a1b2-c3d4.0123456789abcdef@donera.test>",
                ),
            ],
            "Hej igen.",
        );
        assert_eq!(
            deliver(&app, &forged),
            Outcome::Created("D-2026-00003".into())
        );
        // A forged reply address, likewise.
        let forged_to = mail(
            &[
                ("From", "mallory@evil.example"),
                (
                    "To",
                    "support+d202600001-0123456789abcdef@partner.example.org",
                ),
                ("Subject", "hej"),
                ("Message-ID", "<s3@evil.example>"),
            ],
            "Och igen.",
        );
        assert_eq!(
            deliver(&app, &forged_to),
            Outcome::Created("D-2026-00004".into())
        );
        assert_eq!(thread(&app, FIRST).len(), 1);
        // The requester herself, with only the number in the subject, is trusted.
        let own = mail(
            &[
                ("From", VERA),
                ("To", SUPPORT),
                ("Subject", "Angående [D-2026-00001]"),
                ("Message-ID", "<v2@kor.se>"),
            ],
            "Har ni hunnit titta?",
        );
        assert_eq!(deliver(&app, &own), Outcome::Joined(FIRST.into()));
        // The staff page of the new ticket links the one its subject named.
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let page = s.get("/sv/personal/arenden/D-2026-00002").await;
        assert_eq!(
            page.attr(".msg-system a", "href").as_deref(),
            Some("/sv/personal/arenden/D-2026-00001")
        );
    }
}

#[actix_web::test]
async fn an_answer_to_a_closed_ticket_opens_a_new_one_that_links_it() {
    for kind in backends() {
        let app = app(kind, &[]);
        let (reply_to, message_id, _) = visitor_ticket(&app).await;
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        assert_eq!(
            staff_update(&mut s, FIRST, "closed", "normal", "")
                .await
                .status,
            303
        );
        let answer = mail(
            &[
                ("From", VERA),
                ("To", &reply_to),
                ("Subject", "SV: [D-2026-00001] Ärendet är stängt"),
                ("Message-ID", "<late@kor.se>"),
                ("In-Reply-To", &message_id),
            ],
            "En sak till: vi har bytt ordförande.",
        );
        assert_eq!(
            deliver(&app, &answer),
            Outcome::Created("D-2026-00002".into())
        );
        assert_eq!(state_of(&app, FIRST), "closed");
        assert_eq!(thread(&app, FIRST).len(), 1);
        let new = thread(&app, "D-2026-00002");
        assert_eq!(new[0].3, "En sak till: vi har bytt ordförande.");
        assert_eq!(
            (new[1].0.as_str(), new[1].3.as_str()),
            ("mail-closed", FIRST)
        );
    }
}

/// A multipart message with attachments (name, content type, bytes).
fn mail_with_files(headers: &[(&str, &str)], text: &str, files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut out = String::new();
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n");
    out.push_str("--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
    out.push_str(text);
    out.push_str("\r\n");
    for (name, ct, bytes) in files {
        out.push_str(&format!(
            "--b1\r\nContent-Type: {ct}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            b64.encode(bytes)
        ));
    }
    out.push_str("--b1--\r\n");
    out.into_bytes()
}

#[actix_web::test]
async fn a_member_mails_a_new_ticket_with_files_and_hears_which_were_refused() {
    for kind in backends() {
        let app = app(kind, &[]);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Kören i Byn", &orgnr(1), "anna@koren.se").await;
        let raw = mail_with_files(
            &[
                ("From", "Anna <anna@koren.se>"),
                ("To", SUPPORT),
                ("Subject", "=?ISO-8859-1?Q?Fr=E5ga_om_licenser?="),
                ("Message-ID", "<m1@koren.se>"),
            ],
            "Bifogar intyget.",
            &[
                ("intyg.pdf", "application/pdf", PDF),
                ("rapport.exe", "application/octet-stream", b"MZ\x90\0binary"),
            ],
        );
        assert_eq!(deliver(&app, &raw), Outcome::Created(FIRST.into()));
        let mut c = app.pool().get().unwrap();
        let (org, subject): (Option<String>, String) = tickets::table
            .filter(tickets::number.eq(FIRST))
            .select((tickets::organisation_id, tickets::subject))
            .first(&mut c)
            .unwrap();
        assert!(org.is_some(), "a member ticket in her organisation");
        assert_eq!(subject, "Fråga om licenser");
        let files: i64 = ticket_attachments::table
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(files, 1);
        let refused: String = mail_in::table
            .select(mail_in::refused)
            .first(&mut c)
            .unwrap();
        assert_eq!(refused, "rapport.exe\ttype");
        drop(c);
        // She is told, in Swedish, which file did not come through and why.
        let ev = last_mail(&app, "ticket.files_refused", "anna@koren.se");
        let (_, text) = sent(&app, &ev);
        assert!(
            text.contains("rapport.exe: filtypen är inte tillåten"),
            "{text}"
        );
        assert!(!text.contains("för stor"), "{text}");
        // Staff see the file and the refusal on the message.
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let page = s.get(&format!("/sv/personal/arenden/{FIRST}")).await;
        assert_eq!(
            page.select_text(".msg-refused li").as_deref(),
            Some("rapport.exe togs inte emot: filtypen är inte tillåten")
        );
        assert!(
            page.select_text(".msg-files")
                .unwrap()
                .contains("intyg.pdf")
        );
        // The member sees her ticket in the member area.
        let mine = b.get(&format!("/sv/konto/arenden/{FIRST}")).await;
        assert_eq!(mine.status, 200, "{}", mine.text());
    }
}

#[actix_web::test]
async fn a_file_over_the_limit_is_refused_undecoded_and_the_original_kept_whole() {
    // In memory (the pipe, small IMAP messages) and from a file (IMAP messages over 1 MiB).
    for (kind, spooled) in backends().into_iter().flat_map(|k| [(k, false), (k, true)]) {
        let app = app(kind, &[("DONERA_MAX_UPLOAD_MB", "1")]);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Kören i Byn", &orgnr(1), "anna@koren.se").await;
        let mut big = PDF.to_vec();
        big.resize(1_600_000, b'%');
        let raw = mail_with_files(
            &[
                ("From", "Anna <anna@koren.se>"),
                ("To", SUPPORT),
                ("Subject", "Två intyg"),
                ("Message-ID", "<big@koren.se>"),
            ],
            "Här är båda.",
            &[
                ("stort-intyg.pdf", "application/pdf", &big),
                ("intyg.pdf", "application/pdf", PDF),
            ],
        );
        let outcome = if spooled {
            let mut file = tempfile::tempfile().unwrap();
            file.write_all(&raw).unwrap();
            let inbox = Inbox::from_settings(&app.state.settings);
            let mut c = app.pool().get().unwrap();
            let now = app.clock.now_utc_naive();
            receive_file(&mut c, now, &inbox, &file, Source::Imap).unwrap()
        } else {
            deliver(&app, &raw)
        };
        assert_eq!(
            outcome,
            Outcome::Created(FIRST.into()),
            "spooled: {spooled}"
        );
        let mut c = app.pool().get().unwrap();
        let refused: String = mail_in::table
            .select(mail_in::refused)
            .first(&mut c)
            .unwrap();
        assert_eq!(refused, "stort-intyg.pdf\tsize");
        let parts: i64 = mail_in_originals::table.count().get_result(&mut c).unwrap();
        assert_eq!(parts, 3, "the original in parts of 1 MiB");
        let files: i64 = ticket_attachments::table
            .count()
            .get_result(&mut c)
            .unwrap();
        assert_eq!(files, 1, "the small file is kept");
        drop(c);
        let ev = last_mail(&app, "ticket.files_refused", "anna@koren.se");
        let (_, text) = sent(&app, &ev);
        assert!(text.contains("stort-intyg.pdf"), "{text}");
        assert!(text.contains("för stor"), "{text}");
        // The text came through, and staff can still download the whole original.
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let page = s.get(&format!("/sv/personal/arenden/{FIRST}")).await;
        assert!(page.text().contains("Här är båda."), "{}", page.text());
        assert_eq!(
            page.select_text(".msg-refused li").as_deref(),
            Some("stort-intyg.pdf togs inte emot: filen är för stor")
        );
        let eml = page.attr("a[download]", "href").expect("the original");
        assert!(s.get(&eml).await.body == raw, "the original differs");
    }
}

#[actix_web::test]
async fn machine_mail_is_not_a_customer_message_and_bounces_warn_staff() {
    for kind in backends() {
        let app = app(kind, &[]);
        let (reply_to, _, _) = visitor_ticket(&app).await;
        let vacation = mail(
            &[
                ("From", VERA),
                ("To", &reply_to),
                ("Subject", "Frånvaro: [D-2026-00001]"),
                ("Message-ID", "<ooo@kor.se>"),
                ("Auto-Submitted", "auto-replied"),
            ],
            "Jag är på semester till den 10 december.",
        );
        assert_eq!(deliver(&app, &vacation), Outcome::Ignored);
        let own = mail(
            &[
                ("From", "noreply@localhost"),
                ("To", SUPPORT),
                ("Subject", "loop"),
                ("Message-ID", "<own@localhost>"),
            ],
            "x",
        );
        assert_eq!(deliver(&app, &own), Outcome::Ignored);
        assert_eq!(thread(&app, FIRST).len(), 1);
        assert_eq!(ticket_count(&app), 1);

        let dsn = "From: MAILER-DAEMON@mx.kor.se\r\nTo: noreply@localhost\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn1@mx.kor.se>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.kor.se\r\n\r\nFinal-Recipient: rfc822; vera@kor.se\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n--r--\r\n";
        assert_eq!(deliver(&app, dsn.as_bytes()), Outcome::Bounce(VERA.into()));
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let page = s.get(&format!("/sv/personal/arenden/{FIRST}")).await;
        let warning = page.select_text(".notice.warning").unwrap_or_default();
        assert!(
            warning.contains("vera@kor.se") && warning.contains("5.1.1"),
            "{warning}"
        );
        // Mail from the address since then: it works again.
        let back = mail(
            &[
                ("From", VERA),
                ("To", &reply_to),
                ("Subject", "Re: hej"),
                ("Message-ID", "<back@kor.se>"),
            ],
            "Nu fungerar vår e-post igen.",
        );
        app.clock.advance(time::Duration::minutes(1));
        assert_eq!(deliver(&app, &back), Outcome::Joined(FIRST.into()));
        let page = s.get(&format!("/sv/personal/arenden/{FIRST}")).await;
        assert!(!page.text().contains("studsade"), "{}", page.text());
        // The page reads its messages' mail and the address's bounces in one statement: a
        // bounce after the reply shows beside that reply's original, each where it belongs.
        app.clock.advance(time::Duration::minutes(1));
        let again = dsn.replace("dsn1@", "dsn2@").replace("5.1.1", "5.2.2");
        assert_eq!(
            deliver(&app, again.as_bytes()),
            Outcome::Bounce(VERA.into())
        );
        let page = s.get(&format!("/sv/personal/arenden/{FIRST}")).await;
        let warning = page.select_text(".notice.warning").unwrap_or_default();
        assert!(
            warning.contains("vera@kor.se") && warning.contains("5.2.2"),
            "{warning}"
        );
        let eml = page
            .attr("a[download]", "href")
            .expect("the reply's original");
        let original = s.get(&eml).await;
        assert_eq!(original.status, 200);
        assert!(
            String::from_utf8_lossy(&original.body).contains("<back@kor.se>"),
            "{eml}"
        );
    }
}

#[actix_web::test]
async fn a_mail_storm_from_one_sender_stops_at_the_hourly_limit() {
    for kind in backends() {
        let app = app(kind, &[("DONERA_CONTACT_EMAIL_LIMIT_PER_HOUR", "3")]);
        let outcomes: Vec<Outcome> = (0..6)
            .map(|i| {
                deliver(
                    &app,
                    &mail(
                        &[
                            ("From", "storm@example.net"),
                            ("To", SUPPORT),
                            ("Subject", &format!("Fråga {i}")),
                            ("Message-ID", &format!("<storm{i}@example.net>")),
                        ],
                        "Hjälp",
                    ),
                )
            })
            .collect();
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| matches!(o, Outcome::Created(_)))
                .count(),
            3,
            "{outcomes:?}"
        );
        assert_eq!(outcomes[5], Outcome::Limited);
        assert_eq!(ticket_count(&app), 3);
        // Another sender is not held back by the storm.
        let other = mail(
            &[
                ("From", "calm@example.net"),
                ("To", SUPPORT),
                ("Subject", "Question"),
                ("Message-ID", "<calm@example.net>"),
            ],
            "Hello",
        );
        assert!(matches!(deliver(&app, &other), Outcome::Created(_)));
        // An hour later the sender may write again.
        app.clock.advance(time::Duration::minutes(61));
        let later = mail(
            &[
                ("From", "storm@example.net"),
                ("To", SUPPORT),
                ("Subject", "Fråga igen"),
                ("Message-ID", "<storm-later@example.net>"),
            ],
            "Hjälp",
        );
        assert!(matches!(deliver(&app, &later), Outcome::Created(_)));
    }
}

/// Counts in the database a test polls while the portal works in another process.
fn count_rows(pool: &donera::db::Pool) -> (i64, i64) {
    let mut c = pool.get().unwrap();
    let mails: i64 = mail_in::table.count().get_result(&mut c).unwrap();
    let tickets: i64 = tickets::table.count().get_result(&mut c).unwrap();
    (mails, tickets)
}

/// (messages in INBOX, messages in the done folder), seen by a client of its own.
async fn mailbox_counts(settings: &donera::imap::ImapSettings) -> (u32, u32) {
    let mut m = donera::imap::Mailbox::connect(settings).await.unwrap();
    let inbox = m.session().select("INBOX").await.unwrap().exists;
    let done = m
        .session()
        .select("Donera.Processed")
        .await
        .map(|s| s.exists)
        .unwrap_or(0);
    m.logout().await.unwrap();
    (inbox, done)
}

#[actix_web::test]
async fn a_portal_killed_mid_batch_stores_every_message_once_after_it_restarts() {
    use crate::dovecot::{Dovecot, Options, PASSWORD, USER};
    use crate::external::Portal;
    const MESSAGES: u32 = 40;
    for kind in backends() {
        let imap = Dovecot::start(Options::default());
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("imap-ca.pem");
        std::fs::write(&ca, &imap.pki.ca_pem).unwrap();
        let url = format!(
            "imaps://{}:{}@127.0.0.1:{}/INBOX",
            USER.replace('@', "%40"),
            PASSWORD.replace('%', "%25"),
            imap.imaps_port
        );
        let mut settings = donera::imap::ImapSettings::from_url(&url).unwrap();
        settings.ca_pem = Some(imap.pki.ca_pem.clone().into_bytes());
        let mut m = donera::imap::Mailbox::connect(&settings).await.unwrap();
        for i in 0..MESSAGES {
            let raw = mail(
                &[
                    ("From", &format!("person{i}@example.net")),
                    ("To", SUPPORT),
                    ("Subject", &format!("Fråga nummer {i}")),
                    ("Message-ID", &format!("<batch-{i}@example.net>")),
                ],
                &format!("Hej, det här är fråga {i}."),
            );
            m.session().append("INBOX", None, None, &raw).await.unwrap();
        }
        m.logout().await.unwrap();

        let db = crate::support::TestDb::new(kind);
        let env: Vec<(&str, String)> = vec![
            ("DATABASE_URL", db.url.clone()),
            ("DONERA_SECRET_KEY", crate::support::SECRET.to_owned()),
            ("DONERA_LISTEN", "127.0.0.1:0".to_owned()),
            (
                "DONERA_DATA_DIR",
                dir.path().join("data").display().to_string(),
            ),
            ("DONERA_SUPPORT_EMAIL", SUPPORT.to_owned()),
            ("DONERA_IMAP_URL", url.clone()),
            ("DONERA_IMAP_CA_FILE", ca.display().to_string()),
        ];
        let pool = donera::db::connect(&db.url, 1).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let portal = Portal::start(&env, dir.path());
        // Killed (SIGKILL) as soon as the first message is stored: in the middle of its batch.
        while count_rows(&pool).0 == 0 {
            assert!(std::time::Instant::now() < deadline, "nothing stored");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        drop(portal);
        let at_kill = count_rows(&pool);
        let left = mailbox_counts(&settings).await;
        assert!(
            left.0 > 0,
            "{kind:?}: the kill came after the whole mailbox: {left:?}"
        );

        let _portal = Portal::start(&env, dir.path());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let (inbox, done) = mailbox_counts(&settings).await;
            if inbox == 0 && done == MESSAGES {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{kind:?}: {inbox} left in INBOX, {done} done"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(
            count_rows(&pool),
            (i64::from(MESSAGES), i64::from(MESSAGES)),
            "{kind:?}: one record and one ticket per message (killed at {at_kill:?}, {left:?} left)"
        );
        // The same mail again by the MTA's pipe: known, nothing new.
        let mut child = std::process::Command::new(crate::external::donera_bin())
            .arg("mail-in")
            .current_dir(dir.path())
            .env_clear()
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let raw = mail(
                &[
                    ("From", "person3@example.net"),
                    ("To", SUPPORT),
                    ("Subject", "Fråga nummer 3"),
                    ("Message-ID", "<batch-3@example.net>"),
                ],
                "Hej, det här är fråga 3.",
            );
            child.stdin.take().unwrap().write_all(&raw).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(
            String::from_utf8_lossy(&out.stdout)
                .trim_end()
                .ends_with("duplicate")
        );
        assert_eq!(count_rows(&pool).1, i64::from(MESSAGES));
    }
}

#[actix_web::test]
async fn a_bounce_for_a_members_address_shows_on_the_staff_organisation_page() {
    for kind in backends() {
        let app = app(kind, &[]);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Kören i Byn", &orgnr(2), "anna@koren.se").await;
        let dsn = "From: MAILER-DAEMON@mx.koren.se\r\nTo: noreply@localhost\r\nSubject: Undelivered\r\nMessage-ID: <dsn2@mx.koren.se>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.koren.se\r\n\r\nFinal-Recipient: rfc822; anna@koren.se\r\nAction: failed\r\nStatus: 5.2.2\r\n\r\n--r--\r\n";
        assert_eq!(
            deliver(&app, dsn.as_bytes()),
            Outcome::Bounce("anna@koren.se".into())
        );
        let org: String = {
            let mut c = app.pool().get().unwrap();
            donera::db::schema::organisations::table
                .select(donera::db::schema::organisations::id)
                .first(&mut c)
                .unwrap()
        };
        let mut s = staff_browser(&app, "agent@partner.example.org", Role::Agent).await;
        let page = s.get(&format!("/sv/personal/organisationer/{org}")).await;
        assert_eq!(page.status, 200);
        let row = page.select_text("tbody tr strong").unwrap_or_default();
        assert!(
            row.contains("Mejl studsade") && row.contains("5.2.2"),
            "{row}"
        );
    }
}
