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

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        org_number -> Text,
        org_type -> Text,
        needs_review -> Bool,
        created_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        phone -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        role -> Text,
        organisation_id -> Nullable<Text>,
        is_org_admin -> Bool,
        locale -> Text,
        email_verified_at -> Nullable<Timestamp>,
        disabled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tokens (token_hash) {
        token_hash -> Text,
        user_id -> Text,
        purpose -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Nullable<Text>,
        state -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        idle_seconds -> BigInt,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_kind -> Text,
        action -> Text,
        record_kind -> Text,
        record_id -> Text,
        ip -> Text,
        details -> Text,
    }
}

diesel::table! {
    files (id) {
        id -> Text,
        organisation_id -> Nullable<Text>,
        uploaded_by -> Text,
        original_name -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        data -> Binary,
        created_at -> Timestamp,
        erased_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    validation_requests (id) {
        id -> Text,
        organisation_id -> Text,
        file_id -> Text,
        note -> Text,
        state -> Text,
        submitted_by -> Text,
        submitted_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
        reason_sv -> Nullable<Text>,
        reason_en -> Nullable<Text>,
    }
}

diesel::table! {
    products (id) {
        id -> Text,
        sku -> Text,
        name_sv -> Text,
        name_en -> Text,
        description_sv -> Text,
        description_en -> Text,
        kind -> Text,
        exempt -> Bool,
        fee_ore -> BigInt,
        max_quantity -> Integer,
        active -> Bool,
        position -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    orders (id) {
        id -> Text,
        organisation_id -> Text,
        placed_by -> Text,
        idempotency_key -> Text,
        state -> Text,
        total_ore -> BigInt,
        submitted_at -> Timestamp,
        updated_at -> Timestamp,
        reason -> Nullable<Text>,
        fulfilment_note -> Nullable<Text>,
    }
}

diesel::table! {
    order_lines (order_id, product_id) {
        order_id -> Text,
        product_id -> Text,
        quantity -> Integer,
        fee_ore -> BigInt,
    }
}

diesel::table! {
    order_history (id) {
        id -> BigInt,
        order_id -> Text,
        at -> Timestamp,
        state -> Text,
        actor_id -> Nullable<Text>,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    usage_checks (id) {
        id -> Text,
        organisation_id -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        reference_date -> Date,
        active -> BigInt,
        licensed -> BigInt,
        share_tenths -> BigInt,
        needed -> BigInt,
        passes -> Bool,
        products -> Text,
    }
}

diesel::table! {
    faq_categories (id) {
        id -> Text,
        key -> Text,
        name_sv -> Text,
        name_en -> Text,
        position -> Integer,
    }
}

diesel::table! {
    faq_articles (id) {
        id -> Text,
        category_id -> Text,
        slug_sv -> Text,
        slug_en -> Text,
        title_sv -> Text,
        title_en -> Text,
        body_sv -> Text,
        body_en -> Text,
        position -> Integer,
        published -> Bool,
        helpful_yes -> BigInt,
        helpful_no -> BigInt,
        author_id -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ticket_counters (year) {
        year -> Integer,
        last -> BigInt,
    }
}

diesel::table! {
    tickets (id) {
        id -> Text,
        number -> Text,
        organisation_id -> Nullable<Text>,
        requester_id -> Nullable<Text>,
        requester_name -> Text,
        requester_email -> Text,
        requester_org -> Text,
        locale -> Text,
        category -> Text,
        subject -> Text,
        state -> Text,
        priority -> Text,
        assignee_id -> Nullable<Text>,
        order_id -> Nullable<Text>,
        validation_id -> Nullable<Text>,
        article_id -> Nullable<Text>,
        merged_into -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        customer_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        erased_at -> Nullable<Timestamp>,
        first_response_at -> Nullable<Timestamp>,
        due_at -> Nullable<Timestamp>,
        paused_at -> Nullable<Timestamp>,
        paused_minutes -> BigInt,
        response_minutes -> Nullable<BigInt>,
        resolution_minutes -> Nullable<BigInt>,
        response_met -> Nullable<Bool>,
        resolution_met -> Nullable<Bool>,
        breaches -> Integer,
        terms_sig -> Nullable<Binary>,
        rating -> Nullable<Text>,
    }
}

diesel::table! {
    ticket_ratings (ticket_id) {
        ticket_id -> Text,
        rating -> Text,
        comment -> Text,
        rated_at -> Timestamp,
    }
}

diesel::table! {
    business_hours (weekday) {
        weekday -> Integer,
        opens -> Nullable<Integer>,
        closes -> Nullable<Integer>,
    }
}

diesel::table! {
    closed_days (day) {
        day -> Date,
        note -> Text,
    }
}

diesel::table! {
    sla_targets (priority) {
        priority -> Text,
        response_minutes -> BigInt,
        resolution_minutes -> BigInt,
    }
}

diesel::table! {
    ticket_tokens (token_hash) {
        token_hash -> Text,
        ticket_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ticket_messages (id) {
        id -> BigInt,
        ticket_id -> Text,
        author_kind -> Text,
        author_id -> Nullable<Text>,
        author_name -> Text,
        internal -> Bool,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    ticket_attachments (message_id, file_id) {
        message_id -> BigInt,
        file_id -> Text,
    }
}

diesel::table! {
    ticket_terms (term, ticket_id) {
        term -> Text,
        ticket_id -> Text,
    }
}

diesel::table! {
    ticket_index_queue (id) {
        id -> BigInt,
        ticket_id -> Text,
        body -> Text,
    }
}

diesel::table! {
    canned_replies (id) {
        id -> Text,
        title_sv -> Text,
        title_en -> Text,
        body_sv -> Text,
        body_en -> Text,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(faq_articles -> faq_categories (category_id));
diesel::table! {
    user_totp (user_id) {
        user_id -> Text,
        secret -> Text,
        enabled_at -> Nullable<Timestamp>,
        last_step -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    recovery_codes (code_hash) {
        code_hash -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(user_totp -> users (user_id));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(orders -> organisations (organisation_id));
diesel::joinable!(order_lines -> orders (order_id));
diesel::joinable!(order_lines -> products (product_id));
diesel::joinable!(order_history -> orders (order_id));
diesel::joinable!(validation_requests -> organisations (organisation_id));
diesel::joinable!(validation_requests -> files (file_id));
diesel::joinable!(tokens -> users (user_id));
diesel::joinable!(tickets -> organisations (organisation_id));
diesel::table! {
    mail_in (mail_key) {
        mail_key -> Text,
        received_at -> Timestamp,
        source -> Text,
        sender_email -> Text,
        outcome -> Text,
        ticket_id -> Nullable<Text>,
        message_id -> Nullable<BigInt>,
        refused -> Text,
        bounced_email -> Nullable<Text>,
        detail -> Text,
    }
}

diesel::joinable!(ticket_messages -> tickets (ticket_id));
diesel::joinable!(ticket_attachments -> ticket_messages (message_id));
diesel::joinable!(ticket_attachments -> files (file_id));
diesel::joinable!(ticket_terms -> tickets (ticket_id));
diesel::joinable!(ticket_tokens -> tickets (ticket_id));
diesel::joinable!(ticket_ratings -> tickets (ticket_id));
diesel::table! {
    mail_in_originals (mail_key, part) {
        mail_key -> Text,
        part -> Integer,
        data -> Binary,
    }
}

diesel::joinable!(mail_in_originals -> mail_in (mail_key));
diesel::allow_tables_to_appear_in_same_query!(
    mail_in,
    mail_in_originals,
    organisations,
    users,
    user_totp,
    recovery_codes,
    tokens,
    sessions,
    audit_log,
    files,
    validation_requests,
    products,
    orders,
    order_lines,
    order_history,
    usage_checks,
    faq_categories,
    faq_articles,
    ticket_counters,
    tickets,
    ticket_tokens,
    ticket_messages,
    ticket_attachments,
    ticket_terms,
    ticket_index_queue,
    canned_replies,
    business_hours,
    closed_days,
    sla_targets,
    ticket_ratings
);
