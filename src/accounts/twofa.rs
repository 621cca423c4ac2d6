//! Two-step sign-in (issue 19, point 7): an authenticator app's six-digit code (TOTP, RFC 6238,
//! SHA-1, 30-second steps, one step of clock drift either way) after the password, or one of ten
//! single-use recovery codes. This module owns the secrets, the codes and their rate limit; the
//! pages are in `twofa_handlers`.
//!
//! - The TOTP secret is stored encrypted (AES-256-GCM, a key derived from `DONERA_SECRET_KEY`,
//!   the user's id as associated data, so a row copied to another user does not open) and never
//!   logged.
//! - Recovery codes carry 79 random bits and are stored as SHA-256 hashes: with that much entropy
//!   an offline guess is hopeless even at GPU speed, so a slow hash (Argon2, 19 MiB each, ten per
//!   enrolment and one per use) would only cost the server.
//! - A code is accepted once: the step of the last accepted code is stored, and a code of that step
//!   or an earlier one is refused.
//! - Wrong codes count like wrong passwords: 5 per account (per person, not per address) and 20
//!   per address within 15 minutes, the address bucket shared with the password login.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use time::PrimitiveDateTime;

use super::model::User;
use super::service::{LOGIN_ACCOUNT_LIMIT, LOGIN_IP_LIMIT, LOGIN_WINDOW, ip_bucket};
use super::sessions;
use crate::audit::{self, Actor};
use crate::db::schema::{recovery_codes as rc, user_totp as ut};
use crate::db::{self, DbConn};
use crate::error::AppError;
use crate::throttle;

/// Seconds per TOTP step.
pub const STEP: u64 = 30;
/// Recovery codes made at each enrolment.
pub const RECOVERY_CODES: usize = 10;
/// How long a correct password waits for its second step.
pub const PENDING: time::Duration = time::Duration::minutes(5);

/// Encrypts and decrypts TOTP secrets at rest.
pub struct SecretBox {
    cipher: Aes256Gcm,
}

impl SecretBox {
    /// A key of its own, derived from the portal's secret key (HMAC-SHA256 with a fixed label), so
    /// the same key is never used for two purposes.
    pub fn new(secret_key: &[u8]) -> Result<SecretBox, AppError> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret_key)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        mac.update(b"donera two-factor secret v1");
        let key = mac.finalize().into_bytes();
        let cipher =
            Aes256Gcm::new_from_slice(&key).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(SecretBox { cipher })
    }

    /// `hex(nonce || ciphertext)`, bound to `user_id`.
    pub fn seal(&self, user_id: &str, plain: &[u8]) -> Result<String, AppError> {
        let mut nonce = [0u8; 12];
        getrandom::fill(&mut nonce).map_err(|e| AppError::Internal(e.to_string()))?;
        let ct = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: user_id.as_bytes(),
                },
            )
            .map_err(|_| AppError::Internal("secret encryption failed".into()))?;
        Ok(crate::hex(&nonce) + &crate::hex(&ct))
    }

    pub fn open(&self, user_id: &str, sealed: &str) -> Result<Vec<u8>, AppError> {
        let bytes =
            crate::unhex(sealed).ok_or_else(|| AppError::Internal("sealed secret".into()))?;
        if bytes.len() < 12 + 16 {
            return Err(AppError::Internal("sealed secret too short".into()));
        }
        let (nonce, ct) = bytes.split_at(12);
        self.cipher
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: user_id.as_bytes(),
                },
            )
            // A changed DONERA_SECRET_KEY or a row moved between users: no code can be checked.
            .map_err(|_| AppError::Internal("sealed secret does not open".into()))
    }
}

fn totp(secret: &[u8]) -> Result<totp_rs::Totp, AppError> {
    totp_rs::Builder::new()
        .with_secret(secret.to_vec())
        .build()
        .map_err(|e| AppError::Internal(format!("totp: {e}")))
}

fn unix(now: PrimitiveDateTime) -> u64 {
    u64::try_from(now.assume_utc().unix_timestamp()).unwrap_or_default()
}

