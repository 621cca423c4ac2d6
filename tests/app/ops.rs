//! What an operator runs beside the portal: `/metrics`, `donera check-config`, `donera backup`.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use diesel::prelude::*;
use donera::db::schema::tickets as t;

use crate::support::{Kind, SECRET, TestApp, TestDb, backends};

const TOKEN: &str = "metrics-token-0123456789";

fn donera(args: &[&str], env: &[(&str, &str)], dir: &std::path::Path) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_donera"));
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn all_output(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The printed line of one dependency.
fn line_of(out: &std::process::Output, name: &str) -> Option<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .map(str::to_owned)
}

/// A visitor's ticket through the real service, as the contact form writes it.
pub(crate) fn create_ticket(
    conn: &mut donera::db::DbConn,
    now: time::PrimitiveDateTime,
    i: usize,
) -> String {
    use donera::tickets::Category;
    use donera::tickets::service::{self, NewTicket, Requester};
    let who = Requester {
        user: None,
        name: format!("Besökare {i}"),
        email: format!("visitor{i}@example.org"),
        org: "Föreningen".into(),
        locale: donera::i18n::Locale::Sv,
    };
    let new = NewTicket {
        category: Category::Other,
        subject: format!("Ärende {i}"),
        body: "En fråga".into(),
        order_id: None,
        validation_id: None,
        article_id: None,
        files: vec![],
    };
    let sla = donera::tickets::sla::load(conn).unwrap();
    let desk = service::Desk {
        routing: &donera::outbox::Routing::default(),
        sla: &sla,
    };
    service::create(conn, now, &desk, &who, &new, "127.0.0.1")
        .unwrap()
        .id
}

#[actix_web::test]
async fn ops_metrics_page_does_not_exist_without_a_token() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let res = app.get("/metrics").await;
        assert_eq!(res.status, 404, "{kind:?}");
        let res = app
            .send(
                app.srv
                    .get("/metrics")
                    .insert_header(("authorization", format!("Bearer {TOKEN}"))),
            )
            .await;
        assert_eq!(res.status, 404, "{kind:?}: a token alone turns nothing on");
    }
}

#[actix_web::test]
async fn ops_metrics_want_the_bearer_token() {
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_METRICS_TOKEN", TOKEN)]);
        for auth in [
            None,
            Some("Bearer wrong-token-0123456789".to_owned()),
            Some(format!("Bearer {TOKEN}x")),
            Some(format!("Basic {TOKEN}")),
        ] {
            let mut req = app.srv.get("/metrics");
            if let Some(a) = &auth {
                req = req.insert_header(("authorization", a.as_str()));
            }
            let res = app.send(req).await;
            assert_eq!(res.status, 401, "{kind:?} {auth:?}");
            assert_eq!(res.header("www-authenticate").as_deref(), Some("Bearer"));
            assert!(!res.text().contains("donera_"), "{kind:?}: nothing leaks");
        }
    }
}

#[actix_web::test]
async fn ops_metrics_count_requests_by_route_pattern_and_the_waiting_work() {
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_METRICS_TOKEN", TOKEN)]);
        {
            let mut c = app.pool().get().unwrap();
            create_ticket(&mut c, app.clock.now_utc_naive(), 1);
        }
        app.clock.advance(time::Duration::seconds(90));
        assert_eq!(app.get("/sv/").await.status, 200);
        app.get("/sv/produkter/RAWID-4711-abc").await;
        app.get("/sv/produkter/RAWID-4712-def").await;
        assert_eq!(app.get("/no/such/page-8812").await.status, 404);
        let res = app
            .send(
                app.srv
                    .get("/metrics")
                    .insert_header(("authorization", format!("Bearer {TOKEN}"))),
            )
            .await;
        assert_eq!(res.status, 200, "{kind:?}");
        assert!(
            res.header("content-type")
                .unwrap()
                .starts_with("application/openmetrics-text"),
            "{kind:?}"
        );
        let text = res.text();
        for want in [
            "donera_http_requests_total{route=\"/sv/\",status=\"200\"} 1",
            "donera_http_request_duration_seconds_bucket",
            "donera_http_request_duration_seconds_count{route=\"/sv/produkter/{sku}\"} 2",
            "route=\"unmatched\",status=\"404\"",
            "donera_outbox_events{state=\"pending\"} 2",
            "donera_outbox_events{state=\"dead\"} 0",
            "donera_outbox_oldest_pending_age_seconds 90",
            "donera_tickets_open{state=\"new\"} 1",
            "donera_tickets_open{state=\"open\"} 0",
            "donera_validation_requests_pending 0",
            "donera_orders_pending 0",
            "# EOF",
        ] {
            assert!(text.contains(want), "{kind:?}: {want} in\n{text}");
        }
        assert!(
            !text.contains("RAWID") && !text.contains("page-8812"),
            "{kind:?}: raw paths are never labels\n{text}"
        );
    }
}

