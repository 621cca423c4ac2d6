//! E-mail: composing a message from an outbox event in the recipient's language, and sending it
//! over SMTP, or, without SMTP settings, writing it as an `.eml` file under `data/mail/`.

use std::path::PathBuf;

use fluent_bundle::{FluentArgs, FluentValue};
use lettre::message::header::{self, ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde_json::Value;

use super::{CHANNEL_PARTNER_EMAIL, Event};
use crate::config::Settings;
use crate::i18n::{I18n, Locale};

/// Where e-mails go.
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid address {0:?}")]
    Address(String),
    #[error("cannot build the message: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(String),
    #[error("cannot write the mail file: {0}")]
    File(String),
}

impl Mailer {
    /// SMTP when `DONERA_SMTP_URL` is set, else files under `<data>/mail/`. Must be called
    /// inside a Tokio runtime: lettre's connection pool starts a task when it is built.
    pub fn from_settings(settings: &Settings) -> Result<Mailer, MailError> {
        let Some(url) = &settings.smtp_url else {
            return Ok(Mailer::Files(settings.data_dir.join("mail")));
        };
        let smtp = |e: lettre::transport::smtp::Error| MailError::Smtp(e.to_string());
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(smtp)?;
        if let Some(pem) = &settings.smtp_ca_pem {
            // The URL's TLS mode again, now with the private CA added to the trusted roots.
            match smtp_tls_mode(url) {
                None => tracing::warn!(
                    "DONERA_SMTP_CA_FILE is ignored: DONERA_SMTP_URL asks for no TLS"
                ),
                Some((host, mode)) => {
                    let cert = Certificate::from_pem(pem).map_err(smtp)?;
                    let params = TlsParameters::builder(host)
                        .add_root_certificate(cert)
                        .build_rustls()
                        .map_err(smtp)?;
                    builder = builder.tls(match mode {
                        TlsMode::Required => Tls::Required(params),
                        TlsMode::Opportunistic => Tls::Opportunistic(params),
                        TlsMode::Wrapper => Tls::Wrapper(params),
                    });
                }
            }
        }
        Ok(Mailer::Smtp(
            builder
                .timeout(Some(std::time::Duration::from_secs(10)))
                .build(),
        ))
    }

    /// Connects to the SMTP server as a delivery would (EHLO, STARTTLS or TLS as the URL asks,
    /// AUTH when it carries credentials) and sends NOOP; no mail is sent. Files: nothing to test.
    pub async fn test_connection(&self) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(t) => match t.test_connection().await {
                Ok(true) => Ok(()),
                Ok(false) => Err(MailError::Smtp("the server did not answer NOOP".into())),
                Err(e) => Err(MailError::Smtp(e.to_string())),
            },
            Mailer::Files(_) => Ok(()),
        }
    }

    pub async fn send(&self, id: &str, message: Message) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(t) => t
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| MailError::Smtp(e.to_string())),
            Mailer::Files(dir) => {
                let bytes = message.formatted();
                let dir = dir.clone();
                let name = format!("{id}.eml");
                let path = dir.join(&name);
                actix_web::rt::task::spawn_blocking(move || -> std::io::Result<()> {
                    std::fs::create_dir_all(&dir)?;
                    // Written under a temporary name and renamed, so a reader never sees half a file.
                    let tmp = dir.join(format!(".{name}.tmp"));
                    std::fs::write(&tmp, bytes)?;
                    std::fs::rename(&tmp, dir.join(&name))
                })
                .await
                .map_err(|e| MailError::File(e.to_string()))?
                .map_err(|e| MailError::File(e.to_string()))?;
                tracing::info!(file = %path.display(), "e-mail written (no DONERA_SMTP_URL set)");
                Ok(())
            }
        }
    }
}

/// How an SMTP URL asks for TLS (lettre's own URL rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsMode {
    Required,
    Opportunistic,
    Wrapper,
}

