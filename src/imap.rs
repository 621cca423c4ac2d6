//! Incoming support mail over IMAP (issue 23): the mailbox named by `DONERA_IMAP_URL`, read
//! oldest first in batches, each processed message flagged `\Seen` and moved to a done folder
//! (`DONERA_IMAP_DONE_FOLDER`, default `Donera/Processed`), never deleted without a copy.
//!
//! - `imaps://user:pass@host:993/INBOX`: TLS from the first byte.
//! - `imap://user:pass@host:143/INBOX?tls=starttls`: STARTTLS before the login.
//! - `imap://user:pass@127.0.0.1:143/INBOX`: no TLS at all, for loopback tests only.
//!
//! TLS is rustls with the `ring` provider, trusting the public roots (webpki-roots) plus an
//! optional private CA (`DONERA_IMAP_CA_FILE`, mirroring `DONERA_SMTP_CA_FILE`). Login is
//! `LOGIN` with the URL's password, or `AUTHENTICATE XOAUTH2` with a token fetched by the OAuth 2
//! client-credentials grant (Microsoft 365) when the `DONERA_IMAP_OAUTH2_*` settings are given.
//!
//! The worker's loop: [`Mailbox::connect`], then [`Mailbox::fetch_batch`], process each message,
//! [`Mailbox::done`] with the UIDs processed, and when a batch came back short,
//! [`Mailbox::idle`] until the mailbox changes (or a timeout, after which it fetches anyway).
//! On any error drop the `Mailbox` and connect again after a pause: nothing is lost, since a
//! message leaves the mailbox only in `done`, after a copy exists in the done folder.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// Default folder that processed messages are moved to (`/` is replaced by the server's
/// hierarchy separator).
pub const DEFAULT_DONE_FOLDER: &str = "Donera/Processed";
/// Scope asked for in the client-credentials grant when none is set.
pub const DEFAULT_OAUTH2_SCOPE: &str = "https://outlook.office365.com/.default";
/// Servers may log an idle client out after 30 minutes (RFC 2177): IDLE is renewed before that.
pub const MAX_IDLE: Duration = Duration::from_secs(29 * 60);

// ---------------------------------------------------------------------------------------------
// Errors

/// Everything that can go wrong with the mailbox. No message ever contains the password, the
/// client secret or a token: the server's own words are passed through [`Secrets::scrub`].
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// A setting is wrong (`DONERA_IMAP_URL` and friends); the text says which and why.
    #[error("invalid IMAP setting: {0}")]
    Config(String),
    /// The TCP connection could not be made, or was lost, or timed out.
    #[error("cannot reach the IMAP server {server}: {reason}")]
    Connect { server: String, reason: String },
    /// The TLS handshake (implicit or after STARTTLS) failed, e.g. an untrusted certificate.
    #[error("TLS with the IMAP server {server} failed: {reason}")]
    Tls { server: String, reason: String },
    /// The server refused the credentials (`LOGIN` or `AUTHENTICATE XOAUTH2`).
    #[error("the IMAP server refused the login of {user}: {reason}")]
    Login { user: String, reason: String },
    /// The OAuth 2 token endpoint could not be reached or gave no `access_token`.
    #[error("OAuth 2 token request failed: {0}")]
    Token(String),
    /// The server answered a command with NO/BAD, something unparsable, or too late.
    #[error("IMAP protocol error during {during}: {reason}")]
    Protocol {
        during: &'static str,
        reason: String,
    },
    /// A big message could not be written to its temporary file (`TMPDIR` full or missing).
    #[error("cannot keep a fetched message in a temporary file: {0}")]
    Spool(String),
}

/// The secrets of one configuration, to be cut out of any text that goes into an error.
#[derive(Clone, Default)]
struct Secrets(Vec<String>);

impl Secrets {
    fn scrub(&self, text: impl fmt::Display) -> String {
        let mut text = text.to_string();
        for secret in &self.0 {
            if secret.len() >= 3 {
                text = text.replace(secret.as_str(), "***");
            }
        }
        text
    }
}

// ---------------------------------------------------------------------------------------------
// Settings

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `imaps://`: TLS from the first byte (port 993).
    Implicit,
    /// `imap://...?tls=starttls`: plain greeting, then `STARTTLS` before anything else (port 143).
    StartTls,
    /// `imap://`: no TLS. For loopback tests only; the password crosses in clear text.
    Plain,
}

/// OAuth 2 client-credentials grant (Microsoft 365 mailboxes).
#[derive(Clone, PartialEq, Eq)]
pub struct OAuth2Settings {
    /// `DONERA_IMAP_OAUTH2_TOKEN_URL`, e.g.
    /// `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`.
    pub token_url: String,
    /// `DONERA_IMAP_OAUTH2_CLIENT_ID`.
    pub client_id: String,
    /// `DONERA_IMAP_OAUTH2_CLIENT_SECRET`.
    pub client_secret: String,
    /// `DONERA_IMAP_OAUTH2_SCOPE`, default [`DEFAULT_OAUTH2_SCOPE`].
    pub scope: String,
}

impl fmt::Debug for OAuth2Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2Settings")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("scope", &self.scope)
            .finish()
    }
}

/// Everything needed to reach the mailbox.
#[derive(Clone, PartialEq, Eq)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// Percent-decoded user of the URL.
    pub user: String,
    /// Percent-decoded password of the URL (may be empty with OAuth 2).
    pub password: String,
    /// The mailbox read (the URL's path, default `INBOX`).
    pub mailbox: String,
    /// Folder processed messages go to, with `/` as separator whatever the server's is.
    pub done_folder: String,
    /// A private CA's certificate(s), PEM, trusted besides the public roots.
    pub ca_pem: Option<Vec<u8>>,
    /// When set, `AUTHENTICATE XOAUTH2` with a fetched token instead of `LOGIN`.
    pub oauth2: Option<OAuth2Settings>,
    /// Longest wait for the connection, the greeting, a login or one command's answer (one
    /// message of a FETCH counts as one answer).
    pub timeout: Duration,
}

