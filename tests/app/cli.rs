//! The `donera` binary: subcommands, bad arguments and bad settings.

use std::process::Command;

use crate::support::{Kind, SECRET, TestDb, backends};

fn donera(args: &[&str], env: &[(&str, &str)], dir: &std::path::Path) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_donera"));
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn unknown_arguments_exit_with_status_2_and_a_message() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["frobnicate"][..],
        &["serve", "--nope"][..],
        &["--bogus"][..],
    ] {
        let out = donera(args, &[], dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("error") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn invalid_settings_exit_with_status_2_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    for (name, value) in [
        ("DONERA_LISTEN", "not-an-address"),
        ("DATABASE_URL", "mysql://x/y"),
        ("DONERA_SECRET_KEY", "short"),
        ("DONERA_BASE_URL", "example.org"),
    ] {
        let out = donera(&["migrate"], &[(name, value)], dir.path());
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(name) && !err.contains("panicked"),
            "{name}: {err}"
        );
    }
}

#[test]
fn migrate_applies_the_schema_and_creates_the_data_folder() {
    for kind in backends() {
        let dir = tempfile::tempdir().unwrap();
        let test_db = TestDb::new(kind);
        let url = match kind {
            // The default location: ./data/donera.db, folder created.
            Kind::Sqlite => None,
            Kind::Postgres => Some(test_db.url.as_str()),
        };
        let mut env = vec![("DONERA_SECRET_KEY", SECRET)];
        if let Some(url) = url {
            env.push(("DATABASE_URL", url));
        }
        let out = donera(&["migrate"], &env, dir.path());
        assert!(
            out.status.success(),
            "{kind:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if kind == Kind::Sqlite {
            assert!(dir.path().join("data/donera.db").exists());
        }
        let again = donera(&["migrate"], &env, dir.path());
        assert!(again.status.success());
    }
}

#[test]
fn an_unreachable_postgres_is_reported_not_panicked() {
    let dir = tempfile::tempdir().unwrap();
    let out = donera(
        &["migrate"],
        &[
            ("DONERA_SECRET_KEY", SECRET),
            ("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none"),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot connect") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn without_a_secret_key_one_is_generated_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = donera(&["migrate"], &[], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let key = std::fs::read_to_string(dir.path().join("data/secret.key")).unwrap();
    assert_eq!(key.len(), 64);
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(log.contains("generated a new secret key"), "{log}");
    assert!(!log.contains(&key), "the key itself is never logged");
}

#[test]
fn create_staff_reads_the_password_from_stdin_and_refuses_bad_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_donera"))
            .args(args)
            .current_dir(dir.path())
            .env_clear()
            .env("DONERA_SECRET_KEY", SECRET)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // A refusal may come before the password is read: the pipe is then closed, and what
        // counts is the answer, not the write.
        let written = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        if let Err(e) = written {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
        child.wait_with_output().unwrap()
    };
    let ok = run(
        &[
            "create-staff",
            "--email",
            "Admin@Partner.example.org",
            "--name",
            "Stina",
            "--role",
            "admin",
        ],
        "korrekt häst batteri\n",
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        String::from_utf8_lossy(&ok.stdout).contains("created admin admin@partner.example.org")
    );
    let again = run(
        &[
            "create-staff",
            "--email",
            "admin@partner.example.org",
            "--name",
            "Stina",
            "--role",
            "admin",
        ],
        "korrekt häst batteri\n",
    );
    assert_eq!(again.status.code(), Some(1), "the same e-mail twice");
    let weak = run(
        &[
            "create-staff",
            "--email",
            "b@partner.example.org",
            "--name",
            "B",
            "--role",
            "agent",
        ],
        "password1\n",
    );
    assert_eq!(weak.status.code(), Some(2));
    let role = run(
        &[
            "create-staff",
            "--email",
            "c@partner.example.org",
            "--name",
            "C",
            "--role",
            "member",
        ],
        "korrekt häst batteri\n",
    );
    assert_eq!(role.status.code(), Some(2));
    let email = run(
        &[
            "create-staff",
            "--email",
            "not-an-address",
            "--name",
            "C",
            "--role",
            "agent",
        ],
        "korrekt häst batteri\n",
    );
    assert_eq!(email.status.code(), Some(2));
    for out in [&ok, &again, &weak, &role, &email] {
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !all.contains("korrekt häst batteri") && !all.contains("panicked"),
            "{all}"
        );
    }
}

