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

diesel::table! {
    outbox_events (id) {
        id -> Text,
        kind -> Text,
        channel -> Text,
        recipient -> Nullable<Text>,
        locale -> Text,
        payload -> Text,
        state -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        delivered_at -> Nullable<Timestamp>,
        locked_by -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
    }
}