impl fmt::Debug for ImapSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("password", &"***")
            .field("mailbox", &self.mailbox)
            .field("done_folder", &self.done_folder)
            .field("ca_pem", &self.ca_pem.as_ref().map(|_| "..."))
            .field("oauth2", &self.oauth2)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ImapSettings {
    /// Parses `DONERA_IMAP_URL`. The rest takes its defaults: done folder
    /// [`DEFAULT_DONE_FOLDER`], no private CA, no OAuth 2, 120 s timeout.
    pub fn from_url(url: &str) -> Result<ImapSettings, ImapError> {
        let bad = |why: &str| ImapError::Config(format!("DONERA_IMAP_URL: {why}"));
        let parsed = url::Url::parse(url).map_err(|e| match e {
            url::ParseError::EmptyHost => bad("no host"),
            e => bad(&format!("not a URL ({e})")),
        })?;
        let (mut security, default_port) = match parsed.scheme() {
            "imaps" => (Security::Implicit, 993),
            "imap" => (Security::Plain, 143),
            other => {
                return Err(bad(&format!(
                    "scheme must be imaps:// or imap://, not {other}://"
                )));
            }
        };
        let host = match parsed.host() {
            Some(url::Host::Domain(d)) if !d.is_empty() => d.to_owned(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            _ => return Err(bad("no host")),
        };
        let port = parsed.port().unwrap_or(default_port);
        for (key, value) in parsed.query_pairs() {
            match (key.as_ref(), value.as_ref(), security) {
                ("tls", "starttls", Security::Plain) => security = Security::StartTls,
                ("tls", "none", Security::Plain) => {}
                ("tls", "implicit", Security::Implicit) => {}
                ("tls", v, Security::Implicit) => {
                    return Err(bad(&format!(
                        "bad tls value {v:?}: imaps:// is always implicit TLS (use imap://...?tls=starttls for STARTTLS)"
                    )));
                }
                ("tls", v, _) => {
                    return Err(bad(&format!(
                        "bad tls value {v:?}: expected tls=starttls or tls=none"
                    )));
                }
                (k, _, _) => return Err(bad(&format!("unknown parameter {k:?}"))),
            }
        }
        let decode = |s: &str, what: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| bad(&format!("the {what} is not UTF-8 once percent-decoded")))
        };
        let user = decode(parsed.username(), "user")?;
        if user.is_empty() {
            return Err(bad("no user (imaps://user:password@host/INBOX)"));
        }
        let password = decode(parsed.password().unwrap_or(""), "password")?;
        let path = decode(parsed.path().trim_start_matches('/'), "mailbox")?;
        let mailbox = if path.is_empty() {
            "INBOX".to_owned()
        } else {
            path
        };
        if security == Security::Plain && !is_loopback(&host) {
            tracing::warn!(%host, "DONERA_IMAP_URL has no TLS: the password crosses in clear text");
        }
        Ok(ImapSettings {
            host,
            port,
            security,
            user,
            password,
            mailbox,
            done_folder: DEFAULT_DONE_FOLDER.to_owned(),
            ca_pem: None,
            oauth2: None,
            timeout: Duration::from_secs(120),
        })
    }

    /// All the `DONERA_IMAP_*` settings through `get` (the portal's environment lookup):
    /// `None` when `DONERA_IMAP_URL` is unset (no mail intake). `DONERA_IMAP_CA_FILE` names a PEM
    /// file; the three `DONERA_IMAP_OAUTH2_TOKEN_URL`/`_CLIENT_ID`/`_CLIENT_SECRET` go together,
    /// `DONERA_IMAP_OAUTH2_SCOPE` is optional.
    pub fn from_lookup(
        get: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<ImapSettings>, ImapError> {
        let Some(url) = get("DONERA_IMAP_URL") else {
            return Ok(None);
        };
        let mut s = ImapSettings::from_url(&url)?;
        if let Some(folder) = get("DONERA_IMAP_DONE_FOLDER") {
            let folder = folder.trim_matches('/').to_owned();
            if folder.is_empty() || folder.eq_ignore_ascii_case(&s.mailbox) {
                return Err(ImapError::Config(
                    "DONERA_IMAP_DONE_FOLDER: must name a folder other than the mailbox read"
                        .into(),
                ));
            }
            s.done_folder = folder;
        }
        if let Some(path) = get("DONERA_IMAP_CA_FILE") {
            let pem = std::fs::read(&path).map_err(|e| {
                ImapError::Config(format!("DONERA_IMAP_CA_FILE: cannot read {path}: {e}"))
            })?;
            tls_config(Some(&pem))
                .map_err(|e| ImapError::Config(format!("DONERA_IMAP_CA_FILE: {path}: {e}")))?;
            s.ca_pem = Some(pem);
        }
        let oauth = (
            get("DONERA_IMAP_OAUTH2_TOKEN_URL"),
            get("DONERA_IMAP_OAUTH2_CLIENT_ID"),
            get("DONERA_IMAP_OAUTH2_CLIENT_SECRET"),
        );
        match oauth {
            (None, None, None) => {
                if s.password.is_empty() {
                    return Err(ImapError::Config(
                        "DONERA_IMAP_URL: no password (and no DONERA_IMAP_OAUTH2_* settings)"
                            .into(),
                    ));
                }
            }
            (Some(token_url), Some(client_id), Some(client_secret)) => {
                if !(token_url.starts_with("https://") || token_url.starts_with("http://")) {
                    return Err(ImapError::Config(
                        "DONERA_IMAP_OAUTH2_TOKEN_URL: must be an https:// URL".into(),
                    ));
                }
                s.oauth2 = Some(OAuth2Settings {
                    token_url,
                    client_id,
                    client_secret,
                    scope: get("DONERA_IMAP_OAUTH2_SCOPE")
                        .unwrap_or_else(|| DEFAULT_OAUTH2_SCOPE.to_owned()),
                });
            }
            _ => {
                return Err(ImapError::Config(
                    "DONERA_IMAP_OAUTH2_TOKEN_URL, _CLIENT_ID and _CLIENT_SECRET go together"
                        .into(),
                ));
            }
        }
        Ok(Some(s))
    }

    fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    fn secrets(&self) -> Secrets {
        let mut v = vec![self.password.clone()];
        if let Some(o) = &self.oauth2 {
            v.push(o.client_secret.clone());
        }
        Secrets(v)
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

// ---------------------------------------------------------------------------------------------
// Transport

/// The byte stream under the IMAP session: TCP, or TLS over TCP.
#[derive(Debug)]
pub enum MailStream {
    Plain(TcpStream),
    Tls(Box<tokio_rustls::client::TlsStream<TcpStream>>),
}

impl AsyncRead for MailStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for MailStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_flush(cx),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            MailStream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            MailStream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

/// rustls with `ring`, the public roots and the private CA's certificates, if any.
fn tls_config(ca_pem: Option<&[u8]>) -> Result<Arc<rustls::ClientConfig>, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject as _;
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(pem) = ca_pem {
        let mut added = 0;
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| format!("not a PEM certificate: {e}"))?;
            roots
                .add(cert)
                .map_err(|e| format!("unusable CA certificate: {e}"))?;
            added += 1;
        }
        if added == 0 {
            return Err("no certificate in the PEM data".into());
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(Arc::new(config))
}

async fn with_timeout<T, E>(
    limit: Duration,
    fut: impl Future<Output = Result<T, E>>,
    on_error: impl FnOnce(String) -> ImapError,
) -> Result<T, ImapError>
where
    E: fmt::Display,
{
    match tokio::time::timeout(limit, fut).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(on_error(e.to_string())),
        Err(_) => Err(on_error(format!("no answer within {} s", limit.as_secs()))),
    }
}

