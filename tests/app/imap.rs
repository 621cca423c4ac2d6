//! The IMAP client (`donera::imap`) against a real Dovecot started by each test (see
//! `dovecot.rs`).

use std::io::{Read as _, Write as _};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::dovecot::{Dovecot, Options, PASSWORD, USER};
use donera::imap::{IdleOutcome, ImapError, ImapSettings, Mailbox, OAuth2Settings, RawMessage};
use futures_util::StreamExt as _;

fn settings(url: &str, d: &Dovecot) -> ImapSettings {
    let mut s = ImapSettings::from_url(url).unwrap();
    s.ca_pem = Some(d.pki.ca_pem.clone().into_bytes());
    s.timeout = Duration::from_secs(60);
    s
}

fn message(n: usize) -> Vec<u8> {
    format!(
        "From: Person {n} <p{n}@example.net>\r\n\
         To: {USER}\r\n\
         Subject: Help {n} =?utf-8?q?=C3=A5?=\r\n\
         Message-ID: <m{n}@example.net>\r\n\
         Date: Fri, 04 Dec 2026 10:0{n}:00 +0100\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         Message number {n}.\r\n"
    )
    .into_bytes()
}

/// Each message's UID and bytes.
fn contents(batch: &[RawMessage]) -> Vec<(u32, Vec<u8>)> {
    batch.iter().map(|m| (m.uid, m.bytes().unwrap())).collect()
}

/// Puts messages into INBOX by APPEND over a second (plain, loopback) connection.
async fn deliver(d: &Dovecot, messages: &[Vec<u8>]) {
    let mut mb = Mailbox::connect(&settings(&d.plain_url(), d))
        .await
        .unwrap();
    for m in messages {
        mb.session().append("INBOX", None, None, m).await.unwrap();
    }
    mb.logout().await.unwrap();
}

/// (messages in INBOX, flags of each message in the done folder).
async fn inspect(d: &Dovecot) -> (u32, Vec<Vec<String>>) {
    let mut mb = Mailbox::connect(&settings(&d.plain_url(), d))
        .await
        .unwrap();
    let folder = mb.done_folder().to_owned();
    let s = mb.session();
    let inbox = s.select("INBOX").await.unwrap().exists;
    let done = s.select(&folder).await.unwrap().exists;
    let mut flags = vec![];
    if done > 0 {
        let fetches: Vec<_> = s.fetch("1:*", "FLAGS").await.unwrap().collect().await;
        for f in fetches {
            let f = f.unwrap();
            flags.push(f.flags().map(|f| format!("{f:?}")).collect());
        }
    }
    mb.logout().await.unwrap();
    (inbox, flags)
}

async fn fetch_and_done(url: &str, d: &Dovecot, expect_folder: &str) {
    let messages: Vec<_> = (1..=3).map(message).collect();
    deliver(d, &messages).await;
    let mut mb = Mailbox::connect(&settings(url, d)).await.unwrap();
    assert_eq!(mb.done_folder(), expect_folder);
    assert!(mb.capabilities().r#move && mb.capabilities().idle);
    // Batches of 2, oldest first.
    let first = mb.fetch_batch(2, u64::MAX).await.unwrap();
    assert_eq!(first.len(), 2);
    assert_eq!(first[0].raw, messages[0]);
    assert_eq!(first[1].raw, messages[1]);
    assert!(first[0].uid < first[1].uid);
    // Nothing is \Seen before done (BODY.PEEK[]): the same two come back.
    let again = mb.fetch_batch(2, u64::MAX).await.unwrap();
    assert_eq!(contents(&again), contents(&first));
    // A byte limit below one message still gives one: the oldest.
    let one = mb.fetch_batch(10, 1).await.unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].raw, messages[0]);
    // Two messages' worth of bytes gives two.
    let two_bytes = (messages[0].len() + messages[1].len()) as u64;
    assert_eq!(
        contents(&mb.fetch_batch(10, two_bytes).await.unwrap()),
        contents(&first)
    );
    let all = mb.fetch_batch(10, u64::MAX).await.unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[2].raw, messages[2]);
    let uids: Vec<u32> = all.iter().map(|m| m.uid).collect();
    mb.done(&uids).await.unwrap();
    assert!(mb.fetch_batch(10, u64::MAX).await.unwrap().is_empty());
    mb.logout().await.unwrap();
    let (inbox, flags) = inspect(d).await;
    assert_eq!(inbox, 0, "INBOX should be empty");
    assert_eq!(flags.len(), 3, "{flags:?}");
    for f in &flags {
        assert!(f.iter().any(|f| f == "Seen"), "{flags:?}");
        assert!(!f.iter().any(|f| f == "Deleted"), "{flags:?}");
    }
}

