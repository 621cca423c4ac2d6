//! Who is asking: extractors that load the signed-in person from the session and guard the member
//! and staff areas. A visitor is sent to log in and back; a person of the wrong role gets 403.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::AppState;
use crate::accounts::model::{self, Role, User};
use crate::accounts::sessions::{FLASH, MFA, ROLE, UID, USER};
use crate::db;
use crate::error::AppError;

/// The person behind the request, if signed in and still allowed in. The users of these
/// extractors carry no password hash: whoever checks a password reads it afresh.
pub struct Viewer(pub Option<User>);

type Fut<T> = Pin<Box<dyn Future<Output = Result<T, actix_web::Error>>>>;

async fn current(req: &HttpRequest) -> Result<Option<User>, AppError> {
    let session = req.get_session();
    let Some(uid) = session
        .get::<String>(UID)
        .map_err(|_| AppError::BadRequest)?
    else {
        return Ok(None);
    };
    // Read with the session in one query when it was loaded (see sessions::USER).
    if let Ok(Some(u)) = session.get::<User>(USER)
        && u.id == uid
    {
        return Ok(Some(u));
    }
    // A session changed in this request, or whose user is gone or disabled: ask the database.
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Internal("no app state".into()))?;
    let user = db::run(&state.pool, move |c| model::user_by_id(c, &uid)).await?;
    match user {
        Some(u) if u.disabled_at.is_none() && u.password_hash.is_some() => Ok(Some(User {
            password_hash: None,
            ..u
        })),
        _ => {
            // The account is gone or disabled since the session began: forget it.
            session.purge();
            Ok(None)
        }
    }
}

impl FromRequest for Viewer {
    type Error = actix_web::Error;
    type Future = Fut<Viewer>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(Viewer(current(&req).await?)) })
    }
}

fn login_required(req: &HttpRequest) -> AppError {
    let path = req.path().to_owned();
    let q = req.query_string();
    // Only GET pages are worth coming back to; a POST's form is gone anyway.
    let next = if req.method() == actix_web::http::Method::GET && !q.is_empty() && q.len() < 512 {
        format!("{path}?{q}")
    } else {
        path
    };
    AppError::LoginRequired(next)
}

/// A signed-in member of an organisation.
pub struct Member(pub User);

impl FromRequest for Member {
    type Error = actix_web::Error;
    type Future = Fut<Member>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current(&req).await? {
                None => Err(login_required(&req).into()),
                Some(u) if u.role() == Role::Member && u.organisation_id.is_some() => Ok(Member(u)),
                Some(_) => Err(AppError::Forbidden.into()),
            }
        })
    }
}

/// Staff who must sign in with a second step (all admins; agents too with
/// `DONERA_STAFF_2FA=required`) and whose session did not: sent to set it up before any staff
/// page. The session says so ([`MFA`]), set only by the second step of a sign-in or by a confirmed
/// enrolment, so the check costs no query; an admin's reset ends every session of the person.
fn second_step_gate(req: &HttpRequest, user: &User) -> Result<(), actix_web::Error> {
    let required = req.app_data::<web::Data<AppState>>().is_none_or(|s| {
        s.settings
            .staff_2fa
            .applies_to_staff(user.role() == Role::Admin)
    });
    let done = req
        .get_session()
        .get::<bool>(MFA)
        .ok()
        .flatten()
        .unwrap_or(false);
    if !required || done {
        return Ok(());
    }
    let locale = crate::i18n::Locale::from_path(req.path()).unwrap_or(crate::i18n::Locale::Sv);
    let to = crate::i18n::routes::Page::TwoFactor.path(locale);
    let res = actix_web::HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, to))
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .finish();
    Err(actix_web::error::InternalError::from_response("second step required", res).into())
}

/// A signed-in member of the partner's staff (agent or admin).
pub struct Staff(pub User);