// ---------------------------------------------------------------------------------------------
// OAuth 2

/// The client-credentials grant: a form POST to the token endpoint, `access_token` from the
/// JSON answer. Uses awc, so it must run inside the actix runtime (as the portal's worker does).
pub async fn fetch_oauth2_token(o: &OAuth2Settings) -> Result<String, ImapError> {
    let secrets = Secrets(vec![o.client_secret.clone()]);
    let client = awc::Client::builder()
        .timeout(Duration::from_secs(30))
        .finish();
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", o.client_id.as_str()),
        ("client_secret", o.client_secret.as_str()),
        ("scope", o.scope.as_str()),
    ];
    let mut response = client
        .post(&o.token_url)
        .insert_header(("Accept", "application/json"))
        .send_form(&form)
        .await
        .map_err(|e| ImapError::Token(secrets.scrub(format!("{}: {e}", o.token_url))))?;
    let status = response.status();
    let body = response
        .body()
        .limit(256 * 1024)
        .await
        .map_err(|e| ImapError::Token(secrets.scrub(e)))?;
    let json: serde_json::Value = serde_json::from_slice(&body).map_err(|_| {
        ImapError::Token(format!("{}: answered {status} with no JSON", o.token_url))
    })?;
    if !status.is_success() {
        // Microsoft's answer: {"error": "invalid_client", "error_description": "AADSTS...", ...}
        let error = json["error"].as_str().unwrap_or("?");
        let description = json["error_description"].as_str().unwrap_or("");
        let first_line = description.lines().next().unwrap_or("");
        return Err(ImapError::Token(
            secrets.scrub(format!("{}: {status} {error} {first_line}", o.token_url)),
        ));
    }
    match json["access_token"].as_str() {
        Some(token) if !token.is_empty() => Ok(token.to_owned()),
        _ => Err(ImapError::Token(format!(
            "{}: no access_token in the answer",
            o.token_url
        ))),
    }
}

/// SASL XOAUTH2: `user=<user>^Aauth=Bearer <token>^A^A`. On failure the server sends a JSON
/// error as a second challenge, which must be answered with an empty response.
struct XOAuth2 {
    user: String,
    token: String,
    sent: bool,
}

impl async_imap::Authenticator for &mut XOAuth2 {
    type Response = Vec<u8>;
    fn process(&mut self, _challenge: &[u8]) -> Vec<u8> {
        if self.sent {
            return Vec::new();
        }
        self.sent = true;
        format!("user={}\x01auth=Bearer {}\x01\x01", self.user, self.token).into_bytes()
    }
}

// ---------------------------------------------------------------------------------------------
// The mailbox

/// Messages larger than this are fetched alone and in parts of this size.
pub const PART: u64 = 1024 * 1024;

/// One message as it is in the mailbox: its UID and its raw RFC 822 bytes, in memory or, for a
/// message larger than [`PART`], in a temporary file (gone when closed).
#[derive(Debug)]
pub struct RawMessage {
    pub uid: u32,
    /// The message; empty when it is in `file`.
    pub raw: Vec<u8>,
    pub file: Option<std::fs::File>,
}

impl RawMessage {
    /// The message's bytes, read from its file when it has one.
    pub fn bytes(&self) -> std::io::Result<Vec<u8>> {
        use std::io::{Read as _, Seek as _, SeekFrom};
        let Some(mut f) = self.file.as_ref() else {
            return Ok(self.raw.clone());
        };
        let mut out = vec![];
        f.seek(SeekFrom::Start(0))?;
        f.read_to_end(&mut out)?;
        Ok(out)
    }
}

/// Why [`Mailbox::idle`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleOutcome {
    /// The server reported a change (new message, expunge, flags).
    Changed,
    /// The timeout passed without a change (or the server has no IDLE and we just waited).
    TimedOut,
}

/// What the server can do, read once after the login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    pub idle: bool,
    /// RFC 6851 `MOVE`.
    pub r#move: bool,
    /// RFC 4315 `UIDPLUS` (for `UID EXPUNGE`).
    pub uidplus: bool,
}