#[test]
fn ops_check_config_passes_with_one_line_per_dependency() {
    for kind in backends() {
        let dir = tempfile::tempdir().unwrap();
        let db = TestDb::new(kind);
        // A password in the URL (PostgreSQL's trust login ignores it) must never be printed.
        let url = match kind {
            Kind::Sqlite => db.url.clone(),
            Kind::Postgres => db
                .url
                .replacen("://postgres@", "://postgres:pw-hunter2@", 1),
        };
        let out = donera(
            &["check-config"],
            &[("DONERA_SECRET_KEY", SECRET), ("DATABASE_URL", &url)],
            dir.path(),
        );
        let all = all_output(&out);
        assert_eq!(out.status.code(), Some(0), "{kind:?}: {all}");
        let database = line_of(&out, "database").unwrap_or_else(|| panic!("{all}"));
        assert!(database.contains("  ok  "), "{kind:?}: {database}");
        let smtp = line_of(&out, "smtp").unwrap_or_else(|| panic!("{all}"));
        assert!(
            smtp.contains("not configured (mail files in data"),
            "{smtp}"
        );
        let webhook = line_of(&out, "webhook").unwrap_or_else(|| panic!("{all}"));
        assert!(webhook.contains("not configured"), "{webhook}");
        let imap = line_of(&out, "imap").unwrap_or_else(|| panic!("{all}"));
        assert!(imap.contains("not configured"), "{imap}");
        assert!(
            !all.contains("pw-hunter2") && !all.contains(SECRET) && !all.contains("panicked"),
            "{all}"
        );
    }
}

#[test]
fn ops_check_config_logs_in_to_the_support_mailbox_and_names_a_refused_login() {
    use crate::dovecot::{Dovecot, Options, PASSWORD, USER};
    let imap = Dovecot::start(Options::default());
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(Kind::Sqlite);
    let ca = dir.path().join("imap-ca.pem");
    std::fs::write(&ca, &imap.pki.ca_pem).unwrap();
    let url = |password: &str| {
        format!(
            "imaps://{}:{}@127.0.0.1:{}/INBOX",
            USER.replace('@', "%40"),
            password.replace('%', "%25"),
            imap.imaps_port
        )
    };
    let good = url(PASSWORD);
    let env = |url: &str| {
        vec![
            ("DONERA_SECRET_KEY", SECRET.to_owned()),
            ("DATABASE_URL", db.url.clone()),
            ("DONERA_IMAP_URL", url.to_owned()),
            ("DONERA_IMAP_CA_FILE", ca.display().to_string()),
        ]
    };
    let run = |env: Vec<(&str, String)>| {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        donera(&["check-config"], &env, dir.path())
    };
    let out = run(env(&good));
    let all = all_output(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    let line = line_of(&out, "imap").unwrap_or_else(|| panic!("{all}"));
    assert!(
        line.contains("  ok  ") && line.contains("Donera.Processed ready"),
        "{line}"
    );
    assert!(!all.contains(PASSWORD), "{all}");
    let out = run(env(&url("wrong-password-77")));
    let all = all_output(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    let line = line_of(&out, "imap").unwrap_or_else(|| panic!("{all}"));
    assert!(
        line.contains("FAILED") && line.contains("refused the login"),
        "{line}"
    );
    assert!(
        !all.contains("wrong-password-77") && !all.contains("panicked"),
        "{all}"
    );
}

#[test]
fn ops_check_config_stops_at_the_first_unreachable_dependency() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(Kind::Sqlite);
    let hook_secret = "hook-secret-0123456789";
    let base = [
        ("DONERA_SECRET_KEY", SECRET),
        ("DATABASE_URL", db.url.as_str()),
        ("DONERA_PARTNER_WEBHOOK_URL", "http://127.0.0.1:9/hook"),
        ("DONERA_PARTNER_WEBHOOK_SECRET", hook_secret),
    ];
    // SMTP at a closed port: named, and the webhook after it is not tried.
    let mut env = base.to_vec();
    env.push(("DONERA_SMTP_URL", "smtp://mailer:smtp-pw-4711@127.0.0.1:9"));
    let out = donera(&["check-config"], &env, dir.path());
    let all = all_output(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        line_of(&out, "database").unwrap().contains("  ok  "),
        "{all}"
    );
    let smtp = line_of(&out, "smtp").unwrap_or_else(|| panic!("{all}"));
    assert!(smtp.contains("FAILED"), "{smtp}");
    assert!(line_of(&out, "webhook").is_none(), "{all}");
    assert!(
        !all.contains("smtp-pw-4711") && !all.contains("panicked"),
        "{all}"
    );
    // No SMTP (mail files), the webhook at a closed port.
    let out = donera(&["check-config"], &base, dir.path());
    let all = all_output(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    let webhook = line_of(&out, "webhook").unwrap_or_else(|| panic!("{all}"));
    assert!(webhook.contains("FAILED"), "{webhook}");
    assert!(
        !all.contains(hook_secret) && !all.contains("panicked"),
        "{all}"
    );
}

/// One HTTP request as a receiver sees it.
struct Received {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A receiver that answers one request with `200` and hands it over.
fn one_shot_receiver() -> (String, std::thread::JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut headers = vec![];
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        assert!(line.starts_with("POST /hook "), "{line}");
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            let (k, v) = l.split_once(':').unwrap();
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
        let len: usize = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse().unwrap())
            .unwrap();
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
        let mut stream = stream;
        stream
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .unwrap();
        Received { headers, body }
    });
    (url, handle)
}

