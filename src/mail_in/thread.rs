//! Threading of incoming mail onto tickets: signed Message-IDs and reply addresses, the
//! references a reply carries, and the decision which ticket (if any) a message joins.
//!
//! Every token is tied to one ticket number by an HMAC-SHA256 tag under the portal's secret, so a
//! sender cannot attach mail to a ticket by guessing: only ids and addresses the portal handed
//! out verify. Layouts (tags are the first 8 bytes of the HMAC, as 16 lowercase hex digits):
//!
//! - Message-ID: `<D-2026-00042.<nonce>.<tag>@host>`, the tag over the number and the nonce (the
//!   nonce, e.g. the outbox event id, makes each notification's id unique).
//! - Reply address: `support+d202600042-<tag>@domain`, the number in a compact lowercase form, so
//!   the token survives MTAs that lowercase local parts.
//!
//! The module owns no storage and no text: callers look the returned number up themselves, and
//! decide whether a [`Join::SubjectOnly`] match is trusted (only for the requester's organisation).

use subtle::ConstantTimeEq;

use crate::outbox::reply_ids::{
    LABEL_ADDRESS, LABEL_MESSAGE_ID, TAG_HEX, compact_number, signed_message_id,
    signed_reply_address, split_support, tag_hex,
};

/// How an incoming message attaches to a ticket, strongest evidence first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Join {
    /// A verified plus-address token among the recipients: the ticket number.
    Token(String),
    /// A verified portal Message-ID among In-Reply-To/References: the ticket number.
    Reference(String),
    /// Only a ticket number in the subject: unsigned, so the caller honours it only for the
    /// ticket's requester or their organisation.
    SubjectOnly(String),
    /// Nothing points to a ticket.
    New,
}

/// The Message-ID of a notification about ticket `number`:
/// `<D-2026-00042.<nonce>.<tag>@host>`. The nonce keeps only ASCII letters, digits and `-`
/// (a UUID passes unchanged); the tag covers it lowercased, so an id that a system lowercased
/// still verifies. `number` should be canonical (`tickets::format_number`); any case is
/// accepted, anything else yields an id that never verifies.
pub fn message_id(key: &[u8], number: &str, nonce: &str, host: &str) -> String {
    let number = canonical_number(number).unwrap_or_else(|| number.trim().to_owned());
    signed_message_id(key, &number, nonce, host)
}

/// The ticket number of a Message-ID made by [`message_id`], if its tag verifies. Angle brackets
/// and whitespace around the id are optional; case does not matter (the host is not checked:
/// the tag is what proves the id is ours, and the portal's host may change).
pub fn ticket_of_message_id(key: &[u8], id: &str) -> Option<String> {
    let id = strip_brackets(id);
    let (local, host) = id.rsplit_once('@')?;
    if host.is_empty() {
        return None;
    }
    let mut parts = local.split('.');
    let (number, nonce, tag) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || nonce.is_empty()
        || !nonce.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return None;
    }
    let canonical = canonical_number(number)?;
    if !canonical.eq_ignore_ascii_case(number) {
        return None;
    }
    let expected = tag_hex(
        key,
        LABEL_MESSAGE_ID,
        &canonical,
        &nonce.to_ascii_lowercase(),
    );
    verify(&expected, tag).then_some(canonical)
}

/// The reply address for ticket `number` at the support mailbox `support` (`support@partner.se`
/// gives `support+d202600042-<tag>@partner.se`). `None` when `support` is not a plain address
/// (or already has a `+` detail), the number is not a ticket number, or the local part would
/// pass 64 characters.
pub fn reply_address(key: &[u8], number: &str, support: &str) -> Option<String> {
    signed_reply_address(key, &canonical_number(number)?, support)
}

