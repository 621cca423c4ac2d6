//! Two-step sign-in (issue 19, point 7) end to end: enrolment with a confirming code, the code
//! after the password, replays, recovery codes, the rate limit, staff sent to set it up, the
//! `DONERA_STAFF_2FA` setting, an admin's reset, and a member turning it on and off. Time comes
//! from the manual clock.

use diesel::prelude::*;
use donera::accounts::model::Role;
use donera::accounts::twofa::{self, SecretBox};
use donera::db::schema::{audit_log, user_totp};
use time::Duration;

use crate::support::{Browser, Resp, TestApp, backends};
use crate::support::{PW, bare_staff_user, login, registered_member, staff_user};

/// The RFC 6238 test secret: the suite's enrolled staff admins use it.
pub const TOTP_SECRET: &[u8] = b"12345678901234567890";
const OTHER_SECRET: &[u8] = b"abcdefghijklmnopqrst";

/// Turns two-step sign-in on for `user_id` with a known secret; returns the recovery codes.
pub fn enrol(app: &TestApp, user_id: &str, secret: &[u8]) -> Vec<String> {
    let sb = SecretBox::new(&app.state.settings.secret_key).unwrap();
    let mut c = app.pool().get().unwrap();
    twofa::enrol_with_secret(&mut c, &sb, user_id, secret, app.clock.now_utc_naive()).unwrap()
}

fn code_now(app: &TestApp, secret: &[u8]) -> String {
    let at = app.clock.now_utc_naive().assume_utc().unix_timestamp();
    twofa::code_at(secret, at as u64).unwrap()
}

async fn send_code(b: &mut Browser<'_>, code: &str) -> Resp {
    b.submit("/sv/logga-in/kod", "/sv/logga-in/kod", &[("code", code)])
        .await
}

/// The second step with the current code of `secret`; when this step's code was used already
/// (two logins of one fixture within 30 s), the clock moves on to the next step.
pub async fn second_step(b: &mut Browser<'_>, secret: &[u8]) -> Resp {
    let res = send_code(b, &code_now(b.app, secret)).await;
    if res.status != 400 {
        return res;
    }
    b.app.clock.advance(Duration::seconds(30));
    send_code(b, &code_now(b.app, secret)).await
}

fn enabled(app: &TestApp, user_id: &str) -> bool {
    let mut c = app.pool().get().unwrap();
    twofa::is_enabled(&mut c, user_id).unwrap()
}

fn user_id(app: &TestApp, email: &str) -> String {
    use donera::db::schema::users;
    let mut c = app.pool().get().unwrap();
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(&mut c)
        .unwrap()
}

async fn password_step(b: &mut Browser<'_>, email: &str) -> Resp {
    b.submit(
        "/sv/logga-in",
        "/sv/logga-in",
        &[("email", email), ("password", PW)],
    )
    .await
}