#[test]
fn ops_check_config_sends_a_signed_ping_to_the_webhook() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(Kind::Sqlite);
    let hook_secret = "hook-secret-0123456789";
    let (url, receiver) = one_shot_receiver();
    let out = donera(
        &["check-config"],
        &[
            ("DONERA_SECRET_KEY", SECRET),
            ("DATABASE_URL", &db.url),
            ("DONERA_PARTNER_WEBHOOK_URL", &url),
            ("DONERA_PARTNER_WEBHOOK_SECRET", hook_secret),
        ],
        dir.path(),
    );
    let all = all_output(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    let webhook = line_of(&out, "webhook").unwrap_or_else(|| panic!("{all}"));
    assert!(
        webhook.contains("  ok  ") && webhook.contains("HTTP 200"),
        "{webhook}"
    );
    assert!(!all.contains(hook_secret), "{all}");
    let got = receiver.join().unwrap();
    assert_eq!(got.header("x-donera-event"), Some("ping"));
    assert_eq!(got.header("content-type"), Some("application/json"));
    let ts: i64 = got.header("x-donera-timestamp").unwrap().parse().unwrap();
    assert_eq!(
        got.header("x-donera-signature"),
        Some(donera::outbox::webhook::signature(hook_secret.as_bytes(), ts, &got.body).as_str())
    );
    let body: serde_json::Value = serde_json::from_slice(&got.body).unwrap();
    assert_eq!(body["event"], "ping");
    assert_eq!(body["id"].as_str(), got.header("x-donera-event-id"));
    assert!(
        body["created_at"].as_str().unwrap().ends_with('Z'),
        "{body}"
    );
    assert_eq!(body["data"], serde_json::json!({}));
}

/// A plain SMTP server that accepts everything and hands over the commands it was sent.
fn fake_smtp() -> (String, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut out = stream;
        out.write_all(b"220 fake.test ESMTP\r\n").unwrap();
        let mut commands = vec![];
        let mut line = String::new();
        // Until QUIT, the client hanging up, or silence (the pool keeps the connection open).
        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
            let cmd = line.trim_end().to_owned();
            line.clear();
            let verb = cmd.split(' ').next().unwrap_or("").to_ascii_uppercase();
            commands.push(verb.clone());
            let answer: &[u8] = match verb.as_str() {
                "EHLO" => b"250-fake.test\r\n250 8BITMIME\r\n",
                "QUIT" => b"221 bye\r\n",
                _ => b"250 ok\r\n",
            };
            out.write_all(answer).unwrap();
            if verb == "QUIT" {
                break;
            }
        }
        commands
    });
    (url, handle)
}

