//! Typed settings read from the environment once at start. No global: `main` builds a `Settings`
//! and hands it to the app state. Every variable is documented in the README's settings table.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Attempts before an outbox event is given up: with the back-off, about a day of trying.
pub const DEFAULT_MAX_ATTEMPTS: i32 = 17;

#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub listen: String,
    /// Absolute origin of the portal, without a trailing slash (links in e-mails, HSTS).
    pub base_url: String,
    pub secret_key: Vec<u8>,
    pub program_name: String,
    pub partner_name: Option<String>,
    pub partner_url: Option<String>,
    pub workers: usize,
    pub db_pool_size: u32,
    pub data_dir: PathBuf,
    pub smtp_url: Option<String>,
    /// A private CA's certificate (PEM) trusted for the SMTP server's TLS, besides the public roots.
    pub smtp_ca_pem: Option<Vec<u8>>,
    pub mail_from: String,
    pub partner_email: Option<String>,
    /// The mailbox that `donera mail-in` and the IMAP poller read: ticket e-mails carry a signed
    /// `+` address of it as Reply-To, so the answer threads onto its ticket.
    pub support_email: Option<String>,
    /// The support mailbox read over IMAP (`DONERA_IMAP_*`), when set.
    pub imap: Option<crate::imap::ImapSettings>,
    pub webhook_url: Option<String>,
    pub webhook_secret: Option<String>,
    pub outbox_poll_ms: u64,
    pub outbox_lease_seconds: i64,
    pub outbox_max_attempts: i32,
    /// Largest uploaded file, in bytes.
    pub max_upload_bytes: usize,
    /// Default validity of an approved validation, in months.
    pub validation_months: u8,
    /// Days after which a resolved ticket closes by itself.
    pub ticket_auto_close_days: i64,
    /// Seconds a person needs at least to fill in the contact form (faster is a robot).
    pub contact_min_fill_seconds: i64,
    /// Contact-form tickets per hour from one IP address, and to one e-mail address
    /// (0: no limit, for each).
    pub contact_ip_limit: i64,
    pub contact_email_limit: i64,
    /// Registrations per hour from one IP address (0: no limit).
    pub register_ip_limit: i64,
    /// Seconds a request's body may take to arrive in full, counted from its headers; later is 408.
    pub body_timeout_seconds: u64,
    /// Bytes of files one organisation may hold (0: no quota).
    pub org_storage_quota_bytes: i64,
    /// Bytes one person may upload per hour (0: no limit).
    pub upload_bytes_per_hour: i64,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-*` headers are believed.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Bearer token that turns `/metrics` on; `None`: the page does not exist.
    pub metrics_token: Option<String>,
    /// Which staff must sign in with a second factor (`DONERA_STAFF_2FA`).
    pub staff_2fa: Staff2fa,
    /// Who is responsible for the personal data (the privacy notice names them).
    pub controller_name: String,
    pub controller_email: Option<String>,
    /// How long each kind of personal data is kept (`DONERA_RETAIN_…`).
    pub retention: Retention,
}

/// Retention periods: the background worker's daily purge removes what is older, and the
/// privacy notice states these figures. Defaults and their reasons are in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Months after closing that a ticket's messages and attachments are kept.
    pub ticket_months: i64,
    /// Months a rejected certificate is kept after the decision.
    pub rejected_certificate_months: i64,
    /// Months an approved certificate is kept after its validity ends.
    pub approved_certificate_months: i64,
    /// Days after closing that a visitor's private ticket link works (then its row goes).
    pub visitor_link_days: i64,
    /// Days after delivery (or giving up) that an outbox event keeps its links and personal fields.
    pub outbox_days: i64,
    /// Months the audit log keeps the IP address of an entry.
    pub audit_ip_months: i64,
    /// Years an erased organisation's orders are kept as bookkeeping records.
    pub order_years: i64,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            ticket_months: 24,
            rejected_certificate_months: 6,
            approved_certificate_months: 3,
            visitor_link_days: 90,
            outbox_days: 30,
            audit_ip_months: 12,
            order_years: 7,
        }
    }
}

/// Which staff accounts need two-step sign-in before any staff page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Staff2fa {
    /// `admins` (the default): staff admins only; agents may turn it on.
    Admins,
    /// `required`: every staff account.
    Required,
}

impl Staff2fa {
    pub fn key(self) -> &'static str {
        match self {
            Staff2fa::Admins => "admins",
            Staff2fa::Required => "required",
        }
    }

    /// Whether a staff member (an admin or not) must have a second factor.
    pub fn applies_to_staff(self, admin: bool) -> bool {
        admin || self == Staff2fa::Required
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("{name} is not a valid {what}: {value:?}")]
    Invalid {
        name: &'static str,
        what: &'static str,
        value: String,
    },
    #[error("DONERA_SECRET_KEY must be at least 32 characters long")]
    ShortSecret,
    #[error(
        "DONERA_PARTNER_WEBHOOK_URL is set, so DONERA_PARTNER_WEBHOOK_SECRET must be set too (at least 16 characters)"
    )]
    WebhookSecret,
    #[error("DONERA_METRICS_TOKEN must be at least 16 characters long")]
    ShortMetricsToken,
    #[error("cannot read or create the secret key file {0} (DONERA_DATA_DIR): {1}")]
    SecretFile(String, String),
    /// A `DONERA_IMAP_*` setting; the text names it.
    #[error("{0}")]
    Imap(String),
}

/// The IMAP settings that mean nothing without `DONERA_IMAP_URL`.
const IMAP_EXTRAS: [&str; 6] = [
    "DONERA_IMAP_DONE_FOLDER",
    "DONERA_IMAP_CA_FILE",
    "DONERA_IMAP_OAUTH2_TOKEN_URL",
    "DONERA_IMAP_OAUTH2_CLIENT_ID",
    "DONERA_IMAP_OAUTH2_CLIENT_SECRET",
    "DONERA_IMAP_OAUTH2_SCOPE",
];

/// What `from_env` found out about the secret key, for the start-up log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSource {
    Environment,
    FileExisting,
    FileCreated,
}

impl Settings {
    /// Reads the settings through `var`, so tests can pass their own environment.
    pub fn from_env(
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<(Settings, SecretSource), ConfigError> {
        let get = |name: &str| {
            var(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let data_dir = PathBuf::from(get("DONERA_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = get("DATABASE_URL").unwrap_or_else(|| {
            format!("sqlite://{}", data_dir.join("donera.db").to_string_lossy())
        });
        if crate::db::Backend::from_url(&database_url).is_err() {
            return Err(ConfigError::Invalid {
                name: "DATABASE_URL",
                what: "sqlite:// or postgres:// URL",
                value: redact_url(&database_url),
            });
        }
        let listen = get("DONERA_LISTEN").unwrap_or_else(|| "127.0.0.1:8080".into());
        if listen.parse::<std::net::SocketAddr>().is_err() {
            return Err(ConfigError::Invalid {
                name: "DONERA_LISTEN",
                what: "address like 127.0.0.1:8080",
                value: listen,
            });
        }
        let base_url = match get("DONERA_BASE_URL") {
            Some(u) => parse_origin("DONERA_BASE_URL", &u)?,
            None => format!("http://{listen}"),
        };
        let partner_url = match get("DONERA_PARTNER_URL") {
            Some(u) => Some(parse_origin("DONERA_PARTNER_URL", &u).map(|_| u)?),
            None => None,
        };
        // PostgreSQL: half the cores. A worker parses, renders and writes; the statements run in
        // the server on the same machine, which needs the other half. On the help desk on 2
        // cores one worker cut the p99 of the ticket view from ~12 to ~9.5 ms at the same
        // throughput, as fewer threads took turns on the cores. SQLite: every core, as the
        // busiest pages read on the worker itself (`db::run_quick`): on 2 cores at 1,000,000
        // tickets, the queue's first page made 5,280-5,340 requests/s (p99 5.5-5.6 ms) with two
        // workers, 2,950-3,270 with one (wrk, 16 connections, on the same cores).
        let sqlite = crate::db::Backend::from_url(&database_url).is_ok_and(|b| b.is_sqlite());
        let workers = parse_number("DONERA_WORKERS", get("DONERA_WORKERS"), 1, 256)?
            .unwrap_or_else(|| {
                let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
                if sqlite { cores } else { (cores / 2).max(1) }
            });
        // SQLite runs its statements on the portal's own cores, so a connection per core: more
        // only take turns on the CPU, and each page waits for the others' slices (at 1,000,000
        // tickets on one core, 1 connection against 2 cut the queue pages' p99 by a sixth).
        // PostgreSQL's statements run in its server while the connection waits, so twice the
        // cores keep the portal busy meanwhile (2 per core beat 8 on one core by a fifth). The
        // background work has connections of its own (`db::background`), so a long job never
        // holds a page's.
        let db_pool_size = parse_number("DONERA_DB_POOL_SIZE", get("DONERA_DB_POOL_SIZE"), 1, 512)?
            .unwrap_or_else(|| {
                let cores = std::thread::available_parallelism()
                    .map_or(2, |n| n.get())
                    .clamp(1, 16);
                if sqlite { cores } else { 2 * cores }
            });
        let (secret_key, source) = match get("DONERA_SECRET_KEY") {
            Some(k) if k.len() < 32 => return Err(ConfigError::ShortSecret),
            Some(k) => (k.into_bytes(), SecretSource::Environment),
            None => load_or_create_secret(&data_dir.join("secret.key"))?,
        };
        // Names shown in every page's header and footer: a line, not a document.
        let name = |n: &'static str| match get(n) {
            Some(v) if v.chars().count() > 120 || v.chars().any(char::is_control) => {
                Err(ConfigError::Invalid {
                    name: n,
                    what: "name of at most 120 characters on one line",
                    value: v,
                })
            }
            v => Ok(v),
        };
        let program_name =
            name("DONERA_PROGRAM_NAME")?.unwrap_or_else(|| "TechSoup Sverige".into());
        let partner_name = name("DONERA_PARTNER_NAME")?;
        let smtp_url = get("DONERA_SMTP_URL");
        if let Some(u) = &smtp_url
            && !((u.starts_with("smtp://") || u.starts_with("smtps://"))
                && lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(u).is_ok())
        {
            return Err(ConfigError::Invalid {
                name: "DONERA_SMTP_URL",
                what: "smtp:// or smtps:// URL",
                value: redact_url(u),
            });
        }
        let smtp_ca_pem = match get("DONERA_SMTP_CA_FILE") {
            None => None,
            Some(path) => Some(read_ca(&path).ok_or(ConfigError::Invalid {
                name: "DONERA_SMTP_CA_FILE",
                what: "readable PEM certificate file",
                value: path,
            })?),
        };
        let trusted_proxies = match get("DONERA_TRUSTED_PROXIES") {
            None => vec![],
            Some(list) => parse_networks(&list).ok_or(ConfigError::Invalid {
                name: "DONERA_TRUSTED_PROXIES",
                what: "list of IP addresses or CIDR ranges",
                value: list,
            })?,
        };
        let mail_from =
            get("DONERA_MAIL_FROM").unwrap_or_else(|| "Donera <noreply@localhost>".into());
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError::Invalid {
                name: "DONERA_MAIL_FROM",
                what: "e-mail address",
                value: mail_from,
            });
        }
        let partner_email = get("DONERA_PARTNER_EMAIL");
        if let Some(e) = &partner_email
            && e.parse::<lettre::Address>().is_err()
        {
            return Err(ConfigError::Invalid {
                name: "DONERA_PARTNER_EMAIL",
                what: "e-mail address",
                value: e.clone(),
            });
        }
        let support_email = get("DONERA_SUPPORT_EMAIL");
        if let Some(e) = &support_email
            && (e.parse::<lettre::Address>().is_err()
                || e.split('@').next().is_some_and(|l| l.contains('+')))
        {
            return Err(ConfigError::Invalid {
                name: "DONERA_SUPPORT_EMAIL",
                what: "e-mail address without a + part",
                value: e.clone(),
            });
        }
        let imap = crate::imap::ImapSettings::from_lookup(get).map_err(|e| match e {
            crate::imap::ImapError::Config(why) => ConfigError::Imap(why),
            other => ConfigError::Imap(other.to_string()),
        })?;
        if imap.is_none()
            && let Some(name) = IMAP_EXTRAS.iter().find(|n| get(n).is_some())
        {
            return Err(ConfigError::Imap(format!(
                "{name} is set, but DONERA_IMAP_URL (the mailbox it belongs to) is not"
            )));
        }
        let webhook_url = match get("DONERA_PARTNER_WEBHOOK_URL") {
            Some(u) => Some(parse_origin("DONERA_PARTNER_WEBHOOK_URL", &u).map(|_| u)?),
            None => None,
        };
        let webhook_secret = get("DONERA_PARTNER_WEBHOOK_SECRET");
        if webhook_url.is_some() && webhook_secret.as_ref().is_none_or(|s| s.len() < 16) {
            return Err(ConfigError::WebhookSecret);
        }
        let outbox_poll_ms = parse_number(
            "DONERA_OUTBOX_POLL_MS",
            get("DONERA_OUTBOX_POLL_MS"),
            10,
            600_000,
        )?
        .unwrap_or(1000);
        let outbox_lease_seconds = parse_number(
            "DONERA_OUTBOX_LEASE_SECONDS",
            get("DONERA_OUTBOX_LEASE_SECONDS"),
            1,
            3600,
        )?
        .unwrap_or(60);
        let outbox_max_attempts = parse_number(
            "DONERA_OUTBOX_MAX_ATTEMPTS",
            get("DONERA_OUTBOX_MAX_ATTEMPTS"),
            1,
            1000,
        )?
        .unwrap_or(DEFAULT_MAX_ATTEMPTS as usize);
        let max_upload_mb =
            parse_number("DONERA_MAX_UPLOAD_MB", get("DONERA_MAX_UPLOAD_MB"), 1, 100)?
                .unwrap_or(10);
        let validation_months = parse_number(
            "DONERA_VALIDATION_MONTHS",
            get("DONERA_VALIDATION_MONTHS"),
            1,
            60,
        )?
        // Microsoft's certificate is valid for two years (PRODUCT.md 6a).
        .unwrap_or(24);
        let number = |name: &'static str, min, max, default| {
            parse_number(name, get(name), min, max).map(|v| v.unwrap_or(default) as i64)
        };
        let ticket_auto_close_days = number("DONERA_TICKET_AUTO_CLOSE_DAYS", 1, 365, 7)?;
        let contact_min_fill_seconds = number("DONERA_CONTACT_MIN_FILL_SECONDS", 0, 600, 3)?;
        // 0 turns a limit off (the per-IP one behind a proxy that hides visitors' addresses, say).
        let contact_ip_limit = number("DONERA_CONTACT_IP_LIMIT_PER_HOUR", 0, 1_000_000, 10)?;
        let register_ip_limit = number("DONERA_REGISTER_IP_LIMIT_PER_HOUR", 0, 1_000_000, 10)?;
        let contact_email_limit = number("DONERA_CONTACT_EMAIL_LIMIT_PER_HOUR", 0, 1_000_000, 3)?;
        let staff_2fa = match get("DONERA_STAFF_2FA").as_deref() {
            None | Some("admins") => Staff2fa::Admins,
            Some("required") => Staff2fa::Required,
            Some(other) => {
                return Err(ConfigError::Invalid {
                    name: "DONERA_STAFF_2FA",
                    what: "choice of `admins` or `required`",
                    value: other.to_owned(),
                });
            }
        };
        let body_timeout_seconds = number("DONERA_BODY_TIMEOUT_SECONDS", 1, 3600, 30)? as u64;
        // 0 turns either off.
        let org_storage_quota_mb = number("DONERA_ORG_STORAGE_QUOTA_MB", 0, 100_000_000, 1024)?;
        let upload_mb_per_hour = number("DONERA_UPLOAD_MB_PER_HOUR", 0, 1_000_000, 100)?;
        let d = Retention::default();
        let retention = Retention {
            ticket_months: number(
                "DONERA_RETAIN_TICKET_MONTHS",
                1,
                240,
                d.ticket_months as usize,
            )?,
            rejected_certificate_months: number(
                "DONERA_RETAIN_REJECTED_CERTIFICATE_MONTHS",
                1,
                120,
                d.rejected_certificate_months as usize,
            )?,
            approved_certificate_months: number(
                "DONERA_RETAIN_APPROVED_CERTIFICATE_MONTHS",
                0,
                120,
                d.approved_certificate_months as usize,
            )?,
            visitor_link_days: number(
                "DONERA_RETAIN_VISITOR_LINK_DAYS",
                1,
                3650,
                d.visitor_link_days as usize,
            )?,
            // "30 days at most" (issue 21): shorter is allowed, longer is not.
            outbox_days: number("DONERA_RETAIN_OUTBOX_DAYS", 0, 30, d.outbox_days as usize)?,
            audit_ip_months: number(
                "DONERA_RETAIN_AUDIT_IP_MONTHS",
                1,
                120,
                d.audit_ip_months as usize,
            )?,
            order_years: number("DONERA_RETAIN_ORDER_YEARS", 1, 30, d.order_years as usize)?,
        };
        let controller_name = match name("DONERA_CONTROLLER_NAME")? {
            Some(n) => n,
            None => partner_name.clone().unwrap_or_else(|| program_name.clone()),
        };
        let controller_email = match get("DONERA_CONTROLLER_EMAIL") {
            Some(e) if e.parse::<lettre::Address>().is_err() => {
                return Err(ConfigError::Invalid {
                    name: "DONERA_CONTROLLER_EMAIL",
                    what: "e-mail address",
                    value: e,
                });
            }
            Some(e) => Some(e),
            None => partner_email.clone(),
        };
        let metrics_token = get("DONERA_METRICS_TOKEN");
        if metrics_token
            .as_ref()
            .is_some_and(|t| t.chars().count() < 16)
        {
            return Err(ConfigError::ShortMetricsToken);
        }
        Ok((
            Settings {
                database_url,
                listen,
                base_url,
                secret_key,
                program_name,
                partner_name,
                partner_url,
                workers,
                db_pool_size: db_pool_size as u32,
                data_dir,
                smtp_url,
                smtp_ca_pem,
                mail_from,
                partner_email,
                support_email,
                imap,
                webhook_url,
                webhook_secret,
                outbox_poll_ms: outbox_poll_ms as u64,
                outbox_lease_seconds: outbox_lease_seconds as i64,
                outbox_max_attempts: outbox_max_attempts as i32,
                max_upload_bytes: max_upload_mb * 1024 * 1024,
                validation_months: validation_months as u8,
                ticket_auto_close_days,
                contact_min_fill_seconds,
                contact_ip_limit,
                register_ip_limit,
                contact_email_limit,
                body_timeout_seconds,
                org_storage_quota_bytes: org_storage_quota_mb * 1024 * 1024,
                upload_bytes_per_hour: upload_mb_per_hour * 1024 * 1024,
                trusted_proxies,
                metrics_token,
                staff_2fa,
                controller_name,
                controller_email,
                retention,
            },
            source,
        ))
    }

    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// How many Argon2 hashes may run at once: half the pooled connections, at least one.
    pub fn hashing_permits(&self) -> usize {
        (self.db_pool_size as usize / 2).max(1)
    }

    /// The blocking threads of each HTTP worker: one per pooled connection, and as many again
    /// as may hash, so that logins never take the threads the pages' queries run on.
    pub fn blocking_threads(&self) -> usize {
        self.db_pool_size as usize + self.hashing_permits()
    }
}

fn parse_number(
    name: &'static str,
    value: Option<String>,
    min: usize,
    max: usize,
) -> Result<Option<usize>, ConfigError> {
    match value {
        None => Ok(None),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ConfigError::Invalid {
                name,
                what: "whole number in range",
                value: v,
            }),
        },
    }
}

/// Accepts `http(s)://host[:port][/path]` and returns it without a trailing slash.
fn parse_origin(name: &'static str, value: &str) -> Result<String, ConfigError> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace) => {
            Ok(value.trim_end_matches('/').to_owned())
        }
        _ => Err(ConfigError::Invalid {
            name,
            what: "http(s) URL",
            value: value.to_owned(),
        }),
    }
}