/// Enrols the signed-in person of `b` through the pages, reading the key as a person would type
/// it; returns the secret and the recovery codes.
async fn enrol_through_pages(b: &mut Browser<'_>) -> (Vec<u8>, Vec<String>) {
    let res = b
        .submit(
            "/sv/tvastegsverifiering",
            "/sv/tvastegsverifiering",
            &[("action", "start")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    let page = b.get("/sv/tvastegsverifiering").await;
    assert_eq!(page.status, 200);
    let key = page.select_text("#twofa-key").unwrap().replace(' ', "");
    let secret = totp_rs::Secret::try_from_base32(&key).unwrap().to_vec();
    let res = b
        .submit(
            "/sv/tvastegsverifiering",
            "/sv/tvastegsverifiering",
            &[("action", "confirm"), ("code", &code_now(b.app, &secret))],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let codes: Vec<String> = res
        .html()
        .select(&scraper::Selector::parse(".recovery-codes code").unwrap())
        .map(|e| e.text().collect())
        .collect();
    (secret, codes)
}

#[actix_web::test]
async fn enrolment_needs_a_confirming_code_and_shows_ten_recovery_codes_once() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Föreningen Två", "802000-0009", "anna@example.org").await;
        let uid = user_id(&app, "anna@example.org");
        let page = b.get("/sv/tvastegsverifiering").await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("Aktivera tvåstegsverifiering"));
        // Nothing to scan before it is started.
        assert_eq!(b.get("/sv/tvastegsverifiering/qr.svg").await.status, 404);
        b.submit(
            "/sv/tvastegsverifiering",
            "/sv/tvastegsverifiering",
            &[("action", "start")],
        )
        .await;
        let page = b.get("/sv/tvastegsverifiering").await;
        let key = page.select_text("#twofa-key").unwrap().replace(' ', "");
        let secret = totp_rs::Secret::try_from_base32(&key).unwrap().to_vec();
        assert_eq!(secret.len(), 20);
        assert_eq!(
            page.attr("img", "src").as_deref(),
            Some("/sv/tvastegsverifiering/qr.svg")
        );
        let qr = b.get("/sv/tvastegsverifiering/qr.svg").await;
        assert_eq!(qr.status, 200);
        assert_eq!(qr.header("content-type").as_deref(), Some("image/svg+xml"));
        assert!(qr.text().contains("<svg"));
        assert_eq!(qr.header("cache-control").as_deref(), Some("no-store"));
        // The secret is stored encrypted: neither the key nor the bytes are in the row.
        let stored: String = {
            let mut c = app.pool().get().unwrap();
            user_totp::table
                .find(&uid)
                .select(user_totp::secret)
                .first(&mut c)
                .unwrap()
        };
        assert!(!stored.contains(&key) && !stored.contains(&key.to_lowercase()));

        // A wrong code: refused beside the field, still off.
        let right = code_now(&app, &secret);
        let wrong = if right == "000000" {
            "111111"
        } else {
            "000000"
        };
        let res = b
            .submit(
                "/sv/tvastegsverifiering",
                "/sv/tvastegsverifiering",
                &[("action", "confirm"), ("code", wrong)],
            )
            .await;
        assert_eq!(res.status, 400);
        assert!(
            res.select_text("#code-error")
                .unwrap()
                .contains("Koden stämmer inte"),
            "{}",
            res.text()
        );
        assert!(!enabled(&app, &uid), "{kind:?}");
        // Garbage is a wrong code too, never a 500.
        let res = b
            .submit(
                "/sv/tvastegsverifiering",
                "/sv/tvastegsverifiering",
                &[("action", "confirm"), ("code", &"é".repeat(5000))],
            )
            .await;
        assert_eq!(res.status, 400);

        // The right one switches it on and shows ten different codes, this once.
        let res = b
            .submit(
                "/sv/tvastegsverifiering",
                "/sv/tvastegsverifiering",
                &[("action", "confirm"), ("code", &right)],
            )
            .await;
        assert_eq!(res.status, 200, "{}", res.text());
        assert_eq!(res.header("cache-control").as_deref(), Some("no-store"));
        let codes: std::collections::BTreeSet<String> = res
            .html()
            .select(&scraper::Selector::parse(".recovery-codes code").unwrap())
            .map(|e| e.text().collect())
            .collect();
        assert_eq!(codes.len(), 10, "{codes:?}");
        assert!(enabled(&app, &uid));
        let again = b.get("/sv/tvastegsverifiering").await;
        assert!(again.text().contains("10 oanvända reservkoder"));
        for c in &codes {
            assert!(!again.text().contains(c.as_str()), "codes are shown once");
        }
        assert_eq!(b.get("/sv/tvastegsverifiering/qr.svg").await.status, 404);
    }
}