/// 160 random bits, as RFC 4226 recommends.
pub fn new_secret() -> Result<Vec<u8>, AppError> {
    let mut s = vec![0u8; 20];
    getrandom::fill(&mut s).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(s)
}

/// The code an authenticator shows for `secret` at Unix time `at` (tests and the browser suite
/// compute theirs the same way).
pub fn code_at(secret: &[u8], at: u64) -> Result<String, AppError> {
    Ok(totp(secret)?.generate(at).to_string())
}

/// The secret in base 32, in groups of four, for typing into an app by hand.
pub fn secret_for_people(secret: &[u8]) -> Result<String, AppError> {
    let b32 = totp(secret)?.secret().to_base32();
    Ok(b32
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" "))
}

/// The `otpauth://` URL an authenticator app reads from the QR code.
pub fn otpauth_url(secret: &[u8], issuer: &str, account: &str) -> Result<String, AppError> {
    // The URL's label is `issuer:account`: neither may hold a colon.
    let issuer: String = issuer.chars().filter(|c| *c != ':').collect();
    let account: String = account.chars().filter(|c| *c != ':').collect();
    totp_rs::Builder::new()
        .with_secret(secret.to_vec())
        .with_issuer((!issuer.is_empty()).then_some(issuer))
        .with_account_name(account)
        .build()
        .and_then(|t| t.to_url())
        .map_err(|e| AppError::Internal(format!("totp url: {e}")))
}

/// The QR code of `text` as an SVG document (served from our own origin: CSP `img-src 'self'`).
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
        .map_err(|e| AppError::Internal(format!("qr: {e}")))?;
    Ok(code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

/// Only the digits of what was typed (`123 456` and `123-456` are fine), if that makes six.
fn six_digits(typed: &str) -> Option<String> {
    let d: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit())).then_some(d)
}

/// 31 symbols without look-alikes (no i, l, o, 0, 1).
const RECOVERY_ALPHABET: &[u8; 31] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A recovery code: 16 symbols of [`RECOVERY_ALPHABET`] (79 bits), shown as `xxxx-xxxx-xxxx-xxxx`.
fn new_recovery_code() -> Result<String, AppError> {
    let mut out = String::with_capacity(19);
    let mut taken = 0;
    while taken < 16 {
        let mut raw = [0u8; 32];
        getrandom::fill(&mut raw).map_err(|e| AppError::Internal(e.to_string()))?;
        // Five random bits per symbol; the 32nd value is thrown away so that none is favoured.
        for i in raw.iter().map(|b| usize::from(b & 31)).filter(|i| *i < 31) {
            if taken == 16 {
                break;
            }
            if taken > 0 && taken % 4 == 0 {
                out.push('-');
            }
            out.push(char::from(RECOVERY_ALPHABET[i]));
            taken += 1;
        }
    }
    Ok(out)
}

/// The stored form of a recovery code as typed: case, spaces and dashes do not matter.
fn recovery_hash(typed: &str) -> Option<String> {
    let norm: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    (norm.len() == 16 && norm.is_ascii()).then(|| super::hash_token(&norm))
}

/// A person's authenticator row.
#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = ut)]
struct TotpRow {
    secret: String,
    enabled_at: Option<PrimitiveDateTime>,
    last_step: i64,
}

fn row(conn: &mut DbConn, user_id: &str) -> Result<Option<TotpRow>, AppError> {
    Ok(ut::table
        .find(user_id)
        .select(TotpRow::as_select())
        .first(conn)
        .optional()?)
}

/// Whether `user_id` signs in with a second step.
pub fn is_enabled(conn: &mut DbConn, user_id: &str) -> Result<bool, AppError> {
    Ok(row(conn, user_id)?.is_some_and(|r| r.enabled_at.is_some()))
}

/// Of `ids`, those with two-step sign-in on (for the staff accounts page).
pub fn enabled_among(conn: &mut DbConn, ids: &[String]) -> Result<Vec<String>, AppError> {
    Ok(ut::table
        .filter(ut::user_id.eq_any(ids))
        .filter(ut::enabled_at.is_not_null())
        .select(ut::user_id)
        .load(conn)?)
}

