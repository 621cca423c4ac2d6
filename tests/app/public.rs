//! Language negotiation, the route table, error pages, security headers, assets and health.

use actix_web::http::Method;
use actix_web::web;

use crate::support::{Kind, TestApp, TestDb, backends};

const PAGES: [(&str, &str); 3] = [
    ("/sv/", "/en/"),
    ("/sv/behorighet", "/en/eligibility"),
    ("/sv/behorighet/testa", "/en/eligibility/check"),
];

fn assert_security_headers(res: &crate::support::Resp, what: &str) {
    let csp = res
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(csp.contains("default-src 'self'"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{what}: {csp}"
    );
    assert_eq!(
        res.header("x-content-type-options").as_deref(),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        res.header("referrer-policy").as_deref(),
        Some("strict-origin-when-cross-origin"),
        "{what}"
    );
    assert!(res.header("permissions-policy").is_some(), "{what}");
    assert!(res.header("server").is_none(), "{what}: Server header");
    assert!(res.header("x-powered-by").is_none(), "{what}");
    assert!(
        res.header("access-control-allow-origin").is_none(),
        "{what}"
    );
}

#[actix_web::test]
async fn root_redirects_by_cookie_then_accept_language_then_swedish() {
    let app = TestApp::start(Kind::Sqlite);
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[], "/sv/"),
        (&[("accept-language", "en-GB,en;q=0.9")], "/en/"),
        (&[("accept-language", "de-DE, en;q=0.5, sv;q=0.8")], "/sv/"),
        (&[("accept-language", "sv;q=0.2, en;q=0.3")], "/en/"),
        (&[("accept-language", "en"), ("cookie", "lang=sv")], "/sv/"),
        (&[("accept-language", "sv"), ("cookie", "lang=en")], "/en/"),
    ];
    for (headers, want) in cases {
        let mut req = app.srv.get("/");
        for (k, v) in headers {
            req = req.insert_header((*k, *v));
        }
        let res = app.send(req).await;
        assert_eq!(res.status, 303, "{headers:?}");
        assert_eq!(res.header("location").as_deref(), Some(want), "{headers:?}");
        assert!(res.header("vary").unwrap().contains("accept-language"));
        assert_security_headers(&res, "/");
    }
}

#[actix_web::test]
async fn every_page_exists_in_both_languages_and_links_its_twin() {
    let app = TestApp::start(Kind::Sqlite);
    for (sv, en) in PAGES {
        for (path, lang, twin) in [(sv, "sv", en), (en, "en", sv)] {
            let res = app.get(path).await;
            assert_eq!(res.status, 200, "{path}");
            assert_eq!(
                res.header("content-type").as_deref(),
                Some("text/html; charset=utf-8")
            );
            assert_eq!(res.attr("html", "lang").as_deref(), Some(lang), "{path}");
            let other = if lang == "sv" { "en" } else { "sv" };
            let switch = format!("header a[hreflang=\"{other}\"]");
            assert_eq!(res.attr(&switch, "href").as_deref(), Some(twin), "{path}");
            for (code, target) in [(lang, path), (other, twin)] {
                let sel = format!("link[rel=alternate][hreflang=\"{code}\"]");
                assert_eq!(
                    res.attr(&sel, "href"),
                    Some(format!("http://donera.test{target}")),
                    "{path}"
                );
            }
            assert_eq!(res.attr("a.skip-link", "href").as_deref(), Some("#main"));
            assert!(
                res.select_text("main h1").is_some_and(|h| !h.is_empty()),
                "{path}"
            );
            // The footer names the partner with a link to its site.
            assert_eq!(
                res.attr("footer a[href=\"https://partner.example.org\"]", "href")
                    .as_deref(),
                Some("https://partner.example.org")
            );
            assert_security_headers(&res, path);
            // Reading a page remembers its language for `/`.
            assert!(
                res.header("set-cookie")
                    .unwrap()
                    .starts_with(&format!("lang={lang}"))
            );
        }
    }
}

#[actix_web::test]
async fn the_language_cookie_is_not_set_again_when_it_matches() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app
        .send(
            app.srv
                .get("/en/eligibility")
                .insert_header(("cookie", "lang=en")),
        )
        .await;
    assert_eq!(res.status, 200);
    assert!(res.header("set-cookie").is_none());
}

