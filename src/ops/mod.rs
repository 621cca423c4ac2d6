//! Commands an operator runs beside the portal: `check-config` (can the settings reach what they
//! name?) and `backup` (a consistent copy of a SQLite database while the portal runs). Operator
//! output in English; never a password or a secret.

pub mod backup;
pub mod check;

pub use backup::{Backup, BackupError, backup};
pub use check::check_config;

/// A URL as it may be printed: the query and fragment cut off (they may carry tokens) and the
/// user and password replaced by `***`.
pub fn display_url(url: &str) -> String {
    let (base, cut) = match url.find(['?', '#']) {
        Some(i) => (&url[..i], true),
        None => (url, false),
    };
    let mut shown = crate::config::redact_url(base);
    if cut {
        shown.push_str("?…");
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_printed_without_credentials_or_queries() {
        assert_eq!(
            display_url("postgres://donera:hunter2@db.example.org:5432/donera"),
            "postgres://***@db.example.org:5432/donera"
        );
        assert_eq!(
            display_url("smtp://user:p%40ss@mail.example.org:587?tls=required"),
            "smtp://***@mail.example.org:587?…"
        );
        assert_eq!(
            display_url("https://partner.example.org/hook?token=abc@def"),
            "https://partner.example.org/hook?…"
        );
        assert_eq!(
            display_url("sqlite://data/donera.db"),
            "sqlite://data/donera.db"
        );
    }
}