/// Where a person stands, for the settings page.
pub enum Status {
    Off,
    /// Set up but not yet confirmed with a code: the secret to show again.
    Pending(Vec<u8>),
    On {
        recovery_left: i64,
    },
}

pub fn status(conn: &mut DbConn, sb: &SecretBox, user_id: &str) -> Result<Status, AppError> {
    Ok(match row(conn, user_id)? {
        None => Status::Off,
        // A pending secret that no longer opens (a changed key) is as good as none.
        Some(r) if r.enabled_at.is_none() => match sb.open(user_id, &r.secret) {
            Ok(secret) => Status::Pending(secret),
            Err(_) => Status::Off,
        },
        Some(_) => Status::On {
            recovery_left: rc::table
                .filter(rc::user_id.eq(user_id))
                .filter(rc::used_at.is_null())
                .count()
                .get_result(conn)?,
        },
    })
}

/// Starts (or starts again) an enrolment with a fresh secret. Nothing changes when two-step
/// sign-in is already on.
pub fn start(
    conn: &mut DbConn,
    sb: &SecretBox,
    user_id: &str,
    now: PrimitiveDateTime,
) -> Result<(), AppError> {
    let sealed = sb.seal(user_id, &new_secret()?)?;
    db::write(conn, |c| {
        match row(c, user_id)? {
            Some(r) if r.enabled_at.is_some() => {}
            Some(_) => {
                diesel::update(ut::table.find(user_id))
                    .set((ut::secret.eq(&sealed), ut::created_at.eq(now)))
                    .execute(c)?;
            }
            None => {
                diesel::insert_into(ut::table)
                    .values((
                        ut::user_id.eq(user_id),
                        ut::secret.eq(&sealed),
                        ut::enabled_at.eq(None::<PrimitiveDateTime>),
                        ut::last_step.eq(0i64),
                        ut::created_at.eq(now),
                    ))
                    .execute(c)?;
            }
        }
        Ok(())
    })
}

/// What a code check came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Checked {
    /// Accepted; `recovery` when it was a recovery code (now used up).
    Ok { recovery: bool },
    /// Neither a current code nor an unused recovery code.
    Wrong,
    /// The authenticator code of a step already used.
    Replayed,
    /// Too many wrong codes lately.
    Throttled,
}

fn account_bucket(user_id: &str) -> String {
    format!("totp-account:{user_id}")
}

/// Checks `typed` against the person's authenticator (pending or on, as `enabled` says) and,
/// when `recovery` is allowed, their unused recovery codes; counts a wrong one against the limits.
/// All in one write transaction, serialised per person, so parallel guesses cannot overrun the
/// limit and one code cannot be accepted twice.
fn check_in(
    c: &mut DbConn,
    sb: &SecretBox,
    user_id: &str,
    typed: &str,
    now: PrimitiveDateTime,
    ip: &str,
    enabled: bool,
) -> Result<Checked, AppError> {
    let acct = account_bucket(user_id);
    let ipb = ip_bucket(ip);
    db::lock_key(c, &acct)?;
    if throttle::count(c, &acct, now, LOGIN_WINDOW)? >= LOGIN_ACCOUNT_LIMIT
        || throttle::count(c, &ipb, now, LOGIN_WINDOW)? >= LOGIN_IP_LIMIT
    {
        tracing::warn!(
            ip,
            user = user_id,
            "second step refused: too many wrong codes"
        );
        return Ok(Checked::Throttled);
    }
    let Some(r) = row(c, user_id)? else {
        return Ok(Checked::Wrong);
    };
    if r.enabled_at.is_some() != enabled {
        return Ok(Checked::Wrong);
    }
    let mut outcome = Checked::Wrong;
    if let Some(code) = six_digits(typed) {
        // A secret that no longer opens (DONERA_SECRET_KEY changed) matches no code: recovery
        // codes still work, and an admin's reset or turning it off starts afresh.
        let secret = sb.open(user_id, &r.secret).unwrap_or_else(|e| {
            tracing::error!(user = user_id, "two-step secret unreadable: {e}");
            vec![]
        });
        let matched = if secret.is_empty() {
            None
        } else {
            totp(&secret)?.check(&code, unix(now))
        };
        if let Some(step) = matched {
            let step = i64::try_from(step).unwrap_or(i64::MAX);
            if step <= r.last_step {
                outcome = Checked::Replayed;
            } else {
                diesel::update(ut::table.find(user_id))
                    .set(ut::last_step.eq(step))
                    .execute(c)?;
                outcome = Checked::Ok { recovery: false };
            }
        }
    } else if enabled && let Some(hash) = recovery_hash(typed) {
        let used = diesel::update(
            rc::table
                .filter(rc::code_hash.eq(&hash))
                .filter(rc::user_id.eq(user_id))
                .filter(rc::used_at.is_null()),
        )
        .set(rc::used_at.eq(now))
        .execute(c)?;
        if used == 1 {
            outcome = Checked::Ok { recovery: true };
        }
    }
    match outcome {
        Checked::Ok { .. } => throttle::clear(c, &acct)?,
        _ => {
            throttle::hit_in(c, &acct, now, LOGIN_WINDOW, i64::MAX)?;
            throttle::hit_in(c, &ipb, now, LOGIN_WINDOW, i64::MAX)?;
            tracing::warn!(ip, user = user_id, "second step: wrong code");
        }
    }
    Ok(outcome)
}