#[tokio::test]
async fn imaps_fetch_and_done() {
    let d = Dovecot::start(Options::default());
    // Default maildir layout: `.` separator.
    fetch_and_done(&d.imaps_url(), &d, "Donera.Processed").await;
}

#[tokio::test]
async fn starttls_fetch_and_done() {
    let d = Dovecot::start(Options {
        layout_fs: true,
        ..Options::default()
    });
    // LAYOUT=fs: `/` separator.
    fetch_and_done(&d.starttls_url(), &d, "Donera/Processed").await;
}

#[tokio::test]
async fn a_swedish_done_folder_is_created_and_used_in_modified_utf7() {
    let d = Dovecot::start(Options {
        layout_fs: true,
        ..Options::default()
    });
    deliver(&d, &[message(1)]).await;
    let mut s = settings(&d.starttls_url(), &d);
    s.done_folder = "Donera/Färdiga".into();
    let mut mb = Mailbox::connect(&s).await.unwrap();
    assert_eq!(mb.done_folder(), "Donera/F&AOQ-rdiga");
    let batch = mb.fetch_batch(5, u64::MAX).await.unwrap();
    assert_eq!(batch.len(), 1);
    mb.done(&[batch[0].uid]).await.unwrap();
    let session = mb.session();
    let names: Vec<String> = session
        .list(Some(""), Some("*"))
        .await
        .unwrap()
        .map(|n| n.unwrap().name().to_owned())
        .collect()
        .await;
    assert!(names.iter().any(|n| n == "Donera/F&AOQ-rdiga"), "{names:?}");
    assert_eq!(
        session.select("Donera/F&AOQ-rdiga").await.unwrap().exists,
        1
    );
    // Connecting again finds the folder rather than failing to create it twice.
    mb.logout().await.unwrap();
    Mailbox::connect(&s).await.unwrap().logout().await.unwrap();
}

#[tokio::test]
async fn untrusted_certificate_is_a_tls_error() {
    let d = Dovecot::start(Options::default());
    let mut s = settings(&d.imaps_url(), &d);
    s.ca_pem = None;
    let e = Mailbox::connect(&s).await.unwrap_err();
    assert!(matches!(e, ImapError::Tls { .. }), "{e:?}");
    let mut s = settings(&d.starttls_url(), &d);
    s.ca_pem = None;
    let e = Mailbox::connect(&s).await.unwrap_err();
    assert!(matches!(e, ImapError::Tls { .. }), "{e:?}");
    // Nothing listening: a connect error.
    let mut s = settings(&d.imaps_url(), &d);
    s.port = crate::dovecot::free_port();
    let e = Mailbox::connect(&s).await.unwrap_err();
    assert!(matches!(e, ImapError::Connect { .. }), "{e:?}");
}