/// The commands [`Mailbox::done`] sends for a UID set, given the server's capabilities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DonePlan {
    /// `UID STORE +FLAGS.SILENT (\Seen)`, `UID MOVE`.
    Move,
    /// `UID STORE +FLAGS.SILENT (\Seen)`, `UID COPY`, `UID STORE +FLAGS.SILENT (\Deleted)`,
    /// `UID EXPUNGE` of just those UIDs.
    CopyExpunge,
    /// No UIDPLUS: a plain EXPUNGE could remove other clients' `\Deleted` messages, so they are
    /// only copied and flagged `\Deleted`; [`Mailbox::fetch_batch`] skips `\Deleted` messages.
    CopyFlagDeleted,
}

impl DonePlan {
    pub fn choose(caps: Capabilities) -> DonePlan {
        if caps.r#move {
            DonePlan::Move
        } else if caps.uidplus {
            DonePlan::CopyExpunge
        } else {
            DonePlan::CopyFlagDeleted
        }
    }

    /// The IMAP commands, in order (without tags), for `uids` and the done folder's server name.
    pub fn commands(&self, uids: &str, folder: &str) -> Vec<String> {
        let folder = quote(folder);
        let mut v = vec![format!("UID STORE {uids} +FLAGS.SILENT (\\Seen)")];
        match self {
            DonePlan::Move => v.push(format!("UID MOVE {uids} {folder}")),
            DonePlan::CopyExpunge => {
                v.push(format!("UID COPY {uids} {folder}"));
                v.push(format!("UID STORE {uids} +FLAGS.SILENT (\\Deleted)"));
                v.push(format!("UID EXPUNGE {uids}"));
            }
            DonePlan::CopyFlagDeleted => {
                v.push(format!("UID COPY {uids} {folder}"));
                v.push(format!("UID STORE {uids} +FLAGS.SILENT (\\Deleted)"));
            }
        }
        v
    }
}

/// An IMAP quoted string (mailbox names are ASCII here; see the note on modified UTF-7).
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    q
}

/// A UID set: `1,2,7`.
fn uid_set(uids: &[u32]) -> String {
    uids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The done folder's name on the server: our `/` replaced by the server's separator, in
/// modified UTF-7 (see [`mailbox_name`]).
pub fn server_folder_name(folder: &str, delimiter: Option<&str>) -> String {
    match delimiter {
        Some(d) if d != "/" => mailbox_name(&folder.split('/').collect::<Vec<_>>().join(d)),
        _ => mailbox_name(folder),
    }
}

/// A mailbox name as IMAP4rev1 writes it (RFC 3501 5.1.3, modified UTF-7): printable ASCII as
/// it is, `&` as `&-`, and every run of other characters as `&`, the base64 of its UTF-16 (with
/// `,` for `/`, unpadded) and `-`. A Swedish "Färdiga" is `F&AOQ-rdiga` on the server.
pub fn mailbox_name(name: &str) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD_NO_PAD;
    let mut out = String::with_capacity(name.len());
    let mut run: Vec<u16> = vec![];
    let flush = |run: &mut Vec<u16>, out: &mut String| {
        if !run.is_empty() {
            let bytes: Vec<u8> = run.iter().flat_map(|u| u.to_be_bytes()).collect();
            out.push('&');
            out.push_str(&b64.encode(bytes).replace('/', ","));
            out.push('-');
            run.clear();
        }
    };
    for c in name.chars() {
        if c == '&' {
            flush(&mut run, &mut out);
            out.push_str("&-");
        } else if (' '..='~').contains(&c) {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            let mut units = [0; 2];
            run.extend_from_slice(c.encode_utf16(&mut units));
        }
    }
    flush(&mut run, &mut out);
    out
}

pub type Session = async_imap::Session<MailStream>;

/// A logged-in session with the mailbox selected and the done folder in place.
pub struct Mailbox {
    session: Session,
    caps: Capabilities,
    done_folder: String,
    timeout: Duration,
    secrets: Secrets,
}

impl fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailbox")
            .field("caps", &self.caps)
            .field("done_folder", &self.done_folder)
            .finish_non_exhaustive()
    }
}

impl Mailbox {
    /// Connects (TLS as the settings say), logs in (LOGIN, or XOAUTH2 with a token fetched
    /// now), reads the capabilities, creates the done folder if missing and selects the mailbox.
    /// With OAuth 2 it must run inside the actix runtime (awc).
    pub async fn connect(settings: &ImapSettings) -> Result<Mailbox, ImapError> {
        let token = match &settings.oauth2 {
            Some(o) => Some(fetch_oauth2_token(o).await?),
            None => None,
        };
        Mailbox::connect_with_token(settings, token.as_deref()).await
    }

    /// As [`Mailbox::connect`], with an OAuth 2 access token already at hand (`Some`: XOAUTH2,
    /// `None`: LOGIN with the password).
    pub async fn connect_with_token(
        settings: &ImapSettings,
        token: Option<&str>,
    ) -> Result<Mailbox, ImapError> {
        let mut secrets = settings.secrets();
        if let Some(t) = token {
            secrets.0.push(t.to_owned());
        }
        let client = open(settings, &secrets).await?;
        let limit = settings.timeout;
        let login_error = |e: async_imap::error::Error| ImapError::Login {
            user: settings.user.clone(),
            reason: secrets.scrub(e),
        };
        let session = match token {
            None => {
                match tokio::time::timeout(limit, client.login(&settings.user, &settings.password))
                    .await
                {
                    Ok(Ok(s)) => s,
                    Ok(Err((e, _))) => return Err(login_error(e)),
                    Err(_) => return Err(timeout_error("LOGIN", limit)),
                }
            }
            Some(token) => {
                let mut auth = XOAuth2 {
                    user: settings.user.clone(),
                    token: token.to_owned(),
                    sent: false,
                };
                match tokio::time::timeout(limit, client.authenticate("XOAUTH2", &mut auth)).await {
                    Ok(Ok(s)) => s,
                    Ok(Err((e, _))) => return Err(login_error(e)),
                    Err(_) => return Err(timeout_error("AUTHENTICATE", limit)),
                }
            }
        };
        let mut mailbox = Mailbox {
            session,
            caps: Capabilities::default(),
            done_folder: String::new(),
            timeout: limit,
            secrets,
        };
        mailbox.prepare(settings).await?;
        Ok(mailbox)
    }