/// The second step of a sign-in, or the check before turning two-step sign-in off.
pub fn verify(
    conn: &mut DbConn,
    sb: &SecretBox,
    user_id: &str,
    typed: &str,
    now: PrimitiveDateTime,
    ip: &str,
) -> Result<Checked, AppError> {
    db::write(conn, |c| check_in(c, sb, user_id, typed, now, ip, true))
}

/// Confirms a pending enrolment with a code from the app: turns two-step sign-in on and returns
/// the recovery codes, to be shown once. Any earlier recovery codes are void.
pub fn confirm(
    conn: &mut DbConn,
    sb: &SecretBox,
    user: &User,
    typed: &str,
    now: PrimitiveDateTime,
    ip: &str,
) -> Result<Result<Vec<String>, Checked>, AppError> {
    db::write(conn, |c| {
        match check_in(c, sb, &user.id, typed, now, ip, false)? {
            Checked::Ok { .. } => {}
            other => return Ok(Err(other)),
        }
        diesel::update(ut::table.find(&user.id))
            .set(ut::enabled_at.eq(Some(now)))
            .execute(c)?;
        let codes = replace_recovery_codes(c, &user.id, now)?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&user.id),
                kind: actor_kind(user),
                ip,
            },
            "user.2fa_enabled",
            "user",
            &user.id,
            "",
        )?;
        Ok(Ok(codes))
    })
}

fn actor_kind(user: &User) -> &'static str {
    if user.role().is_staff() {
        "staff"
    } else {
        "member"
    }
}

fn replace_recovery_codes(
    c: &mut DbConn,
    user_id: &str,
    now: PrimitiveDateTime,
) -> Result<Vec<String>, AppError> {
    diesel::delete(rc::table.filter(rc::user_id.eq(user_id))).execute(c)?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let code = new_recovery_code()?;
        let hash = recovery_hash(&code)
            .ok_or_else(|| AppError::Internal("recovery code format".into()))?;
        diesel::insert_into(rc::table)
            .values((
                rc::code_hash.eq(hash),
                rc::user_id.eq(user_id),
                rc::created_at.eq(now),
                rc::used_at.eq(None::<PrimitiveDateTime>),
            ))
            .execute(c)?;
        codes.push(code);
    }
    Ok(codes)
}

/// Turns two-step sign-in off for oneself, after a correct code (the caller decides whether the
/// person may: staff who must have it may not).
pub fn turn_off(
    conn: &mut DbConn,
    sb: &SecretBox,
    user: &User,
    typed: &str,
    now: PrimitiveDateTime,
    ip: &str,
) -> Result<Checked, AppError> {
    db::write(conn, |c| {
        let checked = check_in(c, sb, &user.id, typed, now, ip, true)?;
        if let Checked::Ok { .. } = checked {
            remove(c, &user.id)?;
            audit::record(
                c,
                now,
                &Actor {
                    id: Some(&user.id),
                    kind: actor_kind(user),
                    ip,
                },
                "user.2fa_disabled",
                "user",
                &user.id,
                "",
            )?;
        }
        Ok(checked)
    })
}

