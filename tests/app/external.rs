//! What the start-up and proxy tests run around the real binary: the binary itself as a child
//! process, a private CA with a server certificate, an SMTP server (plain and STARTTLS) that keeps
//! what it receives, a webhook receiver that checks signatures, and an HTTP(S) client that keeps
//! cookies like a browser.

use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;

use crate::support::Resp;

/// How long a test waits for something the portal does in the background (a mail, an event).
pub const PATIENCE: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------------------------
// Certificates

/// A private CA and a server certificate for 127.0.0.1 and localhost, as PEM files in a folder.
pub struct Pki {
    pub dir: tempfile::TempDir,
    pub ca_pem: String,
    cert_der: Vec<u8>,
    key_der: Vec<u8>,
}

impl Pki {
    pub fn new() -> Pki {
        let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Donera test CA");
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
        let params =
            rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
                .unwrap();
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &ca).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.pem"), ca.pem()).unwrap();
        std::fs::write(dir.path().join("cert.pem"), cert.pem()).unwrap();
        std::fs::write(dir.path().join("key.pem"), key.serialize_pem()).unwrap();
        Pki {
            ca_pem: ca.pem(),
            cert_der: cert.der().to_vec(),
            key_der: key.serialize_der(),
            dir,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn provider() -> Arc<rustls::crypto::CryptoProvider> {
        Arc::new(rustls::crypto::ring::default_provider())
    }

    pub fn server_config(&self) -> Arc<rustls::ServerConfig> {
        use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
        let config = rustls::ServerConfig::builder_with_provider(Self::provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(self.cert_der.clone())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_der.clone())),
            )
            .unwrap();
        Arc::new(config)
    }

    /// A client that trusts this CA only.
    pub fn client_config(&self) -> Arc<rustls::ClientConfig> {
        use rustls::pki_types::CertificateDer;
        use rustls::pki_types::pem::PemObject;
        let mut roots = rustls::RootCertStore::empty();
        roots
            .add(CertificateDer::from_pem_slice(self.ca_pem.as_bytes()).unwrap())
            .unwrap();
        let config = rustls::ClientConfig::builder_with_provider(Self::provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth();
        Arc::new(config)
    }
}

// ---------------------------------------------------------------------------------------------
// Things that arrive in the background, waited for with a deadline (never a fixed sleep)

/// A list that other threads append to, with a wait for an item that matches.
pub struct Inbox<T>(Arc<(Mutex<Vec<T>>, Condvar)>);

impl<T> Clone for Inbox<T> {
    fn clone(&self) -> Self {
        Inbox(self.0.clone())
    }
}

impl<T: Clone> Inbox<T> {
    fn new() -> Inbox<T> {
        Inbox(Arc::new((Mutex::new(vec![]), Condvar::new())))
    }

    fn push(&self, item: T) {
        self.0.0.lock().unwrap().push(item);
        self.0.1.notify_all();
    }

    /// The first item that matches, waiting up to [`PATIENCE`] for it to arrive.
    pub fn wait_for(&self, what: &str, matches: impl Fn(&T) -> bool) -> T {
        let deadline = Instant::now() + PATIENCE;
        let mut items = self.0.0.lock().unwrap();
        loop {
            if let Some(found) = items.iter().find(|i| matches(i)) {
                return found.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "waited {PATIENCE:?} for {what}");
            items = self.0.1.wait_timeout(items, left).unwrap().0;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// SMTP

/// One message as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
    /// Whether the message came over a connection upgraded with STARTTLS.
    pub tls: bool,
    /// `user:password` from AUTH PLAIN, when the client logged in.
    pub login: Option<String>,
}

impl Mail {
    /// The decoded text of every part, so links can be found whatever the transfer encoding.
    pub fn text(&self) -> String {
        decode_parts(&self.data)
    }

    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
}

/// A local SMTP server: plain, or offering STARTTLS with the test CA's certificate. With
/// `login`, it offers AUTH PLAIN (only after STARTTLS when TLS is on) and records what it got.
pub struct SmtpServer {
    pub port: u16,
    pub mails: Inbox<Mail>,
}

impl SmtpServer {
    pub fn start(tls: Option<Arc<rustls::ServerConfig>>, login: bool) -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mails = Inbox::new();
        let inbox = mails.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (tls, inbox) = (tls.clone(), inbox.clone());
                std::thread::spawn(move || {
                    let _ = smtp_session(stream, tls, login, &inbox);
                });
            }
        });
        SmtpServer { port, mails }
    }
}

enum Conn {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}