/// The ticket number of a reply address made by [`reply_address`] for the same `support`
/// mailbox, if its tag verifies. Accepts `Name <address>` and bare addresses; the local part and
/// the domain compare case-insensitively.
pub fn ticket_of_address(key: &[u8], address: &str, support: &str) -> Option<String> {
    let (support_local, support_domain) = split_support(support)?;
    let address = match (address.rfind('<'), address.rfind('>')) {
        (Some(open), Some(close)) if open < close => &address[open + 1..close],
        _ => address,
    };
    let (local, domain) = address.trim().rsplit_once('@')?;
    if !domain.eq_ignore_ascii_case(support_domain) {
        return None;
    }
    let local = local.to_ascii_lowercase();
    let prefix = format!("{}+", support_local.to_ascii_lowercase());
    let token = local.strip_prefix(&prefix)?;
    let (compact, tag) = token.rsplit_once('-')?;
    let number = number_of_compact(compact)?;
    let expected = tag_hex(key, LABEL_ADDRESS, &number, "");
    verify(&expected, tag).then_some(number)
}

/// The message ids in In-Reply-To/References header values, without angle brackets, in order
/// and without repeats. Ids in `<…>` are taken as written (folding whitespace inside removed);
/// a value without any `<` is split on whitespace and commas, keeping words with an `@`.
pub fn references(header_values: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut push = |id: String| {
        if !id.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    };
    for value in header_values {
        if value.contains('<') {
            let mut rest = *value;
            while let Some(open) = rest.find('<') {
                let after = &rest[open + 1..];
                let Some(close) = after.find('>') else { break };
                push(after[..close].split_whitespace().collect());
                rest = &after[close + 1..];
            }
        } else {
            value
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|word| word.contains('@'))
                .for_each(|word| push(word.to_owned()));
        }
    }
    out
}

/// The first ticket number in a subject (`D-2026-00042`, `[D-2026-00042]`, `d-2026-00042`), in
/// canonical form. The number must stand alone: not inside a longer word or number.
pub fn subject_number(subject: &str) -> Option<String> {
    let bytes = subject.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !b.eq_ignore_ascii_case(&b'd') || i > 0 && is_word_byte(bytes[i - 1]) {
            continue;
        }
        let rest = &bytes[i..];
        if rest.len() < 8 || rest[1] != b'-' || !rest[2..6].iter().all(u8::is_ascii_digit) {
            continue;
        }
        if rest[6] != b'-' {
            continue;
        }
        let digits = rest[7..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = 7 + digits;
        if digits == 0 || rest.get(end).is_some_and(|&b| is_word_byte(b)) {
            continue;
        }
        if let Some(number) = subject.get(i..i + end).and_then(canonical_number) {
            return Some(number);
        }
    }
    None
}