/// The host and TLS mode of an SMTP URL, or `None` for plain SMTP or an unreadable URL.
pub fn smtp_tls_mode(url: &str) -> Option<(String, TlsMode)> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?.trim_matches(['[', ']']).to_owned();
    let tls = u
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    let mode = match (u.scheme(), tls.as_deref()) {
        ("smtps", _) => TlsMode::Wrapper,
        ("smtp", Some("required")) => TlsMode::Required,
        ("smtp", Some("opportunistic")) => TlsMode::Opportunistic,
        _ => return None,
    };
    Some((host, mode))
}

/// `Auto-Submitted: auto-generated` (RFC 3834), so auto-responders do not answer notifications.
#[derive(Clone)]
struct AutoSubmitted;

impl header::Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// The host part of the base URL, for Message-IDs.
fn host_of(base_url: &str) -> String {
    let rest = base_url.split("://").nth(1).unwrap_or(base_url);
    let host = rest.split(['/', ':']).next().unwrap_or("localhost");
    if host.is_empty() {
        "localhost".into()
    } else {
        host.to_owned()
    }
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The message id stem of an event kind: `member.email_verification` → `mail-member-email-verification`.
pub fn message_stem(kind: &str) -> String {
    format!("mail-{}", kind.replace(['.', '_'], "-"))
}

/// Builds the e-mail for `event`: subject and text from Fluent in the recipient's language,
/// plain text plus simple HTML, absolute links, and the notification headers.
pub fn compose(
    i18n: &I18n,
    settings: &Settings,
    reply_to: Option<&str>,
    event: &Event,
) -> Result<Message, MailError> {
    let locale = event.locale();
    let payload = event.payload();
    let to = event.recipient.clone().unwrap_or_default();
    let to: Mailbox = to.parse().map_err(|_| MailError::Address(to.clone()))?;
    let from: Mailbox = settings
        .mail_from
        .parse()
        .map_err(|_| MailError::Address(settings.mail_from.clone()))?;

    let mut args = FluentArgs::new();
    args.set("program", FluentValue::from(settings.program_name.clone()));
    let mut links = vec![];
    if let Value::Object(map) = &payload {
        for (k, v) in map {
            match v {
                Value::String(s) => args.set(k.clone(), FluentValue::from(s.clone())),
                // Whole numbers as numbers, so that the message can choose its plural form.
                Value::Number(n) => match n.as_i64() {
                    Some(i) => args.set(k.clone(), FluentValue::from(i)),
                    None => args.set(k.clone(), FluentValue::from(n.to_string())),
                },
                _ => {}
            }
        }
        // `path` becomes `link`, and any other `<name>_path` becomes `<name>_link` (the
        // satisfaction question's answers, say): absolute, and clickable in the HTML part.
        for (k, v) in map {
            let Value::String(path) = v else { continue };
            let name = if k == "path" {
                "link".to_owned()
            } else if let Some(stem) = k.strip_suffix("_path") {
                format!("{stem}_link")
            } else {
                continue;
            };
            let url = format!("{}{}", settings.base_url, path);
            args.set(name, FluentValue::from(url.clone()));
            links.push(url);
        }
    }
    let (subject, body) = if event.channel == CHANNEL_PARTNER_EMAIL {
        args.set("event", FluentValue::from(event.kind.clone()));
        args.set("id", FluentValue::from(event.id.clone()));
        args.set(
            "details",
            FluentValue::from(serde_json::to_string_pretty(&payload).unwrap_or_default()),
        );
        (
            i18n.format(locale, "mail-partner-event-subject", Some(&args)),
            i18n.format(locale, "mail-partner-event-body", Some(&args)),
        )
    } else {
        let stem = message_stem(&event.kind);
        (
            i18n.format(locale, &format!("{stem}-subject"), Some(&args)),
            i18n.format(locale, &format!("{stem}-body"), Some(&args)),
        )
    };
    // Optional lines a message leaves empty (a list by reason, say) leave no gaps.
    let body = without_blank_runs(&body);
    let footer = i18n.format(locale, "mail-footer", Some(&args));
    let host = host_of(&settings.base_url);
    // A mail to a ticket's requester threads the answer back onto the ticket: its Message-ID is
    // signed for the ticket, and with a support mailbox the Reply-To is the ticket's signed
    // `+` address and the text starts with the line to answer above (`mail_in::quote` cuts
    // there).
    let ticket = payload
        .get("reply")
        .and_then(Value::as_bool)
        .unwrap_or(false)
        .then(|| payload.get("number").and_then(Value::as_str))
        .flatten();
    let message_id = match ticket {
        Some(number) => {
            super::reply_ids::signed_message_id(&settings.secret_key, number, &event.id, &host)
        }
        None => format!("<{}@{host}>", event.id),
    };
    let ticket_reply_to =
        ticket
            .zip(settings.support_email.as_deref())
            .and_then(|(number, support)| {
                super::reply_ids::signed_reply_address(&settings.secret_key, number, support)
            });
    let above = match &ticket_reply_to {
        Some(_) => format!("{}\n\n", i18n.format(locale, "mail-reply-above", None)),
        None => String::new(),
    };
    let text = format!("{above}{body}\n\n-- \n{footer}\n");
    let html = html_version(locale, &format!("{above}{body}"), &footer, &links);
    let reply_to = ticket_reply_to.as_deref().or(reply_to);

    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .message_id(Some(message_id))
        .header(AutoSubmitted);
    if let Some(r) = reply_to {
        let mb: Mailbox = r.parse().map_err(|_| MailError::Address(r.to_owned()))?;
        builder = builder.reply_to(mb);
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(html),
                ),
        )
        .map_err(|e| MailError::Build(e.to_string()))
}

