//! Sessions in the database: an actix-session store that works on SQLite and PostgreSQL, survives
//! restarts and lets several instances share sessions. Only a hash of the cookie's key is stored.
//! Idle and absolute time-outs are enforced here, on every load: members 8 h idle and 30 days in
//! all, staff 2 h and 12 h.

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration as CookieDuration;
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use time::{Duration, PrimitiveDateTime};

use crate::accounts::model::User;
use crate::clock::Clock;
use crate::db::schema::sessions as s;
use crate::db::schema::users;
use crate::db::{self, DbConn, Pool};
use crate::error::AppError;

/// Session keys in state (values are JSON, as actix-session stores them).
pub use crate::web::request::UID;
pub const ROLE: &str = "role";
pub use crate::web::csrf::CSRF;
pub use crate::web::request::FLASH;
/// `true` once this session passed a second sign-in step (or set one up).
pub const MFA: &str = "mfa";
/// A correct password waiting for its second step (see `accounts::twofa_handlers`).
pub const PENDING_2FA: &str = "pending_2fa";
/// The signed-in user as read with the session, in the same query: present only while the
/// session is being served, never stored (see [`persisted`]). Saves every signed-in page a
/// second round trip to the database.
pub const USER: &str = "~user";

/// Idle and absolute limits for a role.
pub fn limits(role: Option<&str>) -> (Duration, Duration) {
    match role {
        Some("agent" | "admin") => (Duration::hours(2), Duration::hours(12)),
        Some(_) => (Duration::hours(8), Duration::days(30)),
        // Anonymous sessions only carry a CSRF token and a flash message.
        None => (Duration::hours(8), Duration::days(1)),
    }
}

fn key_hash(key: &str) -> String {
    crate::hex(&Sha256::digest(key.as_bytes()))
}

fn json_str(state: &HashMap<String, String>, k: &str) -> Option<String> {
    state
        .get(k)
        .and_then(|v| serde_json::from_str::<String>(v).ok())
}

#[derive(Clone)]
pub struct DbSessionStore {
    pool: Pool,
    clock: Clock,
}

impl DbSessionStore {
    pub fn new(pool: Pool, clock: Clock) -> DbSessionStore {
        DbSessionStore { pool, clock }
    }
}

fn other(e: AppError) -> anyhow::Error {
    anyhow::anyhow!("session store: {e}")
}

/// The state as stored: everything but the per-request copy of the user.
fn persisted(state: &HashMap<String, String>) -> Result<String, AppError> {
    let kept: HashMap<&String, &String> = state.iter().filter(|(k, _)| *k != USER).collect();
    serde_json::to_string(&kept).map_err(|e| AppError::Internal(e.to_string()))
}

/// The user a loaded session belongs to, if they may still be signed in.
fn active(user: Option<User>) -> Option<User> {
    user.filter(|u| u.disabled_at.is_none() && u.password_hash.is_some())
        .map(|u| User {
            password_hash: None,
            ..u
        })
}

/// What may live on when a session's row vanished while one of its requests was in flight: an
/// anonymous session keeps its state, a signed-in one is replaced by an empty anonymous one (its
/// CSRF token and messages belonged to the person whose sessions were ended).
fn revived(state: HashMap<String, String>) -> HashMap<String, String> {
    if state.contains_key(UID) || state.contains_key(ROLE) || state.contains_key(USER) {
        HashMap::new()
    } else {
        state
    }
}

/// What reading a session found.
enum Found {
    Missing,
    Expired,
    /// Its state and user (boxed: a user is large beside the other answers); `stale` when it
    /// was last seen over a minute ago.
    Live {
        state: String,
        user: Option<Box<User>>,
        stale: bool,
    },
}

/// Reads a session and its user, without writing: run on the worker (`db::run_quick`), so what
/// it finds to change is written apart, on the blocking threads (see [`forget`], [`seen`]).
fn read(conn: &mut DbConn, id: &str, now: PrimitiveDateTime) -> Result<Found, AppError> {
    // Read on every request: on the backend's own connection (see db::on_backend).
    let row: Option<(
        String,
        PrimitiveDateTime,
        i64,
        PrimitiveDateTime,
        Option<User>,
    )> = crate::db::on_backend!(conn, |c| s::table
        .left_join(users::table.on(users::id.nullable().eq(s::user_id)))
        .filter(s::id.eq(id))
        .select((
            s::state,
            s::last_seen_at,
            s::idle_seconds,
            s::expires_at,
            Option::<User>::as_select(),
        ))
        .first(c)
        .optional())?;
    let Some((state, last_seen, idle, expires, user)) = row else {
        return Ok(Found::Missing);
    };
    if now >= expires || now - last_seen >= Duration::seconds(idle) {
        return Ok(Found::Expired);
    }
    // Writing on every request would cost a write per page; a minute's precision is plenty.
    Ok(Found::Live {
        state,
        user: active(user).map(Box::new),
        stale: now - last_seen > Duration::seconds(60),
    })
}

/// Deletes an expired session.
fn forget(conn: &mut DbConn, id: &str) -> Result<(), AppError> {
    diesel::delete(s::table.find(id)).execute(conn)?;
    Ok(())
}

/// Marks a session seen at `now`.
fn seen(conn: &mut DbConn, id: &str, now: PrimitiveDateTime) -> Result<(), AppError> {
    diesel::update(s::table.find(id))
        .set(s::last_seen_at.eq(now))
        .execute(conn)?;
    Ok(())
}