#[actix_web::test]
async fn login_asks_for_the_code_and_refuses_it_twice_in_one_step() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Föreningen Två", "802000-0009", "anna@example.org").await;
        let uid = user_id(&app, "anna@example.org");
        enrol(&app, &uid, OTHER_SECRET);
        let mut a = Browser::new(&app);
        let res = password_step(&mut a, "anna@example.org").await;
        assert_eq!(res.status, 303);
        assert_eq!(res.header("location").as_deref(), Some("/sv/logga-in/kod"));
        let pending_cookie = a.session();
        // The password alone opens nothing.
        assert_eq!(a.get("/sv/konto/").await.status, 303);
        let res = send_code(&mut a, "123 45").await;
        assert_eq!(res.status, 400);
        assert!(res.select_text("#code-error").is_some());
        let res = send_code(&mut a, &code_now(&app, OTHER_SECRET)).await;
        assert_eq!(res.status, 303, "{}", res.text());
        assert_eq!(res.header("location").as_deref(), Some("/sv/konto/"));
        assert_ne!(a.session(), pending_cookie, "a new session id at sign-in");
        assert_eq!(a.get("/sv/konto/").await.status, 200);

        // The same code again in the same 30 s step, from another browser: refused.
        let mut m = Browser::new(&app);
        password_step(&mut m, "anna@example.org").await;
        let res = send_code(&mut m, &code_now(&app, OTHER_SECRET)).await;
        assert_eq!(res.status, 400, "{kind:?}");
        assert!(
            res.select_text("#code-error")
                .unwrap()
                .contains("redan använts")
        );
        // The next step's code is fine.
        app.clock.advance(Duration::seconds(30));
        let res = send_code(&mut m, &code_now(&app, OTHER_SECRET)).await;
        assert_eq!(res.status, 303);

        // A password step left waiting expires: the code alone never signs in.
        let mut late = Browser::new(&app);
        password_step(&mut late, "anna@example.org").await;
        let form = late.get("/sv/logga-in/kod").await;
        let csrf = form.attr("input[name=csrf]", "value").unwrap();
        app.clock.advance(Duration::minutes(6));
        let code = code_now(&app, OTHER_SECRET);
        let res = late
            .post("/sv/logga-in/kod", &[("csrf", &csrf), ("code", &code)])
            .await;
        assert_eq!(res.status, 303);
        assert_eq!(res.header("location").as_deref(), Some("/sv/logga-in"));
        assert_eq!(late.get("/sv/konto/").await.status, 303);
        // And the code page without a password step sends to the login.
        let mut nobody = Browser::new(&app);
        assert_eq!(nobody.get("/sv/logga-in/kod").await.status, 303);
    }
}

#[actix_web::test]
async fn a_recovery_code_signs_in_once() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Föreningen Två", "802000-0009", "anna@example.org").await;
        let uid = user_id(&app, "anna@example.org");
        let codes = enrol(&app, &uid, OTHER_SECRET);
        let mut a = Browser::new(&app);
        password_step(&mut a, "anna@example.org").await;
        // Typed in capitals with spaces: still the code.
        let typed = codes[3].to_uppercase().replace('-', " ");
        let res = send_code(&mut a, &typed).await;
        assert_eq!(res.status, 303, "{kind:?}: {}", res.text());
        let home = a.get("/sv/konto/").await;
        assert!(home.text().contains("reservkod"), "the flash says so");
        let mut again = Browser::new(&app);
        password_step(&mut again, "anna@example.org").await;
        let res = send_code(&mut again, &codes[3]).await;
        assert_eq!(res.status, 400, "{kind:?}: a used recovery code");
        // Another one still works.
        assert_eq!(send_code(&mut again, &codes[4]).await.status, 303);
        let page = again.get("/sv/tvastegsverifiering").await;
        assert!(page.text().contains("8 oanvända reservkoder"));
    }
}

#[actix_web::test]
async fn wrong_codes_are_limited_like_passwords_and_the_owner_gets_in_after_the_pause() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Föreningen Två", "802000-0009", "anna@example.org").await;
        let uid = user_id(&app, "anna@example.org");
        enrol(&app, &uid, OTHER_SECRET);
        let mut m = Browser::new(&app);
        password_step(&mut m, "anna@example.org").await;
        let right = code_now(&app, OTHER_SECRET);
        let wrong = if right == "000000" {
            "111111"
        } else {
            "000000"
        };
        for i in 1..=5 {
            assert_eq!(send_code(&mut m, wrong).await.status, 400, "attempt {i}");
        }
        // The sixth is refused whatever it is, the right code too.
        assert_eq!(send_code(&mut m, &right).await.status, 429, "{kind:?}");
        // After the 15-minute window the owner logs in.
        app.clock.advance(Duration::minutes(16));
        let mut a = Browser::new(&app);
        password_step(&mut a, "anna@example.org").await;
        let res = send_code(&mut a, &code_now(&app, OTHER_SECRET)).await;
        assert_eq!(res.status, 303, "{kind:?}");
    }
}