/// The text with runs of blank lines shortened to one, and no blank lines at either end.
fn without_blank_runs(text: &str) -> String {
    let mut out: Vec<&str> = vec![];
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(if line.trim().is_empty() { "" } else { line });
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

fn html_version(locale: Locale, body: &str, footer: &str, links: &[String]) -> String {
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">",
        locale.code()
    );
    for para in body.split("\n\n") {
        let line = para.trim();
        if line.is_empty() {
            continue;
        }
        match links.iter().find(|l| line == l.as_str()) {
            Some(l) => {
                let l = escape_html(l);
                html.push_str(&format!("<p><a href=\"{l}\">{l}</a></p>"));
            }
            _ => html.push_str(&format!(
                "<p>{}</p>",
                escape_html(line).replace('\n', "<br>")
            )),
        }
    }
    html.push_str(&format!(
        "<hr><p style=\"color:#555\">{}</p></body></html>",
        escape_html(footer)
    ));
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_for_message_ids() {
        assert_eq!(host_of("https://donera.example.org"), "donera.example.org");
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_of("http://x.test/base"), "x.test");
    }

    #[test]
    fn tls_modes_follow_the_url() {
        let m = |u| smtp_tls_mode(u);
        assert_eq!(
            m("smtp://u:p@mail.example.org:587?tls=required"),
            Some(("mail.example.org".into(), TlsMode::Required))
        );
        assert_eq!(
            m("smtp://127.0.0.1:2525?tls=opportunistic"),
            Some(("127.0.0.1".into(), TlsMode::Opportunistic))
        );
        assert_eq!(
            m("smtps://u:p@[::1]:465"),
            Some(("::1".into(), TlsMode::Wrapper))
        );
        assert_eq!(m("smtp://mail.example.org:25"), None);
        assert_eq!(m("not a url"), None);
    }

    #[test]
    fn blank_runs_shrink_to_one_line() {
        assert_eq!(without_blank_runs("a\n\n\n \nb\n\n"), "a\n\nb");
        assert_eq!(without_blank_runs("\n\na\nb"), "a\nb");
    }

    #[test]
    fn stems_from_kinds() {
        assert_eq!(
            message_stem("member.email_verification"),
            "mail-member-email-verification"
        );
    }

    #[test]
    fn html_escapes_text() {
        let h = html_version(
            Locale::En,
            "<b>hi</b>\n\nhttp://x/a?b=1&c=2",
            "f",
            &["http://x/a?b=1&c=2".to_owned()],
        );
        assert!(h.contains("&lt;b&gt;hi&lt;/b&gt;"));
        assert!(h.contains("<a href=\"http://x/a?b=1&amp;c=2\">"));
    }
}