/// One line, read a byte at a time so that nothing is buffered past a STARTTLS.
fn read_line(conn: &mut Conn) -> std::io::Result<Option<String>> {
    let mut line = vec![];
    let mut byte = [0u8];
    loop {
        if conn.read(&mut byte)? == 0 {
            return Ok(None);
        }
        line.push(byte[0]);
        if byte[0] == b'\n' {
            return Ok(Some(String::from_utf8_lossy(&line).into_owned()));
        }
    }
}

fn smtp_session(
    stream: TcpStream,
    tls: Option<Arc<rustls::ServerConfig>>,
    login: bool,
    inbox: &Inbox<Mail>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut conn = Conn::Plain(stream);
    let mut secure = false;
    let mut user = None;
    let (mut from, mut to) = (String::new(), vec![]);
    conn.write_all(b"220 donera-test ESMTP\r\n")?;
    while let Some(line) = read_line(&mut conn)? {
        let cmd = line.trim_end().to_owned();
        let upper = cmd.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            let mut lines = vec!["donera-test".to_owned()];
            if tls.is_some() && !secure {
                lines.push("STARTTLS".into());
            }
            if login && (secure || tls.is_none()) {
                lines.push("AUTH PLAIN".into());
            }
            lines.push("8BITMIME".into());
            lines.push("SMTPUTF8".into());
            let n = lines.len();
            let reply: String = lines
                .iter()
                .enumerate()
                .map(|(i, l)| format!("250{}{l}\r\n", if i + 1 == n { ' ' } else { '-' }))
                .collect();
            conn.write_all(reply.as_bytes())?;
        } else if upper == "STARTTLS" && !secure {
            let Some(config) = tls.clone() else {
                conn.write_all(b"502 no TLS here\r\n")?;
                continue;
            };
            conn.write_all(b"220 go ahead\r\n")?;
            let Conn::Plain(tcp) = conn else {
                unreachable!()
            };
            let server = rustls::ServerConnection::new(config).map_err(std::io::Error::other)?;
            conn = Conn::Tls(Box::new(rustls::StreamOwned::new(server, tcp)));
            secure = true;
        } else if upper.starts_with("AUTH PLAIN") {
            let initial = cmd[10..].trim().to_owned();
            let encoded = if initial.is_empty() {
                conn.write_all(b"334 \r\n")?;
                read_line(&mut conn)?.unwrap_or_default().trim().to_owned()
            } else {
                initial
            };
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap_or_default();
            let parts: Vec<String> = decoded
                .split(|b| *b == 0)
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect();
            if parts.len() == 3 {
                user = Some(format!("{}:{}", parts[1], parts[2]));
                conn.write_all(b"235 2.7.0 accepted\r\n")?;
            } else {
                conn.write_all(b"535 5.7.8 bad credentials\r\n")?;
            }
        } else if upper.starts_with("MAIL FROM:") {
            from = address_of(&cmd[10..]);
            to.clear();
            conn.write_all(b"250 ok\r\n")?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(address_of(&cmd[8..]));
            conn.write_all(b"250 ok\r\n")?;
        } else if upper == "DATA" {
            conn.write_all(b"354 go on\r\n")?;
            let mut data = String::new();
            while let Some(l) = read_line(&mut conn)? {
                if l == ".\r\n" {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
            }
            inbox.push(Mail {
                from: from.clone(),
                to: std::mem::take(&mut to),
                data,
                tls: secure,
                login: user.clone(),
            });
            conn.write_all(b"250 queued\r\n")?;
        } else if upper == "RSET" || upper == "NOOP" {
            conn.write_all(b"250 ok\r\n")?;
        } else if upper == "QUIT" {
            conn.write_all(b"221 bye\r\n")?;
            break;
        } else {
            conn.write_all(b"502 not here\r\n")?;
        }
    }
    Ok(())
}

fn address_of(arg: &str) -> String {
    let a = arg.trim();
    let inner = a
        .strip_prefix('<')
        .and_then(|r| r.split('>').next())
        .unwrap_or(a);
    inner.to_owned()
}

/// Decodes each MIME part's body (base64 or quoted-printable) and returns them all, one after
/// another, so a test can search the text a reader sees.
pub fn decode_parts(raw: &str) -> String {
    let mut out = String::new();
    let mut encoding = String::new();
    let mut in_headers = true;
    let mut body = String::new();
    let flush = |encoding: &str, body: &mut String, out: &mut String| {
        let text = match encoding {
            "base64" => {
                let compact: String = body.split_whitespace().collect();
                String::from_utf8_lossy(
                    &base64::engine::general_purpose::STANDARD
                        .decode(compact)
                        .unwrap_or_default(),
                )
                .into_owned()
            }
            "quoted-printable" => decode_qp(body),
            _ => body.clone(),
        };
        out.push_str(&text);
        out.push('\n');
        body.clear();
    };
    for line in raw.split("\r\n") {
        if line.starts_with("--") {
            flush(&encoding, &mut body, &mut out);
            in_headers = true;
            encoding.clear();
            continue;
        }
        if in_headers {
            if line.is_empty() {
                in_headers = false;
            } else if let Some(v) = line
                .to_ascii_lowercase()
                .strip_prefix("content-transfer-encoding:")
            {
                encoding = v.trim().to_owned();
            }
            continue;
        }
        body.push_str(line);
        body.push_str("\r\n");
    }
    flush(&encoding, &mut body, &mut out);
    out
}