#[actix_web::test]
async fn a_staff_admin_without_it_is_sent_to_set_it_up_before_any_staff_page() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let admin = bare_staff_user(&app, "admin@partner.example.org", Role::Admin);
        bare_staff_user(&app, "agent@partner.example.org", Role::Agent);
        let mut s = Browser::new(&app);
        assert_eq!(
            password_step(&mut s, "admin@partner.example.org")
                .await
                .status,
            303
        );
        for page in [
            "/sv/personal/",
            "/sv/personal/konton",
            "/sv/personal/logg",
            "/sv/personal/arenden",
            "/sv/personal/valideringar",
            "/en/staff/orders",
        ] {
            let res = s.get(page).await;
            assert_eq!(res.status, 303, "{kind:?} {page}");
            let to = res.header("location").unwrap();
            assert!(
                to == "/sv/tvastegsverifiering" || to == "/en/two-step-verification",
                "{page}: {to}"
            );
        }
        let page = s.get("/sv/tvastegsverifiering").await;
        assert!(page.text().contains("måste ha tvåstegsverifiering"));
        let (_, codes) = enrol_through_pages(&mut s).await;
        assert_eq!(codes.len(), 10);
        assert!(enabled(&app, &admin));
        assert_eq!(s.get("/sv/personal/").await.status, 200, "{kind:?}");
        assert_eq!(s.get("/sv/personal/konton").await.status, 200);
        // An admin may not switch it off.
        let res = s
            .submit(
                "/sv/tvastegsverifiering",
                "/sv/tvastegsverifiering",
                &[("action", "off"), ("code", &codes[0])],
            )
            .await;
        assert_eq!(res.status, 403);
        assert!(enabled(&app, &admin));

        // Agents need it only with DONERA_STAFF_2FA=required.
        let mut a = Browser::new(&app);
        password_step(&mut a, "agent@partner.example.org").await;
        assert_eq!(a.get("/sv/personal/").await.status, 200, "{kind:?}");
    }
}

#[actix_web::test]
async fn with_staff_2fa_required_agents_are_sent_to_set_it_up_too() {
    for kind in backends() {
        let app = TestApp::start_with(kind, &[("DONERA_STAFF_2FA", "required")]);
        bare_staff_user(&app, "agent@partner.example.org", Role::Agent);
        let mut a = Browser::new(&app);
        password_step(&mut a, "agent@partner.example.org").await;
        let res = a.get("/sv/personal/arenden").await;
        assert_eq!(res.status, 303, "{kind:?}");
        assert_eq!(
            res.header("location").as_deref(),
            Some("/sv/tvastegsverifiering")
        );
        enrol_through_pages(&mut a).await;
        assert_eq!(a.get("/sv/personal/arenden").await.status, 200);
        // Members are not staff: the setting asks nothing of them.
        let mut m = Browser::new(&app);
        registered_member(&mut m, "Föreningen Två", "802000-0009", "anna@example.org").await;
        assert_eq!(m.get("/sv/konto/").await.status, 200);
    }
}

