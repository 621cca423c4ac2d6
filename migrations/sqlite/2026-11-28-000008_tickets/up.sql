-- Support tickets: members and visitors ask, the partner's staff answer.
-- Numbers are D-<year>-<sequence>, the sequence counted per year.
CREATE TABLE ticket_counters (
    year INTEGER PRIMARY KEY NOT NULL,
    last BIGINT NOT NULL
);

CREATE TABLE tickets (
    id TEXT PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    organisation_id TEXT REFERENCES organisations (id),
    requester_id TEXT REFERENCES users (id),
    requester_name TEXT NOT NULL,
    requester_email TEXT NOT NULL,
    requester_org TEXT NOT NULL,
    locale TEXT NOT NULL,
    category TEXT NOT NULL,
    subject TEXT NOT NULL,
    state TEXT NOT NULL,
    priority TEXT NOT NULL,
    assignee_id TEXT REFERENCES users (id),
    order_id TEXT REFERENCES orders (id),
    validation_id TEXT REFERENCES validation_requests (id),
    article_id TEXT REFERENCES faq_articles (id) ON DELETE SET NULL,
    merged_into TEXT REFERENCES tickets (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    customer_at TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP
);
-- The queue's orders (last activity, age) with the number as tie-breaker, alone and per state.
CREATE INDEX tickets_state_updated ON tickets (state, updated_at, number);
CREATE INDEX tickets_updated ON tickets (updated_at, number);
CREATE INDEX tickets_created ON tickets (created_at, number);
CREATE INDEX tickets_assignee ON tickets (assignee_id, updated_at, number);
CREATE INDEX tickets_organisation ON tickets (organisation_id, updated_at, number);
CREATE INDEX tickets_requester_email ON tickets (requester_email);

-- Visitors follow their tickets by private links; only the links' hashes are kept.
CREATE TABLE ticket_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ticket_tokens_ticket ON ticket_tokens (ticket_id);

CREATE TABLE ticket_messages (
    id INTEGER PRIMARY KEY NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    author_kind TEXT NOT NULL,
    author_id TEXT REFERENCES users (id),
    author_name TEXT NOT NULL,
    internal BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, id);

CREATE TABLE ticket_attachments (
    message_id BIGINT NOT NULL REFERENCES ticket_messages (id),
    file_id TEXT NOT NULL REFERENCES files (id),
    PRIMARY KEY (message_id, file_id)
);

-- The search index: every word of a ticket's subject, public and internal messages, requester
-- and organisation, folded (lower case, å ä ö as a o), once per ticket. Prefix search is a range
-- scan of the primary key, the same on both backends.
CREATE TABLE ticket_terms (
    term TEXT NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (term, ticket_id)
) WITHOUT ROWID;
-- For checking one ticket's words (a common word is cheaper to test ticket by ticket).
CREATE INDEX ticket_terms_ticket ON ticket_terms (ticket_id, term);

-- Text waiting to be added to the search index. Writing a ticket appends one row here; the
-- background worker (or the next search) adds the words in batches sorted by word, which touches
-- each index page once per batch instead of once per ticket.
CREATE TABLE ticket_index_queue (
    id INTEGER PRIMARY KEY NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    body TEXT NOT NULL
);

CREATE TABLE canned_replies (
    id TEXT PRIMARY KEY NOT NULL,
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL,
    body_sv TEXT NOT NULL,
    body_en TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
