//! The one schema for both backends. Written by hand where the backends' own print-schema would
//! differ (SQLite's `INTEGER PRIMARY KEY` is 64-bit, so ids are `BigInt` on both);
//! `tests/app/migrations.rs` checks that both migration folders produce the same tables and columns.

diesel::table! {
    throttle_hits (id) {
        id -> BigInt,
        bucket -> Text,
        hit_at -> Timestamp,
    }
}
