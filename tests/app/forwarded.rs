//! Behind a reverse proxy (issue 19, point 5): with `DONERA_TRUSTED_PROXIES`, every per-address
//! limit counts the client the proxy names in `X-Forwarded-For`, not the proxy, so one noisy
//! client never locks out the others. The test client connects from 127.0.0.1, the trusted proxy.

use time::Duration;

use crate::support::{Browser, Resp, TestApp, backends};
use crate::support::{PW, login, registered_member};

fn behind_proxy<'a>(app: &'a TestApp, client: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    b.headers
        .push(("x-forwarded-for".into(), format!("{client}, 127.0.0.1")));
    b
}

#[actix_web::test]
async fn failed_logins_from_one_forwarded_client_do_not_lock_out_another() {
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_TRUSTED_PROXIES", "127.0.0.1")]);
        let mut setup = behind_proxy(&app, "198.51.100.1");
        registered_member(
            &mut setup,
            "Föreningen Proxy",
            "802000-0009",
            "anna@example.org",
        )
        .await;
        let mut mallory = behind_proxy(&app, "203.0.113.7");
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
            assert_eq!(res.status, expected, "{kind:?} attempt {i}");
        }
        // Another client behind the same proxy logs in...
        let mut anna = behind_proxy(&app, "203.0.113.8");
        let res = login(&mut anna, "anna@example.org", PW).await;
        assert_eq!(res.status, 303, "{kind:?}: {}", res.text());
        // ...while the noisy one stays locked out, with the right password too.
        let res = login(&mut mallory, "anna@example.org", PW).await;
        assert_eq!(res.status, 429, "{kind:?}");
    }
}

#[actix_web::test]
async fn reset_requests_are_limited_per_forwarded_client() {
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_TRUSTED_PROXIES", "127.0.0.1")]);
        let mut mallory = behind_proxy(&app, "203.0.113.7");
        let forgot = |i: usize| format!("someone{i}@example.org");
        for i in 1..=10 {
            let res = mallory
                .submit(
                    "/sv/glomt-losenord",
                    "/sv/glomt-losenord",
                    &[("email", &forgot(i))],
                )
                .await;
            assert_ne!(res.status, 429, "{kind:?} request {i}");
        }
        let res = mallory
            .submit(
                "/sv/glomt-losenord",
                "/sv/glomt-losenord",
                &[("email", &forgot(11))],
            )
            .await;
        assert_eq!(res.status, 429, "{kind:?}");
        let mut other = behind_proxy(&app, "203.0.113.8");
        let res = other
            .submit(
                "/sv/glomt-losenord",
                "/sv/glomt-losenord",
                &[("email", &forgot(12))],
            )
            .await;
        assert_ne!(res.status, 429, "{kind:?}: another client is not limited");
    }
}

async fn contact(b: &mut Browser<'_>, email: &str) -> Resp {
    let page = b.get("/sv/kontakt").await;
    let csrf = page.attr("input[name=csrf]", "value").unwrap();
    let started = page.attr("input[name=started]", "value").unwrap();
    b.app.clock.advance(Duration::seconds(5));
    b.post(
        "/sv/kontakt",
        &[
            ("csrf", csrf.as_str()),
            ("started", started.as_str()),
            ("website", ""),
            ("name", "Vera Besökare"),
            ("email", email),
            ("organisation", "Kören i Byn"),
            ("category", "validation"),
            ("subject", "Hur validerar vi oss?"),
            ("message", "Vi är en ideell förening."),
        ],
    )
    .await
}

#[actix_web::test]
async fn the_contact_form_limit_counts_the_forwarded_client() {
    for kind in backends() {
        let app = TestApp::start_with(
            kind,
            &[
                ("DONERA_TRUSTED_PROXIES", "127.0.0.1"),
                ("DONERA_CONTACT_IP_LIMIT_PER_HOUR", "2"),
            ],
        );
        let mut noisy = behind_proxy(&app, "203.0.113.7");
        for i in 1..=2 {
            let res = contact(&mut noisy, &format!("v{i}@example.org")).await;
            assert_eq!(res.status, 303, "{kind:?} {i}: {}", res.text());
        }
        let res = contact(&mut noisy, "v3@example.org").await;
        assert_eq!(res.status, 429, "{kind:?}");
        let mut other = behind_proxy(&app, "203.0.113.8");
        let res = contact(&mut other, "v4@example.org").await;
        assert_eq!(res.status, 303, "{kind:?}: another client is not limited");
    }
}
