//! The test harness: the real app on a fresh database per test, served over HTTP by actix-test.
//! SQLite always; PostgreSQL too when DONERA_TEST_POSTGRES_URL is set (each test creates its own
//! database and drops it). In CI a missing PostgreSQL fails the run instead of skipping.

use actix_web::web;
use diesel::Connection;
use diesel::PgConnection;
use diesel::connection::SimpleConnection;
use donera::AppState;
use donera::accounts::{model::Role, password};
use donera::clock::Clock;
use donera::config::Settings;
use donera::db::{self, Backend, Pool};
use donera::i18n::I18n;
use time::macros::datetime;

pub const SECRET: &str = "test-secret-key-0123456789abcdef0123456789";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// The backends every database test runs on.
pub fn backends() -> Vec<Kind> {
    let mut kinds = vec![Kind::Sqlite];
    match std::env::var("DONERA_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => kinds.push(Kind::Postgres),
        _ => assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must set DONERA_TEST_POSTGRES_URL: the suite runs on PostgreSQL there"
        ),
    }
    kinds
}

/// A fresh, empty database of one kind, removed when dropped.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_admin: Option<(String, String)>,
}

impl TestDb {
    pub fn new(kind: Kind) -> TestDb {
        match kind {
            Kind::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite://{}/donera.db", dir.path().display());
                TestDb {
                    url,
                    _dir: Some(dir),
                    pg_admin: None,
                }
            }
            Kind::Postgres => {
                let admin = std::env::var("DONERA_TEST_POSTGRES_URL").unwrap();
                let name = format!("donera_test_{}", donera::random_hex(8));
                let mut conn = PgConnection::establish(&admin)
                    .unwrap_or_else(|e| panic!("PostgreSQL at DONERA_TEST_POSTGRES_URL: {e}"));
                conn.batch_execute(&format!("CREATE DATABASE \"{name}\""))
                    .unwrap();
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap();
                let url = format!("{base}/{name}");
                TestDb {
                    url,
                    _dir: None,
                    pg_admin: Some((admin, name)),
                }
            }
        }
    }

    /// The same database again, without dropping it at the end (for a second app instance).
    pub fn alias(app: &TestApp) -> TestDb {
        TestDb {
            url: app.db_url.clone(),
            _dir: None,
            pg_admin: None,
        }
    }

    pub fn backend(&self) -> Backend {
        Backend::from_url(&self.url).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg_admin
            && let Ok(mut conn) = PgConnection::establish(admin)
        {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
        }
    }
}

pub fn settings(db: &TestDb, data_dir: &std::path::Path) -> Settings {
    settings_with(db, data_dir, &[])
}

/// Settings for a test, with `extra` variables on top of the usual ones.
pub fn settings_with(db: &TestDb, data_dir: &std::path::Path, extra: &[(&str, &str)]) -> Settings {
    let data = data_dir.to_string_lossy().into_owned();
    let mut vars = vec![
        ("DATABASE_URL", db.url.clone()),
        ("DONERA_SECRET_KEY", SECRET.to_owned()),
        ("DONERA_DATA_DIR", data),
        ("DONERA_BASE_URL", "http://donera.test".to_owned()),
        ("DONERA_PARTNER_NAME", "Partnerbyrån".to_owned()),
        (
            "DONERA_PARTNER_URL",
            "https://partner.example.org".to_owned(),
        ),
        ("DONERA_DB_POOL_SIZE", "8".to_owned()),
    ];
    for (k, v) in extra {
        vars.retain(|(n, _)| n != k);
        vars.push((k, (*v).to_owned()));
    }
    Settings::from_env(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()))
        .unwrap()
        .0
}

/// A running app on its own database.
pub struct TestApp {
    pub srv: actix_test::TestServer,
    pub state: web::Data<AppState>,
    pub clock: Clock,
    pub db_url: String,
    _db: TestDb,
    _data: tempfile::TempDir,
}

pub const START: time::OffsetDateTime = datetime!(2026-11-28 10:00 UTC);