    async fn prepare(&mut self, settings: &ImapSettings) -> Result<(), ImapError> {
        let limit = self.timeout;
        let secrets = self.secrets.clone();
        let caps = with_timeout(limit, self.session.capabilities(), |e| {
            ImapError::Protocol {
                during: "CAPABILITY",
                reason: secrets.scrub(e),
            }
        })
        .await?;
        self.caps = Capabilities {
            idle: caps.has_str("IDLE"),
            r#move: caps.has_str("MOVE"),
            uidplus: caps.has_str("UIDPLUS"),
        };
        // The hierarchy separator: `LIST "" ""` answers with the root and its delimiter.
        let delimiter = with_timeout(
            limit,
            async {
                let names = self.session.list(Some(""), Some("\"\"")).await?;
                let names: Vec<_> = names.collect().await;
                let mut delimiter = None;
                for n in names {
                    if let Some(d) = n?.delimiter() {
                        delimiter = Some(d.to_owned());
                    }
                }
                Ok::<_, async_imap::error::Error>(delimiter)
            },
            |e| ImapError::Protocol {
                during: "LIST",
                reason: e,
            },
        )
        .await?;
        self.done_folder = server_folder_name(&settings.done_folder, delimiter.as_deref());
        let folder = self.done_folder.clone();
        let exists = with_timeout(
            limit,
            async {
                let names = self.session.list(Some(""), Some(&quote(&folder))).await?;
                let names: Vec<_> = names.collect().await;
                let mut found = false;
                for n in names {
                    found |= n?.name() == folder;
                }
                Ok::<_, async_imap::error::Error>(found)
            },
            |e| ImapError::Protocol {
                during: "LIST",
                reason: e,
            },
        )
        .await?;
        if !exists {
            tracing::info!(folder = %folder, "creating the IMAP done folder");
            with_timeout(limit, self.session.create(&folder), |e| {
                ImapError::Protocol {
                    during: "CREATE",
                    reason: format!("{folder}: {e}"),
                }
            })
            .await?;
        }
        let mailbox = mailbox_name(&settings.mailbox);
        with_timeout(limit, self.session.select(&mailbox), |e| {
            ImapError::Protocol {
                during: "SELECT",
                reason: format!("{mailbox}: {e}"),
            }
        })
        .await?;
        Ok(())
    }

    /// What the server offers (read after the login).
    pub fn capabilities(&self) -> Capabilities {
        self.caps
    }

    /// The done folder's name on this server (with its separator).
    pub fn done_folder(&self) -> &str {
        &self.done_folder
    }

    /// The messages now in the mailbox and not yet done, oldest (lowest UID) first, at most
    /// `max` and at most `max_bytes` together (at least one), fetched with `BODY.PEEK[]` so none
    /// is marked `\Seen` before [`Mailbox::done`]. A message larger than [`PART`] comes alone,
    /// in parts of that size (`BODY.PEEK[]<offset.length>`) written to a temporary file: the
    /// protocol buffer never holds more than a part, and a 25 MB message is never in memory.
    pub async fn fetch_batch(
        &mut self,
        max: usize,
        max_bytes: u64,
    ) -> Result<Vec<RawMessage>, ImapError> {
        // Untagged EXISTS/EXPUNGE/FETCH noticed so far are of no use (the search below sees
        // the current state): empty the session's channel so it holds no old responses.
        while self.session.unsolicited_responses.try_recv().is_ok() {}
        let failed = self.protocol("UID SEARCH");
        let mut uids: Vec<u32> =
            with_timeout(self.timeout, self.session.uid_search("UNDELETED"), failed)
                .await?
                .into_iter()
                .collect();
        uids.sort_unstable();
        uids.truncate(max);
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let sizes = self.sizes(&uids).await?;
        match sizes.first() {
            Some(&(uid, size)) if size > PART => {
                let (file, len) = self.fetch_in_parts(uid).await?;
                Ok(if len == 0 {
                    vec![]
                } else {
                    vec![RawMessage {
                        uid,
                        raw: vec![],
                        file: Some(file),
                    }]
                })
            }
            // Gone since the search (expunged by another client): the next pass sees.
            None => Ok(vec![]),
            Some(_) => {
                // Small messages, as many as fit in `max_bytes` and before the next big one:
                // many per round trip keep the server's work per message low (a MOVE rewrites
                // the mailbox's index once per batch).
                let mut total = 0u64;
                let uids: Vec<u32> = sizes
                    .iter()
                    .take_while(|&&(_, size)| {
                        total += size;
                        size <= PART && total <= max_bytes
                    })
                    .map(|&(uid, _)| uid)
                    .collect();
                let uids = if uids.is_empty() {
                    vec![sizes[0].0]
                } else {
                    uids
                };
                self.fetch_whole(&uids).await
            }
        }
    }

    /// The protocol error for `during`, with the secrets taken out of the server's words.
    fn protocol(&self, during: &'static str) -> impl Fn(String) -> ImapError + use<> {
        let secrets = self.secrets.clone();
        move |e: String| ImapError::Protocol {
            during,
            reason: secrets.scrub(e),
        }
    }

