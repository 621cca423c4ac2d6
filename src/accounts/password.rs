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
    fn hashes_are_argon2id_and_verify() {
        let h = hash("korrekt häst batteri").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("korrekt häst batteri", &h));
        assert!(!verify("korrekt häst batterI", &h));
        assert!(!verify("x", "not a hash"));
    }
}