impl TestApp {
    pub fn start(kind: Kind) -> TestApp {
        let db = TestDb::new(kind);
        let pool = db::connect(&db.url, 8).unwrap();
        Self::with_pool(db, pool, noop)
    }

    /// Starts the app with `env` variables on top of the usual test settings.
    pub fn start_with(kind: Kind, env: &[(&str, &str)]) -> TestApp {
        let db = TestDb::new(kind);
        let pool = db::connect(&db.url, 8).unwrap();
        Self::build(db, pool, noop, env)
    }

    /// Starts the app with `pool`, with `extra` routes added by the test (e.g. one that panics).
    pub fn with_pool(db: TestDb, pool: Pool, extra: fn(&mut web::ServiceConfig)) -> TestApp {
        Self::build(db, pool, extra, &[])
    }

    fn build(
        db: TestDb,
        pool: Pool,
        extra: fn(&mut web::ServiceConfig),
        env: &[(&str, &str)],
    ) -> TestApp {
        let data = tempfile::tempdir().unwrap();
        let clock = Clock::manual(START);
        let i18n = I18n::load(true).unwrap();
        let state = web::Data::new(
            AppState::new(
                match env {
                    [] => settings(&db, data.path()),
                    env => settings_with(&db, data.path(), env),
                },
                pool,
                i18n,
                clock.clone(),
            )
            .unwrap(),
        );
        let s = state.clone();
        let srv = actix_test::start_with(actix_test::config().disable_redirects(), move || {
            donera::app(s.clone()).configure(extra)
        });
        TestApp {
            srv,
            state,
            clock,
            db_url: db.url.clone(),
            _db: db,
            _data: data,
        }
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.srv.get(path)).await
    }

    /// Sends a request built by the test and reads the whole answer, undecoded.
    pub async fn send(&self, req: awc::ClientRequest) -> Resp {
        let mut res = req.no_decompress().send().await.unwrap();
        let body = res.body().limit(8 * 1024 * 1024).await.unwrap();
        listed_cookies_only(res.headers());
        Resp {
            status: res.status().as_u16(),
            headers: res.headers().clone(),
            body: body.to_vec(),
        }
    }

    pub fn pool(&self) -> &Pool {
        &self.state.pool
    }
}

pub struct Resp {
    pub status: u16,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.text())
    }

    /// Text of the first element matching `css`, whitespace folded.
    pub fn select_text(&self, css: &str) -> Option<String> {
        let doc = self.html();
        let sel = scraper::Selector::parse(css).unwrap();
        doc.select(&sel).next().map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    pub fn attr(&self, css: &str, attr: &str) -> Option<String> {
        let doc = self.html();
        let sel = scraper::Selector::parse(css).unwrap();
        doc.select(&sel)
            .next()
            .and_then(|e| e.value().attr(attr))
            .map(str::to_owned)
    }
}

pub fn noop(_: &mut web::ServiceConfig) {}

/// Every cookie a response sets must be one the privacy notice lists (issue 21: only strictly
/// necessary cookies, so no consent banner). Checked on every response of every test.
pub fn listed_cookies_only(headers: &awc::http::header::HeaderMap) {
    for v in headers.get_all("set-cookie") {
        let c = actix_web::cookie::Cookie::parse_encoded(v.to_str().unwrap().to_owned()).unwrap();
        assert!(
            donera::privacy::notice::is_listed(c.name()),
            "a response set the cookie {:?}, which the privacy notice (src/privacy/notice.rs COOKIES) does not list",
            c.name()
        );
    }
}

