//! The real binary, started the way a partner runs it: every setting of the README at once (with
//! a plain and a STARTTLS SMTP server, a webhook receiver and the database of each backend), no
//! settings at all, SMTP and webhook down at start, and a bad value of each setting. A setting
//! added to the README without a place in [`SETTINGS`] fails
//! `the_readme_settings_table_lists_exactly_these_settings`.

use std::collections::BTreeSet;
use std::path::Path;

use crate::dovecot::{self, Dovecot, Options};
use crate::external::{
    Pki, Portal, Remote, SmtpServer, WebhookReceiver, donera, link_path, mail_file,
};
use crate::support::orgnr;
use crate::support::{Kind, SECRET, TestDb, backends};
use crate::support::{PW, register_form};

/// Every setting the README documents. Each one is set by `every_setting`, has a bad value in
/// `a_bad_value_of_any_setting_exits_2_naming_it`, and is listed in the README's table.
pub const SETTINGS: &[&str] = &[
    "DATABASE_URL",
    "DONERA_LISTEN",
    "DONERA_BASE_URL",
    "DONERA_SECRET_KEY",
    "DONERA_PROGRAM_NAME",
    "DONERA_PARTNER_NAME",
    "DONERA_PARTNER_URL",
    "DONERA_DATA_DIR",
    "DONERA_WORKERS",
    "DONERA_DB_POOL_SIZE",
    "DONERA_SMTP_URL",
    "DONERA_SMTP_CA_FILE",
    "DONERA_MAIL_FROM",
    "DONERA_PARTNER_EMAIL",
    "DONERA_SUPPORT_EMAIL",
    "DONERA_IMAP_URL",
    "DONERA_IMAP_DONE_FOLDER",
    "DONERA_IMAP_CA_FILE",
    "DONERA_IMAP_OAUTH2_TOKEN_URL",
    "DONERA_IMAP_OAUTH2_CLIENT_ID",
    "DONERA_IMAP_OAUTH2_CLIENT_SECRET",
    "DONERA_IMAP_OAUTH2_SCOPE",
    "DONERA_PARTNER_WEBHOOK_URL",
    "DONERA_PARTNER_WEBHOOK_SECRET",
    "DONERA_MAX_UPLOAD_MB",
    "DONERA_VALIDATION_MONTHS",
    "DONERA_OUTBOX_MAX_ATTEMPTS",
    "DONERA_OUTBOX_POLL_MS",
    "DONERA_OUTBOX_LEASE_SECONDS",
    "DONERA_TICKET_AUTO_CLOSE_DAYS",
    "DONERA_CONTACT_MIN_FILL_SECONDS",
    "DONERA_CONTACT_IP_LIMIT_PER_HOUR",
    "DONERA_REGISTER_IP_LIMIT_PER_HOUR",
    "DONERA_CONTACT_EMAIL_LIMIT_PER_HOUR",
    "DONERA_BODY_TIMEOUT_SECONDS",
    "DONERA_ORG_STORAGE_QUOTA_MB",
    "DONERA_UPLOAD_MB_PER_HOUR",
    "DONERA_TRUSTED_PROXIES",
    "DONERA_STAFF_2FA",
    "DONERA_METRICS_TOKEN",
    "DONERA_CONTROLLER_NAME",
    "DONERA_CONTROLLER_EMAIL",
    "DONERA_RETAIN_TICKET_MONTHS",
    "DONERA_RETAIN_REJECTED_CERTIFICATE_MONTHS",
    "DONERA_RETAIN_APPROVED_CERTIFICATE_MONTHS",
    "DONERA_RETAIN_VISITOR_LINK_DAYS",
    "DONERA_RETAIN_OUTBOX_DAYS",
    "DONERA_RETAIN_AUDIT_IP_MONTHS",
    "DONERA_RETAIN_ORDER_YEARS",
    "RUST_LOG",
];

const SMTP_LOGIN: (&str, &str) = ("donera-mailer", "hemligt lösen 42");
const WEBHOOK_SECRET: &str = "webhook-secret-0123456789abcdef";
const METRICS_TOKEN: &str = "metrics-token-0123456789";
const BASE: &str = "http://portal.donera.test";
/// The secret `imap::oauth_server` expects.
const OAUTH_SECRET: &str = "client-s3cret";