fn decode_qp(s: &str) -> String {
    let joined = s.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The decoded text of the e-mail file to `to` under `data/mail/`, waited for with a deadline
/// (the outbox worker writes it in the background).
pub fn mail_file(data: &Path, to: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let found = std::fs::read_dir(data.join("mail"))
            .ok()
            .and_then(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".eml"))
                    .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                    .find(|m| m.contains(to))
            });
        if let Some(m) = found {
            return decode_parts(&m);
        }
        assert!(Instant::now() < deadline, "no mail to {to} in {data:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The first path under `base` that a text links to, e.g. `/sv/bekrafta/abc…`.
pub fn link_path(text: &str, base: &str) -> Option<String> {
    let at = text.find(base)? + base.len();
    let path: String = text[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !"\"<>'".contains(*c))
        .collect();
    Some(path)
}

// ---------------------------------------------------------------------------------------------
// Webhook

#[derive(Clone, Debug)]
pub struct Hook {
    pub event: String,
    pub id: String,
    pub body: serde_json::Value,
    pub signature_ok: bool,
}

/// An HTTP endpoint that accepts every POST with 200 and checks its signature with `secret`.
pub struct WebhookReceiver {
    pub url: String,
    pub hooks: Inbox<Hook>,
}

impl WebhookReceiver {
    pub fn start(secret: &str) -> WebhookReceiver {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/partner/hook", listener.local_addr().unwrap());
        let hooks = Inbox::new();
        let inbox = hooks.clone();
        let secret = secret.as_bytes().to_vec();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (inbox, secret) = (inbox.clone(), secret.clone());
                std::thread::spawn(move || {
                    let _ = hook_request(stream, &secret, &inbox);
                });
            }
        });
        WebhookReceiver { url, hooks }
    }
}

fn hook_request(stream: TcpStream, secret: &[u8], inbox: &Inbox<Hook>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = std::io::BufReader::new(stream.try_clone()?);
    let mut headers = BTreeMap::new();
    let mut first = String::new();
    reader.read_line(&mut first)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    reader.read_exact(&mut body)?;
    let ts: i64 = headers
        .get("x-donera-timestamp")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let expected = donera::outbox::webhook::signature(secret, ts, &body);
    let signature_ok = first.starts_with("POST ")
        && headers.get("x-donera-signature") == Some(&expected)
        && !expected.is_empty();
    inbox.push(Hook {
        event: headers.get("x-donera-event").cloned().unwrap_or_default(),
        id: headers
            .get("x-donera-event-id")
            .cloned()
            .unwrap_or_default(),
        body: serde_json::from_slice(&body).unwrap_or_default(),
        signature_ok,
    });
    let mut out = stream;
    out.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The binary

/// `target/<profile>/donera serve` as a child process, with exactly the environment given.
pub struct Portal {
    child: Child,
    /// `127.0.0.1:port` it listens on (it is started with port 0 unless told otherwise).
    pub addr: String,
    output: Arc<Mutex<String>>,
}

pub fn donera_bin() -> &'static str {
    env!("CARGO_BIN_EXE_donera")
}

