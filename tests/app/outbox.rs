//! The transactional outbox with real transports: a small SMTP server and a webhook receiver run
//! in the test; the worker delivers to them from a real database.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use actix_web::{HttpRequest, HttpResponse, web};
use donera::clock::Clock;
use donera::db::{self, DbConn};
use donera::error::AppError;
use donera::i18n::{I18n, Locale};
use donera::outbox::{self, worker::Worker, worker::WorkerConfig};
use serde_json::json;
use time::Duration;

use crate::support::{Kind, START, TestDb, backends, settings_with};

/// What the test SMTP server received in one transaction.
#[derive(Clone, Debug)]
pub struct Received {
    pub rcpt: Vec<String>,
    pub data: String,
}

/// A minimal SMTP server: enough of RFC 5321 for lettre to deliver to it.
pub fn smtp_server() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let inbox = Arc::new(Mutex::new(vec![]));
    let store = inbox.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let store = store.clone();
            std::thread::spawn(move || {
                let mut out = stream.try_clone().unwrap();
                let mut lines = BufReader::new(stream);
                let _ = out.write_all(b"220 test ESMTP\r\n");
                let mut rcpt = vec![];
                let mut line = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let cmd = line.trim_end().to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                        b"250-test\r\n250 8BITMIME\r\n"
                    } else if cmd.starts_with("MAIL FROM") {
                        rcpt.clear();
                        b"250 ok\r\n"
                    } else if cmd.starts_with("RCPT TO") {
                        rcpt.push(
                            line.trim_end()[8..]
                                .trim()
                                .trim_matches(['<', '>'])
                                .to_owned(),
                        );
                        b"250 ok\r\n"
                    } else if cmd == "DATA" {
                        let _ = out.write_all(b"354 go on\r\n");
                        let mut data = String::new();
                        loop {
                            line.clear();
                            if lines.read_line(&mut line).unwrap_or(0) == 0 {
                                return;
                            }
                            if line == ".\r\n" {
                                break;
                            }
                            data.push_str(&line);
                        }
                        store.lock().unwrap().push(Received {
                            rcpt: rcpt.clone(),
                            data,
                        });
                        b"250 queued\r\n"
                    } else if cmd == "QUIT" {
                        let _ = out.write_all(b"221 bye\r\n");
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    let _ = out.write_all(reply);
                }
            });
        }
    });
    (url, inbox)
}

/// One webhook call as the receiver saw it.
#[derive(Clone, Debug)]
pub struct Call {
    pub id: String,
    pub event: String,
    pub timestamp: String,
    pub signature: String,
    pub body: Vec<u8>,
    pub answered: u16,
}

#[derive(Clone)]
pub struct Receiver {
    pub calls: Arc<Mutex<Vec<Call>>>,
    /// How many of the first calls get a 500.
    fail_first: Arc<Mutex<usize>>,
}

async fn receive(req: HttpRequest, body: web::Bytes, r: web::Data<Receiver>) -> HttpResponse {
    let h = |n: &str| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let status = {
        let mut left = r.fail_first.lock().unwrap();
        if *left > 0 {
            *left -= 1;
            500
        } else {
            204
        }
    };
    r.calls.lock().unwrap().push(Call {
        id: h("x-donera-event-id"),
        event: h("x-donera-event"),
        timestamp: h("x-donera-timestamp"),
        signature: h("x-donera-signature"),
        body: body.to_vec(),
        answered: status,
    });
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).finish()
}

pub fn webhook_receiver(fail_first: usize) -> (actix_test::TestServer, Receiver) {
    let r = Receiver {
        calls: Arc::new(Mutex::new(vec![])),
        fail_first: Arc::new(Mutex::new(fail_first)),
    };
    let data = web::Data::new(r.clone());
    let srv = actix_test::start(move || {
        actix_web::App::new()
            .app_data(data.clone())
            .route("/hook", web::post().to(receive))
    });
    (srv, r)
}

pub const HOOK_SECRET: &str = "partner-shared-secret-123";

struct Setup {
    pool: db::Pool,
    clock: Clock,
    worker: Worker,
    data: tempfile::TempDir,
    _db: TestDb,
}

