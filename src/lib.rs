//! Donera: the portal of a Swedish technology-donation program for nonprofits.
//!
//! `main.rs` reads settings and starts the server; everything else is here so that the tests
//! mount the very same app ([`app`]) on a fresh database.

pub mod accounts;
pub mod audit;
pub mod cache;
pub mod clock;
pub mod config;
pub mod db;
pub mod eligibility;
pub mod error;
pub mod faq;
pub mod files;
pub mod i18n;
pub mod imap;
pub mod mail_in;
pub mod metrics;
pub mod ops;
pub mod orders;
pub mod outbox;
pub mod overview;
pub mod privacy;
pub mod public;
pub mod storage;
pub mod throttle;
pub mod tickets;
pub mod upkeep;
pub mod usage;
pub mod validation;
pub mod web;

use std::sync::Arc;

use actix_session::SessionMiddleware;
use actix_session::config::BrowserSession;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, middleware, web as aweb};

use crate::clock::Clock;
use crate::config::Settings;
use crate::i18n::I18n;
use crate::web::assets::Assets;
use crate::web::frame::SecurityHeaders;
use crate::web::page::PageCache;

/// What every handler can reach. Cheap to clone; holds nothing that must be shared between
/// instances (the database does that).
pub struct AppState {
    pub settings: Arc<Settings>,
    pub pool: db::Pool,
    pub i18n: Arc<I18n>,
    pub clock: Clock,
    pub assets: Arc<Assets>,
    pub security_headers: SecurityHeaders,
    pub pages: PageCache,
    pub routing: outbox::Routing,
    /// Short-lived copies of the staff's names and the canned replies (see [`cache`]).
    pub caches: Arc<tickets::Caches>,
    /// The staff dashboard's figures shared by every staff member, a few seconds at most.
    pub dashboard: Arc<overview::staff_stats::Shared>,
    /// What ticket searches remember between searches (see [`tickets::search`]).
    pub search: Arc<tickets::search::SearchIndex>,
    /// What the outbox worker last saw of SMTP and the webhook, for `/healthz`.
    pub health: Arc<outbox::health::Health>,
    /// The Prometheus registry, when `DONERA_METRICS_TOKEN` turns `/metrics` on.
    pub metrics: Option<Arc<metrics::Metrics>>,
    /// Permits for Argon2 work (see [`accounts::password::Hashing`]).
    pub hashing: accounts::password::Hashing,
}

impl AppState {
    /// Builds the state and renders the pages that are the same for every visitor.
    pub fn new(
        settings: Settings,
        pool: db::Pool,
        i18n: I18n,
        clock: Clock,
    ) -> Result<AppState, error::AppError> {
        let security_headers = SecurityHeaders::new(settings.is_https());
        let hashing_permits = settings.hashing_permits();
        let settings_routing = outbox::Routing::from_settings(&settings);
        let health = Arc::new(outbox::health::Health::new(
            settings.smtp_url.is_some(),
            settings.webhook_url.is_some(),
        ));
        let metrics = settings
            .metrics_token
            .as_deref()
            .map(|t| Arc::new(metrics::Metrics::new(t)));
        // The queue's column names for its narrow layout, in the stylesheet (see the function).
        let assets = Assets::load(&tickets::views::narrow_queue_css(&i18n));
        let mut state = AppState {
            settings: Arc::new(settings),
            pool,
            i18n: Arc::new(i18n),
            clock,
            assets: Arc::new(assets),
            security_headers,
            pages: PageCache::default(),
            routing: settings_routing,
            caches: Arc::default(),
            dashboard: Arc::new(cache::Snapshot::new(cache::TTL)),
            search: Arc::default(),
            health,
            metrics,
            hashing: accounts::password::Hashing::new(hashing_permits),
        };
        // The catalogue is seeded on first start, from the locale files.
        let mut conn = state
            .pool
            .get()
            .map_err(|e| error::AppError::Unavailable(e.to_string()))?;
        orders::catalog::seed_if_empty(&mut conn, &state.i18n, state.clock.now_utc_naive())?;
        faq::seed_if_empty(&mut conn, &state.i18n, state.clock.now_utc_naive())?;
        tickets::seed::canned_if_empty(&mut conn, &state.i18n, state.clock.now_utc_naive())?;
        drop(conn);
        state.pages = public::render_static_pages(&state)?;
        Ok(state)
    }
}