    /// Runs `UID FETCH <set> <query>` and hands each response to `each` as it comes, the command
    /// and every response within the timeout. Unsolicited FETCH responses (flag changes of other
    /// messages) come too: `each` checks the UID.
    async fn uid_fetch_each(
        &mut self,
        set: String,
        query: &str,
        during: &'static str,
        mut each: impl FnMut(&async_imap::types::Fetch) -> Result<(), ImapError>,
    ) -> Result<(), ImapError> {
        let limit = self.timeout;
        let protocol = self.protocol(during);
        let failed = self.protocol(during);
        let mut stream = with_timeout(limit, self.session.uid_fetch(set, query), failed).await?;
        while let Some(fetch) = tokio::time::timeout(limit, stream.next())
            .await
            .map_err(|_| timeout_error(during, limit))?
        {
            // The response (the server's buffer, with a message in it) is dropped after `each`.
            each(&fetch.map_err(|e| protocol(e.to_string()))?)?;
        }
        Ok(())
    }

    /// `(uid, RFC822.SIZE)` of the messages `uids` that are still there, by UID.
    async fn sizes(&mut self, uids: &[u32]) -> Result<Vec<(u32, u64)>, ImapError> {
        let mut sizes: Vec<(u32, u64)> = vec![];
        self.uid_fetch_each(
            uid_set(uids),
            "(UID RFC822.SIZE)",
            "UID FETCH RFC822.SIZE",
            |fetch| {
                if let (Some(uid), Some(size)) = (fetch.uid, fetch.size)
                    && uids.binary_search(&uid).is_ok()
                {
                    sizes.push((uid, u64::from(size)));
                }
                Ok(())
            },
        )
        .await?;
        sizes.sort_unstable();
        sizes.dedup_by_key(|s| s.0);
        Ok(sizes)
    }

    /// The messages `uids` whole, one FETCH for all.
    async fn fetch_whole(&mut self, uids: &[u32]) -> Result<Vec<RawMessage>, ImapError> {
        let mut out = Vec::with_capacity(uids.len());
        self.uid_fetch_each(uid_set(uids), "(UID BODY.PEEK[])", "UID FETCH", |fetch| {
            if let (Some(uid), Some(body)) = (fetch.uid, fetch.body())
                && uids.binary_search(&uid).is_ok()
            {
                out.push(RawMessage {
                    uid,
                    raw: body.to_vec(),
                    file: None,
                });
            }
            Ok(())
        })
        .await?;
        out.sort_by_key(|m| m.uid);
        out.dedup_by_key(|m| m.uid);
        Ok(out)
    }

    /// One message in parts of [`PART`] bytes, until a part comes back short, written to a
    /// temporary file (in `TMPDIR`, removed when closed) so it is never in memory whole; with
    /// the number of bytes written.
    async fn fetch_in_parts(&mut self, uid: u32) -> Result<(std::fs::File, u64), ImapError> {
        use std::io::Write as _;
        let spool = |e: std::io::Error| ImapError::Spool(e.to_string());
        let mut file = tempfile::tempfile().map_err(spool)?;
        let mut len = 0u64;
        loop {
            let query = format!("(UID BODY.PEEK[]<{len}.{PART}>)");
            let mut got = 0u64;
            self.uid_fetch_each(uid.to_string(), &query, "UID FETCH part", |fetch| {
                if fetch.uid == Some(uid)
                    && let Some(body) = fetch.body()
                {
                    file.write_all(body).map_err(spool)?;
                    got += body.len() as u64;
                }
                Ok(())
            })
            .await?;
            len += got;
            if got < PART {
                file.flush().map_err(spool)?;
                return Ok((file, len));
            }
        }
    }

    /// Marks the messages `\Seen` and moves them to the done folder: `UID MOVE` when the server
    /// has MOVE, else `UID COPY` + `\Deleted` + `UID EXPUNGE` of just these UIDs (see
    /// [`DonePlan`]). A message is never removed before its copy exists.
    pub async fn done(&mut self, uids: &[u32]) -> Result<(), ImapError> {
        if uids.is_empty() {
            return Ok(());
        }
        let plan = DonePlan::choose(self.caps);
        if plan == DonePlan::CopyFlagDeleted {
            tracing::warn!(
                "the IMAP server has neither MOVE nor UIDPLUS: done messages are copied and flagged \\Deleted, not expunged"
            );
        }
        let set = uid_set(uids);
        for command in plan.commands(&set, &self.done_folder) {
            let during: &'static str = if command.starts_with("UID STORE") {
                "UID STORE"
            } else if command.starts_with("UID MOVE") {
                "UID MOVE"
            } else if command.starts_with("UID COPY") {
                "UID COPY"
            } else {
                "UID EXPUNGE"
            };
            // Tagged OK/NO/BAD is all that matters; untagged FETCH/EXPUNGE go to the
            // session's unsolicited channel (bounded, overflow dropped).
            let secrets = self.secrets.clone();
            with_timeout(
                self.timeout,
                self.session.run_command_and_check_ok(&command),
                |e| ImapError::Protocol {
                    during,
                    reason: secrets.scrub(e),
                },
            )
            .await?;
        }
        Ok(())
    }

    /// Waits until the mailbox changes or `timeout` passes (capped at [`MAX_IDLE`]), then gives
    /// the session back for the next [`Mailbox::fetch_batch`]. Without IDLE on the server it
    /// simply waits `timeout` (polling). On error the connection is gone: connect again.
    pub async fn idle(self, timeout: Duration) -> Result<(Mailbox, IdleOutcome), ImapError> {
        let timeout = timeout.min(MAX_IDLE);
        if !self.caps.idle {
            tokio::time::sleep(timeout).await;
            return Ok((self, IdleOutcome::TimedOut));
        }
        let Mailbox {
            session,
            caps,
            done_folder,
            timeout: limit,
            secrets,
        } = self;
        let protocol = |e: async_imap::error::Error| ImapError::Protocol {
            during: "IDLE",
            reason: secrets.scrub(e),
        };
        let mut handle = session.idle();
        match tokio::time::timeout(limit, handle.init()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(protocol(e)),
            Err(_) => return Err(timeout_error("IDLE", limit)),
        }
        let deadline = Instant::now() + timeout;
        let outcome = {
            // The library's own timeout restarts at every "* OK Still here": ours is overall.
            // Dropping the wait future mid-read loses nothing: read bytes stay in the buffer.
            let (wait, _stop) = handle.wait_with_timeout(timeout + Duration::from_secs(60));
            match tokio::time::timeout_at(deadline.into(), wait).await {
                Err(_) => IdleOutcome::TimedOut,
                Ok(Ok(async_imap::extensions::idle::IdleResponse::NewData(_))) => {
                    IdleOutcome::Changed
                }
                Ok(Ok(_)) => IdleOutcome::TimedOut,
                Ok(Err(e)) => return Err(protocol(e)),
            }
        };
        let session = match tokio::time::timeout(limit, handle.done()).await {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => return Err(protocol(e)),
            Err(_) => return Err(timeout_error("IDLE DONE", limit)),
        };
        Ok((
            Mailbox {
                session,
                caps,
                done_folder,
                timeout: limit,
                secrets,
            },
            outcome,
        ))
    }

    /// Says goodbye (best effort; dropping the `Mailbox` also closes the connection).
    pub async fn logout(mut self) -> Result<(), ImapError> {
        let limit = self.timeout;
        with_timeout(limit, self.session.logout(), |e| ImapError::Protocol {
            during: "LOGOUT",
            reason: e,
        })
        .await
    }

    /// The underlying async-imap session, for what this module does not cover (tests use it
    /// to APPEND and to look at the done folder).
    pub fn session(&mut self) -> &mut Session {
        &mut self.session
    }
}