fn setup(kind: Kind, extra: &[(&str, &str)]) -> Setup {
    let test_db = TestDb::new(kind);
    let pool = db::connect(&test_db.url, 4).unwrap();
    let data = tempfile::tempdir().unwrap();
    let settings = settings_with(&test_db, data.path(), extra);
    let clock = Clock::manual(START);
    let config = WorkerConfig {
        max_attempts: 4,
        ..WorkerConfig::from_settings(&settings)
    };
    let worker = Worker::new(
        pool.clone(),
        Arc::new(I18n::load(true).unwrap()),
        Arc::new(settings),
        clock.clone(),
        config,
    )
    .unwrap();
    Setup {
        pool,
        clock,
        worker,
        data,
        _db: test_db,
    }
}

fn verification(
    conn: &mut DbConn,
    now: time::PrimitiveDateTime,
    to: &str,
    locale: Locale,
) -> Result<String, AppError> {
    db::write(conn, |c| {
        outbox::enqueue_email(
            c,
            now,
            "member.email_verification",
            to,
            locale,
            &json!({"name": "Anna Andersson", "path": "/sv/verifiera/abc123"}),
        )
    })
}

#[actix_web::test]
async fn a_member_email_reaches_the_smtp_server_in_their_language() {
    for kind in backends() {
        let (smtp, inbox) = smtp_server();
        let s = setup(
            kind,
            &[
                ("DONERA_SMTP_URL", &smtp),
                ("DONERA_PARTNER_EMAIL", "support@partner.example.org"),
                ("DONERA_MAIL_FROM", "Donera <noreply@donera.test>"),
            ],
        );
        let now = s.clock.now_utc_naive();
        let mut conn = s.pool.get().unwrap();
        let id = verification(&mut conn, now, "anna@example.org", Locale::Sv).unwrap();
        let pass = s.worker.run_once().await.unwrap();
        assert_eq!(pass.delivered, 1, "{kind:?}");
        let mails = inbox.lock().unwrap().clone();
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].rcpt, vec!["anna@example.org"]);
        let data = &mails[0].data;
        assert!(
            data.contains("Subject: =?utf-8?") || data.contains("Subject: Bekr"),
            "{data}"
        );
        assert!(data.contains("Auto-Submitted: auto-generated"), "{data}");
        assert!(
            data.contains(&format!("Message-ID: <{id}@donera.test>")),
            "{data}"
        );
        assert!(data.contains("Date: "), "{data}");
        assert!(
            data.contains("Reply-To: support@partner.example.org"),
            "{data}"
        );
        assert!(data.contains("text/html") && data.contains("text/plain"));
        let decoded = decode_body(data);
        assert!(decoded.contains("Hej Anna Andersson!"), "{decoded}");
        assert!(
            decoded.contains("http://donera.test/sv/verifiera/abc123"),
            "{decoded}"
        );
        let ev = outbox::find(&mut conn, &id).unwrap().unwrap();
        assert_eq!((ev.state.as_str(), ev.attempts), ("delivered", 1));
        // Nothing left to do.
        assert_eq!(s.worker.run_once().await.unwrap().total(), 0);
    }
}

/// The text of a message whose parts may be quoted-printable or base64.
fn decode_body(data: &str) -> String {
    let mut out = data.replace("=\r\n", "");
    // Quoted-printable: decode =XX sequences (good enough for assertions on UTF-8 text).
    let bytes = out.as_bytes();
    let mut dec = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            dec.push(
                u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap(), 16).unwrap(),
            );
            i += 3;
        } else {
            dec.push(bytes[i]);
            i += 1;
        }
    }
    out = String::from_utf8_lossy(&dec).into_owned();
    out
}

#[actix_web::test]
async fn without_smtp_the_mail_is_written_to_the_mail_folder() {
    let s = setup(Kind::Sqlite, &[]);
    let now = s.clock.now_utc_naive();
    let mut conn = s.pool.get().unwrap();
    let id = verification(&mut conn, now, "bo@example.org", Locale::En).unwrap();
    assert_eq!(s.worker.run_once().await.unwrap().delivered, 1);
    let path = s.data.path().join("mail").join(format!("{id}.eml"));
    let text = decode_body(&std::fs::read_to_string(&path).unwrap());
    assert!(text.contains("To: bo@example.org"), "{text}");
    assert!(text.contains("Hello Anna Andersson,"), "{text}");
    assert!(text.contains("Confirm your e-mail address"), "{text}");
}