/// The names in the README's settings table.
fn readme_settings() -> BTreeSet<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("\n## Settings")
        .nth(1)
        .expect("README has a Settings section")
        .split("\n## ")
        .next()
        .unwrap()
        .to_owned();
    section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_readme_settings_table_lists_exactly_these_settings() {
    let listed: BTreeSet<String> = SETTINGS.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(
        readme_settings(),
        listed,
        "a setting in the README needs a place in tests/app/deployment.rs SETTINGS (and a test), and back"
    );
}

/// A non-default value for every setting, each chosen so its effect can be seen.
fn every_setting(
    db_url: &str,
    dir: &Path,
    smtp: &SmtpServer,
    starttls: bool,
    pki: &Pki,
    hook: &WebhookReceiver,
    (imap, oauth_port): (&Dovecot, u16),
) -> Vec<(&'static str, String)> {
    let imap_ca = dir.join("imap-ca.pem");
    std::fs::write(&imap_ca, &imap.pki.ca_pem).unwrap();
    let smtp_url = if starttls {
        // The password has a space and a non-ASCII letter: percent-encoded in the URL.
        format!(
            "smtp://{}:hemligt%20l%C3%B6sen%2042@127.0.0.1:{}?tls=required",
            SMTP_LOGIN.0, smtp.port
        )
    } else {
        format!("smtp://127.0.0.1:{}", smtp.port)
    };
    let env = vec![
        ("DATABASE_URL", db_url.to_owned()),
        ("DONERA_LISTEN", "127.0.0.1:0".to_owned()),
        ("DONERA_BASE_URL", BASE.to_owned()),
        ("DONERA_SECRET_KEY", SECRET.to_owned()),
        ("DONERA_PROGRAM_NAME", "Teknikgåvan Test".to_owned()),
        ("DONERA_PARTNER_NAME", "Partnerbyrån Test".to_owned()),
        (
            "DONERA_PARTNER_URL",
            "https://partner.example.org".to_owned(),
        ),
        (
            "DONERA_DATA_DIR",
            dir.join("state").to_string_lossy().into_owned(),
        ),
        ("DONERA_WORKERS", "3".to_owned()),
        ("DONERA_DB_POOL_SIZE", "5".to_owned()),
        ("DONERA_SMTP_URL", smtp_url),
        (
            "DONERA_SMTP_CA_FILE",
            pki.path("ca.pem").to_string_lossy().into_owned(),
        ),
        (
            "DONERA_MAIL_FROM",
            "Teknikgåvan <portal@donera.example.org>".to_owned(),
        ),
        ("DONERA_PARTNER_EMAIL", "partner@example.org".to_owned()),
        (
            "DONERA_SUPPORT_EMAIL",
            "support@donera.example.org".to_owned(),
        ),
        // The support mailbox: Dovecot over TLS with its private CA, logged in by XOAUTH2 with
        // a token from the client-credentials grant (no password in the URL).
        (
            "DONERA_IMAP_URL",
            format!(
                "imaps://{}@127.0.0.1:{}/INBOX",
                dovecot::USER.replace('@', "%40"),
                imap.imaps_port
            ),
        ),
        ("DONERA_IMAP_DONE_FOLDER", "Donera/Klart".to_owned()),
        (
            "DONERA_IMAP_CA_FILE",
            imap_ca.to_string_lossy().into_owned(),
        ),
        (
            "DONERA_IMAP_OAUTH2_TOKEN_URL",
            format!("http://127.0.0.1:{oauth_port}/token"),
        ),
        ("DONERA_IMAP_OAUTH2_CLIENT_ID", "good-client".to_owned()),
        ("DONERA_IMAP_OAUTH2_CLIENT_SECRET", OAUTH_SECRET.to_owned()),
        (
            "DONERA_IMAP_OAUTH2_SCOPE",
            "https://outlook.office365.com/.default".to_owned(),
        ),
        ("DONERA_PARTNER_WEBHOOK_URL", hook.url.clone()),
        ("DONERA_PARTNER_WEBHOOK_SECRET", WEBHOOK_SECRET.to_owned()),
        ("DONERA_MAX_UPLOAD_MB", "2".to_owned()),
        ("DONERA_VALIDATION_MONTHS", "18".to_owned()),
        ("DONERA_OUTBOX_MAX_ATTEMPTS", "5".to_owned()),
        ("DONERA_OUTBOX_POLL_MS", "50".to_owned()),
        ("DONERA_OUTBOX_LEASE_SECONDS", "30".to_owned()),
        ("DONERA_TICKET_AUTO_CLOSE_DAYS", "3".to_owned()),
        ("DONERA_CONTACT_MIN_FILL_SECONDS", "0".to_owned()),
        ("DONERA_CONTACT_IP_LIMIT_PER_HOUR", "4".to_owned()),
        ("DONERA_REGISTER_IP_LIMIT_PER_HOUR", "7".to_owned()),
        ("DONERA_CONTACT_EMAIL_LIMIT_PER_HOUR", "6".to_owned()),
        ("DONERA_BODY_TIMEOUT_SECONDS", "45".to_owned()),
        ("DONERA_ORG_STORAGE_QUOTA_MB", "500".to_owned()),
        ("DONERA_UPLOAD_MB_PER_HOUR", "0".to_owned()),
        ("DONERA_TRUSTED_PROXIES", "10.0.0.0/8, ::1".to_owned()),
        ("DONERA_STAFF_2FA", "required".to_owned()),
        ("DONERA_METRICS_TOKEN", METRICS_TOKEN.to_owned()),
        (
            "DONERA_CONTROLLER_NAME",
            "Integritetsbyrån Test AB".to_owned(),
        ),
        (
            "DONERA_CONTROLLER_EMAIL",
            "dataskydd@example.org".to_owned(),
        ),
        ("DONERA_RETAIN_TICKET_MONTHS", "18".to_owned()),
        ("DONERA_RETAIN_REJECTED_CERTIFICATE_MONTHS", "4".to_owned()),
        ("DONERA_RETAIN_APPROVED_CERTIFICATE_MONTHS", "2".to_owned()),
        ("DONERA_RETAIN_VISITOR_LINK_DAYS", "60".to_owned()),
        ("DONERA_RETAIN_OUTBOX_DAYS", "14".to_owned()),
        ("DONERA_RETAIN_AUDIT_IP_MONTHS", "9".to_owned()),
        ("DONERA_RETAIN_ORDER_YEARS", "8".to_owned()),
        ("RUST_LOG", "debug".to_owned()),
    ];
    let names: BTreeSet<&str> = env.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        names,
        SETTINGS.iter().copied().collect(),
        "every setting is set"
    );
    env
}

