//! Behind a TLS reverse proxy, as deployed: nginx from Debian runs `deploy/nginx/donera.conf`
//! (only ports, paths and the certificate swapped) in front of the release binary, and the
//! checks go over `https://`. The systemd unit in `deploy/systemd/` passes `systemd-analyze`.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::external::{PATIENCE, Pki, Portal, Remote, link_path, mail_file};
use crate::support::SECRET;
use crate::support::orgnr;
use crate::support::{PW, register_form};

/// The tool, or `None` where it is missing outside CI (CI installs it and must not skip).
fn tool(path: &str, package: &str) -> Option<()> {
    if Path::new(path).exists() {
        return Some(());
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI must have {path}: apt-get install -y {package} (tests/run-all.sh does)"
    );
    eprintln!("skipped: {path} is missing (apt-get install -y {package})");
    None
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `from` replaced by `to` in `text`, which must contain it: the deployed file and this test
/// cannot drift apart unnoticed.
fn swap(text: String, from: &str, to: &str) -> String {
    assert!(text.contains(from), "deploy/nginx no longer has {from:?}");
    text.replace(from, to)
}

/// nginx with the deployed site configuration, until dropped.
struct Nginx {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Nginx {
    fn start(pki: &Pki, upstream: &str, https_port: u16, http_port: u16) -> Nginx {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // nginx's workers run as an unprivileged user; they write request bodies and the cache here.
        for sub in ["body", "proxy", "cache", "fastcgi", "uwsgi", "scgi"] {
            std::fs::create_dir_all(d.join(sub)).unwrap();
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for sub in ["", "body", "proxy", "cache", "fastcgi", "uwsgi", "scgi"] {
                std::fs::set_permissions(d.join(sub), std::fs::Permissions::from_mode(0o777))
                    .unwrap();
            }
        }
        let root = env!("CARGO_MANIFEST_DIR");
        let site = std::fs::read_to_string(format!("{root}/deploy/nginx/donera.conf")).unwrap();
        let site = swap(
            site,
            "server 127.0.0.1:8080;",
            &format!("server {upstream};"),
        );
        let site = swap(
            site,
            "    listen 80;\n    listen [::]:80;",
            &format!("    listen 127.0.0.1:{http_port};"),
        );
        let site = swap(
            site,
            "    listen 443 ssl http2;\n    listen [::]:443 ssl http2;",
            &format!("    listen 127.0.0.1:{https_port} ssl http2;"),
        );
        let site = swap(
            site,
            "/etc/letsencrypt/live/portal.example.org/fullchain.pem",
            &pki.path("cert.pem").to_string_lossy(),
        );
        let site = swap(
            site,
            "/etc/letsencrypt/live/portal.example.org/privkey.pem",
            &pki.path("key.pem").to_string_lossy(),
        );
        let site = swap(
            site,
            "/var/cache/nginx/donera",
            &d.join("cache").to_string_lossy(),
        );
        let site = swap(
            site,
            "/etc/nginx/snippets/donera-proxy.conf",
            &format!("{root}/deploy/nginx/donera-proxy.conf"),
        );
        std::fs::write(d.join("site.conf"), site).unwrap();
        let main = format!(
            "daemon off;\nworker_processes 1;\npid {p}/nginx.pid;\nerror_log {p}/error.log warn;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {p}/body;\n  proxy_temp_path {p}/proxy;\n  \
             fastcgi_temp_path {p}/fastcgi;\n  uwsgi_temp_path {p}/uwsgi;\n  scgi_temp_path {p}/scgi;\n  \
             include {p}/site.conf;\n}}\n",
            p = d.display()
        );
        std::fs::write(d.join("nginx.conf"), main).unwrap();
        let conf = d.join("nginx.conf");
        let test = Command::new("/usr/sbin/nginx")
            .args(["-t", "-p"])
            .arg(d)
            .arg("-c")
            .arg(&conf)
            .output()
            .unwrap();
        assert!(
            test.status.success(),
            "nginx -t: {}",
            String::from_utf8_lossy(&test.stderr)
        );
        let child = Command::new("/usr/sbin/nginx")
            .arg("-p")
            .arg(d)
            .arg("-c")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Ready when it accepts connections on both ports.
        let deadline = Instant::now() + PATIENCE;
        for port in [https_port, http_port] {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "nginx did not listen: {}",
                    std::fs::read_to_string(d.join("error.log")).unwrap_or_default()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        Nginx { child, _dir: dir }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser coming through the proxy, its own address claimed by an upstream hop.
fn client(base: &str, pki: &Pki, address: &str) -> Remote {
    let mut r = Remote::https(base, pki);
    r.extra = vec![("x-forwarded-for".into(), address.into())];
    r
}

#[actix_web::test]
async fn behind_nginx_with_tls_cookies_headers_uploads_limits_and_audit_see_the_real_client() {
    if tool("/usr/sbin/nginx", "nginx").is_none() {
        return;
    }
    let pki = Pki::new();
    let (https_port, http_port) = (free_port(), free_port());
    let base = format!("https://127.0.0.1:{https_port}");
    let dir = tempfile::tempdir().unwrap();
    let env = vec![
        ("DONERA_LISTEN", "127.0.0.1:0".to_owned()),
        ("DONERA_BASE_URL", base.clone()),
        ("DONERA_TRUSTED_PROXIES", "127.0.0.1".to_owned()),
        ("DONERA_SECRET_KEY", SECRET.to_owned()),
        ("DONERA_OUTBOX_POLL_MS", "50".to_owned()),
    ];
    let staff = donera_staff(&env, dir.path());
    let portal = Portal::start(&env, dir.path());
    let _nginx = Nginx::start(&pki, &portal.addr, https_port, http_port);

    // Plain HTTP on the proxy goes to https.
    let mut plain = Remote::new(&format!("http://127.0.0.1:{http_port}"));
    let res = plain.get("/sv/").await;
    assert_eq!(res.status, 301);
    assert!(res.header("location").unwrap().starts_with("https://"));

    // Over TLS: a visitor's form gets the anonymous CSRF cookie (no session row), __Host- and
    // Secure; HSTS is sent. The session cookie is checked the same way at login below.
    let host_only = |cookies: &[String], name: &str| {
        let c = cookies
            .iter()
            .find(|c| c.starts_with(&format!("__Host-{name}=")))
            .unwrap_or_else(|| panic!("no __Host-{name} cookie: {cookies:?}"))
            .clone();
        for flag in ["Secure", "HttpOnly", "Path=/"] {
            assert!(c.contains(flag), "{flag} in {c}");
        }
        assert!(!c.contains("Domain"), "{c}");
    };
    let mut anna = client(&base, &pki, "198.51.100.20");
    let page = anna.get("/sv/registrera").await;
    assert_eq!(page.status, 200);
    host_only(&Remote::set_cookies(&page), "donera_csrf");
    let hsts = page.header("strict-transport-security").unwrap_or_default();
    assert!(hsts.contains("max-age=31536000"), "HSTS: {hsts:?}");
    assert!(
        page.header("server").is_none_or(|s| !s.contains('/')),
        "no version in Server: {:?}",
        page.header("server")
    );

    // A member registers, confirms and logs in through the proxy.
    let email = "proxy-anna@example.org";
    let res = anna
        .submit(
            "/sv/registrera",
            "/sv/registrera",
            &register_form("Föreningen Proxy", &orgnr(7201), email),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let text = mail_file(&dir.path().join("data"), email);
    let path = link_path(&text, &base).unwrap_or_else(|| panic!("no link: {text}"));
    assert_eq!(anna.submit(&path, &path, &[]).await.status, 303);
    let res = anna
        .submit(
            "/sv/logga-in",
            "/sv/logga-in",
            &[("email", email), ("password", PW)],
        )
        .await;
    assert_eq!(res.status, 303, "member login");
    host_only(&Remote::set_cookies(&res), "donera_session");

    // 20 MB passes nginx and is refused by the portal, with its own Swedish page.
    let big = vec![b'%'; 20 * 1024 * 1024];
    let res = anna.upload("/sv/konto/certifikat", "intyg.pdf", &big).await;
    assert_eq!(res.status, 413);
    let html = res.text();
    assert!(html.contains("<html lang=\"sv\""), "{html}");
    assert!(!html.to_lowercase().contains("nginx"), "{html}");
    assert!(
        res.header("content-security-policy").is_some(),
        "the portal's page"
    );

    // 21 failed logins from one forwarded client: the 21st is refused for that address...
    let mut mallory = client(&base, &pki, "203.0.113.7");
    for i in 1..=21 {
        let res = mallory
            .submit(
                "/sv/logga-in",
                "/sv/logga-in",
                &[
                    ("email", &format!("nobody{i}@example.org")),
                    ("password", "wrong password 1"),
                ],
            )
            .await;
        let expected = if i <= 20 { 400 } else { 429 };
        assert_eq!(res.status, expected, "attempt {i}");
    }
    // ...while another forwarded client still logs in, and its address is in the audit log.
    let mut stina = client(&base, &pki, "203.0.113.8");
    let res = stina
        .submit(
            "/sv/logga-in",
            "/sv/logga-in",
            &[("email", staff), ("password", PW)],
        )
        .await;
    assert_eq!(res.status, 303, "staff login from another address");
    // A staff admin sets up two-step sign-in before any staff page (DONERA_STAFF_2FA).
    assert_eq!(
        stina
            .get("/sv/personal/logg")
            .await
            .header("location")
            .as_deref(),
        Some("/sv/tvastegsverifiering")
    );
    let res = stina
        .submit(
            "/sv/tvastegsverifiering",
            "/sv/tvastegsverifiering",
            &[("action", "start")],
        )
        .await;
    assert_eq!(res.status, 303);
    let page = stina.get("/sv/tvastegsverifiering").await;
    let key = page.select_text("#twofa-key").unwrap().replace(' ', "");
    let secret = totp_rs::Secret::try_from_base32(&key).unwrap().to_vec();
    // The binary runs on the real clock.
    #[allow(clippy::disallowed_methods)]
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = donera::accounts::twofa::code_at(&secret, now).unwrap();
    let res = stina
        .submit(
            "/sv/tvastegsverifiering",
            "/sv/tvastegsverifiering",
            &[("action", "confirm"), ("code", &code)],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let audit = stina.get("/sv/personal/logg").await;
    assert_eq!(audit.status, 200);
    let log = audit.text();
    assert!(
        log.contains("203.0.113.8"),
        "audit has the forwarded address"
    );
    assert!(!log.contains("<td>127.0.0.1</td>"), "not the proxy's");
    drop(portal);
}

/// A staff admin made with the binary's own command, before the portal starts.
fn donera_staff(env: &[(&str, String)], dir: &Path) -> &'static str {
    let email = "stina@partner.example.org";
    let mut cmd = Command::new(crate::external::donera_bin());
    cmd.args([
        "create-staff",
        "--email",
        email,
        "--name",
        "Stina",
        "--role",
        "admin",
    ])
    .current_dir(dir)
    .env_clear()
    .env("PATH", std::env::var("PATH").unwrap_or_default())
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "{PW}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    email
}

#[test]
fn the_systemd_unit_passes_systemd_analyze() {
    if tool("/usr/bin/systemd-analyze", "systemd").is_none() {
        return;
    }
    let root = env!("CARGO_MANIFEST_DIR");
    let unit = std::fs::read_to_string(format!("{root}/deploy/systemd/donera.service")).unwrap();
    for needed in [
        "User=donera",
        "StateDirectory=donera",
        "ProtectSystem=strict",
        "NoNewPrivileges=yes",
        "Restart=on-failure",
        "EnvironmentFile=/etc/donera/donera.env",
    ] {
        assert!(unit.contains(needed), "{needed}");
    }
    // Verified with the real binary and the example environment in place of the installed ones.
    let dir = tempfile::tempdir().unwrap();
    let unit = unit
        .replace("/usr/local/bin/donera", crate::external::donera_bin())
        .replace(
            "/etc/donera/donera.env",
            &format!("{root}/deploy/systemd/donera.env.example"),
        );
    std::fs::write(dir.path().join("donera.service"), unit).unwrap();
    let out = Command::new("/usr/bin/systemd-analyze")
        .arg("verify")
        .arg(dir.path().join("donera.service"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && err.trim().is_empty(), "{err}");
    // The example environment names only documented settings.
    let env: Vec<(String, String)> =
        std::fs::read_to_string(format!("{root}/deploy/systemd/donera.env.example"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains('='))
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
    assert!(env.iter().any(|(k, _)| k == "DONERA_TRUSTED_PROXIES"));
    for (k, _) in &env {
        assert!(crate::deployment::SETTINGS.contains(&k.as_str()), "{k}");
    }
}

#[actix_web::test]
async fn forwarded_headers_from_an_untrusted_peer_change_nothing() {
    use crate::support::{Browser, TestApp, backends};
    for kind in backends() {
        // No DONERA_TRUSTED_PROXIES: a client that rotates X-Forwarded-For is still one address.
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        let mut last = 0;
        for i in 1..=21 {
            let page = b.get("/sv/logga-in").await;
            let csrf = page.attr("input[name=csrf]", "value").unwrap();
            let email = format!("nobody{i}@example.org");
            let body = serde_urlencoded::to_string([
                ("csrf", csrf.as_str()),
                ("email", email.as_str()),
                ("password", "wrong password 1"),
            ])
            .unwrap();
            let req = app
                .srv
                .post("/sv/logga-in")
                .insert_header(("cookie", b.cookie_header()))
                .insert_header(("content-type", "application/x-www-form-urlencoded"))
                .insert_header(("sec-fetch-site", "same-origin"))
                .insert_header(("x-forwarded-for", format!("198.51.100.{i}")))
                .insert_header(("forwarded", format!("for=198.51.100.{i}")));
            last = app.send_body(req, body).await.status;
        }
        assert_eq!(last, 429, "{kind:?}: the 21st attempt from one peer");

        // Nor does an untrusted X-Forwarded-Proto redirect anything.
        let res = app
            .send(
                app.srv
                    .get("/sv/")
                    .insert_header(("x-forwarded-proto", "http")),
            )
            .await;
        assert_eq!(res.status, 200, "{kind:?}");
    }
}

#[actix_web::test]
async fn a_trusted_proxy_saying_plain_http_is_sent_to_the_https_origin() {
    use crate::support::{TestApp, backends};
    for kind in backends() {
        let app = TestApp::start_with(
            kind,
            &[
                ("DONERA_TRUSTED_PROXIES", "127.0.0.1, ::1"),
                ("DONERA_BASE_URL", "https://portal.example.org"),
            ],
        );
        let res = app
            .send(
                app.srv
                    .get("/sv/produkter?sida=2")
                    .insert_header(("x-forwarded-proto", "http")),
            )
            .await;
        assert_eq!(res.status, 308, "{kind:?}");
        assert_eq!(
            res.header("location").as_deref(),
            Some("https://portal.example.org/sv/produkter?sida=2")
        );
        assert!(res.header("strict-transport-security").is_some());
        let res = app
            .send(
                app.srv
                    .get("/sv/")
                    .insert_header(("x-forwarded-proto", "https")),
            )
            .await;
        assert_eq!(res.status, 200, "{kind:?}");
    }
}