/// `127.0.0.1, 10.0.0.0/8 ::1`: addresses (as /32 or /128) and ranges, separated by commas or
/// spaces. `None` when any item is neither.
pub fn parse_networks(list: &str) -> Option<Vec<ipnet::IpNet>> {
    list.split([',', ' ', '\t'])
        .filter(|s| !s.is_empty())
        .map(|item| {
            item.parse::<ipnet::IpNet>().ok().or_else(|| {
                item.parse::<std::net::IpAddr>()
                    .ok()
                    .map(ipnet::IpNet::from)
            })
        })
        .collect()
}

/// The PEM file's bytes when it holds at least one certificate lettre can read.
fn read_ca(path: &str) -> Option<Vec<u8>> {
    let pem = std::fs::read(path).ok()?;
    let text = std::str::from_utf8(&pem).ok()?;
    (text.contains("-----BEGIN CERTIFICATE-----")
        && lettre::transport::smtp::client::Certificate::from_pem(&pem).is_ok())
    .then_some(pem)
}

/// Hides a password in a database URL before it is printed.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_owned(),
    }
}

/// Reads `data/secret.key`, or creates it with 256 random bits and mode 0600.
fn load_or_create_secret(path: &Path) -> Result<(Vec<u8>, SecretSource), ConfigError> {
    let fail = |e: &dyn std::fmt::Display| {
        ConfigError::SecretFile(path.to_string_lossy().into_owned(), e.to_string())
    };
    if let Ok(existing) = std::fs::read_to_string(path) {
        let key = existing.trim();
        if key.len() >= 32 {
            return Ok((key.as_bytes().to_vec(), SecretSource::FileExisting));
        }
        return Err(fail(&"the file holds fewer than 32 characters"));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| fail(&e))?;
    }
    let key = crate::random_hex(32);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|e| fail(&e))?;
    file.write_all(key.as_bytes()).map_err(|e| fail(&e))?;
    Ok((key.into_bytes(), SecretSource::FileCreated))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    const KEY: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn defaults_apply_when_unset() {
        let (s, src) = Settings::from_env(env(&[("DONERA_SECRET_KEY", KEY)])).unwrap();
        assert_eq!(s.database_url, "sqlite://data/donera.db");
        assert_eq!(s.listen, "127.0.0.1:8080");
        assert_eq!(s.base_url, "http://127.0.0.1:8080");
        assert_eq!(s.program_name, "TechSoup Sverige");
        assert_eq!(src, SecretSource::Environment);
        assert!(!s.is_https());
    }

    #[test]
    fn connections_default_to_the_cores_on_sqlite_and_twice_on_postgresql() {
        let cores = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .clamp(1, 16) as u32;
        let (sqlite, _) = Settings::from_env(env(&[("DONERA_SECRET_KEY", KEY)])).unwrap();
        assert_eq!(sqlite.db_pool_size, cores);
        let (pg, _) = Settings::from_env(env(&[
            ("DONERA_SECRET_KEY", KEY),
            ("DATABASE_URL", "postgres://localhost/donera"),
        ]))
        .unwrap();
        assert_eq!(pg.db_pool_size, 2 * cores);
        // Workers: every core on SQLite (its busiest reads run on them), half on PostgreSQL.
        let all = std::thread::available_parallelism().map_or(2, |n| n.get());
        assert_eq!(sqlite.workers, all);
        assert_eq!(pg.workers, (all / 2).max(1));
        // Set, the number is kept; hashing takes threads of its own beside the connections'.
        let (set, _) = Settings::from_env(env(&[
            ("DONERA_SECRET_KEY", KEY),
            ("DONERA_DB_POOL_SIZE", "6"),
        ]))
        .unwrap();
        assert_eq!(set.db_pool_size, 6);
        assert_eq!(set.hashing_permits(), 3);
        assert_eq!(set.blocking_threads(), 9);
        let one = Settings {
            db_pool_size: 1,
            ..set
        };
        assert_eq!(one.hashing_permits(), 1);
        assert_eq!(one.blocking_threads(), 2);
    }

    #[test]
    fn bad_values_are_refused_with_their_name() {
        for (name, value) in [
            ("DATABASE_URL", "mysql://x"),
            ("DONERA_LISTEN", "nowhere"),
            ("DONERA_BASE_URL", "ftp://x"),
            ("DONERA_PARTNER_URL", "javascript:alert(1)"),
            ("DONERA_WORKERS", "0"),
            ("DONERA_DB_POOL_SIZE", "many"),
            ("DONERA_SMTP_URL", "http://mail"),
            ("DONERA_MAIL_FROM", "not an address"),
            ("DONERA_PARTNER_EMAIL", "support-at-example"),
            ("DONERA_SUPPORT_EMAIL", "support+x@example.org"),
            ("DONERA_SUPPORT_EMAIL", "support"),
            ("DONERA_PARTNER_WEBHOOK_URL", "file:///etc/passwd"),
            ("DONERA_OUTBOX_MAX_ATTEMPTS", "0"),
            ("DONERA_SMTP_URL", "smtp://mail?tls=sometimes"),
            ("DONERA_SMTP_CA_FILE", "/nonexistent/ca.pem"),
            ("DONERA_TRUSTED_PROXIES", "127.0.0.1, proxy.local"),
            ("DONERA_TRUSTED_PROXIES", "10.0.0.0/33"),
            ("DONERA_STAFF_2FA", "sometimes"),
            ("DONERA_METRICS_TOKEN", "short"),
            ("DONERA_CONTROLLER_EMAIL", "privacy-at-example"),
            ("DONERA_RETAIN_OUTBOX_DAYS", "31"),
            ("DONERA_RETAIN_TICKET_MONTHS", "0"),
        ] {
            let err =
                Settings::from_env(env(&[("DONERA_SECRET_KEY", KEY), (name, value)])).unwrap_err();
            assert!(err.to_string().contains(name), "{name}: {err}");
        }
        assert_eq!(
            Settings::from_env(env(&[("DONERA_SECRET_KEY", "short")])).unwrap_err(),
            ConfigError::ShortSecret
        );
    }

    #[test]
    fn a_webhook_needs_a_secret() {
        let err = Settings::from_env(env(&[
            ("DONERA_SECRET_KEY", KEY),
            (
                "DONERA_PARTNER_WEBHOOK_URL",
                "https://partner.example.org/hook",
            ),
        ]))
        .unwrap_err();
        assert_eq!(err, ConfigError::WebhookSecret);
        let (s, _) = Settings::from_env(env(&[
            ("DONERA_SECRET_KEY", KEY),
            (
                "DONERA_PARTNER_WEBHOOK_URL",
                "https://partner.example.org/hook",
            ),
            ("DONERA_PARTNER_WEBHOOK_SECRET", "0123456789abcdef"),
        ]))
        .unwrap();
        assert_eq!(
            s.webhook_url.as_deref(),
            Some("https://partner.example.org/hook")
        );
        assert_eq!(s.outbox_max_attempts, 17);
    }

    #[test]
    fn database_password_is_not_printed() {
        let err = Settings::from_env(env(&[
            ("DONERA_SECRET_KEY", KEY),
            ("DATABASE_URL", "mongodb://user:hunter2@host/db"),
        ]))
        .unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
    }

    #[test]
    fn secret_file_is_created_once_with_mode_0600() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let data_s = data.to_string_lossy().into_owned();
        let (first, src1) = Settings::from_env(env(&[("DONERA_DATA_DIR", &data_s)])).unwrap();
        let (second, src2) = Settings::from_env(env(&[("DONERA_DATA_DIR", &data_s)])).unwrap();
        assert_eq!(src1, SecretSource::FileCreated);
        assert_eq!(src2, SecretSource::FileExisting);
        assert_eq!(first.secret_key, second.secret_key);
        assert_eq!(first.secret_key.len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(data.join("secret.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn trusted_proxies_take_addresses_and_ranges() {
        let nets = parse_networks("127.0.0.1, 10.0.0.0/8 ::1,2001:db8::/32").unwrap();
        assert_eq!(nets.len(), 4);
        assert!(nets[0].contains(&"127.0.0.1".parse::<std::net::IpAddr>().unwrap()));
        assert!(!nets[0].contains(&"127.0.0.2".parse::<std::net::IpAddr>().unwrap()));
        assert!(nets[1].contains(&"10.200.3.4".parse::<std::net::IpAddr>().unwrap()));
        assert!(nets[3].contains(&"2001:db8::9".parse::<std::net::IpAddr>().unwrap()));
        assert_eq!(parse_networks(""), Some(vec![]));
        assert_eq!(parse_networks("localhost"), None);
    }

    #[test]
    fn base_url_loses_its_trailing_slash() {
        let (s, _) = Settings::from_env(env(&[
            ("DONERA_SECRET_KEY", KEY),
            ("DONERA_BASE_URL", "https://donera.example.org/"),
        ]))
        .unwrap();
        assert_eq!(s.base_url, "https://donera.example.org");
        assert!(s.is_https());
    }
}