#[actix_web::test]
async fn the_webhook_is_signed_and_retried_until_it_succeeds_once() {
    for kind in backends() {
        let (srv, receiver) = webhook_receiver(2);
        let url = srv.url("/hook");
        let s = setup(
            kind,
            &[
                ("DONERA_PARTNER_WEBHOOK_URL", &url),
                ("DONERA_PARTNER_WEBHOOK_SECRET", HOOK_SECRET),
            ],
        );
        let now = s.clock.now_utc_naive();
        let mut conn = s.pool.get().unwrap();
        let routing = outbox::Routing::default();
        let id = db::write(&mut conn, |c| {
            outbox::enqueue_partner(
                c,
                &routing,
                now,
                "validation.submitted",
                &json!({"organisation": "Föreningen Ö", "request": "r-1"}),
            )
        })
        .unwrap();
        // First attempt: 500. The retry is not due yet, so a pass now sends nothing.
        assert_eq!(s.worker.run_once().await.unwrap().failed, 1);
        assert_eq!(s.worker.run_once().await.unwrap().total(), 0);
        s.clock.advance(Duration::minutes(1));
        assert_eq!(s.worker.run_once().await.unwrap().failed, 1);
        s.clock.advance(Duration::minutes(1));
        assert_eq!(s.worker.run_once().await.unwrap().delivered, 1);
        s.clock.advance(Duration::hours(10));
        assert_eq!(s.worker.run_once().await.unwrap().total(), 0);

        let calls = receiver.calls.lock().unwrap().clone();
        assert_eq!(
            calls.iter().map(|c| c.answered).collect::<Vec<_>>(),
            vec![500, 500, 204],
            "{kind:?}"
        );
        assert!(
            calls
                .iter()
                .all(|c| c.id == id && c.event == "validation.submitted")
        );
        let ok = &calls[2];
        let expected = donera::outbox::webhook::signature(
            HOOK_SECRET.as_bytes(),
            ok.timestamp.parse().unwrap(),
            &ok.body,
        );
        assert_eq!(ok.signature, expected);
        assert_eq!(
            ok.signature,
            independent_signature(HOOK_SECRET, &ok.timestamp, &ok.body)
        );
        let body: serde_json::Value = serde_json::from_slice(&ok.body).unwrap();
        assert_eq!(body["id"], id.as_str());
        assert_eq!(body["event"], "validation.submitted");
        assert_eq!(body["data"]["organisation"], "Föreningen Ö");
        assert_eq!(
            ok.timestamp.parse::<i64>().unwrap(),
            (START + Duration::minutes(2)).unix_timestamp()
        );
        let ev = outbox::find(&mut conn, &id).unwrap().unwrap();
        assert_eq!(
            (ev.state.as_str(), ev.attempts),
            ("delivered", 3),
            "{kind:?}"
        );
    }
}

/// HMAC-SHA256 computed with the hmac crate directly, as a partner's receiver would.
fn independent_signature(secret: &str, ts: &str, body: &[u8]) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(ts.as_bytes());
    mac.update(b".");
    mac.update(body);
    format!(
        "sha256={}",
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    )
}

#[actix_web::test]
async fn an_event_of_a_rolled_back_transaction_is_never_delivered() {
    for kind in backends() {
        let (srv, receiver) = webhook_receiver(0);
        let url = srv.url("/hook");
        let s = setup(
            kind,
            &[
                ("DONERA_PARTNER_WEBHOOK_URL", &url),
                ("DONERA_PARTNER_WEBHOOK_SECRET", HOOK_SECRET),
            ],
        );
        let now = s.clock.now_utc_naive();
        let mut conn = s.pool.get().unwrap();
        let routing = outbox::Routing::default();
        let result: Result<(), AppError> = db::write(&mut conn, |c| {
            outbox::enqueue_partner(c, &routing, now, "order.submitted", &json!({"order": 1}))?;
            // The change itself fails after the event was written: both must go.
            Err(AppError::BadRequest)
        });
        assert!(result.is_err());
        assert_eq!(s.worker.run_once().await.unwrap().total(), 0, "{kind:?}");
        assert!(receiver.calls.lock().unwrap().is_empty());
        assert!(outbox::counts(&mut conn).unwrap().is_empty());
    }
}