/// The binary run once with `args`, as an operator would (for subcommands).
pub fn donera(args: &[&str], env: &[(&str, String)], dir: &Path) -> std::process::Output {
    let mut cmd = Command::new(donera_bin());
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

impl Portal {
    /// The process's anonymous resident memory in MiB, from `/proc` (Linux).
    pub fn anonymous_mib(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("RssAnon:"))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }

    /// Starts `donera serve` in `dir` and waits until it says where it listens.
    pub fn start(env: &[(&str, String)], dir: &Path) -> Portal {
        let mut cmd = Command::new(donera_bin());
        cmd.arg("serve")
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        for pipe in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let (output, tx) = (output.clone(), tx.clone());
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                    output.lock().unwrap().push_str(&format!("{line}\n"));
                    let _ = tx.send(line);
                }
            });
        }
        drop(tx);
        let deadline = Instant::now() + PATIENCE;
        let addr = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(rest) = line.split("(listening on ").nth(1) {
                        break rest.trim_end_matches(')').to_owned();
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    let status = child.wait().ok();
                    panic!(
                        "donera did not start ({status:?}):\n{}",
                        output.lock().unwrap()
                    );
                }
            }
        };
        Portal {
            child,
            addr,
            output,
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Everything it has printed so far (standard output and error).
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// The start-up line that lists the settings in effect.
    pub fn settings_line(&self) -> String {
        self.output()
            .lines()
            .find(|l| l.contains(" settings ") && l.contains("database="))
            .unwrap_or_default()
            .to_owned()
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------------------------------------------
// A client for a portal in another process

/// Keeps cookies like a browser; sends `extra` headers (e.g. `X-Forwarded-For`) on each request.
pub struct Remote {
    pub base: String,
    client: awc::Client,
    pub cookies: BTreeMap<String, String>,
    pub extra: Vec<(String, String)>,
}

impl Remote {
    pub fn new(base: &str) -> Remote {
        let client = awc::Client::builder()
            .disable_redirects()
            .timeout(Duration::from_secs(60))
            .finish();
        Remote::with_client(base, client)
    }

    /// A client for `https://…` that trusts the test CA.
    pub fn https(base: &str, pki: &Pki) -> Remote {
        let connector = awc::Connector::new().rustls_0_23(pki.client_config());
        let client = awc::Client::builder()
            .connector(connector)
            .disable_redirects()
            .timeout(Duration::from_secs(60))
            .finish();
        Remote::with_client(base, client)
    }

    fn with_client(base: &str, client: awc::Client) -> Remote {
        Remote {
            base: base.trim_end_matches('/').to_owned(),
            client,
            cookies: BTreeMap::new(),
            extra: vec![],
        }
    }

    /// Every `Set-Cookie` of the last answer, as sent (for flag checks).
    pub fn set_cookies(res: &Resp) -> Vec<String> {
        res.headers
            .get_all("set-cookie")
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }

    fn prepare(&self, req: awc::ClientRequest) -> awc::ClientRequest {
        let cookies = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut req = req.no_decompress();
        if !cookies.is_empty() {
            req = req.insert_header(("cookie", cookies));
        }
        for (k, v) in &self.extra {
            req = req.insert_header((k.as_str(), v.as_str()));
        }
        req
    }

    async fn send(&mut self, req: awc::ClientRequest, body: Option<Vec<u8>>) -> Resp {
        let req = self.prepare(req);
        let mut res = match body {
            Some(b) => req.send_body(b).await,
            None => req.send().await,
        }
        .unwrap();
        let body = res.body().limit(64 * 1024 * 1024).await.unwrap();
        let resp = Resp {
            status: res.status().as_u16(),
            headers: res.headers().clone(),
            body: body.to_vec(),
        };
        crate::support::listed_cookies_only(&resp.headers);
        for v in resp.headers.get_all("set-cookie") {
            let c =
                actix_web::cookie::Cookie::parse_encoded(v.to_str().unwrap().to_owned()).unwrap();
            if c.max_age().is_some_and(|a| a.is_zero()) || c.value().is_empty() {
                self.cookies.remove(c.name());
            } else {
                self.cookies
                    .insert(c.name().to_owned(), c.value().to_owned());
            }
        }
        resp
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        let req = self.client.get(format!("{}{path}", self.base));
        self.send(req, None).await
    }

    /// POSTs a form as a browser on this site would (same-origin).
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Resp {
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .insert_header(("sec-fetch-site", "same-origin"));
        let body = serde_urlencoded::to_string(form).unwrap().into_bytes();
        self.send(req, Some(body)).await
    }

    /// POSTs a raw body with its content type (multipart uploads).
    pub async fn post_raw(&mut self, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .insert_header(("content-type", content_type))
            .insert_header(("sec-fetch-site", "same-origin"));
        self.send(req, Some(body)).await
    }

    /// Uploads `data` as the file of the form at `path`, with the page's CSRF token.
    pub async fn upload(&mut self, path: &str, file_name: &str, data: &[u8]) -> Resp {
        use crate::support::{BOUNDARY, multipart};
        let page = self.get(path).await;
        let csrf = page.attr("input[name=csrf]", "value").unwrap();
        let body = multipart(&[
            ("csrf", None, csrf.as_bytes()),
            ("file", Some(file_name), data),
        ]);
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        self.post_raw(path, &content_type, body).await
    }

    /// GETs `page` for its CSRF token, then POSTs `form` with it to `action`.
    pub async fn submit(&mut self, page: &str, action: &str, form: &[(&str, &str)]) -> Resp {
        let p = self.get(page).await;
        let csrf = p
            .attr("input[name=csrf]", "value")
            .unwrap_or_else(|| panic!("no csrf on {page}: {} {}", p.status, p.text()));
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(form);
        self.post(action, &all).await
    }
}