fn remove(c: &mut DbConn, user_id: &str) -> Result<(), AppError> {
    diesel::delete(rc::table.filter(rc::user_id.eq(user_id))).execute(c)?;
    diesel::delete(ut::table.find(user_id)).execute(c)?;
    Ok(())
}

/// A staff admin resets another staff member's second factor (a lost phone): the authenticator
/// and recovery codes are removed, every session of theirs ends, and the audit log says who did
/// it. They set up a new one at their next sign-in.
pub fn reset(
    conn: &mut DbConn,
    now: PrimitiveDateTime,
    admin: &User,
    target: &User,
    ip: &str,
) -> Result<(), AppError> {
    db::write(conn, |c| {
        remove(c, &target.id)?;
        sessions::end_all(c, &target.id)?;
        audit::record(
            c,
            now,
            &Actor {
                id: Some(&admin.id),
                kind: "staff",
                ip,
            },
            "staff.2fa_reset",
            "user",
            &target.id,
            "",
        )
    })
}

/// Turns two-step sign-in on with a known secret and returns the recovery codes: what
/// [`confirm`] does once the code checked out. For fixtures that need an enrolled person without
/// an app (the test suite's staff admins).
pub fn enrol_with_secret(
    conn: &mut DbConn,
    sb: &SecretBox,
    user_id: &str,
    secret: &[u8],
    now: PrimitiveDateTime,
) -> Result<Vec<String>, AppError> {
    let sealed = sb.seal(user_id, secret)?;
    db::write(conn, |c| {
        remove(c, user_id)?;
        diesel::insert_into(ut::table)
            .values((
                ut::user_id.eq(user_id),
                ut::secret.eq(&sealed),
                ut::enabled_at.eq(Some(now)),
                ut::last_step.eq(0i64),
                ut::created_at.eq(now),
            ))
            .execute(c)?;
        replace_recovery_codes(c, user_id, now)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_rfc_6238() {
        // RFC 6238 appendix B, SHA-1, the last six digits.
        let secret = b"12345678901234567890";
        for (t, code) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
        ] {
            assert_eq!(code_at(secret, t).unwrap(), code, "{t}");
        }
    }

    #[test]
    fn secrets_open_only_for_their_user_and_key() {
        let sb = SecretBox::new(b"a key of at least thirty-two characters!!").unwrap();
        let sealed = sb.seal("u1", b"0123456789abcdefghij").unwrap();
        assert!(!sealed.contains("0123456789"));
        assert_eq!(sb.open("u1", &sealed).unwrap(), b"0123456789abcdefghij");
        assert!(sb.open("u2", &sealed).is_err());
        let other = SecretBox::new(b"another key of at least thirty-two chars").unwrap();
        assert!(other.open("u1", &sealed).is_err());
    }

    #[test]
    fn recovery_codes_are_long_and_forgiving_to_type() {
        let code = new_recovery_code().unwrap();
        assert_eq!(code.len(), 19, "{code}");
        assert_eq!(code.matches('-').count(), 3);
        let typed = code.to_uppercase().replace('-', " ");
        assert_eq!(recovery_hash(&typed), recovery_hash(&code));
        assert!(recovery_hash("short").is_none());
        assert_ne!(new_recovery_code().unwrap(), code);
    }

    #[test]
    fn only_six_digits_make_a_code() {
        assert_eq!(six_digits(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(six_digits("123-456").as_deref(), Some("123456"));
        assert!(six_digits("12345").is_none());
        assert!(six_digits("12345a").is_none());
        assert!(six_digits("١٢٣٤٥٦").is_none());
    }

    #[test]
    fn the_qr_code_is_plain_svg() {
        let url = otpauth_url(b"12345678901234567890", "Teknik: Gåvan", "a@example.org").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(
            url.contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
            "{url}"
        );
        let svg = qr_svg(&url).unwrap();
        assert!(svg.contains("<svg") && !svg.contains("<script"));
    }
}
