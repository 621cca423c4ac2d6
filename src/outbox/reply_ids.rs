//! The signed Message-IDs and reply addresses of the e-mails about a ticket, so that an answer
//! threads back onto its ticket (`mail_in::thread` checks them on the way in). Here, below the
//! features, because the outbox writes them into every ticket e-mail; numbers come in canonical
//! (`D-2026-00042`), as the tickets store them.
//!
//! Layouts (tags are the first 8 bytes of an HMAC-SHA256 under the portal's secret, as 16
//! lowercase hex digits): `<D-2026-00042.<nonce>.<tag>@host>`, the tag over the number and the
//! nonce; `support+d202600042-<tag>@domain`, the number in a compact lowercase form so the token
//! survives MTAs that lowercase local parts.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Domain separation: the portal's secret signs other things too.
pub const LABEL_MESSAGE_ID: &[u8] = b"donera/mail-in/message-id";
pub const LABEL_ADDRESS: &[u8] = b"donera/mail-in/reply-address";

/// Bytes of the HMAC kept in a tag (64 bits: forging needs a round trip per guess).
pub const TAG_BYTES: usize = 8;
pub const TAG_HEX: usize = TAG_BYTES * 2;

/// RFC 5321's limit on a local part.
pub const MAX_LOCAL_PART: usize = 64;

/// The Message-ID of a mail about ticket `number`. The nonce (the outbox event's id) keeps only
/// ASCII letters, digits and `-`; the tag covers it lowercased, so an id that a system lowercased
/// still verifies.
pub fn signed_message_id(key: &[u8], number: &str, nonce: &str, host: &str) -> String {
    let nonce: String = nonce
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let tag = tag_hex(key, LABEL_MESSAGE_ID, number, &nonce.to_ascii_lowercase());
    format!("<{number}.{nonce}.{tag}@{}>", host.trim())
}

/// The reply address of ticket `number` at the support mailbox `support`; `None` when `support`
/// is not a plain address without a `+` detail, or the local part would pass 64 characters.
pub fn signed_reply_address(key: &[u8], number: &str, support: &str) -> Option<String> {
    let (local, domain) = split_support(support)?;
    let tag = tag_hex(key, LABEL_ADDRESS, number, "");
    let local = format!("{local}+{}-{tag}", compact_number(number));
    (local.len() <= MAX_LOCAL_PART).then(|| format!("{local}@{domain}"))
}

/// `support@partner.se` as (`support`, `partner.se`), refusing anything that is not a bare
/// address without a `+` detail.
pub fn split_support(support: &str) -> Option<(&str, &str)> {
    let (local, domain) = support.trim().rsplit_once('@')?;
    let plain = |s: &str| {
        !s.is_empty()
            && !s
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '@' | '"' | ','))
    };
    (plain(local) && plain(domain) && !local.contains('+')).then_some((local, domain))
}

/// `D-2026-00042` as `d202600042`.
pub fn compact_number(number: &str) -> String {
    number.replace('-', "").to_ascii_lowercase()
}

pub fn tag_hex(key: &[u8], label: &[u8], number: &str, nonce: &str) -> String {
    // HMAC takes keys of any length: `new_from_slice` cannot fail for it.
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of any length"),
    };
    for part in [label, b"\0", number.as_bytes(), b"\0", nonce.as_bytes()] {
        mac.update(part);
    }
    crate::hex(&mac.finalize().into_bytes()[..TAG_BYTES])
}