/// The routes. Localized pages are registered from the route table in `i18n::routes`.
pub fn configure(cfg: &mut aweb::ServiceConfig) {
    let get = crate::web::page_route;
    // The router tries each route in turn, and a route with a `{…}` part runs a regular
    // expression: the help desk's, asked most, come first (at 1,000,000 tickets a queue page
    // spent 55,000 instructions finding its route, 3%, behind some 130 others). No path of
    // one module matches another's pattern (`routes_do_not_overlap`), so the order is free.
    tickets::configure(cfg);
    overview::configure(cfg);
    cfg.service(aweb::resource("/").route(get().to(public::handlers::root)))
        .service(aweb::resource("/healthz").route(get().to(public::handlers::healthz)))
        .service(aweb::resource("/metrics").route(get().to(metrics::scrape)))
        .service(aweb::resource("/static/{name}").route(get().to(web::assets::serve)));
    public::configure(cfg);
    accounts::configure(cfg);
    privacy::configure(cfg);
    validation::configure(cfg);
    orders::configure(cfg);
    usage::configure(cfg);
    faq::configure(cfg);
}

/// The session cookie's name: with the `__Host-` prefix on https, which browsers only accept
/// with Secure, Path=/ and no Domain.
pub const fn session_cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-donera_session"
    } else {
        "donera_session"
    }
}

/// The whole application with its middleware, as `main` serves it and the tests mount it.
pub fn app(
    state: aweb::Data<AppState>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let https = state.settings.is_https();
    let key = actix_web::cookie::Key::derive_from(&state.settings.secret_key);
    let store = accounts::sessions::DbSessionStore::new(state.pool.clone(), state.clock.clone());
    let sessions = SessionMiddleware::builder(store, key)
        .cookie_name(session_cookie_name(https).to_owned())
        .cookie_secure(https)
        .cookie_http_only(true)
        .cookie_same_site(actix_web::cookie::SameSite::Lax)
        .cookie_path("/".to_owned())
        // A browser-session cookie: a sign-in that outlives the browser would not be strictly
        // necessary (the privacy notice promises only such cookies). The store keeps its own idle
        // and absolute limits per role.
        .session_lifecycle(BrowserSession::default())
        .build();
    App::new()
        .app_data(state)
        .app_data(aweb::QueryConfig::default())
        // Every form of the portal is small; files come through multipart with their own limits.
        .app_data(aweb::FormConfig::default().limit(64 * 1024))
        .configure(configure)
        .default_service(aweb::to(public::handlers::not_found))
        // Inside the sessions, so that handlers see the anonymous CSRF secret.
        .wrap(middleware::from_fn(web::csrf::anonymous_cookie))
        .wrap(sessions)
        .wrap(middleware::from_fn(web::body_deadline::body_deadline))
        .wrap(middleware::from_fn(web::csrf::origin_guard))
        .wrap(middleware::from_fn(web::frame::frame))
        .wrap(middleware::Compress::default())
        // Outermost, so that the time and status include error pages and compression.
        .wrap(middleware::from_fn(metrics::track))
}

/// `n` random bytes from the operating system.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    // Without the OS random source no token or key would be safe: stop rather than go on.
    if getrandom::fill(&mut buf).is_err() {
        std::process::abort();
    }
    buf
}

/// `n` random bytes as lowercase hex.
pub fn random_hex(n: usize) -> String {
    hex(&random_bytes(n))
}

/// `bytes` as lowercase hex. Every page's CSRF token goes through it: `format!` per byte
/// allocated a string for each.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

/// The bytes of hex text (either case); `None` unless every character is a hex digit and they
/// come in pairs (`from_str_radix` alone would take a sign).
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_text_reads_back_and_anything_else_is_refused() {
        let bytes = [0x00, 0x0f, 0xa5, 0xff, 0x10];
        assert_eq!(super::unhex(&super::hex(&bytes)), Some(bytes.to_vec()));
        assert_eq!(super::unhex("A5ff"), Some(vec![0xa5, 0xff]));
        assert_eq!(super::unhex(""), Some(vec![]));
        for bad in ["abc", "+f", "0g", "ä0"] {
            assert_eq!(super::unhex(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn hex_writes_each_byte_as_two_lowercase_digits() {
        assert_eq!(super::hex(&[0x00, 0x0f, 0xa5, 0xff, 0x10]), "000fa5ff10");
        assert_eq!(super::hex(&[]), "");
        let r = super::random_hex(16);
        assert_eq!(r.len(), 32);
        assert!(
            r.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
    }
}