fn timeout_error(during: &'static str, limit: Duration) -> ImapError {
    ImapError::Protocol {
        during,
        reason: format!("no answer within {} s", limit.as_secs()),
    }
}

/// TCP, TLS (implicit or STARTTLS) and the greeting: a client ready for the login.
async fn open(
    settings: &ImapSettings,
    secrets: &Secrets,
) -> Result<async_imap::Client<MailStream>, ImapError> {
    let server = settings.server();
    let limit = settings.timeout;
    let connect_error = |reason: String| ImapError::Connect {
        server: server.clone(),
        reason,
    };
    let tls_error = |reason: String| ImapError::Tls {
        server: server.clone(),
        reason,
    };
    let tcp = with_timeout(
        limit,
        TcpStream::connect((settings.host.as_str(), settings.port)),
        connect_error,
    )
    .await?;
    tcp.set_nodelay(true).ok();
    let handshake = |tcp: TcpStream| async {
        let config = tls_config(settings.ca_pem.as_deref()).map_err(tls_error)?;
        let name = rustls::pki_types::ServerName::try_from(settings.host.clone())
            .map_err(|e| tls_error(e.to_string()))?;
        let tls = with_timeout(
            limit,
            tokio_rustls::TlsConnector::from(config).connect(name, tcp),
            tls_error,
        )
        .await?;
        Ok::<_, ImapError>(MailStream::Tls(Box::new(tls)))
    };
    let greeting = |mut client: async_imap::Client<MailStream>| async {
        let greeting = with_timeout(limit, client.read_response(), connect_error).await?;
        match greeting.as_ref().map(|g| g.parsed()) {
            Some(imap_proto_greeting) if is_ok_greeting(imap_proto_greeting) => Ok(client),
            Some(other) => Err(ImapError::Connect {
                server: server.clone(),
                reason: secrets.scrub(format!("unexpected greeting {other:?}")),
            }),
            None => Err(ImapError::Connect {
                server: server.clone(),
                reason: "connection closed before the greeting".into(),
            }),
        }
    };
    match settings.security {
        Security::Implicit => greeting(async_imap::Client::new(handshake(tcp).await?)).await,
        Security::Plain => greeting(async_imap::Client::new(MailStream::Plain(tcp))).await,
        Security::StartTls => {
            let mut client = greeting(async_imap::Client::new(MailStream::Plain(tcp))).await?;
            with_timeout(
                limit,
                client.run_command_and_check_ok("STARTTLS", None),
                |e| tls_error(format!("STARTTLS refused: {e}")),
            )
            .await?;
            // The server says nothing more before the handshake, so no byte is left in the
            // client's buffer (a server that did would be injecting plaintext: RFC 3501 11.1).
            let MailStream::Plain(tcp) = client.into_inner() else {
                return Err(tls_error("STARTTLS over TLS".into()));
            };
            Ok(async_imap::Client::new(handshake(tcp).await?))
        }
    }
}