fn save(
    conn: &mut DbConn,
    id: &str,
    state: &HashMap<String, String>,
    now: PrimitiveDateTime,
) -> Result<(), AppError> {
    let role = json_str(state, ROLE);
    let (idle, absolute) = limits(role.as_deref());
    let text = persisted(state)?;
    diesel::insert_into(s::table)
        .values((
            s::id.eq(id),
            s::user_id.eq(json_str(state, UID)),
            s::state.eq(text),
            s::created_at.eq(now),
            s::last_seen_at.eq(now),
            s::idle_seconds.eq(idle.whole_seconds()),
            s::expires_at.eq(now + absolute),
        ))
        .execute(conn)?;
    Ok(())
}

/// Updates a session's state; false when the row is gone (expired or revoked meanwhile).
fn update(
    conn: &mut DbConn,
    id: &str,
    state: &HashMap<String, String>,
    now: PrimitiveDateTime,
) -> Result<bool, AppError> {
    let text = persisted(state)?;
    let n = diesel::update(s::table.find(id))
        .set((
            s::state.eq(text),
            s::user_id.eq(json_str(state, UID)),
            s::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

impl SessionStore for DbSessionStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<HashMap<String, String>>, LoadError> {
        let id = key_hash(key.as_ref());
        let now = self.clock.now_utc_naive();
        let found = db::run_quick(&self.pool, {
            let id = id.clone();
            move |c| read(c, &id, now)
        })
        .await
        .map_err(|e| LoadError::Other(other(e)))?;
        let (text, user) = match found {
            Found::Missing => return Ok(None),
            Found::Expired => {
                db::run(&self.pool, move |c| forget(c, &id))
                    .await
                    .map_err(|e| LoadError::Other(other(e)))?;
                return Ok(None);
            }
            Found::Live { state, user, stale } => {
                if stale {
                    db::run(&self.pool, move |c| seen(c, &id, now))
                        .await
                        .map_err(|e| LoadError::Other(other(e)))?;
                }
                (state, user.map(|u| *u))
            }
        };
        let mut map: HashMap<String, String> =
            serde_json::from_str(&text).map_err(|e| LoadError::Deserialization(e.into()))?;
        if let Some(u) = user
            && json_str(&map, UID).as_deref() == Some(u.id.as_str())
        {
            let json = serde_json::to_string(&u).map_err(|e| LoadError::Other(e.into()))?;
            map.insert(USER.to_owned(), json);
        }
        Ok(Some(map))
    }

    async fn save(
        &self,
        state: HashMap<String, String>,
        _ttl: &CookieDuration,
    ) -> Result<SessionKey, SaveError> {
        let key = crate::random_hex(32);
        let id = key_hash(&key);
        let now = self.clock.now_utc_naive();
        db::run(&self.pool, move |c| save(c, &id, &state, now))
            .await
            .map_err(|e| SaveError::Other(other(e)))?;
        SessionKey::try_from(key).map_err(|e| SaveError::Other(e.into()))
    }

    async fn update(
        &self,
        key: SessionKey,
        state: HashMap<String, String>,
        ttl: &CookieDuration,
    ) -> Result<SessionKey, UpdateError> {
        let id = key_hash(key.as_ref());
        let now = self.clock.now_utc_naive();
        let st = state.clone();
        let found = db::run(&self.pool, move |c| update(c, &id, &st, now))
            .await
            .map_err(|e| UpdateError::Other(other(e)))?;
        if found {
            Ok(key)
        } else {
            // The row is gone: expired, or ended by a password reset or "log out everywhere"
            // while this request was in flight. Never bring a user back in a new session.
            self.save(revived(state), ttl)
                .await
                .map_err(|e| UpdateError::Other(anyhow::anyhow!("{e}")))
        }
    }

    async fn update_ttl(
        &self,
        _key: &SessionKey,
        _ttl: &CookieDuration,
    ) -> Result<(), anyhow::Error> {
        // Lifetimes are the store's own (idle and absolute per role), not the cookie's.
        Ok(())
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), anyhow::Error> {
        let id = key_hash(key.as_ref());
        db::run(&self.pool, move |c| {
            Ok(diesel::delete(s::table.find(&id)).execute(c)?)
        })
        .await
        .map_err(other)?;
        Ok(())
    }
}

/// Ends every session of a user (password change or reset, disabled staff, removed member).
/// A handler that keeps its own user logged in renews its session afterwards.
pub fn end_all(conn: &mut DbConn, user_id: &str) -> Result<usize, AppError> {
    Ok(diesel::delete(s::table.filter(s::user_id.eq(user_id))).execute(conn)?)
}

/// Deletes sessions past their absolute expiry (the worker runs it).
pub fn purge(conn: &mut DbConn, now: PrimitiveDateTime) -> Result<usize, AppError> {
    Ok(diesel::delete(s::table.filter(s::expires_at.le(now))).execute(conn)?)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::{CSRF, FLASH, ROLE, UID, USER, revived};

    fn state(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), format!("\"{v}\"")))
            .collect()
    }

    #[test]
    fn a_vanished_signed_in_session_comes_back_empty() {
        for signed_in in [
            state(&[(UID, "u1"), (ROLE, "member"), (CSRF, "t")]),
            state(&[(UID, "u1")]),
            state(&[(ROLE, "admin"), (FLASH, "m")]),
            state(&[(USER, "{}")]),
        ] {
            assert!(revived(signed_in).is_empty());
        }
    }

    #[test]
    fn a_vanished_anonymous_session_keeps_its_token_and_message() {
        let anonymous = state(&[(CSRF, "t"), (FLASH, "m")]);
        assert_eq!(revived(anonymous.clone()), anonymous);
    }
}