/// A client that keeps cookies like a browser, for journeys through the real app.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: std::collections::BTreeMap<String, String>,
    /// Sent with every request (e.g. `X-Forwarded-For`, as a proxy in front would add it).
    pub headers: Vec<(String, String)>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            cookies: Default::default(),
            headers: vec![],
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Keeps the cookies `res` sets, as a browser would.
    pub fn remember(&mut self, res: &Resp) {
        for v in res.headers.get_all("set-cookie") {
            let c =
                actix_web::cookie::Cookie::parse_encoded(v.to_str().unwrap().to_owned()).unwrap();
            let expired = c.max_age().is_some_and(|a| a.is_zero()) || c.value().is_empty();
            if expired {
                self.cookies.remove(c.name());
            } else {
                self.cookies
                    .insert(c.name().to_owned(), c.value().to_owned());
            }
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        let mut req = self
            .app
            .srv
            .get(path)
            .insert_header(("cookie", self.cookie_header()));
        for (k, v) in &self.headers {
            req = req.insert_header((k.as_str(), v.as_str()));
        }
        let res = self.app.send(req).await;
        self.remember(&res);
        res
    }

    /// POSTs a form as a browser on this site would (same-origin headers).
    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(form).unwrap();
        let mut req = self
            .app
            .srv
            .post(path)
            .insert_header(("cookie", self.cookie_header()))
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .insert_header(("sec-fetch-site", "same-origin"));
        for (k, v) in &self.headers {
            req = req.insert_header((k.as_str(), v.as_str()));
        }
        let res = self.app.send_body(req, body).await;
        self.remember(&res);
        res
    }

    /// GETs `page` for its CSRF token, then POSTs `form` with it.
    pub async fn submit(&mut self, page: &str, action: &str, form: &[(&str, &str)]) -> Resp {
        let p = self.get(page).await;
        let csrf = p
            .attr("input[name=csrf]", "value")
            .unwrap_or_else(|| panic!("no csrf on {page}: {}", p.status));
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(form);
        self.post(action, &all).await
    }

    pub fn session(&self) -> Option<String> {
        self.cookies.get("donera_session").cloned()
    }
}

impl TestApp {
    pub async fn send_body(&self, req: awc::ClientRequest, body: String) -> Resp {
        let mut res = req.no_decompress().send_body(body).await.unwrap();
        let body = res.body().limit(8 * 1024 * 1024).await.unwrap();
        listed_cookies_only(res.headers());
        Resp {
            status: res.status().as_u16(),
            headers: res.headers().clone(),
            body: body.to_vec(),
        }
    }

    /// The link path of the newest outbox e-mail of `kind` to `to`.
    pub fn mailed_path(&self, kind: &str, to: &str) -> Option<String> {
        use diesel::prelude::*;
        use donera::db::schema::outbox_events as ev;
        let mut conn = self.pool().get().unwrap();
        let payload: Option<String> = ev::table
            .filter(ev::kind.eq(kind))
            .filter(ev::recipient.eq(to))
            .order(ev::created_at.desc())
            .select(ev::payload)
            .first(&mut conn)
            .optional()
            .unwrap();
        payload.and_then(|p| {
            serde_json::from_str::<serde_json::Value>(&p).unwrap()["path"]
                .as_str()
                .map(str::to_owned)
        })
    }
}

/// A POST whose body the test hands over when it chooses, over a raw connection: the request is
/// in flight (its session already loaded by the app) until [`SlowPost::finish`] sends the rest.
pub struct SlowPost {
    stream: tokio::net::TcpStream,
    rest: Vec<u8>,
}

impl SlowPost {
    /// Sends the rest of the body and reads the answer.
    pub async fn finish(mut self) -> Resp {
        use tokio::io::AsyncWriteExt;
        let rest = std::mem::take(&mut self.rest);
        self.stream.write_all(&rest).await.unwrap();
        self.read().await
    }

    /// Reads the answer without sending the rest of the body (the server gave up waiting).
    pub async fn answer(self) -> Resp {
        self.read().await
    }

