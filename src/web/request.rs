//! What a request says about itself, whoever makes it: the client's address behind trusted
//! proxies, the scheme it used, a safe place to return to, and the one-time message carried in
//! the session from one page to the next.

use actix_session::Session;
use actix_web::HttpRequest;

/// Session key of the one-time message (a message id) for the next page.
pub const FLASH: &str = "flash";
/// Session key of the signed-in user's id (set by `accounts::auth::sign_in`): a session with it
/// is signed in, which the CSRF defence needs to know.
pub const UID: &str = "uid";

/// Leaves a message id for the next page.
pub fn flash(session: &Session, id: &str) {
    let _ = session.insert(FLASH, id);
}

/// As [`flash`], for a message with a `$count` (`3 ärenden ändrades`): still an id, never text.
pub fn flash_count(session: &Session, id: &str, count: usize) {
    let _ = session.insert(FLASH, format!("{id}#{count}"));
}

/// A flash entry as its message id and, when [`flash_count`] left one, its count.
pub fn flash_parts(entry: &str) -> (&str, Option<i64>) {
    match entry.split_once('#') {
        Some((id, n)) => match n.parse() {
            Ok(n) => (id, Some(n)),
            Err(_) => (entry, None),
        },
        None => (entry, None),
    }
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
    use super::{client_address, flash_parts, safe_next};

    #[test]
    fn a_flash_entry_carries_its_count_after_a_hash() {
        assert_eq!(flash_parts("bulk-done#3"), ("bulk-done", Some(3)));
        assert_eq!(
            flash_parts("staff-ticket-updated"),
            ("staff-ticket-updated", None)
        );
        assert_eq!(flash_parts("x#y"), ("x#y", None));
    }

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
