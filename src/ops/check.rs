//! `donera check-config`: connects to everything the settings name, the way the portal would, and
//! prints one line per dependency. Stops at the first failure.

use std::io::Write;
use std::time::Duration;

use diesel::connection::SimpleConnection;

use super::display_url;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db;
use crate::outbox::mail::Mailer;
use crate::outbox::webhook::Webhook;

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ok(String),
    NotConfigured(String),
    Failed(String),
}

/// One printed line: `database  ok  postgres://***@host/db`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub name: &'static str,
    pub outcome: Outcome,
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.outcome {
            Outcome::Ok(d) => write!(f, "{:<8}  ok  {d}", self.name),
            Outcome::NotConfigured(d) => write!(f, "{:<8}  not configured ({d})", self.name),
            // libpq's messages run over several lines: one line per dependency all the same.
            Outcome::Failed(d) => write!(
                f,
                "{:<8}  FAILED  {}",
                self.name,
                d.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
        }
    }
}

/// Checks the database, then the SMTP server, the webhook and the support mailbox, printing a
/// line for each; false at the first failure (the later ones are not tried).
pub fn check_config(settings: &Settings, clock: &Clock, out: &mut dyn Write) -> bool {
    let mut report = |line: Line| {
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
        !matches!(line.outcome, Outcome::Failed(_))
    };
    if !report(database(settings)) {
        return false;
    }
    // Everything async, the mailer and the HTTP client included, is built inside this runtime:
    // lettre's pooled SMTP transport panics ("there is no reactor running") when built outside.
    actix_web::rt::System::new().block_on(async {
        report(smtp(settings).await)
            && report(webhook(settings, clock).await)
            && report(imap(settings).await)
    })
}

fn database(settings: &Settings) -> Line {
    let shown = display_url(&settings.database_url);
    let checked = (|| -> Result<usize, String> {
        let mut conn = db::open(&settings.database_url).map_err(|e| e.to_string())?;
        conn.batch_execute("SELECT 1")
            .map_err(|e| format!("the database does not answer: {e}"))?;
        db::pending_migrations(&mut conn).map_err(|e| e.to_string())
    })();
    let outcome = match checked {
        Ok(0) => Outcome::Ok(shown),
        Ok(n) => Outcome::Ok(format!(
            "{shown} ({n} migrations pending: applied at the next start or by `donera migrate`)"
        )),
        Err(e) => Outcome::Failed(format!("{shown}: {e}")),
    };
    Line {
        name: "database",
        outcome,
    }
}

async fn smtp(settings: &Settings) -> Line {
    let Some(url) = &settings.smtp_url else {
        return Line {
            name: "smtp",
            outcome: Outcome::NotConfigured(format!(
                "mail files in {}",
                settings.data_dir.join("mail").display()
            )),
        };
    };
    let shown = display_url(url);
    // The worker's own constructor, so that the check sees the TLS and timeout options it uses.
    let outcome = match Mailer::from_settings(settings) {
        Err(e) => Outcome::Failed(format!("{shown}: {e}")),
        Ok(mailer) => {
            match tokio::time::timeout(Duration::from_secs(30), mailer.test_connection()).await {
                Ok(Ok(())) => {
                    Outcome::Ok(format!("{shown} (EHLO and NOOP answered; no mail sent)"))
                }
                Ok(Err(e)) => Outcome::Failed(format!("{shown}: {e}")),
                Err(_) => Outcome::Failed(format!("{shown}: no answer within 30 s")),
            }
        }
    };
    Line {
        name: "smtp",
        outcome,
    }
}

async fn webhook(settings: &Settings, clock: &Clock) -> Line {
    let (Some(url), Some(secret)) = (&settings.webhook_url, &settings.webhook_secret) else {
        return Line {
            name: "webhook",
            outcome: Outcome::NotConfigured(
                "partner events are kept in the outbox as skipped".into(),
            ),
        };
    };
    let shown = display_url(url);
    let hook = Webhook::new(url.clone(), secret.clone().into_bytes());
    let outcome = match hook.ping(clock.now()).await {
        Ok(status) => Outcome::Ok(format!("{shown} (signed ping answered HTTP {status})")),
        Err(e) => Outcome::Failed(format!("{shown}: {e}")),
    };
    Line {
        name: "webhook",
        outcome,
    }
}

/// The support mailbox, the way the poller opens it: TLS, the login (with a fresh OAuth 2 token
/// when so set), the done folder (created when missing, as the poller would) and the mailbox
/// selected. Nothing is read or moved.
async fn imap(settings: &Settings) -> Line {
    let Some(imap) = &settings.imap else {
        return Line {
            name: "imap",
            outcome: Outcome::NotConfigured("no incoming support mail over IMAP".into()),
        };
    };
    let scheme = match imap.security {
        crate::imap::Security::Implicit => "imaps",
        _ => "imap",
    };
    let shown = format!(
        "{scheme}://{}@{}:{}/{}",
        imap.user, imap.host, imap.port, imap.mailbox
    );
    let outcome = match crate::imap::Mailbox::connect(imap).await {
        Ok(mailbox) => {
            let done = mailbox.done_folder().to_owned();
            let _ = mailbox.logout().await;
            Outcome::Ok(format!(
                "{shown} (logged in{}; {} and {done} ready; nothing read)",
                if imap.oauth2.is_some() {
                    " by XOAUTH2"
                } else {
                    ""
                },
                imap.mailbox
            ))
        }
        Err(e) => Outcome::Failed(format!("{shown}: {e}")),
    };
    Line {
        name: "imap",
        outcome,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_the_dependency_and_its_state() {
        let line = |name, outcome| Line { name, outcome }.to_string();
        assert_eq!(
            line("database", Outcome::Ok("sqlite://x.db".into())),
            "database  ok  sqlite://x.db"
        );
        assert_eq!(
            line(
                "smtp",
                Outcome::NotConfigured("mail files in data/mail".into())
            ),
            "smtp      not configured (mail files in data/mail)"
        );
        assert_eq!(
            line("webhook", Outcome::Failed("connection refused".into())),
            "webhook   FAILED  connection refused"
        );
        assert_eq!(
            line(
                "database",
                Outcome::Failed("port 1 failed: refused\n\tIs the server running?\n".into())
            ),
            "database  FAILED  port 1 failed: refused Is the server running?"
        );
    }
}