    async fn read(mut self) -> Resp {
        use tokio::io::AsyncReadExt;
        let mut raw = vec![];
        let _ = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            self.stream.read_to_end(&mut raw),
        )
        .await
        .expect("the server answers within a minute");
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete answer");
        let head = String::from_utf8_lossy(&raw[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let mut headers = actix_web::http::header::HeaderMap::new();
        for line in lines {
            let (k, v) = line.split_once(':').unwrap();
            headers.append(
                actix_web::http::header::HeaderName::from_bytes(k.trim().as_bytes()).unwrap(),
                actix_web::http::header::HeaderValue::from_str(v.trim()).unwrap(),
            );
        }
        Resp {
            status,
            headers,
            body: raw[end + 4..].to_vec(),
        }
    }
}

impl Browser<'_> {
    /// Starts a same-origin form POST with this browser's cookies and sends the first byte of
    /// its body; the rest waits for [`SlowPost::finish`].
    pub async fn slow_post(&self, path: &str, form: &[(&str, &str)]) -> SlowPost {
        use tokio::io::AsyncWriteExt;
        let body = serde_urlencoded::to_string(form).unwrap();
        let mut stream = tokio::net::TcpStream::connect(self.app.srv.addr())
            .await
            .unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nhost: {}\r\ncookie: {}\r\n\
             content-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\n\
             sec-fetch-site: same-origin\r\nconnection: close\r\n\r\n",
            self.app.srv.addr(),
            self.cookie_header(),
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&body.as_bytes()[..1]).await.unwrap();
        // Let the request reach its handler, which waits for the rest of its form.
        actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
        SlowPost {
            stream,
            rest: body.as_bytes()[1..].to_vec(),
        }
    }
}

// ---- fixtures every test module uses: people, files, organisation numbers, multipart bodies ----

pub const PW: &str = "korrekt häst batteri";

pub fn register_form<'a>(org: &'a str, number: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("org_name", org),
        ("org_number", number),
        ("org_type", "nonprofit_association"),
        ("name", "Anna Andersson"),
        ("email", email),
        ("password", PW),
        ("password_confirm", PW),
        ("accept_terms", "yes"),
    ]
}

/// Registers an organisation and confirms its first member's address; the browser ends logged in.
pub async fn registered_member(b: &mut Browser<'_>, org: &str, number: &str, email: &str) {
    let res = b
        .submit(
            "/sv/registrera",
            "/sv/registrera",
            &register_form(org, number, email),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let path = b
        .app
        .mailed_path("member.email_verification", email)
        .unwrap();
    let res = b.submit(&path, &path, &[]).await;
    assert_eq!(res.status, 303);
    login(b, email, PW).await;
}

/// Logs in with the password and, for a fixture enrolled in two-step sign-in (staff admins, see
/// [`staff_user`]), with the code of [`crate::twofa::TOTP_SECRET`] at the test's clock.
pub async fn login(b: &mut Browser<'_>, email: &str, pw: &str) -> Resp {
    let res = b
        .submit(
            "/sv/logga-in",
            "/sv/logga-in",
            &[("email", email), ("password", pw)],
        )
        .await;
    if res.header("location").as_deref() == Some("/sv/logga-in/kod") {
        return crate::twofa::second_step(b, crate::twofa::TOTP_SECRET).await;
    }
    res
}

/// A staff account. Admins come enrolled in two-step sign-in with the fixed test secret, as
/// `DONERA_STAFF_2FA`'s default requires, so the suite's admins reach the staff pages.
pub async fn staff_user(app: &TestApp, email: &str, role: Role) -> String {
    let id = bare_staff_user(app, email, role);
    if role == Role::Admin {
        crate::twofa::enrol(app, &id, crate::twofa::TOTP_SECRET);
    }
    id
}

/// A staff account without a second factor.
pub fn bare_staff_user(app: &TestApp, email: &str, role: Role) -> String {
    let hash = password::hash(PW).unwrap();
    let mut conn = app.pool().get().unwrap();
    donera::accounts::service::create_staff(
        &mut conn,
        app.clock.now_utc_naive(),
        email,
        "Stina Staff",
        role,
        &hash,
    )
    .unwrap()
}

pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
pub const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";

/// A group-8 organisation number with a correct check digit, different for each `n`.
pub fn orgnr(n: u32) -> String {
    let mut d: Vec<u8> = format!("8020{:05}", n).bytes().map(|b| b - b'0').collect();
    d.push(donera::eligibility::orgnr::luhn_check_digit(&d));
    let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
    format!("{}-{}", &s[..6], &s[6..])
}

pub const BOUNDARY: &str = "----donera-test-boundary";

/// A multipart body: (field, file name, content).
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, file, data) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}
