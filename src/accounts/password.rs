//! Password rules and hashing: 10 to 256 characters, not the e-mail or the organisation's name,
//! not among the 10,000 most common passwords; stored as Argon2id with the crate's recommended
//! parameters (19 MiB, t=2, p=1), never logged.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};

pub const MIN_CHARS: usize = 10;
pub const MAX_CHARS: usize = 256;

/// The 10,000 most common passwords, lowercase (from the zxcvbn frequency lists, MIT).
const COMMON: &str = include_str!("common_passwords.txt");

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.lines().collect())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    SameAsEmail,
    SameAsOrganisation,
    Common,
}

impl PasswordProblem {
    pub fn fluent_id(self) -> &'static str {
        match self {
            PasswordProblem::TooShort => "password-error-short",
            PasswordProblem::TooLong => "password-error-long",
            PasswordProblem::SameAsEmail => "password-error-email",
            PasswordProblem::SameAsOrganisation => "password-error-organisation",
            PasswordProblem::Common => "password-error-common",
        }
    }
}

/// Checks a new password. Length counts characters, not bytes, so any Unicode is fine.
pub fn check(
    password: &str,
    email: &str,
    organisation: Option<&str>,
) -> Result<(), PasswordProblem> {
    let n = password.chars().count();
    if n < MIN_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if n > MAX_CHARS {
        return Err(PasswordProblem::TooLong);
    }
    let folded = password.trim().to_lowercase();
    if folded == email.trim().to_lowercase() {
        return Err(PasswordProblem::SameAsEmail);
    }
    if organisation.is_some_and(|o| folded == o.trim().to_lowercase()) {
        return Err(PasswordProblem::SameAsOrganisation);
    }
    if common().contains(folded.as_str()) {
        return Err(PasswordProblem::Common);
    }
    Ok(())
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed")]
pub struct HashError;

pub fn hash(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| HashError)
}

pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash to verify against when the account does not exist, so that an unknown e-mail takes as
/// long to refuse as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("not-a-real-password-0000").unwrap_or_default())
}

/// Caps the Argon2 hashes and checks running at once (`Settings::hashing_permits`): each takes
/// 19 MiB and tens of milliseconds of a blocking thread, and the blocking threads are one per
/// pooled connection plus one per permit (`Settings::blocking_threads`), so a flood of
/// registrations or logins leaves a thread for every connection's queries. Waiting for a permit
/// is async and holds no thread.
#[derive(Clone)]
pub struct Hashing {
    permits: std::sync::Arc<tokio::sync::Semaphore>,
    /// Recent hash time in microseconds (a moving average), to pad answers that skip the hash.
    typical_micros: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Hashes made since start (for tests and the curious).
    made: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Hashing {
    /// `permits` hashes (at least one) may run at a time.
    pub fn new(permits: usize) -> Hashing {
        Hashing {
            permits: std::sync::Arc::new(tokio::sync::Semaphore::new(permits.max(1))),
            typical_micros: std::sync::Arc::new(std::sync::atomic::AtomicU64::new(50_000)),
            made: std::sync::Arc::default(),
        }
    }

    /// Waits for a permit; hold it while the hash or check runs.
    pub async fn permit(&self) -> Option<tokio::sync::SemaphorePermit<'_>> {
        self.permits.acquire().await.ok()
    }

    /// Notes how long a hash took.
    pub fn observed(&self, took: std::time::Duration) {
        use std::sync::atomic::Ordering;
        let new = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        self.made.fetch_add(1, Ordering::Relaxed);
        let old = self.typical_micros.load(Ordering::Relaxed);
        self.typical_micros
            .store((old * 7 + new) / 8, Ordering::Relaxed);
    }

    /// How many hashes were made.
    pub fn made(&self) -> u64 {
        self.made.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Permits free right now.
    pub fn available(&self) -> usize {
        self.permits.available_permits()
    }

    /// About as long as a hash takes here, for answers that must not be told apart by time.
    pub fn typical(&self) -> std::time::Duration {
        std::time::Duration::from_micros(
            self.typical_micros
                .load(std::sync::atomic::Ordering::Relaxed),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_ten_thousand_entries() {
        assert_eq!(COMMON.lines().count(), 10_000);
        assert!(common().contains("password"));
    }

    #[test]
    fn rules_at_their_edges() {
        assert_eq!(
            check("abcdefghi", "a@b.se", None),
            Err(PasswordProblem::TooShort)
        );
        assert_eq!(
            check("åäöåäöåäöå", "a@b.se", None),
            Ok(()),
            "ten characters, more bytes"
        );
        assert_eq!(check(&"x".repeat(256), "a@b.se", None), Ok(()));
        assert_eq!(
            check(&"x".repeat(257), "a@b.se", None),
            Err(PasswordProblem::TooLong)
        );
        assert_eq!(
            check("Anna@Example.org", "anna@example.org", None),
            Err(PasswordProblem::SameAsEmail)
        );
        assert_eq!(
            check("Föreningen Ö", "a@b.se", Some("föreningen ö")),
            Err(PasswordProblem::SameAsOrganisation)
        );
        assert_eq!(
            check("1234567890", "a@b.se", None),
            Err(PasswordProblem::Common)
        );
        assert_eq!(
            check("Qwertyuiop", "a@b.se", None),
            Err(PasswordProblem::Common)
        );
        assert_eq!(check("korrekt häst batteri", "a@b.se", None), Ok(()));
    }

    #[test]
    fn hashes_wait_for_a_permit() {
        assert_eq!(Hashing::new(4).available(), 4);
        assert_eq!(Hashing::new(0).available(), 1, "at least one");
        let h = Hashing::new(2);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        rt.block_on(async {
            let a = h.permit().await;
            let b = h.permit().await;
            assert!(a.is_some() && b.is_some());
            assert_eq!(h.available(), 0, "a third hash waits");
            drop(a);
            assert_eq!(h.available(), 1);
        });
    }

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash("korrekt häst batteri").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("korrekt häst batteri", &h));
        assert!(!verify("korrekt häst batterI", &h));
        assert!(!verify("x", "not a hash"));
    }
}
