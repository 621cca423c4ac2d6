//! Every table that holds personal data or points at an organisation, a person or an e-mail
//! address, and what the data export does with it: exported (as which file of the ZIP) or left
//! out, with the reason the export's README gives. A test walks the real schema on both backends
//! and fails when a table matches [`refers_to_person`] but is missing here, so a new table must
//! be placed before it ships.

/// Why a table is not in the export. Each has a `privacy-export-left-<key>` message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Sessions, sign-in links, rate-limit counters: short-lived records that keep accounts safe
    /// and expire on their own; exporting them would hand out keys to the account.
    Security,
    /// Second-step secrets and recovery codes: handing them out would defeat them.
    Secret,
    /// Words and queued text derived from tickets for search; the tickets themselves are exported.
    Derived,
    /// Articles the partner's staff write for everyone; not data about the person.
    Published,
    /// Support e-mails as they arrived (the originals and delivery failures); what they said is
    /// in the tickets' messages.
    Mail,
}

impl Reason {
    pub const ALL: [Reason; 5] = [
        Reason::Security,
        Reason::Secret,
        Reason::Derived,
        Reason::Published,
        Reason::Mail,
    ];

    pub fn fluent_id(self) -> &'static str {
        match self {
            Reason::Security => "privacy-export-left-security",
            Reason::Secret => "privacy-export-left-secret",
            Reason::Derived => "privacy-export-left-derived",
            Reason::Published => "privacy-export-left-published",
            Reason::Mail => "privacy-export-left-mail",
        }
    }
}

/// What the export does with one table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Treatment {
    /// In the ZIP as this file (several tables may share one file: orders with their lines).
    Exported(&'static str),
    LeftOut(Reason),
}

pub struct Table {
    pub name: &'static str,
    pub treatment: Treatment,
}

const fn exported(name: &'static str, file: &'static str) -> Table {
    Table {
        name,
        treatment: Treatment::Exported(file),
    }
}

const fn left_out(name: &'static str, reason: Reason) -> Table {
    Table {
        name,
        treatment: Treatment::LeftOut(reason),
    }
}

/// The inventory. Keep it in schema order; the README inside the ZIP lists the left-out tables
/// from here.
pub const TABLES: &[Table] = &[
    left_out("throttle_hits", Reason::Security),
    exported("outbox_events", "outbox.json"),
    exported("organisations", "organisation.json"),
    exported("users", "users.json"),
    left_out("tokens", Reason::Security),
    left_out("sessions", Reason::Security),
    exported("audit_log", "audit.json"),
    exported("files", "files/"),
    exported("validation_requests", "validation_requests.json"),
    exported("orders", "orders.json"),
    exported("order_lines", "orders.json"),
    exported("order_history", "orders.json"),
    exported("usage_checks", "usage_checks.json"),
    left_out("faq_articles", Reason::Published),
    exported("tickets", "tickets.json"),
    left_out("ticket_tokens", Reason::Security),
    exported("ticket_messages", "tickets.json"),
    exported("ticket_attachments", "tickets.json"),
    left_out("ticket_terms", Reason::Derived),
    left_out("ticket_search", Reason::Derived),
    left_out("ticket_index_queue", Reason::Derived),
    exported("ticket_ratings", "tickets.json"),
    left_out("user_totp", Reason::Secret),
    left_out("recovery_codes", Reason::Secret),
    left_out("mail_in", Reason::Mail),
    left_out("mail_in_originals", Reason::Mail),
];

/// True for a column whose name says it refers to an organisation, a person or an e-mail
/// address (or holds a person's name, phone or address), by the schema's naming habits.
pub fn refers_to_person(column: &str) -> bool {
    const EXACT: [&str; 11] = [
        "organisation_id",
        "user_id",
        "author_id",
        "actor_id",
        "assignee_id",
        "email",
        "recipient",
        "name",
        "phone",
        "ip",
        "author_name",
    ];
    EXACT.contains(&column)
        || column.ends_with("_by")
        || column.starts_with("requester_")
        || column.ends_with("_email")
}

/// The search index's table on SQLite and on PostgreSQL: each schema has one of them.
const SEARCH_INDEX: [&str; 2] = ["ticket_terms", "ticket_search"];

/// The tables in `columns` (table, column) that refer to a person but are not in the
/// inventory, and the inventory's tables that the schema does not have; both sorted.
pub fn check(columns: &[(String, String)]) -> (Vec<String>, Vec<&'static str>) {
    let known = |t: &str| TABLES.iter().any(|e| e.name == t);
    let mut missing: Vec<String> = columns
        .iter()
        .filter(|(t, c)| refers_to_person(c) && !known(t))
        .map(|(t, _)| t.clone())
        .collect();
    missing.sort();
    missing.dedup();
    let has = |n: &str| columns.iter().any(|(t, _)| t == n);
    let mut stale: Vec<&'static str> = TABLES
        .iter()
        .map(|e| e.name)
        .filter(|n| !has(n))
        // The search index is a table of one or the other backend (migration 000036).
        .filter(|n| !(SEARCH_INDEX.contains(n) && SEARCH_INDEX.iter().any(|o| has(o))))
        .collect();
    stale.sort_unstable();
    (missing, stale)
}

/// The left-out tables grouped by reason, for the README.
pub fn left_out_by_reason() -> Vec<(Reason, Vec<&'static str>)> {
    Reason::ALL
        .into_iter()
        .map(|r| {
            let tables = TABLES
                .iter()
                .filter(|t| t.treatment == Treatment::LeftOut(r))
                .map(|t| t.name)
                .collect();
            (r, tables)
        })
        .filter(|(_, t): &(Reason, Vec<&str>)| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_rule_catches_references_and_skips_plain_columns() {
        for c in [
            "organisation_id",
            "user_id",
            "placed_by",
            "decided_by",
            "requester_email",
            "requester_org",
            "actor_id",
            "recipient",
            "email",
            "contact_email",
        ] {
            assert!(refers_to_person(c), "{c}");
        }
        for c in ["id", "name_sv", "order_id", "state", "body", "created_at"] {
            assert!(!refers_to_person(c), "{c}");
        }
    }

    #[test]
    fn check_names_unplaced_and_vanished_tables() {
        let mut cols: Vec<(String, String)> = TABLES
            .iter()
            .map(|t| (t.name.to_owned(), "id".to_owned()))
            .collect();
        cols.push(("newsletter".into(), "email".into()));
        cols.push(("newsletter".into(), "user_id".into()));
        cols.push(("products".into(), "name_sv".into()));
        cols.retain(|(t, _)| t != "tokens");
        assert_eq!(
            check(&cols),
            (vec!["newsletter".to_owned()], vec!["tokens"])
        );
    }

    #[test]
    fn every_table_is_listed_once_and_every_reason_is_used() {
        for t in TABLES {
            assert_eq!(
                TABLES.iter().filter(|u| u.name == t.name).count(),
                1,
                "{}",
                t.name
            );
        }
        assert_eq!(left_out_by_reason().len(), Reason::ALL.len());
    }
}