#[test]
fn ops_check_config_greets_the_smtp_server_without_sending_mail() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(Kind::Sqlite);
    let (url, server) = fake_smtp();
    let out = donera(
        &["check-config"],
        &[
            ("DONERA_SECRET_KEY", SECRET),
            ("DATABASE_URL", &db.url),
            ("DONERA_SMTP_URL", &url),
        ],
        dir.path(),
    );
    let all = all_output(&out);
    assert_eq!(out.status.code(), Some(0), "{all}");
    let smtp = line_of(&out, "smtp").unwrap_or_else(|| panic!("{all}"));
    assert!(smtp.contains("  ok  "), "{smtp}");
    let commands = server.join().unwrap();
    assert!(commands.contains(&"EHLO".to_owned()), "{commands:?}");
    assert!(
        !commands
            .iter()
            .any(|c| c == "MAIL" || c == "RCPT" || c == "DATA"),
        "no mail is sent: {commands:?}"
    );
}

#[test]
fn ops_backup_under_write_load_holds_every_committed_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(Kind::Sqlite);
    let pool = donera::db::connect(&db.url, 4).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let written = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (pool, stop, written) = (pool.clone(), stop.clone(), written.clone());
        std::thread::spawn(move || {
            let mut c = pool.get().unwrap();
            let now = donera::clock::Clock::manual(crate::support::START).now_utc_naive();
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                create_ticket(&mut c, now, i);
                i += 1;
                written.store(i, Ordering::SeqCst);
            }
        })
    };
    while written.load(Ordering::SeqCst) < 50 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let committed: HashSet<String> = {
        let mut c = pool.get().unwrap();
        t::table
            .select(t::id)
            .load(&mut c)
            .unwrap()
            .into_iter()
            .collect()
    };
    let started_at = written.load(Ordering::SeqCst);
    let target = dir.path().join("backup.db");
    let target_s = target.to_str().unwrap();
    let out = donera(
        &["backup", target_s],
        &[("DONERA_SECRET_KEY", SECRET), ("DATABASE_URL", &db.url)],
        dir.path(),
    );
    let finished_at = written.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", all_output(&out));
    assert!(
        finished_at > started_at,
        "the writer went on while the backup ran ({started_at} → {finished_at})"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The copy opens as a complete, migrated database holding every ticket committed before.
    let copy_url = format!("sqlite://{target_s}");
    let mut copy = donera::db::open(&copy_url).unwrap();
    assert_eq!(donera::db::pending_migrations(&mut copy).unwrap(), 0);
    let in_copy: HashSet<String> = t::table
        .select(t::id)
        .load(&mut copy)
        .unwrap()
        .into_iter()
        .collect();
    let missing: Vec<_> = committed.difference(&in_copy).collect();
    assert!(missing.is_empty(), "missing from the backup: {missing:?}");
    assert!(in_copy.len() >= committed.len());
    // A second backup onto the same file is refused and leaves it alone.
    let size = std::fs::metadata(&target).unwrap().len();
    let again = donera(
        &["backup", target_s],
        &[("DONERA_SECRET_KEY", SECRET), ("DATABASE_URL", &db.url)],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(all_output(&again).contains("already exists"));
    assert_eq!(std::fs::metadata(&target).unwrap().len(), size);
}

#[test]
fn ops_backup_of_postgres_points_to_pg_dump() {
    let dir = tempfile::tempdir().unwrap();
    let out = donera(
        &["backup", "x.dump"],
        &[
            ("DONERA_SECRET_KEY", SECRET),
            (
                "DATABASE_URL",
                "postgres://donera:pg-pw-77@127.0.0.1:1/donera",
            ),
        ],
        dir.path(),
    );
    let all = all_output(&out);
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(
        all.contains("pg_dump") && !all.contains("pg-pw-77"),
        "{all}"
    );
    assert!(!dir.path().join("x.dump").exists());
}