/// Which ticket a message joins: a valid plus-address token among `recipients` (when the
/// support mailbox is configured), else a signed Message-ID among `refs` (the first that
/// verifies: pass In-Reply-To first, then References newest first), else a number in the
/// subject, else [`Join::New`].
pub fn decide(
    key: &[u8],
    support: Option<&str>,
    recipients: &[&str],
    refs: &[String],
    subject: &str,
) -> Join {
    if let Some(support) = support
        && let Some(number) = recipients
            .iter()
            .find_map(|r| ticket_of_address(key, r, support))
    {
        return Join::Token(number);
    }
    if let Some(number) = refs.iter().find_map(|r| ticket_of_message_id(key, r)) {
        return Join::Reference(number);
    }
    match subject_number(subject) {
        Some(number) => Join::SubjectOnly(number),
        None => Join::New,
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b >= 0x80
}

fn strip_brackets(id: &str) -> &str {
    let id = id.trim();
    let id = id.strip_prefix('<').unwrap_or(id);
    id.strip_suffix('>').unwrap_or(id).trim()
}

/// A ticket number as the help desk writes it (`D-2026-00042`), from any spelling it accepts.
fn canonical_number(s: &str) -> Option<String> {
    crate::tickets::parse_number(s)
}

/// The canonical number of a compact one, refusing every spelling but the one
/// [`compact_number`] makes (so a token has exactly one form).
fn number_of_compact(compact: &str) -> Option<String> {
    let digits = compact.strip_prefix('d')?;
    if digits.len() < 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number = canonical_number(&format!("d-{}-{}", &digits[..4], &digits[4..]))?;
    (compact_number(&number) == compact).then_some(number)
}

/// Compares a presented tag with the expected one in constant time (any case accepted).
fn verify(expected: &str, presented: &str) -> bool {
    presented.len() == TAG_HEX
        && bool::from(
            expected
                .as_bytes()
                .ct_eq(presented.to_ascii_lowercase().as_bytes()),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"a test secret that is long enough to be realistic";
    const SUPPORT: &str = "support@partner.se";

    fn flip_last(s: &str) -> String {
        let mut chars: Vec<char> = s.chars().collect();
        let last = chars.len() - 1;
        chars[last] = if chars[last] == '0' { '1' } else { '0' };
        chars.into_iter().collect()
    }

    #[test]
    fn message_id_has_the_documented_layout_and_round_trips() {
        let id = message_id(KEY, "D-2026-00042", "0190a1b2-c3d4", "portal.example.se");
        assert!(id.starts_with("<D-2026-00042.0190a1b2-c3d4."), "{id}");
        assert!(id.ends_with("@portal.example.se>"), "{id}");
        let local = id.split('@').next().unwrap();
        let tag = local.split('.').nth(2).unwrap();
        assert_eq!(tag.len(), TAG_HEX);
        assert!(
            tag.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert_eq!(
            ticket_of_message_id(KEY, &id).as_deref(),
            Some("D-2026-00042")
        );
    }

    #[test]
    fn each_nonce_gives_a_different_id_for_the_same_ticket() {
        let a = message_id(KEY, "D-2026-00042", "1", "h");
        let b = message_id(KEY, "D-2026-00042", "2", "h");
        assert_ne!(a, b);
        assert!(ticket_of_message_id(KEY, &a).is_some());
        assert!(ticket_of_message_id(KEY, &b).is_some());
    }

    #[test]
    fn message_id_is_found_without_brackets_with_spaces_and_in_any_case() {
        let id = message_id(KEY, "d-2026-00042", "Ev-7", "Portal.Example.se");
        let bare = id.trim_start_matches('<').trim_end_matches('>');
        assert_eq!(
            ticket_of_message_id(KEY, bare).as_deref(),
            Some("D-2026-00042")
        );
        let spaced = format!("  {id}\r\n");
        assert_eq!(
            ticket_of_message_id(KEY, &spaced).as_deref(),
            Some("D-2026-00042")
        );
        assert_eq!(
            ticket_of_message_id(KEY, &id.to_uppercase()).as_deref(),
            Some("D-2026-00042")
        );
        assert_eq!(
            ticket_of_message_id(KEY, &id.to_lowercase()).as_deref(),
            Some("D-2026-00042")
        );
    }

    #[test]
    fn nonce_characters_that_would_break_the_id_are_dropped() {
        let id = message_id(KEY, "D-2026-00042", "a.b@c <d>", "h");
        assert!(id.starts_with("<D-2026-00042.abcd."), "{id}");
        assert!(ticket_of_message_id(KEY, &id).is_some());
    }

    #[test]
    fn forged_or_moved_message_ids_do_not_verify() {
        let id = message_id(KEY, "D-2026-00042", "n1", "h");
        // Right shape, made-up tag.
        assert_eq!(
            ticket_of_message_id(KEY, "<D-2026-00042.n1.0123456789abcdef@h>"),
            None
        );
        // A real tag moved to another ticket number or nonce.
        assert_eq!(
            ticket_of_message_id(KEY, &id.replace("00042", "00043")),
            None
        );
        assert_eq!(ticket_of_message_id(KEY, &id.replace(".n1.", ".n2.")), None);
        // One changed digit of the tag; a shortened tag; another key.
        let (head, host) = id.rsplit_once('@').unwrap();
        assert_eq!(
            ticket_of_message_id(KEY, &format!("{}@{host}", flip_last(head))),
            None
        );
        assert_eq!(
            ticket_of_message_id(KEY, &format!("{}@{host}", &head[..head.len() - 1])),
            None
        );
        assert_eq!(ticket_of_message_id(b"another key", &id), None);
    }

    #[test]
    fn ids_of_other_shapes_are_not_ours() {
        for id in [
            "",
            "<>",
            "<CAHk-abc@mail.gmail.com>",
            "<D-2026-00042@h>",
            "<D-2026-00042.n1@h>",
            "<D-2026-00042.n1.tag.extra@h>",
            "<D-2026-00042.n1.0123456789abcdef>",
            "<D-2026-00042.n1.0123456789abcdef@>",
            "<D-2026-042x.n1.0123456789abcdef@h>",
        ] {
            assert_eq!(ticket_of_message_id(KEY, id), None, "{id}");
        }
    }

    #[test]
    fn non_canonical_number_spellings_do_not_verify() {
        let id = message_id(KEY, "D-2026-00042", "n1", "h");
        assert_eq!(
            ticket_of_message_id(KEY, &id.replace("00042", "000042")),
            None
        );
    }

    #[test]
    fn reply_address_is_a_lowercase_plus_address_that_round_trips() {
        let address = reply_address(KEY, "D-2026-00042", SUPPORT).unwrap();
        let (local, domain) = address.split_once('@').unwrap();
        assert_eq!(domain, "partner.se");
        assert!(local.starts_with("support+d202600042-"), "{address}");
        assert_eq!(local, local.to_ascii_lowercase());
        assert!(local.len() <= 64);
        assert_eq!(
            ticket_of_address(KEY, &address, SUPPORT).as_deref(),
            Some("D-2026-00042")
        );
    }

    #[test]
    fn reply_address_survives_case_changes_and_display_names() {
        let address = reply_address(KEY, "D-2026-00042", SUPPORT).unwrap();
        for seen in [
            address.to_uppercase(),
            format!("\"Donera support\" <{address}>"),
            format!("  {address} "),
        ] {
            assert_eq!(
                ticket_of_address(KEY, &seen, "Support@Partner.SE").as_deref(),
                Some("D-2026-00042"),
                "{seen}"
            );
        }
    }

    #[test]
    fn large_ticket_numbers_round_trip() {
        let address = reply_address(KEY, "D-2027-123456789", SUPPORT).unwrap();
        assert_eq!(
            ticket_of_address(KEY, &address, SUPPORT).as_deref(),
            Some("D-2027-123456789")
        );
    }

    #[test]
    fn tampered_or_foreign_tokens_do_not_join() {
        let address = reply_address(KEY, "D-2026-00042", SUPPORT).unwrap();
        let other = reply_address(KEY, "D-2026-00043", SUPPORT).unwrap();
        let (local, domain) = address.split_once('@').unwrap();
        let (other_local, _) = other.split_once('@').unwrap();
        // The tag of ticket 42 with the number of ticket 43.
        let moved = format!(
            "support+d202600043-{}@{domain}",
            local.rsplit_once('-').unwrap().1
        );
        assert_eq!(ticket_of_address(KEY, &moved, SUPPORT), None);
        // One changed tag digit; a truncated tag; a made-up tag.
        assert_eq!(
            ticket_of_address(KEY, &format!("{}@{domain}", flip_last(local)), SUPPORT),
            None
        );
        assert_eq!(
            ticket_of_address(
                KEY,
                &format!("{}@{domain}", &local[..local.len() - 1]),
                SUPPORT
            ),
            None
        );
        assert_eq!(
            ticket_of_address(
                KEY,
                "support+d202600042-0123456789abcdef@partner.se",
                SUPPORT
            ),
            None
        );
        // Another key, another domain, another mailbox, a padded number.
        assert_eq!(ticket_of_address(b"another key", &address, SUPPORT), None);
        assert_eq!(
            ticket_of_address(KEY, &address.replace("partner.se", "evil.se"), SUPPORT),
            None
        );
        assert_eq!(ticket_of_address(KEY, &address, "help@partner.se"), None);
        assert_eq!(
            ticket_of_address(KEY, &address.replace("d202600042", "d2026000042"), SUPPORT),
            None
        );
        assert_ne!(local, other_local);
    }

    #[test]
    fn reply_address_refuses_bad_input() {
        assert_eq!(reply_address(KEY, "D-2026-00042", "no-at-sign"), None);
        assert_eq!(
            reply_address(KEY, "D-2026-00042", "support+x@partner.se"),
            None
        );
        assert_eq!(reply_address(KEY, "not a number", SUPPORT), None);
        let long = format!("{}@partner.se", "s".repeat(40));
        assert_eq!(reply_address(KEY, "D-2026-00042", &long), None);
        let fits = format!("{}@partner.se", "s".repeat(36));
        assert!(reply_address(KEY, "D-2026-00042", &fits).is_some());
    }

    #[test]
    fn references_are_split_into_bare_ids_without_repeats() {
        let refs = references(&[
            "<a@x.se>",
            "<b@x.se>\r\n <c@x.se> <a@x.se>",
            "(comment) <d@\r\n x.se>",
        ]);
        assert_eq!(refs, ["a@x.se", "b@x.se", "c@x.se", "d@x.se"]);
    }

    #[test]
    fn references_without_brackets_are_still_found() {
        assert_eq!(references(&["e@x.se, f@x.se junk"]), ["e@x.se", "f@x.se"]);
        assert!(references(&["", "   ", "<>"]).is_empty());
    }

    #[test]
    fn subject_numbers_are_found_in_their_usual_spellings() {
        for subject in [
            "SV: Din order D-2026-00042",
            "Re: [D-2026-00042] Licenser",
            "re: d-2026-00042",
            "D-2026-00042: fråga",
            "(D-2026-42)",
        ] {
            assert_eq!(
                subject_number(subject).as_deref(),
                Some("D-2026-00042"),
                "{subject}"
            );
        }
    }

    #[test]
    fn subject_numbers_inside_other_words_are_ignored() {
        for subject in [
            "Order AD-2026-00042",
            "D-2026-00042x",
            "D-2026-00042-7",
            "D-26-00042",
            "D-2026-0000000000",
            "D-2026-",
            "Ärende D-2026-00000",
            "ÅD-2026-00042",
        ] {
            assert_eq!(subject_number(subject), None, "{subject}");
        }
    }

    #[test]
    fn decide_prefers_the_token_then_the_reference_then_the_subject() {
        let address = reply_address(KEY, "D-2026-00001", SUPPORT).unwrap();
        let refs = vec![message_id(KEY, "D-2026-00002", "n", "h")];
        let subject = "Re: D-2026-00003";
        let to = ["Anna <anna@org.se>", address.as_str()];
        assert_eq!(
            decide(KEY, Some(SUPPORT), &to, &refs, subject),
            Join::Token("D-2026-00001".into())
        );
        assert_eq!(
            decide(KEY, Some(SUPPORT), &["support@partner.se"], &refs, subject),
            Join::Reference("D-2026-00002".into())
        );
        // Without a configured mailbox, tokens are not looked for.
        assert_eq!(
            decide(KEY, None, &to, &refs, subject),
            Join::Reference("D-2026-00002".into())
        );
        assert_eq!(
            decide(KEY, Some(SUPPORT), &[], &[], subject),
            Join::SubjectOnly("D-2026-00003".into())
        );
        assert_eq!(decide(KEY, Some(SUPPORT), &[], &[], "Hej"), Join::New);
    }

    #[test]
    fn decide_skips_forgeries_and_uses_the_first_valid_reference() {
        let forged_address = "support+d202600001-0123456789abcdef@partner.se";
        let forged_id = "<D-2026-00002.n.0123456789abcdef@h>".to_owned();
        let real = message_id(KEY, "D-2026-00004", "n", "h");
        let refs = vec![forged_id.clone(), "<other@gmail.com>".into(), real];
        assert_eq!(
            decide(KEY, Some(SUPPORT), &[forged_address], &refs, ""),
            Join::Reference("D-2026-00004".into())
        );
        assert_eq!(
            decide(KEY, Some(SUPPORT), &[forged_address], &[forged_id], "Hej"),
            Join::New
        );
    }
}
