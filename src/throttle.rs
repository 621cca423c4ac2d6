//! Rate limits counted in the database, so that they hold across restarts and across instances.
//! Callers choose the bucket (e.g. `login-ip:<hash>`); this module only counts and decides.

use diesel::prelude::*;
use time::{Duration, PrimitiveDateTime};

use crate::db::{self, DbConn, schema::throttle_hits};
use crate::error::AppError;

/// Records one attempt in `bucket` if fewer than `limit` were recorded in the `window` before `now`.
/// Returns whether the attempt is allowed. Count and insert share one write transaction, so
/// concurrent callers can never exceed the limit together.
pub fn hit(
    conn: &mut DbConn,
    bucket: &str,
    now: PrimitiveDateTime,
    window: Duration,
    limit: i64,
) -> Result<bool, AppError> {
    db::write(conn, |conn| hit_in(conn, bucket, now, window, limit))
}

/// [`hit`] inside the caller's write transaction, so that the attempt is recorded only if the
/// rest of the caller's work commits too.
pub fn hit_in(
    conn: &mut DbConn,
    bucket: &str,
    now: PrimitiveDateTime,
    window: Duration,
    limit: i64,
) -> Result<bool, AppError> {
    db::lock_key(conn, bucket)?;
    let since = now - window;
    let recent: i64 = throttle_hits::table
        .filter(throttle_hits::bucket.eq(bucket))
        .filter(throttle_hits::hit_at.gt(since))
        .count()
        .get_result(conn)?;
    if recent >= limit {
        return Ok(false);
    }
    record(conn, bucket, now)?;
    Ok(true)
}

/// Records one attempt in `bucket`, which the caller has locked ([`db::lock_key`]) and counted
/// ([`count`]) in this write transaction: the lock and the count again would be two more round
/// trips to the database on every ticket of the contact form.
pub fn record(conn: &mut DbConn, bucket: &str, now: PrimitiveDateTime) -> Result<(), AppError> {
    diesel::insert_into(throttle_hits::table)
        .values((
            throttle_hits::bucket.eq(bucket),
            throttle_hits::hit_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// How many attempts `bucket` has in the window (without recording one).
pub fn count(
    conn: &mut DbConn,
    bucket: &str,
    now: PrimitiveDateTime,
    window: Duration,
) -> Result<i64, AppError> {
    Ok(throttle_hits::table
        .filter(throttle_hits::bucket.eq(bucket))
        .filter(throttle_hits::hit_at.gt(now - window))
        .count()
        .get_result(conn)?)
}

/// Takes back one recorded attempt of `bucket` (an attempt counted up front that turned out fine,
/// e.g. a successful login from an address whose failures are limited).
pub fn undo_one(conn: &mut DbConn, bucket: &str) -> Result<(), AppError> {
    let newest: Option<i64> = throttle_hits::table
        .filter(throttle_hits::bucket.eq(bucket))
        .select(diesel::dsl::max(throttle_hits::id))
        .first(conn)?;
    if let Some(id) = newest {
        diesel::delete(throttle_hits::table.find(id)).execute(conn)?;
    }
    Ok(())
}

/// Forgets the attempts of `bucket` (e.g. after a successful login).
pub fn clear(conn: &mut DbConn, bucket: &str) -> Result<(), AppError> {
    diesel::delete(throttle_hits::table.filter(throttle_hits::bucket.eq(bucket))).execute(conn)?;
    Ok(())
}

/// Deletes every bucket keyed by `key` (the part after the bucket's `kind:`), whatever its kind:
/// an erased person's address leaves no count behind. `key` is a hash (hex), never a pattern.
pub fn forget_key(conn: &mut DbConn, key: &str) -> Result<usize, AppError> {
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(0);
    }
    Ok(
        diesel::delete(throttle_hits::table.filter(throttle_hits::bucket.like(format!("%:{key}"))))
            .execute(conn)?,
    )
}

/// Deletes hits older than `keep`; run by the background worker.
pub fn purge(conn: &mut DbConn, now: PrimitiveDateTime, keep: Duration) -> Result<usize, AppError> {
    Ok(
        diesel::delete(throttle_hits::table.filter(throttle_hits::hit_at.lt(now - keep)))
            .execute(conn)?,
    )
}
