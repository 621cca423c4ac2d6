-- The product catalogue and orders with their lines and history.
CREATE TABLE products (
    id TEXT PRIMARY KEY NOT NULL,
    sku TEXT NOT NULL UNIQUE,
    name_sv TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL,
    kind TEXT NOT NULL,
    exempt BOOLEAN NOT NULL,
    fee_ore BIGINT NOT NULL,
    max_quantity INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    position INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE orders (
    id TEXT PRIMARY KEY NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    placed_by TEXT NOT NULL REFERENCES users (id),
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    total_ore BIGINT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    reason TEXT,
    fulfilment_note TEXT
);
CREATE INDEX orders_queue ON orders (state, submitted_at);
CREATE INDEX orders_organisation ON orders (organisation_id, submitted_at);

CREATE TABLE order_lines (
    order_id TEXT NOT NULL REFERENCES orders (id),
    product_id TEXT NOT NULL REFERENCES products (id),
    quantity INTEGER NOT NULL,
    fee_ore BIGINT NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

CREATE TABLE order_history (
    id INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (id),
    at TIMESTAMP NOT NULL,
    state TEXT NOT NULL,
    actor_id TEXT REFERENCES users (id),
    note TEXT
);
CREATE INDEX order_history_order ON order_history (order_id, at);