impl FromRequest for Staff {
    type Error = actix_web::Error;
    type Future = Fut<Staff>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current(&req).await? {
                None => Err(login_required(&req).into()),
                Some(u) if u.role().is_staff() => {
                    second_step_gate(&req, &u)?;
                    Ok(Staff(u))
                }
                Some(_) => Err(AppError::Forbidden.into()),
            }
        })
    }
}

/// A signed-in staff admin.
pub struct StaffAdmin(pub User);

impl FromRequest for StaffAdmin {
    type Error = actix_web::Error;
    type Future = Fut<StaffAdmin>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match current(&req).await? {
                None => Err(login_required(&req).into()),
                Some(u) if u.role() == Role::Admin => {
                    second_step_gate(&req, &u)?;
                    Ok(StaffAdmin(u))
                }
                Some(_) => Err(AppError::Forbidden.into()),
            }
        })
    }
}

/// Signs `user` in: a new session id (the old cookie stops working), then who it is. A passed
/// second step ([`MFA`]) carries over only when the session already belonged to `user` (a
/// password change), never to someone else signing in on the same browser.
pub fn sign_in(session: &Session, user: &User) -> Result<(), AppError> {
    session.renew();
    let flash = session.get::<String>(FLASH).ok().flatten();
    let same = session.get::<String>(UID).ok().flatten().as_deref() == Some(user.id.as_str());
    let mfa = same && session.get::<bool>(MFA).ok().flatten().unwrap_or(false);
    session.clear();
    if mfa {
        session
            .insert(MFA, true)
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    session
        .insert(UID, &user.id)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    session
        .insert(ROLE, user.role().key())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if let Some(f) = flash {
        let _ = session.insert(FLASH, f);
    }
    Ok(())
}

/// Leaves a message id for the next page.
pub fn flash(session: &Session, id: &str) {
    let _ = session.insert(FLASH, id);
}

/// Takes the message id left for this page, if any. Only a present message is removed:
/// actix-session marks the session changed on any `remove`, and an unchanged session is not
/// written back, so a page view without a message costs no database write.
pub fn take_flash(session: &Session) -> Option<String> {
    if !session.contains_key(FLASH) {
        return None;
    }
    session.remove_as::<String>(FLASH).and_then(Result::ok)
}

/// The client's address for logs, rate limits and the audit log. Forwarded headers count only
/// when the TCP peer is one of `DONERA_TRUSTED_PROXIES`: otherwise they are whatever the client says.
pub fn client_ip(req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return "unknown".into();
    };
    let trusted = req
        .app_data::<actix_web::web::Data<crate::AppState>>()
        .map(|s| s.settings.trusted_proxies.as_slice())
        .unwrap_or_default();
    let header = |name: &str| {
        let values: Vec<&str> = req
            .headers()
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    };
    client_address(
        peer,
        trusted,
        header("forwarded").as_deref(),
        header("x-forwarded-for").as_deref(),
    )
    .to_string()
}

/// The scheme a trusted proxy says the client used (`X-Forwarded-Proto`), if any.
pub fn forwarded_proto(req: &HttpRequest) -> Option<&'static str> {
    let trusted = req
        .app_data::<actix_web::web::Data<crate::AppState>>()
        .map(|s| s.settings.trusted_proxies.as_slice())
        .unwrap_or_default();
    let peer = req.peer_addr()?.ip();
    if !trusted.iter().any(|n| n.contains(&peer)) {
        return None;
    }
    let proto = req
        .headers()
        .get(actix_web::http::header::HeaderName::from_static(
            "x-forwarded-proto",
        ))?
        .to_str()
        .ok()?;
    // A chain of proxies lists one scheme per hop; the first is the client's.
    match proto.split(',').next()?.trim() {
        p if p.eq_ignore_ascii_case("https") => Some("https"),
        p if p.eq_ignore_ascii_case("http") => Some("http"),
        _ => None,
    }
}