#[test]
fn check_usage_counts_only_the_granted_products_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("active.csv");
    std::fs::write(
        &file,
        crate::usage::export(&[
            (20, 16, "MICROSOFT 365 BUSINESS BASIC"),
            (10, 10, "POWER BI PRO"),
        ]),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    // By default Basic is the grant and Power BI is paid: 16 of 20 fails.
    let out = donera(&["check-usage", path], &[], dir.path());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("active 16 licensed 20 share 80.0% needed 17 passes false")
            && text.contains("not counted \"POWER BI PRO\" users 10"),
        "{text}"
    );
    // Both named as grants (repeatable flag): 26 of 30 is 86.6 %, but Basic fails on its own.
    let out = donera(
        &[
            "check-usage",
            path,
            "--granted",
            "microsoft 365 business basic",
            "--granted",
            "POWER BI PRO",
        ],
        &[],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("active 26 licensed 30 share 86.6% needed 26 passes false")
            && text.contains(
                "grant \"POWER BI PRO\" active 10 licensed 10 share 100.0% needed 9 passes true"
            ),
        "{text}"
    );
    // Only paid products named: the clear refusal.
    let out = donera(
        &["check-usage", path, "--granted", "Nothing"],
        &[],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage-error-no-granted"));
}

/// The last line printed (the log goes to standard output too).
fn last_line(out: &[u8]) -> String {
    String::from_utf8_lossy(out)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned()
}

/// Runs `donera mail-in` with `raw` on standard input.
fn mail_in(raw: &[u8], env: &[(&str, &str)], dir: &std::path::Path) -> std::process::Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_donera"));
    cmd.arg("mail-in")
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(raw).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn mail_in_stores_a_piped_message_once_and_asks_the_mta_to_retry_without_a_database() {
    use diesel::prelude::*;
    let raw = "From: =?ISO-8859-1?Q?G=F6ran?= <goran@example.se>\r\nTo: support@partner.example.org\r\nSubject: =?ISO-8859-1?Q?Fr=E5ga?=\r\nMessage-ID: <pipe-1@example.se>\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHej! Hur g\u{e5}r vi vidare?\r\n";
    // ISO-8859-1 bytes: every char here is below U+0100.
    let raw: Vec<u8> = raw.chars().map(|c| c as u32 as u8).collect();
    for kind in backends() {
        let dir = tempfile::tempdir().unwrap();
        let test_db = TestDb::new(kind);
        let env = [
            ("DONERA_SECRET_KEY", SECRET),
            ("DATABASE_URL", test_db.url.as_str()),
            ("DONERA_SUPPORT_EMAIL", "support@partner.example.org"),
        ];
        let out = mail_in(&raw, &env, dir.path());
        assert_eq!(
            out.status.code(),
            Some(0),
            "{kind:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(last_line(&out.stdout), "created");
        let again = mail_in(&raw, &env, dir.path());
        assert_eq!(again.status.code(), Some(0));
        assert_eq!(last_line(&again.stdout), "duplicate");
        let pool = donera::db::connect(&test_db.url, 1).unwrap();
        let mut c = pool.get().unwrap();
        use donera::db::schema::{ticket_messages as tm, tickets as t};
        let rows: Vec<(String, String, String)> = t::table
            .inner_join(tm::table)
            .select((t::subject, t::requester_name, tm::body))
            .load(&mut c)
            .unwrap();
        assert_eq!(
            rows,
            vec![(
                "Fråga".to_owned(),
                "Göran".to_owned(),
                "Hej! Hur går vi vidare?".to_owned()
            )]
        );
    }
    // No database: EX_TEMPFAIL, so the MTA keeps the message and tries again.
    let dir = tempfile::tempdir().unwrap();
    let out = mail_in(
        &raw,
        &[
            ("DONERA_SECRET_KEY", SECRET),
            ("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none"),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(75));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