#[test]
fn enqueueing_outside_a_transaction_is_refused() {
    let test_db = TestDb::new(Kind::Sqlite);
    let pool = db::connect(&test_db.url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    let err = outbox::enqueue_email(
        &mut conn,
        START.date().midnight(),
        "member.email_verification",
        "a@b.se",
        Locale::Sv,
        &json!({}),
    );
    assert!(err.is_err());
    assert!(outbox::counts(&mut conn).unwrap().is_empty());
}

#[actix_web::test]
async fn a_failing_event_dies_after_its_attempts_and_can_be_retried() {
    let s = setup(
        Kind::Sqlite,
        &[
            ("DONERA_PARTNER_WEBHOOK_URL", "http://127.0.0.1:1/refused"),
            ("DONERA_PARTNER_WEBHOOK_SECRET", HOOK_SECRET),
        ],
    );
    let now = s.clock.now_utc_naive();
    let mut conn = s.pool.get().unwrap();
    let id = db::write(&mut conn, |c| {
        outbox::enqueue_partner(
            c,
            &outbox::Routing::default(),
            now,
            "ticket.created",
            &json!({}),
        )
    })
    .unwrap();
    for _ in 0..4 {
        assert_eq!(s.worker.run_once().await.unwrap().failed, 1);
        s.clock.advance(Duration::hours(5));
    }
    let ev = outbox::find(&mut conn, &id).unwrap().unwrap();
    assert_eq!((ev.state.as_str(), ev.attempts), ("dead", 4));
    assert!(ev.last_error.unwrap().contains("request failed"));
    assert_eq!(
        s.worker.run_once().await.unwrap().total(),
        0,
        "dead events are not retried"
    );
    assert!(outbox::retry(&mut conn, &id, s.clock.now_utc_naive()).unwrap());
    assert_eq!(
        outbox::find(&mut conn, &id).unwrap().unwrap().state,
        "pending"
    );
    assert!(
        !outbox::retry(&mut conn, &id, s.clock.now_utc_naive()).unwrap(),
        "only dead events"
    );
}

#[actix_web::test]
async fn without_a_webhook_partner_events_are_kept_as_skipped() {
    let s = setup(Kind::Sqlite, &[]);
    let now = s.clock.now_utc_naive();
    let mut conn = s.pool.get().unwrap();
    let id = db::write(&mut conn, |c| {
        outbox::enqueue_partner(
            c,
            &outbox::Routing::default(),
            now,
            "ticket.created",
            &json!({}),
        )
    })
    .unwrap();
    assert_eq!(s.worker.run_once().await.unwrap().skipped, 1);
    assert_eq!(
        outbox::find(&mut conn, &id).unwrap().unwrap().state,
        "skipped"
    );
}

#[actix_web::test]
async fn partner_events_are_also_emailed_to_the_partner_address() {
    let (smtp, inbox) = smtp_server();
    let s = setup(
        Kind::Sqlite,
        &[
            ("DONERA_SMTP_URL", &smtp),
            ("DONERA_PARTNER_EMAIL", "support@partner.example.org"),
        ],
    );
    let now = s.clock.now_utc_naive();
    let mut conn = s.pool.get().unwrap();
    let routing = outbox::Routing {
        partner_email: Some("support@partner.example.org".into()),
    };
    db::write(&mut conn, |c| {
        outbox::enqueue_partner(
            c,
            &routing,
            now,
            "ticket.created",
            &json!({"number": "D-2026-00042"}),
        )
    })
    .unwrap();
    let pass = s.worker.run_once().await.unwrap();
    assert_eq!((pass.delivered, pass.skipped), (1, 1));
    let mails = inbox.lock().unwrap().clone();
    assert_eq!(mails[0].rcpt, vec!["support@partner.example.org"]);
    let text = decode_body(&mails[0].data);
    assert!(
        text.contains("ticket.created") && text.contains("D-2026-00042"),
        "{text}"
    );
}

/// Delivers until a pass finds nothing due; returns how many this worker delivered.
async fn drain(w: &Worker) -> usize {
    let mut n = 0;
    loop {
        let pass = w.run_once().await.unwrap();
        if pass.total() == 0 {
            return n;
        }
        n += pass.delivered;
    }
}

/// Two workers on one database, each on its own thread and runtime as two instances would be:
/// every event delivered once, none twice.
#[test]
fn two_workers_deliver_a_thousand_events_without_duplicates() {
    for kind in backends() {
        let system = actix_web::rt::System::new();
        let (srv, receiver) = system.block_on(async { webhook_receiver(0) });
        let url = srv.url("/hook");
        let extra = [
            ("DONERA_PARTNER_WEBHOOK_URL", url.as_str()),
            ("DONERA_PARTNER_WEBHOOK_SECRET", HOOK_SECRET),
        ];
        let test_db = TestDb::new(kind);
        let pool = db::connect(&test_db.url, 8).unwrap();
        let data = tempfile::tempdir().unwrap();
        let settings = Arc::new(settings_with(&test_db, data.path(), &extra));
        let clock = Clock::manual(START);
        let now = clock.now_utc_naive();
        let mut conn = pool.get().unwrap();
        db::write(&mut conn, |c| {
            for i in 0..1000 {
                outbox::enqueue_partner(
                    c,
                    &outbox::Routing::default(),
                    now,
                    "ticket.replied",
                    &json!({"n": i}),
                )?;
            }
            Ok::<_, AppError>(())
        })
        .unwrap();
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (pool, settings, clock) = (pool.clone(), settings.clone(), clock.clone());
                std::thread::spawn(move || {
                    actix_web::rt::System::new().block_on(async move {
                        let config = WorkerConfig {
                            batch: 8,
                            ..WorkerConfig::from_settings(&settings)
                        };
                        let w = Worker::new(
                            pool,
                            Arc::new(I18n::load(true).unwrap()),
                            settings,
                            clock,
                            config,
                        )
                        .unwrap();
                        drain(&w).await
                    })
                })
            })
            .collect();
        let counts: Vec<usize> = workers.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(counts.iter().sum::<usize>(), 1000, "{kind:?}: {counts:?}");
        let calls = receiver.calls.lock().unwrap();
        let mut ids: Vec<&str> = calls.iter().map(|c| c.id.as_str()).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(
            (before, ids.len()),
            (1000, 1000),
            "{kind:?}: duplicates delivered ({counts:?})"
        );
        drop(calls);
        drop(srv);
    }
}