/// The rule behind [`client_ip`]: when `peer` is a trusted proxy, walk the forwarded chain
/// (`Forwarded: for=…`, else `X-Forwarded-For`) from the right and take the first hop that is
/// not itself a trusted proxy. Anything unreadable stops the walk at the last address known to
/// be honest, so a forged or obfuscated entry can never replace a real one.
pub fn client_address(
    peer: std::net::IpAddr,
    trusted: &[ipnet::IpNet],
    forwarded: Option<&str>,
    x_forwarded_for: Option<&str>,
) -> std::net::IpAddr {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = match (forwarded, x_forwarded_for) {
        (Some(f), _) => f
            .split(',')
            .filter_map(|element| {
                element.split(';').find_map(|pair| {
                    let (k, v) = pair.split_once('=')?;
                    k.trim().eq_ignore_ascii_case("for").then_some(v.trim())
                })
            })
            .collect(),
        (None, Some(x)) => x.split(',').map(str::trim).collect(),
        (None, None) => vec![],
    };
    let mut client = peer;
    for hop in hops.iter().rev() {
        match parse_hop(hop) {
            Some(ip) if is_trusted(&ip) => client = ip,
            Some(ip) => return ip,
            None => return client,
        }
    }
    client
}

/// One hop of a forwarded chain: `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"`.
fn parse_hop(hop: &str) -> Option<std::net::IpAddr> {
    let hop = hop.trim().trim_matches('"');
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Ok(sa) = hop.parse::<std::net::SocketAddr>() {
        return Some(sa.ip());
    }
    let inner = hop.strip_prefix('[')?.split(']').next()?;
    inner.parse().ok()
}

/// A local path to return to after logging in, or `None` when `next` could lead elsewhere.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = (next.starts_with("/sv/") || next.starts_with("/en/"))
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.contains("/../")
        && !next.chars().any(|c| c.is_control())
        && next.len() < 600;
    ok.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::{client_address, safe_next};

    fn ip(s: &str) -> std::net::IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_headers_count_only_from_trusted_proxies() {
        let trusted = crate::config::parse_networks("127.0.0.1, 10.0.0.0/8").unwrap();
        let xff = Some("198.51.100.7, 10.1.2.3");
        // Without trust, the headers are the client's word and are ignored.
        assert_eq!(
            client_address(ip("203.0.113.5"), &trusted, None, xff),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &[], None, xff),
            ip("127.0.0.1")
        );
        // From a trusted proxy, the rightmost hop that is not a proxy.
        assert_eq!(
            client_address(ip("127.0.0.1"), &trusted, None, xff),
            ip("198.51.100.7")
        );
        // A client cannot push its real address out by prepending forged ones.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &trusted,
                None,
                Some("1.1.1.1, 203.0.113.9")
            ),
            ip("203.0.113.9")
        );
        // RFC 7239 wins over X-Forwarded-For, with quoted IPv6 and ports.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &trusted,
                Some(r#"for=192.0.2.60;proto=https, for="[2001:db8::17]:4711""#),
                Some("198.51.100.7")
            ),
            ip("2001:db8::17")
        );
        // An unreadable hop stops the walk at the last honest address.
        assert_eq!(
            client_address(
                ip("127.0.0.1"),
                &trusted,
                Some("for=_hidden, for=10.0.0.2"),
                None
            ),
            ip("10.0.0.2")
        );
        // Only proxies in the chain: the leftmost of them.
        assert_eq!(
            client_address(ip("127.0.0.1"), &trusted, None, Some("10.9.9.9")),
            ip("10.9.9.9")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &trusted, None, None),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/sv/konto/"), Some("/sv/konto/"));
        assert_eq!(
            safe_next("/en/account/settings?x=1"),
            Some("/en/account/settings?x=1")
        );
        for bad in [
            "https://evil.example",
            "//evil.example/sv/",
            "/\\evil.example",
            "/sv/\\x",
            "javascript:alert(1)",
            "",
            "/static/x",
            "/sv/\r\nSet-Cookie:x",
            "/sv/../../etc",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }
}