#[actix_web::test]
async fn language_prefix_without_slash_redirects_to_home() {
    let app = TestApp::start(Kind::Sqlite);
    for (from, to) in [("/sv", "/sv/"), ("/en", "/en/")] {
        let res = app.get(from).await;
        assert_eq!(res.status, 308);
        assert_eq!(res.header("location").as_deref(), Some(to));
    }
}

#[actix_web::test]
async fn unknown_pages_get_a_localized_404_with_the_same_headers() {
    let app = TestApp::start(Kind::Sqlite);
    let sv = app.get("/sv/finns-inte").await;
    assert_eq!(sv.status, 404);
    assert_eq!(sv.attr("html", "lang").as_deref(), Some("sv"));
    assert_eq!(sv.select_text("h1").as_deref(), Some("Sidan finns inte"));
    assert_security_headers(&sv, "404 sv");
    let en = app.get("/en/nope").await;
    assert_eq!(en.status, 404);
    assert_eq!(en.select_text("h1").as_deref(), Some("Page not found"));
    // Outside a language prefix the page follows Accept-Language.
    let res = app
        .send(
            app.srv
                .get("/nothing-here")
                .insert_header(("accept-language", "en")),
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(res.attr("html", "lang").as_deref(), Some("en"));
}

#[actix_web::test]
async fn probes_for_secrets_and_backups_find_nothing() {
    let app = TestApp::start(Kind::Sqlite);
    for path in [
        "/.git/config",
        "/.git/",
        "/.env",
        "/index.bak",
        "/data/donera.db",
        "/data/secret.key",
        "/static/../Cargo.toml",
        "/static/app.css",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, 404, "{path}");
        assert_security_headers(&res, path);
    }
}

#[actix_web::test]
async fn methods_a_route_does_not_take_get_405() {
    let app = TestApp::start(Kind::Sqlite);
    for method in [
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::TRACE,
        Method::PATCH,
    ] {
        for path in ["/sv/behorighet", "/en/", "/healthz"] {
            let res = app
                .send(app.srv.request(method.clone(), app.srv.url(path)))
                .await;
            assert_eq!(res.status, 405, "{method} {path}");
            assert_security_headers(&res, "405");
            assert!(!res.text().contains("TRACE"), "no echo of the request");
        }
    }
    let res = app.send(app.srv.post("/en/eligibility")).await;
    assert_eq!(
        res.select_text("h1").as_deref(),
        Some("This cannot be done here")
    );
}

#[actix_web::test]
async fn head_requests_are_answered() {
    let app = TestApp::start(Kind::Sqlite);
    let res = app.send(app.srv.head("/sv/behorighet")).await;
    assert_eq!(res.status, 200);
    assert!(res.body.is_empty());
}

#[actix_web::test]
async fn static_files_have_hashed_urls_and_cache_forever() {
    let app = TestApp::start(Kind::Sqlite);
    let page = app.get("/sv/").await;
    let css = page.attr("link[rel=stylesheet]", "href").unwrap();
    assert!(
        css.starts_with("/static/app.") && css.ends_with(".css"),
        "{css}"
    );
    let res = app.get(&css).await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        res.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert!(res.text().contains(".skip-link"));
    assert_security_headers(&res, "css");
    let gz = app
        .send(app.srv.get(&css).insert_header(("accept-encoding", "gzip")))
        .await;
    assert_eq!(gz.header("content-encoding").as_deref(), Some("gzip"));
    assert_eq!(gunzip(&gz.body), res.body);
    let icon = page.attr("link[rel=icon]", "href").unwrap();
    assert_eq!(app.get(&icon).await.status, 200);
    assert_eq!(app.get("/static/app.0000000000.css").await.status, 404);
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = vec![];
    flate2::read::GzDecoder::new(data)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[actix_web::test]
async fn html_is_compressed_when_the_client_accepts_it() {
    let app = TestApp::start(Kind::Sqlite);
    for path in [
        "/sv/",
        "/en/eligibility",
        "/sv/behorighet/testa?licenses=4",
        "/sv/finns-inte",
    ] {
        let plain = app.get(path).await;
        let gz = app
            .send(app.srv.get(path).insert_header(("accept-encoding", "gzip")))
            .await;
        assert_eq!(gz.status, plain.status, "{path}");
        assert_eq!(
            gz.header("content-encoding").as_deref(),
            Some("gzip"),
            "{path}"
        );
        assert_eq!(gunzip(&gz.body), plain.body, "{path}");
        assert!(plain.header("content-encoding").is_none(), "{path}");
    }
}

fn panicking_route(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/sv/test-panik",
        web::get().to(|| async {
            if std::hint::black_box(true) {
                panic!("secret detail /etc/passwd");
            }
            "unreachable"
        }),
    );
}