/// A receiver that answers each call after a short delay, so that a test can kill the sender
/// while deliveries are under way.
pub fn slow_receiver() -> (actix_test::TestServer, Receiver) {
    let r = Receiver {
        calls: Arc::new(Mutex::new(vec![])),
        fail_first: Arc::new(Mutex::new(0)),
    };
    let data = web::Data::new(r.clone());
    let srv = actix_test::start(move || {
        actix_web::App::new().app_data(data.clone()).route(
            "/hook",
            web::post().to(
                |req: HttpRequest, body: web::Bytes, r: web::Data<Receiver>| async move {
                    tokio::time::sleep(std::time::Duration::from_millis(15)).await;
                    receive(req, body, r).await
                },
            ),
        )
    });
    (srv, r)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn spawn_portal(db_url: &str, dir: &std::path::Path, hook: &str) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_donera"))
        .current_dir(dir)
        .env("DATABASE_URL", db_url)
        .env("DONERA_LISTEN", format!("127.0.0.1:{}", free_port()))
        .env("DONERA_SECRET_KEY", crate::support::SECRET)
        .env("DONERA_PARTNER_WEBHOOK_URL", hook)
        .env("DONERA_PARTNER_WEBHOOK_SECRET", HOOK_SECRET)
        .env("DONERA_OUTBOX_POLL_MS", "20")
        .env("DONERA_OUTBOX_LEASE_SECONDS", "1")
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Waits (bounded) until `cond` holds, checking every few milliseconds.
async fn wait_until(what: &str, secs: u64, mut cond: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while !cond() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

fn delivered_ids(conn: &mut DbConn) -> std::collections::HashSet<String> {
    use diesel::prelude::*;
    use donera::db::schema::outbox_events as ev;
    ev::table
        .filter(ev::state.eq("delivered"))
        .select(ev::id)
        .load::<String>(conn)
        .unwrap()
        .into_iter()
        .collect()
}

/// SIGKILL while events are being delivered, then a restart: every event arrives, and an event
/// arrives twice only if it was in flight (not yet recorded as delivered) when the process died.
#[actix_web::test]
async fn events_survive_a_killed_process_and_arrive_after_restart() {
    for kind in backends() {
        let test_db = TestDb::new(kind);
        let pool = db::connect(&test_db.url, 2).unwrap();
        let mut conn = pool.get().unwrap();
        let now = time::OffsetDateTime::from_unix_timestamp(0).unwrap();
        let now = time::PrimitiveDateTime::new(now.date(), now.time());
        let total = 150;
        db::write(&mut conn, |c| {
            for i in 0..total {
                outbox::enqueue_partner(
                    c,
                    &outbox::Routing::default(),
                    now,
                    "order.submitted",
                    &json!({"n": i}),
                )?;
            }
            Ok::<_, AppError>(())
        })
        .unwrap();
        let (srv, receiver) = slow_receiver();
        let hook = srv.url("/hook");
        let dir = tempfile::tempdir().unwrap();

        let mut first = spawn_portal(&test_db.url, dir.path(), &hook);
        let calls = receiver.calls.clone();
        wait_until("the first deliveries", 30, || {
            calls.lock().unwrap().len() >= 20
        })
        .await;
        first.kill().unwrap(); // SIGKILL
        first.wait().unwrap();
        let recorded_at_kill = delivered_ids(&mut conn);
        let received_at_kill = receiver.calls.lock().unwrap().len();
        assert!(
            recorded_at_kill.len() < total,
            "{kind:?}: killed too late to test anything"
        );

        let mut second = spawn_portal(&test_db.url, dir.path(), &hook);
        wait_until("every event delivered", 60, || {
            delivered_ids(&mut conn).len() == total
        })
        .await;
        // Stop it the friendly way: SIGTERM ends it with status 0.
        std::process::Command::new("kill")
            .arg("-TERM")
            .arg(second.id().to_string())
            .status()
            .unwrap();
        let status = second.wait().unwrap();
        assert!(status.success(), "{kind:?}: SIGTERM exit {status:?}");

        let calls = receiver.calls.lock().unwrap().clone();
        let mut seen = std::collections::HashMap::<&str, usize>::new();
        for c in &calls {
            *seen.entry(c.id.as_str()).or_default() += 1;
        }
        assert_eq!(seen.len(), total, "{kind:?}: every event arrived");
        for (id, n) in &seen {
            if *n > 1 {
                assert!(
                    !recorded_at_kill.contains(*id),
                    "{kind:?}: {id} was delivered and recorded, yet sent again"
                );
            }
        }
        let dupes: usize = seen.values().map(|n| n - 1).sum();
        assert!(
            dupes <= 16,
            "{kind:?}: {dupes} repeats, more than one batch in flight"
        );
        assert!(received_at_kill >= 20);
    }
}

/// A delivered e-mail's link stops working in the outbox, also when the event was changed
/// between its claim and its delivery (an erasure replacing a name in it).
#[test]
fn a_delivered_emails_link_token_is_dropped_even_after_a_change_meanwhile() {
    use diesel::prelude::*;
    use donera::db::schema::outbox_events as ev;
    let token = "ab".repeat(32);
    for kind in backends() {
        let test_db = TestDb::new(kind);
        let pool = db::connect(&test_db.url, 1).unwrap();
        let mut conn = pool.get().unwrap();
        let now = START.date().midnight();
        for (to, name) in [("a@b.se", "Ada"), ("c@d.se", "Vera Besökare")] {
            let payload = json!({"name": name, "path": format!("/sv/arende/{token}")});
            db::write(&mut conn, |c| {
                outbox::enqueue_email(c, now, "ticket.received", to, Locale::Sv, &payload)
            })
            .unwrap();
        }
        let claimed = outbox::claim(&mut conn, "w", now, time::Duration::minutes(5), 10).unwrap();
        assert_eq!(claimed.len(), 2, "{kind:?}");
        // The second one's name is erased after the claim.
        outbox::scrub_person(&mut conn, "", &["Vera Besökare"], "[raderad]").unwrap();
        let batch: Vec<&outbox::Event> = claimed.iter().collect();
        db::write(&mut conn, |c| outbox::mark_all_delivered(c, &batch, now)).unwrap();
        let kept: Vec<(String, String)> = ev::table
            .select((ev::state, ev::payload))
            .order(ev::recipient)
            .load(&mut conn)
            .unwrap();
        for (state, payload) in &kept {
            assert_eq!(state, "delivered", "{kind:?}");
            assert!(!payload.contains(&token), "{kind:?}: {payload}");
            assert!(payload.contains("/sv/arende/-"), "{kind:?}: {payload}");
        }
        assert!(kept[0].1.contains("Ada"), "{kind:?}: {kept:?}");
        assert!(kept[1].1.contains("[raderad]"), "{kind:?}: {kept:?}");
    }
}

/// A worker's batch records its delivered and skipped events a statement per kind: every event
/// ends in its own state, with its attempt counted, and only the link's payload changed.
#[actix_web::test]
async fn a_batchs_delivered_and_skipped_events_are_each_recorded() {
    use diesel::prelude::*;
    use donera::db::schema::outbox_events as ev;
    let token = "cd".repeat(32);
    for kind in backends() {
        let (smtp, inbox) = smtp_server();
        let s = setup(kind, &[("DONERA_SMTP_URL", &smtp)]);
        let now = s.clock.now_utc_naive();
        let mut conn = s.pool.get().unwrap();
        let mut mails = vec![];
        for (to, path) in [
            ("a@b.se", "/sv/kontakt".to_owned()),
            ("c@d.se", format!("/sv/arende/{token}")),
            ("e@f.se", "/sv/produkter".to_owned()),
        ] {
            let payload =
                json!({"name": "Ada", "number": "D-2026-00009", "subject": "Licens", "path": path});
            mails.push(
                db::write(&mut conn, |c| {
                    outbox::enqueue_email(c, now, "ticket.received", to, Locale::Sv, &payload)
                })
                .unwrap(),
            );
        }
        let mut hooks = vec![];
        for n in ["D-2026-00001", "D-2026-00002"] {
            hooks.push(
                db::write(&mut conn, |c| {
                    outbox::enqueue_partner(
                        c,
                        &outbox::Routing::default(),
                        now,
                        "ticket.created",
                        &json!({"number": n}),
                    )
                })
                .unwrap(),
            );
        }
        let pass = s.worker.run_once().await.unwrap();
        assert_eq!((pass.delivered, pass.skipped), (3, 2), "{kind:?}");
        assert_eq!(inbox.lock().unwrap().len(), 3, "{kind:?}");
        for id in &mails {
            let (state, attempts, delivered, locked, payload): (
                String,
                i32,
                Option<time::PrimitiveDateTime>,
                Option<String>,
                String,
            ) = ev::table
                .find(id)
                .select((
                    ev::state,
                    ev::attempts,
                    ev::delivered_at,
                    ev::locked_by,
                    ev::payload,
                ))
                .first(&mut conn)
                .unwrap();
            assert_eq!(
                (state.as_str(), attempts, delivered, locked),
                ("delivered", 1, Some(now), None),
                "{kind:?} {id}"
            );
            assert!(!payload.contains(&token), "{kind:?}: {payload}");
        }
        let kept: String = ev::table
            .find(&mails[0])
            .select(ev::payload)
            .first(&mut conn)
            .unwrap();
        assert!(kept.contains("/sv/kontakt"), "{kind:?}: {kept}");
        for id in &hooks {
            let (state, error, locked): (String, Option<String>, Option<String>) = ev::table
                .find(id)
                .select((ev::state, ev::last_error, ev::locked_by))
                .first(&mut conn)
                .unwrap();
            assert_eq!(
                (state.as_str(), error.as_deref(), locked),
                ("skipped", Some("no DONERA_PARTNER_WEBHOOK_URL set"), None),
                "{kind:?} {id}"
            );
        }
        assert_eq!(s.worker.run_once().await.unwrap().delivered, 0, "{kind:?}");
    }
}