async fn every_setting_at_once(starttls: bool) {
    for kind in backends() {
        let pki = Pki::new();
        let smtp = SmtpServer::start(starttls.then(|| pki.server_config()), starttls);
        let hook = WebhookReceiver::start(WEBHOOK_SECRET);
        let (oauth_port, oauth_log) = crate::imap::oauth_server();
        let imap = Dovecot::start(Options {
            oauth2_introspection_url: Some(format!("http://127.0.0.1:{oauth_port}/introspect")),
            ..Options::default()
        });
        let dir = tempfile::tempdir().unwrap();
        let test_db = TestDb::new(kind);
        let db_url = match kind {
            // Not the default place: a folder of its own, created by the portal.
            Kind::Sqlite => format!("sqlite://{}/db/portal.db", dir.path().display()),
            Kind::Postgres => test_db.url.clone(),
        };
        let env = every_setting(
            &db_url,
            dir.path(),
            &smtp,
            starttls,
            &pki,
            &hook,
            (&imap, oauth_port),
        );
        let portal = Portal::start(&env, dir.path());
        let what = format!("{kind:?}, starttls {starttls}");

        // The settings in effect, as the start-up line prints them.
        let line = portal.settings_line();
        for expected in [
            "workers=3",
            "db_pool_size=5",
            "max_upload_bytes=2097152",
            "validation_months=18",
            "outbox_max_attempts=5",
            "outbox_poll_ms=50",
            "outbox_lease_seconds=30",
            "ticket_auto_close_days=3",
            "contact_min_fill_seconds=0",
            "contact_ip_limit_per_hour=4",
            "register_ip_limit_per_hour=7",
            "contact_email_limit_per_hour=6",
            "body_timeout_seconds=45",
            "org_storage_quota_bytes=524288000",
            "upload_bytes_per_hour=0",
            "trusted_proxies=10.0.0.0/8,::1/128",
            "staff_2fa=\"required\"",
            "smtp_ca_file=\"set\"",
            "webhook_secret=\"set\"",
            "metrics_token=\"set\"",
            "partner_email=\"partner@example.org\"",
            "support_email=\"support@donera.example.org\"",
            "done=Donera/Klart oauth2=set",
            "imap_ca_file=\"set\"",
        ] {
            assert!(line.contains(expected), "{what}: {expected} in {line}");
        }
        assert!(
            line.contains(&format!("{}/state", dir.path().display())),
            "{what}: {line}"
        );

        let mut b = Remote::new(&portal.url());
        let home = b.get("/sv/").await;
        assert_eq!(home.status, 200, "{what}");
        let text = home.text();
        assert!(text.contains("Teknikgåvan Test"), "{what}: program name");
        assert!(text.contains("Partnerbyrån Test"), "{what}: partner name");
        assert!(
            text.contains("https://partner.example.org"),
            "{what}: partner url"
        );

        // The privacy notice states the controller and the retention periods in force.
        let notice = b.get("/sv/integritet").await;
        assert_eq!(notice.status, 200, "{what}");
        let notice = notice.text();
        for expected in [
            "Integritetsbyrån Test AB",
            "mailto:dataskydd@example.org",
            "18 månader efter att ärendet stängts",
            "4 månader efter beslutet",
            "2 månader efter att intyget slutat gälla",
            "60 dagar efter att ärendet stängts",
            "14 dagar efter att meddelandet skickats",
            "9 månader; själva händelsen",
            "därefter 8 år som bokföringsunderlag",
            "e-postservern 127.0.0.1",
            "partner@example.org",
        ] {
            assert!(
                notice.contains(expected),
                "{what}: {expected} in the privacy notice"
            );
        }
        assert!(
            !notice.contains(SMTP_LOGIN.0),
            "{what}: no SMTP user name in the notice"
        );

        // Register; the confirmation comes over SMTP, as does the partner's copy of the event.
        let email = format!("anna-{}@example.org", donera::random_hex(4));
        let number = orgnr(7101);
        let res = b
            .submit(
                "/sv/registrera",
                "/sv/registrera",
                &register_form("Föreningen Start", &number, &email),
            )
            .await;
        assert_eq!(res.status, 303, "{what}: {}", res.text());
        let mail = smtp
            .mails
            .wait_for("the confirmation e-mail", |m| m.to.contains(&email));
        assert_eq!(mail.from, "portal@donera.example.org", "{what}");
        assert!(
            mail.header("Reply-To")
                .is_some_and(|r| r.contains("partner@example.org")),
            "{what}: Reply-To {:?}",
            mail.header("Reply-To")
        );
        if starttls {
            assert!(mail.tls, "{what}: sent after STARTTLS");
            assert_eq!(
                mail.login.as_deref(),
                Some(format!("{}:{}", SMTP_LOGIN.0, SMTP_LOGIN.1).as_str()),
                "{what}: logged in with the URL's credentials"
            );
        } else {
            assert!(!mail.tls && mail.login.is_none(), "{what}");
        }
        let path = link_path(&mail.text(), BASE).unwrap_or_else(|| panic!("{what}: no link"));
        let res = b.submit(&path, &path, &[]).await;
        assert_eq!(res.status, 303, "{what}: confirm {path}");
        let partner = smtp.mails.wait_for("the partner's e-mail", |m| {
            m.to.iter().any(|t| t == "partner@example.org")
        });
        assert!(partner.text().contains(&number), "{what}");

        // The webhook event, signed with the secret.
        let event = hook.hooks.wait_for("the webhook event", |h| {
            h.event == "organisation.registered"
        });
        assert!(event.signature_ok, "{what}: signature");
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        assert_eq!(
            digits(
                event.body["data"]["org_number"]
                    .as_str()
                    .unwrap_or_default()
            ),
            digits(&number),
            "{what}"
        );
        assert_eq!(event.body["id"], event.id.as_str(), "{what}");

        // Logged in, a certificate larger than DONERA_MAX_UPLOAD_MB is refused with 413.
        let res = b
            .submit(
                "/sv/logga-in",
                "/sv/logga-in",
                &[("email", &email), ("password", PW)],
            )
            .await;
        assert_eq!(res.status, 303, "{what}: login");
        let big = vec![b'%'; 3 * 1024 * 1024];
        let res = b.upload("/sv/konto/certifikat", "intyg.pdf", &big).await;
        assert_eq!(res.status, 413, "{what}: 3 MB over a 2 MB limit");

        answer_by_mail(&mut b, &smtp, &imap, &db_url, &what).await;
        assert!(
            oauth_log
                .lock()
                .unwrap()
                .iter()
                .any(|r| r.path == "/token" && r.body.contains("client_id=good-client")),
            "{what}: the portal asked for its IMAP token"
        );

        // Both channels delivered, so /healthz says so.
        let health = b.get("/healthz").await;
        assert_eq!(health.status, 200);
        let h: serde_json::Value = serde_json::from_slice(&health.body).unwrap();
        assert_eq!(
            (
                h["database"].as_str(),
                h["smtp"].as_str(),
                h["webhook"].as_str()
            ),
            (Some("ok"), Some("ok"), Some("ok")),
            "{what}: {h}"
        );

        // /metrics is on, behind the token.
        assert_eq!(b.get("/metrics").await.status, 401, "{what}");
        b.extra = vec![("authorization".into(), format!("Bearer {METRICS_TOKEN}"))];
        let metrics = b.get("/metrics").await;
        b.extra.clear();
        assert_eq!(metrics.status, 200, "{what}");
        assert!(
            metrics.text().contains("/sv/registrera"),
            "{what}: {}",
            metrics.text()
        );

        // RUST_LOG=debug shows debug lines (the default, in the test below, does not), and
        // nothing secret is in what it printed.
        let out = portal.output();
        assert!(out.contains(" DEBUG "), "{what}: no debug lines");
        for secret in [
            SECRET,
            WEBHOOK_SECRET,
            METRICS_TOKEN,
            SMTP_LOGIN.1,
            "hemligt%20l%C3%B6sen",
            OAUTH_SECRET,
            "tok-good-client",
        ] {
            assert!(!out.contains(secret), "{what}: {secret} in the log");
        }
    }
}