#[tokio::test]
async fn idle_returns_on_new_mail() {
    let d = Dovecot::start(Options::default());
    let mut mb = Mailbox::connect(&settings(&d.imaps_url(), &d))
        .await
        .unwrap();
    assert!(mb.fetch_batch(10, u64::MAX).await.unwrap().is_empty());
    let started = Instant::now();
    let idle = tokio::spawn(async move {
        let r = mb.idle(Duration::from_secs(30)).await;
        (r, started.elapsed())
    });
    // Let IDLE begin, then deliver from another connection.
    tokio::time::sleep(Duration::from_millis(500)).await;
    deliver(&d, &[message(7)]).await;
    let (r, elapsed) = idle.await.unwrap();
    let (mut mb, outcome) = r.unwrap();
    assert_eq!(outcome, IdleOutcome::Changed, "after {elapsed:?}");
    assert!(elapsed < Duration::from_secs(10), "IDLE took {elapsed:?}");
    let batch = mb.fetch_batch(10, u64::MAX).await.unwrap();
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0].raw, message(7));
    // And a quiet IDLE ends at its timeout.
    let t = Instant::now();
    let (mb, outcome) = mb.idle(Duration::from_secs(2)).await.unwrap();
    assert_eq!(outcome, IdleOutcome::TimedOut);
    assert!(t.elapsed() >= Duration::from_secs(2) && t.elapsed() < Duration::from_secs(10));
    mb.logout().await.unwrap();
}

#[tokio::test]
async fn wrong_password_is_a_login_error_without_the_password() {
    let d = Dovecot::start(Options::default());
    let mut s = settings(&d.imaps_url(), &d);
    s.password = "Wr0ng-Secret-xyz".into();
    let e = Mailbox::connect(&s).await.unwrap_err();
    assert!(matches!(e, ImapError::Login { .. }), "{e:?}");
    let text = e.to_string();
    assert!(!text.contains("Wr0ng-Secret-xyz"), "{text}");
    assert!(!format!("{e:?}").contains("Wr0ng-Secret-xyz"));
    assert!(!text.contains(PASSWORD));
    assert!(text.contains(USER), "{text}");
}

fn proc_status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim_start_matches(':')
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// `message(n)` grown to exactly `len` bytes with base64-like lines, all different.
fn message_of_len(n: usize, len: usize) -> Vec<u8> {
    let mut big = message(n);
    big.truncate(big.len() - format!("Message number {n}.\r\n").len());
    let mut i = 0u64;
    while big.len() < len {
        let line = format!(
            "{:0>76}\r\n",
            format!("{i:x}ABCDEFGHIJKLMNOPQRSTUVWXYZ{}", i * 7919)
        );
        big.extend_from_slice(line.as_bytes());
        i += 1;
    }
    // The last line cut to size, still ending in CRLF.
    big.truncate(len - 2);
    big.extend_from_slice(b"\r\n");
    big
}

#[tokio::test]
async fn large_message_intact() {
    let d = Dovecot::start(Options::default());
    let big = message_of_len(9, 25 * 1024 * 1024 + 12_345);
    // And one of exactly two parts: the third, empty part ends it.
    let exact = message_of_len(3, 2 * donera::imap::PART as usize);
    deliver(&d, &[message(1), big.clone(), message(2), exact.clone()]).await;
    let mut mb = Mailbox::connect(&settings(&d.imaps_url(), &d))
        .await
        .unwrap();
    // Small messages come without the big one behind them, however many bytes are allowed.
    let first = mb.fetch_batch(5, u64::MAX).await.unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].raw, message(1));
    mb.done(&[first[0].uid]).await.unwrap();
    // Peak memory of the fetch: the kernel's high-water mark, reset just before (clear_refs 5).
    let rss_before = proc_status_kib("VmRSS");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let t = Instant::now();
    let batch = mb.fetch_batch(5, u64::MAX).await.unwrap();
    let peak = proc_status_kib("VmHWM").saturating_sub(rss_before) * 1024;
    eprintln!(
        "25 MB fetched over TLS in {:?}, peak growth {} MB (high-water mark reset: {reset})",
        t.elapsed(),
        peak / 1_000_000
    );
    // Fetched in parts into a temporary file: never in memory whole (at once it was held
    // twice, 51 MB), only a part or two in the protocol and TLS buffers. The assertion only
    // holds when the mark could be reset.
    if reset {
        assert!(
            peak < 8 * 1024 * 1024,
            "fetch peak {peak} bytes for {}",
            big.len()
        );
    }
    assert_eq!(batch.len(), 1, "the big message comes alone");
    assert!(batch[0].file.is_some() && batch[0].raw.is_empty());
    let fetched = batch[0].bytes().unwrap();
    assert_eq!(fetched.len(), big.len());
    assert!(fetched == big, "the large message differs");
    mb.done(&[batch[0].uid]).await.unwrap();
    let last = mb.fetch_batch(5, u64::MAX).await.unwrap();
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].raw, message(2));
    mb.done(&[last[0].uid]).await.unwrap();
    let batch = mb.fetch_batch(5, u64::MAX).await.unwrap();
    assert_eq!(batch.len(), 1);
    assert!(
        batch[0].bytes().unwrap() == exact,
        "the two-part message differs"
    );
    mb.logout().await.unwrap();
}

