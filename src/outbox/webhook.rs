//! The partner webhook: each partner event POSTed as JSON, signed with HMAC-SHA256 so the partner
//! can check that it came from us and was not replayed long after. Any 2xx is success; anything
//! else, a timeout or a refused connection is retried by the worker.

use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use time::PrimitiveDateTime;
use time::format_description::well_known::Rfc3339;

use super::Event;

pub struct Webhook {
    url: String,
    secret: Vec<u8>,
    client: awc::Client,
}

/// The signature header's value: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
pub fn signature(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", crate::hex(&mac.finalize().into_bytes()))
}

/// The JSON body sent for an event.
pub fn body(event: &Event) -> Vec<u8> {
    envelope(&event.id, &event.kind, event.created_at, event.payload())
}

/// The kind of the test event `donera check-config` sends; it is never stored in the outbox.
pub const PING: &str = "ping";

/// The body of a `ping`: the same envelope as every event, with empty data.
pub fn ping_body(id: &str, created_at: PrimitiveDateTime) -> Vec<u8> {
    envelope(id, PING, created_at, json!({}))
}

fn envelope(id: &str, kind: &str, created_at: PrimitiveDateTime, data: Value) -> Vec<u8> {
    let created = created_at.assume_utc().format(&Rfc3339).unwrap_or_default();
    json!({
        "id": id,
        "event": kind,
        "created_at": created,
        "data": data,
    })
    .to_string()
    .into_bytes()
}

impl Webhook {
    pub fn new(url: String, secret: Vec<u8>) -> Webhook {
        let client = awc::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .disable_redirects()
            .finish();
        Webhook {
            url,
            secret,
            client,
        }
    }

    /// Opens (and closes) a TCP connection to the webhook's host: reachability without sending
    /// an event.
    pub async fn reachable(&self) -> Result<(), String> {
        let uri: actix_web::http::Uri = self.url.parse().map_err(|e| format!("{e}"))?;
        let host = uri.host().ok_or("no host")?.trim_matches(['[', ']']);
        let port = uri
            .port_u16()
            .unwrap_or(if uri.scheme_str() == Some("https") {
                443
            } else {
                80
            });
        tokio::net::TcpStream::connect((host, port))
            .await
            .map(drop)
            .map_err(|e| e.to_string())
    }

    /// Sends one event; `Err` carries a short reason for the log and the outbox row.
    pub async fn send(&self, event: &Event, timestamp: i64) -> Result<(), String> {
        self.post(&event.id, &event.kind, body(event), timestamp)
            .await
            .map(|_| ())
    }

    /// Sends a signed `ping` with a fresh id (for `donera check-config`); returns the HTTP status.
    pub async fn ping(&self, now: time::OffsetDateTime) -> Result<u16, String> {
        let id = uuid::Uuid::new_v4().to_string();
        let now = now.to_offset(time::UtcOffset::UTC);
        let created = PrimitiveDateTime::new(now.date(), now.time());
        self.post(&id, PING, ping_body(&id, created), now.unix_timestamp())
            .await
    }

    /// POSTs a body with the signature headers; any 2xx is success.
    async fn post(
        &self,
        id: &str,
        kind: &str,
        body: Vec<u8>,
        timestamp: i64,
    ) -> Result<u16, String> {
        let sig = signature(&self.secret, timestamp, &body);
        let res = self
            .client
            .post(&self.url)
            .insert_header(("Content-Type", "application/json"))
            .insert_header(("User-Agent", "Donera-Webhook"))
            .insert_header(("X-Donera-Event-Id", id))
            .insert_header(("X-Donera-Event", kind))
            .insert_header(("X-Donera-Timestamp", timestamp.to_string()))
            .insert_header(("X-Donera-Signature", sig))
            .send_body(body)
            .await
            .map_err(|e| format!("request failed: {e}"))?;
        if res.status().is_success() {
            Ok(res.status().as_u16())
        } else {
            Err(format!("HTTP {}", res.status().as_u16()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_matches_a_known_vector() {
        // Computed independently: printf '1700000000.{}' | openssl dgst -sha256 -hmac secret
        assert_eq!(
            signature(b"secret", 1_700_000_000, b"{}"),
            "sha256=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163"
        );
        assert_ne!(
            signature(b"secret", 1_700_000_001, b"{}"),
            signature(b"secret", 1_700_000_000, b"{}")
        );
    }

    #[test]
    fn a_ping_has_the_envelope_of_every_event() {
        let body = ping_body("abc", time::macros::datetime!(2026-11-28 10:00));
        let v: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            v,
            json!({"id": "abc", "event": "ping", "created_at": "2026-11-28T10:00:00Z", "data": {}})
        );
    }
}