/// Support by e-mail through the real binary: a visitor's ticket, its e-mail over SMTP, the answer
/// put in the support mailbox (Dovecot), read by the portal over IMAP and stored on the ticket
/// without the quoted e-mail, once, the mail moved to the done folder.
async fn answer_by_mail(
    b: &mut Remote,
    smtp: &SmtpServer,
    imap: &Dovecot,
    db_url: &str,
    what: &str,
) {
    use diesel::prelude::*;
    use donera::db::schema::{ticket_messages as tm, tickets as t};
    let visitor = format!("vera-{}@example.org", donera::random_hex(4));
    let page = b.get("/sv/kontakt").await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let started = page.attr("input[name=started]", "value").unwrap();
    let res = b
        .post(
            "/sv/kontakt",
            &[
                ("csrf", &csrf),
                ("started", &started),
                ("website", ""),
                ("name", "Vera Besökare"),
                ("email", &visitor),
                ("organisation", "Kören i Byn"),
                ("category", "validation"),
                ("subject", "Hur validerar vi oss?"),
                ("message", "Vi är en ideell förening."),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "{what}: {}", res.text());
    let sent = smtp
        .mails
        .wait_for("the ticket's e-mail", |m| m.to.contains(&visitor));
    let reply_to = sent.header("Reply-To").unwrap();
    assert!(
        reply_to.starts_with("support+d2026") && reply_to.ends_with("@donera.example.org"),
        "{what}: {reply_to}"
    );
    let message_id = sent.header("Message-ID").unwrap();
    let subject = sent.header("Subject").unwrap();
    let number = subject
        .split(['[', ']'])
        .nth(1)
        .unwrap_or_else(|| panic!("{what}: {subject}"))
        .to_owned();
    let answer = format!(
        "From: Vera =?utf-8?q?Bes=C3=B6kare?= <{visitor}>\r\nTo: {reply_to}\r\nSubject: SV: [{number}] Vi har tagit emot ditt arende\r\nMessage-ID: <answer-{}@example.org>\r\nIn-Reply-To: {message_id}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nVi har 40 medlemmar och ett organisationsnummer.\r\n\r\nDen 4 dec. 2026 kl. 10:00 skrev Teknikgåvan <portal@donera.example.org>:\r\n> — Svara ovanför den här raden —\r\n> Hej Vera!\r\n",
        donera::random_hex(6)
    );
    let mut settings = donera::imap::ImapSettings::from_url(&format!(
        "imaps://{}@127.0.0.1:{}/INBOX",
        dovecot::USER.replace('@', "%40"),
        imap.imaps_port
    ))
    .unwrap();
    settings.ca_pem = Some(imap.pki.ca_pem.clone().into_bytes());
    let mailbox = |settings: donera::imap::ImapSettings| async move {
        donera::imap::Mailbox::connect_with_token(&settings, Some("tok-good-client"))
            .await
            .unwrap()
    };
    let pool = donera::db::connect(db_url, 1).unwrap();
    let thread = || -> Vec<(String, String)> {
        let mut c = pool.get().unwrap();
        tm::table
            .inner_join(t::table)
            .filter(t::number.eq(&number))
            .order(tm::id)
            .select((tm::author_kind, tm::body))
            .load(&mut c)
            .unwrap()
    };
    // Twice the same mail (a second copy, say by a retry): stored once.
    for copy in 1..=2 {
        let mut m = mailbox(settings.clone()).await;
        m.session()
            .append("INBOX", None, None, answer.as_bytes())
            .await
            .unwrap();
        m.logout().await.unwrap();
        // The portal moves a message out of INBOX only once it is stored.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let mut m = mailbox(settings.clone()).await;
            let waiting = m.session().select("INBOX").await.unwrap().exists;
            let done = m
                .session()
                .select("Donera.Klart")
                .await
                .map(|s| s.exists)
                .unwrap_or(0);
            m.logout().await.unwrap();
            if waiting == 0 && done == copy {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{what}: copy {copy} still in INBOX ({waiting}) or not in the done folder ({done})"
            );
            // Each check is a new IMAP login; the wait is for the portal's IDLE to react.
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let messages = thread();
        assert_eq!(
            messages,
            vec![
                ("visitor".to_owned(), "Vi är en ideell förening.".to_owned()),
                (
                    "visitor".to_owned(),
                    "Vi har 40 medlemmar och ett organisationsnummer.".to_owned()
                ),
            ],
            "{what}: copy {copy}"
        );
    }
}

#[actix_web::test]
async fn every_setting_at_once_with_plain_smtp() {
    every_setting_at_once(false).await;
}

#[actix_web::test]
async fn every_setting_at_once_with_starttls_smtp_and_a_private_ca() {
    every_setting_at_once(true).await;
}

/// The README's first command: nothing set but the port (the default 8080 may be taken on a
/// shared machine). SQLite in ./data, a generated key, e-mails as files, partner events kept.
#[actix_web::test]
async fn no_settings_at_all_serves_from_data_with_mail_files() {
    let dir = tempfile::tempdir().unwrap();
    let portal = Portal::start(&[("DONERA_LISTEN", "127.0.0.1:0".to_owned())], dir.path());
    let out = portal.output();
    assert!(
        out.contains(&format!("Donera is running at http://{}/", portal.addr)),
        "{out}"
    );
    assert!(dir.path().join("data/donera.db").exists());
    let key = dir.path().join("data/secret.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let mut b = Remote::new(&portal.url());
    let home = b.get("/sv/").await;
    assert_eq!(home.status, 200);
    assert!(home.text().contains("TechSoup Sverige"));
    // At rest after a page, the portal's own memory is small: 7 MiB measured, 23 MiB when the
    // allocator's arenas took transparent huge pages (see main.rs).
    if let Some(mib) = portal.anonymous_mib() {
        assert!(mib < 16.0, "{mib:.1} MiB of anonymous memory at rest");
    }
    let email = "solo@example.org";
    let res = b
        .submit(
            "/sv/registrera",
            "/sv/registrera",
            &register_form("Föreningen Solo", &orgnr(7102), email),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    // The outbox worker writes the e-mail as a file.
    let text = mail_file(&dir.path().join("data"), email);
    let base = format!("http://{}", "127.0.0.1:0");
    let path = link_path(&text, &base).unwrap_or_else(|| panic!("no link in {text}"));
    let res = b.submit(&path, &path, &[]).await;
    assert_eq!(res.status, 303, "confirm {path}");

    let health = b.get("/healthz").await;
    let h: serde_json::Value = serde_json::from_slice(&health.body).unwrap();
    assert_eq!(
        (h["smtp"].as_str(), h["webhook"].as_str()),
        (Some("not_configured"), Some("not_configured")),
        "{h}"
    );
    assert!(
        !portal.output().contains(" DEBUG "),
        "info is the default level"
    );
    // The partner event has nowhere to go and is kept as `skipped`.
    let outbox = donera(&["outbox"], &[], dir.path());
    let listing = String::from_utf8_lossy(&outbox.stdout);
    let skipped = listing
        .lines()
        .find(|l| l.starts_with("skipped"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<u32>().ok());
    assert!(skipped.is_some_and(|n| n >= 1), "{listing}");
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[actix_web::test]
async fn smtp_and_webhook_down_at_start_leave_pages_up_and_healthz_names_them() {
    for kind in backends() {
        let dir = tempfile::tempdir().unwrap();
        let test_db = TestDb::new(kind);
        let env = vec![
            ("DATABASE_URL", test_db.url.clone()),
            ("DONERA_LISTEN", "127.0.0.1:0".to_owned()),
            ("DONERA_SECRET_KEY", SECRET.to_owned()),
            ("DONERA_OUTBOX_POLL_MS", "50".to_owned()),
            (
                "DONERA_SMTP_URL",
                format!("smtp://127.0.0.1:{}?tls=required", closed_port()),
            ),
            (
                "DONERA_PARTNER_WEBHOOK_URL",
                format!("http://127.0.0.1:{}/hook", closed_port()),
            ),
            ("DONERA_PARTNER_WEBHOOK_SECRET", WEBHOOK_SECRET.to_owned()),
        ];
        let portal = Portal::start(&env, dir.path());
        let mut b = Remote::new(&portal.url());
        assert_eq!(b.get("/sv/").await.status, 200, "{kind:?}");
        // The worker probes both at start; wait (with a deadline) until /healthz reports it.
        let deadline = std::time::Instant::now() + crate::external::PATIENCE;
        let h = loop {
            let res = b.get("/healthz").await;
            assert_eq!(res.status, 200, "{kind:?}: the database answers");
            let h: serde_json::Value = serde_json::from_slice(&res.body).unwrap();
            if h["smtp"] == "failing" && h["webhook"] == "failing" {
                break h;
            }
            assert!(std::time::Instant::now() < deadline, "{kind:?}: {h}");
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        assert_eq!(h["status"], "ok", "{kind:?}");
        assert_eq!(h["database"], "ok", "{kind:?}");
        // Registering still works; its e-mail and events wait in the outbox.
        let res = b
            .submit(
                "/sv/registrera",
                "/sv/registrera",
                &register_form("Föreningen Vänta", &orgnr(7103), "vanta@example.org"),
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}");
        let outbox = donera(&["outbox"], &env, dir.path());
        let listing = String::from_utf8_lossy(&outbox.stdout);
        let pending = listing
            .lines()
            .find(|l| l.starts_with("pending"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse::<u32>().ok());
        assert!(pending.is_some_and(|n| n >= 2), "{kind:?}: {listing}");
        assert!(!portal.output().contains("panicked"), "{kind:?}");
    }
}

#[test]
fn a_bad_value_of_any_setting_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_cert = dir.path().join("not-a-cert.pem");
    std::fs::write(&not_a_cert, "hello").unwrap();
    let a_file = dir.path().join("a-file");
    std::fs::write(&a_file, "x").unwrap();
    let bad: Vec<(&str, String)> = vec![
        ("DATABASE_URL", "mysql://x/y".into()),
        ("DONERA_LISTEN", "nowhere".into()),
        ("DONERA_BASE_URL", "example.org".into()),
        ("DONERA_SECRET_KEY", "short".into()),
        ("DONERA_PROGRAM_NAME", "x".repeat(121)),
        ("DONERA_PARTNER_NAME", "Partner\nSet-Cookie: x".into()),
        ("DONERA_PARTNER_URL", "javascript:alert(1)".into()),
        (
            "DONERA_DATA_DIR",
            a_file.join("sub").to_string_lossy().into_owned(),
        ),
        ("DONERA_WORKERS", "many".into()),
        ("DONERA_DB_POOL_SIZE", "0".into()),
        ("DONERA_SMTP_URL", "http://mail.example.org".into()),
        (
            "DONERA_SMTP_CA_FILE",
            not_a_cert.to_string_lossy().into_owned(),
        ),
        ("DONERA_MAIL_FROM", "not an address".into()),
        ("DONERA_PARTNER_EMAIL", "support-at-example".into()),
        ("DONERA_SUPPORT_EMAIL", "support+tag@example.org".into()),
        (
            "DONERA_IMAP_URL",
            "pop3://user:pw@mail.example.org/INBOX".into(),
        ),
        ("DONERA_IMAP_DONE_FOLDER", "Klart".into()),
        ("DONERA_IMAP_CA_FILE", "/nonexistent/ca.pem".into()),
        (
            "DONERA_IMAP_OAUTH2_TOKEN_URL",
            "https://login.example.org/token".into(),
        ),
        ("DONERA_IMAP_OAUTH2_CLIENT_ID", "client".into()),
        ("DONERA_IMAP_OAUTH2_CLIENT_SECRET", "secret".into()),
        ("DONERA_IMAP_OAUTH2_SCOPE", "scope".into()),
        ("DONERA_PARTNER_WEBHOOK_URL", "file:///etc/passwd".into()),
        ("DONERA_PARTNER_WEBHOOK_SECRET", "too-short".into()),
        ("DONERA_MAX_UPLOAD_MB", "0".into()),
        ("DONERA_VALIDATION_MONTHS", "61".into()),
        ("DONERA_OUTBOX_MAX_ATTEMPTS", "0".into()),
        ("DONERA_OUTBOX_POLL_MS", "5".into()),
        ("DONERA_OUTBOX_LEASE_SECONDS", "-1".into()),
        ("DONERA_TICKET_AUTO_CLOSE_DAYS", "0".into()),
        ("DONERA_CONTACT_MIN_FILL_SECONDS", "ten".into()),
        ("DONERA_CONTACT_IP_LIMIT_PER_HOUR", "-3".into()),
        ("DONERA_REGISTER_IP_LIMIT_PER_HOUR", "many".into()),
        ("DONERA_CONTACT_EMAIL_LIMIT_PER_HOUR", "-1".into()),
        ("DONERA_BODY_TIMEOUT_SECONDS", "0".into()),
        ("DONERA_ORG_STORAGE_QUOTA_MB", "1 GB".into()),
        ("DONERA_UPLOAD_MB_PER_HOUR", "-5".into()),
        ("DONERA_TRUSTED_PROXIES", "proxy.internal".into()),
        ("DONERA_STAFF_2FA", "sometimes".into()),
        ("DONERA_METRICS_TOKEN", "short".into()),
        ("DONERA_CONTROLLER_NAME", "Controller\r\nBcc: x".into()),
        ("DONERA_CONTROLLER_EMAIL", "privacy-at-example".into()),
        ("DONERA_RETAIN_TICKET_MONTHS", "0".into()),
        ("DONERA_RETAIN_REJECTED_CERTIFICATE_MONTHS", "six".into()),
        ("DONERA_RETAIN_APPROVED_CERTIFICATE_MONTHS", "-1".into()),
        ("DONERA_RETAIN_VISITOR_LINK_DAYS", "0".into()),
        ("DONERA_RETAIN_OUTBOX_DAYS", "31".into()),
        ("DONERA_RETAIN_AUDIT_IP_MONTHS", "1y".into()),
        ("DONERA_RETAIN_ORDER_YEARS", "0".into()),
        ("RUST_LOG", "donera=loud".into()),
    ];
    let names: BTreeSet<&str> = bad.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        names,
        SETTINGS.iter().copied().collect(),
        "a bad value for each"
    );
    for (name, value) in &bad {
        let mut env = vec![
            ("DONERA_LISTEN", "127.0.0.1:0".to_owned()),
            (
                "DONERA_DATA_DIR",
                dir.path().join("data").to_string_lossy().into_owned(),
            ),
        ];
        // The data folder's test needs the key file; the others get a key from the environment.
        if *name != "DONERA_DATA_DIR" {
            env.push(("DONERA_SECRET_KEY", SECRET.to_owned()));
        }
        // A webhook secret is only checked with a URL.
        if *name == "DONERA_PARTNER_WEBHOOK_SECRET" {
            env.push((
                "DONERA_PARTNER_WEBHOOK_URL",
                "https://partner.example.org/hook".to_owned(),
            ));
        }
        env.retain(|(k, _)| k != name);
        env.push((name, value.clone()));
        let out = donera(&["serve"], &env, dir.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}={value:?}: {err}");
        assert!(
            err.contains(name) && !err.contains("panicked"),
            "{name}: {err}"
        );
    }
}