/// `* OK ...` or `* PREAUTH ...` (not `* BYE`).
fn is_ok_greeting(r: &async_imap::imap_proto::Response<'_>) -> bool {
    use async_imap::imap_proto::{Response, Status};
    matches!(
        r,
        Response::Data {
            status: Status::Ok | Status::PreAuth,
            ..
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(url: &str) -> String {
        match ImapSettings::from_url(url) {
            Ok(s) => panic!("{url} parsed as {s:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn parses_the_three_kinds() {
        let s = ImapSettings::from_url(
            "imaps://support%40donera.se:p%40ss%2Fw%3Ard@mail.example.org/INBOX",
        )
        .unwrap();
        assert_eq!(s.security, Security::Implicit);
        assert_eq!(s.host, "mail.example.org");
        assert_eq!(s.port, 993);
        assert_eq!(s.user, "support@donera.se");
        assert_eq!(s.password, "p@ss/w:rd");
        assert_eq!(s.mailbox, "INBOX");
        assert_eq!(s.done_folder, DEFAULT_DONE_FOLDER);

        let s =
            ImapSettings::from_url("imap://u:p@mail.example.org:1143/Support%20In?tls=starttls")
                .unwrap();
        assert_eq!(s.security, Security::StartTls);
        assert_eq!(s.port, 1143);
        assert_eq!(s.mailbox, "Support In");

        let s = ImapSettings::from_url("imap://u:p@127.0.0.1").unwrap();
        assert_eq!(s.security, Security::Plain);
        assert_eq!(s.port, 143);
        assert_eq!(s.mailbox, "INBOX");

        let s = ImapSettings::from_url("imaps://u:p@[::1]:10993/").unwrap();
        assert_eq!(s.host, "::1");
        assert_eq!(s.mailbox, "INBOX");
    }

    #[test]
    fn bad_urls_say_why() {
        assert!(err("smtp://u:p@host/INBOX").contains("scheme must be imaps:// or imap://"));
        assert!(err("https://u:p@host/").contains("scheme"));
        assert!(err("imaps:///INBOX").contains("no host"));
        assert!(err("imap://u:p@/INBOX").contains("no host"));
        assert!(err("imap://u:p@host/INBOX?tls=yes").contains("bad tls value \"yes\""));
        assert!(err("imaps://u:p@host/INBOX?tls=starttls").contains("bad tls value"));
        assert!(err("imap://u:p@host/INBOX?foo=1").contains("unknown parameter"));
        assert!(err("imap://host/INBOX").contains("no user"));
        assert!(err("not a url").contains("not a URL"));
        assert!(err("imap://u:p@host:99999/").contains("not a URL"));
        // The password is never echoed.
        assert!(!err("imap://u:hunter2@host/?tls=x").contains("hunter2"));
    }

    #[test]
    fn lookup_reads_the_rest() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(ImapSettings::from_lookup(env(&[])).unwrap(), None);
        let s = ImapSettings::from_lookup(env(&[
            (
                "DONERA_IMAP_URL",
                "imaps://support@x.onmicrosoft.com@outlook.office365.com/",
            ),
            (
                "DONERA_IMAP_OAUTH2_TOKEN_URL",
                "https://login.example/token",
            ),
            ("DONERA_IMAP_OAUTH2_CLIENT_ID", "id"),
            ("DONERA_IMAP_OAUTH2_CLIENT_SECRET", "sekret"),
            ("DONERA_IMAP_DONE_FOLDER", "Done/Support"),
        ]))
        .unwrap()
        .unwrap();
        let o = s.oauth2.as_ref().unwrap();
        assert_eq!(o.scope, DEFAULT_OAUTH2_SCOPE);
        assert_eq!(s.done_folder, "Done/Support");
        assert!(!format!("{s:?}").contains("sekret"));
        let e = ImapSettings::from_lookup(env(&[
            ("DONERA_IMAP_URL", "imaps://u@host/"),
            ("DONERA_IMAP_OAUTH2_CLIENT_ID", "id"),
        ]))
        .unwrap_err()
        .to_string();
        assert!(e.contains("go together"), "{e}");
        let e = ImapSettings::from_lookup(env(&[("DONERA_IMAP_URL", "imaps://u@host/")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no password"), "{e}");
        let e = ImapSettings::from_lookup(env(&[
            ("DONERA_IMAP_URL", "imaps://u:p@host/"),
            ("DONERA_IMAP_CA_FILE", "/nonexistent/ca.pem"),
        ]))
        .unwrap_err()
        .to_string();
        assert!(e.contains("DONERA_IMAP_CA_FILE"), "{e}");
    }

    #[test]
    fn done_plan_follows_capabilities() {
        let caps = |m, u| Capabilities {
            idle: true,
            r#move: m,
            uidplus: u,
        };
        assert_eq!(DonePlan::choose(caps(true, true)), DonePlan::Move);
        assert_eq!(DonePlan::choose(caps(true, false)), DonePlan::Move);
        assert_eq!(DonePlan::choose(caps(false, true)), DonePlan::CopyExpunge);
        assert_eq!(
            DonePlan::choose(caps(false, false)),
            DonePlan::CopyFlagDeleted
        );
        assert_eq!(
            DonePlan::Move.commands("3,5", "Donera.Processed"),
            vec![
                "UID STORE 3,5 +FLAGS.SILENT (\\Seen)",
                "UID MOVE 3,5 \"Donera.Processed\""
            ]
        );
        assert_eq!(
            DonePlan::CopyExpunge.commands("3", "Donera/Processed"),
            vec![
                "UID STORE 3 +FLAGS.SILENT (\\Seen)",
                "UID COPY 3 \"Donera/Processed\"",
                "UID STORE 3 +FLAGS.SILENT (\\Deleted)",
                "UID EXPUNGE 3"
            ]
        );
        assert!(
            !DonePlan::CopyFlagDeleted
                .commands("3", "F")
                .iter()
                .any(|c| c.contains("EXPUNGE"))
        );
    }

    #[test]
    fn folder_names_use_the_server_separator() {
        assert_eq!(
            server_folder_name("Donera/Processed", Some(".")),
            "Donera.Processed"
        );
        assert_eq!(
            server_folder_name("Donera/Processed", Some("/")),
            "Donera/Processed"
        );
        assert_eq!(
            server_folder_name("Donera/Processed", None),
            "Donera/Processed"
        );
        assert_eq!(
            server_folder_name("Donera/Färdiga", Some(".")),
            "Donera.F&AOQ-rdiga"
        );
        assert_eq!(mailbox_name("Inkorg/Åtgärdat"), "Inkorg/&AMU-tg&AOQ-rdat");
        // RFC 3501's own examples, and a sign outside the BMP (a surrogate pair).
        assert_eq!(
            mailbox_name("~peter/mail/台北/日本語"),
            "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
        );
        assert_eq!(mailbox_name("Tom & Jerry"), "Tom &- Jerry");
        assert_eq!(mailbox_name("📬"), "&2D3c7A-");
        assert_eq!(mailbox_name("INBOX"), "INBOX");
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }

    #[test]
    fn xoauth2_string() {
        let mut a = XOAuth2 {
            user: "u@x".into(),
            token: "tok".into(),
            sent: false,
        };
        let mut r = &mut a;
        use async_imap::Authenticator as _;
        assert_eq!(
            r.process(b""),
            b"user=u@x\x01auth=Bearer tok\x01\x01".to_vec()
        );
        assert_eq!(r.process(b"{\"status\":\"401\"}"), Vec::<u8>::new());
    }
}