#[actix_web::test]
async fn a_panic_gives_the_localized_500_page_with_a_reference() {
    let db = TestDb::new(Kind::Sqlite);
    let pool = donera::db::connect(&db.url, 2).unwrap();
    let app = TestApp::with_pool(db, pool, panicking_route);
    let res = app.get("/sv/test-panik").await;
    assert_eq!(res.status, 500);
    assert_eq!(res.attr("html", "lang").as_deref(), Some("sv"));
    assert_eq!(
        res.select_text("h1").as_deref(),
        Some("Något gick fel hos oss")
    );
    let reference = res.select_text("code.reference").unwrap();
    assert_eq!(reference.len(), 8, "{reference}");
    let body = res.text();
    assert!(
        !body.contains("secret detail")
            && !body.contains("/etc/passwd")
            && !body.contains("panicked")
    );
    assert_security_headers(&res, "500");
    // The server is still there afterwards.
    assert_eq!(app.get("/sv/").await.status, 200);
}

#[actix_web::test]
async fn healthz_answers_503_while_the_database_does_not_answer() {
    for kind in backends() {
        let db = TestDb::new(kind);
        donera::db::connect(&db.url, 1).unwrap();
        // One connection and a short wait: holding it makes the database unreachable to the app.
        let pool = diesel::r2d2::Pool::builder()
            .max_size(1)
            .connection_timeout(std::time::Duration::from_millis(300))
            .build(donera::db::Manager::new(db.backend()))
            .unwrap();
        let app = TestApp::with_pool(db, pool.clone(), crate::support::noop);
        let ok = app.get("/healthz").await;
        assert_eq!(ok.status, 200, "{kind:?}");
        let h: serde_json::Value = serde_json::from_slice(&ok.body).unwrap();
        assert_eq!(
            (
                h["status"].as_str(),
                h["database"].as_str(),
                h["smtp"].as_str()
            ),
            (Some("ok"), Some("ok"), Some("not_configured")),
            "{kind:?}: {h}"
        );
        let held = pool.get().unwrap();
        let down = app.get("/healthz").await;
        assert_eq!(down.status, 503, "{kind:?}");
        assert!(down.text().contains(r#""database":"failing""#), "{kind:?}");
        assert_security_headers(&down, "healthz 503");
        drop(held);
        assert_eq!(app.get("/healthz").await.status, 200, "{kind:?}");
    }
}

#[actix_web::test]
async fn https_base_url_adds_hsts() {
    let headers = donera::web::frame::SecurityHeaders::new(true);
    let mut res = actix_web::HttpResponse::Ok().finish();
    headers.apply(&mut res);
    let hsts = res
        .headers()
        .get("strict-transport-security")
        .unwrap()
        .to_str()
        .unwrap();
    let max_age: u64 = hsts
        .trim_start_matches("max-age=")
        .split(';')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(max_age >= 15_768_000, "{hsts}");
    let mut plain = actix_web::HttpResponse::Ok().finish();
    donera::web::frame::SecurityHeaders::new(false).apply(&mut plain);
    assert!(plain.headers().get("strict-transport-security").is_none());
}

#[actix_web::test]
async fn the_main_navigation_reaches_every_public_area() {
    let app = TestApp::start(Kind::Sqlite);
    for (home, links) in [
        (
            "/sv/",
            [
                "/sv/behorighet",
                "/sv/behorighet/testa",
                "/sv/produkter",
                "/sv/fragor",
            ],
        ),
        (
            "/en/",
            [
                "/en/eligibility",
                "/en/eligibility/check",
                "/en/products",
                "/en/faq",
            ],
        ),
    ] {
        let page = app.get(home).await;
        for href in links {
            assert!(
                page.attr(&format!("nav.site-nav a[href=\"{href}\"]"), "href")
                    .is_some(),
                "{home} lacks {href}"
            );
            assert_eq!(app.get(href).await.status, 200, "{href}");
        }
    }
}