#[tokio::test]
async fn without_move_copies_and_expunges_only_those_uids() {
    let d = Dovecot::start(Options {
        hide_move: true,
        ..Options::default()
    });
    deliver(&d, &[message(1), message(2), message(3)]).await;
    let mut mb = Mailbox::connect(&settings(&d.imaps_url(), &d))
        .await
        .unwrap();
    let caps = mb.capabilities();
    assert!(!caps.r#move && caps.uidplus, "{caps:?}");
    let batch = mb.fetch_batch(10, u64::MAX).await.unwrap();
    assert_eq!(batch.len(), 3);
    // Another client has flagged the third \Deleted (and not expunged it): UID EXPUNGE of
    // our two must leave it alone.
    mb.session()
        .run_command_and_check_ok(format!(
            "UID STORE {} +FLAGS.SILENT (\\Deleted)",
            batch[2].uid
        ))
        .await
        .unwrap();
    mb.done(&[batch[0].uid, batch[1].uid]).await.unwrap();
    mb.logout().await.unwrap();
    let (inbox, flags) = inspect(&d).await;
    assert_eq!(inbox, 1, "the other \\Deleted message must stay");
    assert_eq!(flags.len(), 2, "{flags:?}");
    for f in &flags {
        assert!(f.iter().any(|f| f == "Seen"), "{flags:?}");
        assert!(!f.iter().any(|f| f == "Deleted"), "{flags:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// OAuth 2: a token endpoint and an introspection endpoint served by the test, Dovecot's oauth2
// passdb asking the latter.

#[derive(Debug, Clone)]
pub(crate) struct HttpRequest {
    pub path: String,
    pub body: String,
}

/// A tiny HTTP/1.1 server on 127.0.0.1 in a thread: `POST /token` (client credentials; the
/// token is `tok-<client_id>`, refused with 401 for a wrong secret) and `POST /introspect`
/// (active only for `tok-good-client`). Records every request.
pub(crate) fn oauth_server() -> (u16, Arc<Mutex<Vec<HttpRequest>>>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            conn.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut data = Vec::new();
            let mut buf = [0u8; 4096];
            // Head, then Content-Length bytes of body.
            let (head, body) = loop {
                let n = match conn.read(&mut buf) {
                    Ok(0) | Err(_) => break (String::new(), String::new()),
                    Ok(n) => n,
                };
                data.extend_from_slice(&buf[..n]);
                if let Some(pos) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                    let head = String::from_utf8_lossy(&data[..pos]).to_string();
                    let len: usize = head
                        .lines()
                        .find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case("content-length")
                                .then(|| v.trim().parse().ok())?
                        })
                        .unwrap_or(0);
                    while data.len() < pos + 4 + len {
                        match conn.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => data.extend_from_slice(&buf[..n]),
                        }
                    }
                    let body = String::from_utf8_lossy(&data[pos + 4..]).to_string();
                    break (head, body);
                }
            };
            let path = head
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            seen.lock().unwrap().push(HttpRequest {
                path: path.clone(),
                body: body.clone(),
            });
            let form: Vec<(String, String)> = body
                .split('&')
                .filter_map(|kv| kv.split_once('='))
                .map(|(k, v)| (k.to_owned(), decode_form(v)))
                .collect();
            let get = |k: &str| {
                form.iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let (status, json) = if path == "/token" {
                if get("client_secret") == "client-s3cret"
                    && get("grant_type") == "client_credentials"
                {
                    (
                        "200 OK",
                        format!(
                            r#"{{"token_type":"Bearer","expires_in":3599,"access_token":"tok-{}"}}"#,
                            get("client_id")
                        ),
                    )
                } else {
                    (
                        "401 Unauthorized",
                        r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}"#.to_owned(),
                    )
                }
            } else if path == "/introspect" {
                if get("token") == "tok-good-client" {
                    (
                        "200 OK",
                        format!(r#"{{"active":"true","username":"{USER}"}}"#),
                    )
                } else {
                    ("200 OK", r#"{"active":"false"}"#.to_owned())
                }
            } else {
                ("404 Not Found", "{}".to_owned())
            };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                json.len()
            );
            let _ = conn.write_all(response.as_bytes());
        }
    });
    (port, log)
}