#[actix_web::test]
async fn an_admin_resets_a_colleagues_second_factor_audited_and_their_sessions_end() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let admin = staff_user(&app, "admin@partner.example.org", Role::Admin).await;
        let agent = bare_staff_user(&app, "agent@partner.example.org", Role::Agent);
        enrol(&app, &agent, OTHER_SECRET);
        let mut ag = Browser::new(&app);
        password_step(&mut ag, "agent@partner.example.org").await;
        assert_eq!(second_step(&mut ag, OTHER_SECRET).await.status, 303);
        assert_eq!(ag.get("/sv/personal/").await.status, 200);

        let mut ad = Browser::new(&app);
        assert_eq!(
            login(&mut ad, "admin@partner.example.org", PW).await.status,
            303
        );
        let page = ad.get("/sv/personal/konton").await;
        let reset = format!("/sv/personal/konton/{agent}/tvastegsverifiering");
        assert!(
            page.text().contains(&format!("action=\"{reset}\"")),
            "{}",
            page.text()
        );
        // No reset of one's own here.
        assert!(!page.text().contains(&format!("konton/{admin}/tvastegs")));
        // Without the CSRF token: refused.
        assert_eq!(ad.post(&reset, &[("csrf", "x")]).await.status, 403);
        assert!(enabled(&app, &agent));
        let res = ad.submit("/sv/personal/konton", &reset, &[]).await;
        assert_eq!(res.status, 303, "{kind:?}: {}", res.text());
        assert!(!enabled(&app, &agent), "{kind:?}");
        // The agent's session is over.
        assert_eq!(ag.get("/sv/personal/").await.status, 303);
        let (actor, action): (Option<String>, String) = {
            let mut c = app.pool().get().unwrap();
            audit_log::table
                .filter(audit_log::record_id.eq(&agent))
                .filter(audit_log::action.eq("staff.2fa_reset"))
                .select((audit_log::actor_id, audit_log::action))
                .first(&mut c)
                .unwrap()
        };
        assert_eq!(
            (actor.as_deref(), action.as_str()),
            (Some(admin.as_str()), "staff.2fa_reset")
        );
        // The agent signs in with the password alone now (agents need it only when required).
        let mut again = Browser::new(&app);
        let res = password_step(&mut again, "agent@partner.example.org").await;
        assert_eq!(res.header("location").as_deref(), Some("/sv/personal/"));

        // An agent cannot reset anyone.
        let res = again
            .post(
                &format!("/sv/personal/konton/{admin}/tvastegsverifiering"),
                &[("csrf", "x")],
            )
            .await;
        assert_eq!(res.status, 403);
        assert!(enabled(&app, &admin));
    }
}

#[actix_web::test]
async fn a_member_turns_it_on_and_off() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Föreningen Två", "802000-0009", "anna@example.org").await;
        let uid = user_id(&app, "anna@example.org");
        let (secret, _) = enrol_through_pages(&mut b).await;
        assert!(enabled(&app, &uid));
        // Turning it off needs a code: a wrong one is refused beside the field.
        app.clock.advance(Duration::seconds(30));
        let right = code_now(&app, &secret);
        let wrong = if right == "000000" {
            "111111"
        } else {
            "000000"
        };
        let res = b
            .submit(
                "/sv/tvastegsverifiering",
                "/sv/tvastegsverifiering",
                &[("action", "off"), ("code", wrong)],
            )
            .await;
        assert_eq!(res.status, 400);
        assert!(res.select_text("#code-error").is_some());
        assert!(enabled(&app, &uid));
        let res = b
            .submit(
                "/sv/tvastegsverifiering",
                "/sv/tvastegsverifiering",
                &[("action", "off"), ("code", &right)],
            )
            .await;
        assert_eq!(res.status, 303, "{kind:?}: {}", res.text());
        assert!(!enabled(&app, &uid));
        // The password alone signs in again.
        let mut a = Browser::new(&app);
        let res = login(&mut a, "anna@example.org", PW).await;
        assert_eq!(res.header("location").as_deref(), Some("/sv/konto/"));
    }
}

#[actix_web::test]
async fn after_a_change_of_the_secret_key_codes_fail_cleanly_and_recovery_codes_still_work() {
    for kind in backends() {
        let app = TestApp::start(kind);
        let mut b = Browser::new(&app);
        registered_member(&mut b, "Föreningen Två", "802000-0009", "anna@example.org").await;
        let uid = user_id(&app, "anna@example.org");
        // Enrolled under another DONERA_SECRET_KEY: the stored secret no longer opens.
        let old = SecretBox::new(b"the key this portal had before, 32+ chars").unwrap();
        let codes = {
            let mut c = app.pool().get().unwrap();
            twofa::enrol_with_secret(&mut c, &old, &uid, OTHER_SECRET, app.clock.now_utc_naive())
                .unwrap()
        };
        let mut a = Browser::new(&app);
        password_step(&mut a, "anna@example.org").await;
        let res = send_code(&mut a, &code_now(&app, OTHER_SECRET)).await;
        assert_eq!(res.status, 400, "{kind:?}: a wrong code, not an error page");
        let res = send_code(&mut a, &codes[0]).await;
        assert_eq!(res.status, 303, "{kind:?}");
        assert_eq!(a.get("/sv/tvastegsverifiering").await.status, 200);
    }
}