fn decode_form(v: &str) -> String {
    let v = v.replace('+', " ");
    percent_encoding::percent_decode_str(&v)
        .decode_utf8_lossy()
        .into_owned()
}

#[actix_web::test]
async fn xoauth2_with_client_credentials() {
    let (port, log) = oauth_server();
    let d = Dovecot::start(Options {
        oauth2_introspection_url: Some(format!("http://127.0.0.1:{port}/introspect")),
        ..Options::default()
    });
    let mut s = settings(
        &format!(
            "imaps://{}@127.0.0.1:{}/INBOX",
            USER.replace('@', "%40"),
            d.imaps_port
        ),
        &d,
    );
    s.oauth2 = Some(OAuth2Settings {
        token_url: format!("http://127.0.0.1:{port}/token"),
        client_id: "good-client".into(),
        client_secret: "client-s3cret".into(),
        scope: "https://outlook.office365.com/.default".into(),
    });
    let mut mb = match Mailbox::connect(&s).await {
        Ok(mb) => mb,
        Err(e) => panic!("{e}\n{}", d.logs()),
    };
    if std::env::var_os("DONERA_TEST_DOVECOT_LOG").is_some() {
        eprintln!("{}", d.logs());
    }
    assert!(mb.fetch_batch(10, u64::MAX).await.unwrap().is_empty());
    mb.logout().await.unwrap();
    {
        let log = log.lock().unwrap();
        let token = log
            .iter()
            .find(|r| r.path == "/token")
            .expect("no token request");
        for part in [
            "grant_type=client_credentials",
            "client_id=good-client",
            "client_secret=client-s3cret",
            "scope=https%3A%2F%2Foutlook.office365.com%2F.default",
        ] {
            assert!(token.body.contains(part), "{part} not in {}", token.body);
        }
        let introspect = log
            .iter()
            .find(|r| r.path == "/introspect")
            .expect("Dovecot did not introspect the token");
        assert!(
            introspect.body.contains("token=tok-good-client"),
            "{}",
            introspect.body
        );
    }

    // A token the server does not accept: a login error that does not show the token.
    s.oauth2.as_mut().unwrap().client_id = "other-client".into();
    let e = Mailbox::connect(&s).await.unwrap_err();
    assert!(matches!(e, ImapError::Login { .. }), "{e:?}");
    assert!(!e.to_string().contains("tok-other-client"), "{e}");

    // A wrong client secret: the token endpoint's error, without the secret.
    s.oauth2.as_mut().unwrap().client_secret = "not-the-secret".into();
    let e = Mailbox::connect(&s).await.unwrap_err();
    assert!(matches!(e, ImapError::Token(_)), "{e:?}");
    let text = e.to_string();
    assert!(text.contains("invalid_client"), "{text}");
    assert!(!text.contains("not-the-secret"), "{text}");
}
