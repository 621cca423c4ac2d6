-- The FAQ: ordered categories and bilingual Markdown articles that staff edit.
CREATE TABLE faq_categories (
    id TEXT PRIMARY KEY NOT NULL,
    key TEXT NOT NULL UNIQUE,
    name_sv TEXT NOT NULL,
    name_en TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE faq_articles (
    id TEXT PRIMARY KEY NOT NULL,
    category_id TEXT NOT NULL REFERENCES faq_categories (id),
    slug_sv TEXT NOT NULL UNIQUE,
    slug_en TEXT NOT NULL UNIQUE,
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL,
    body_sv TEXT NOT NULL,
    body_en TEXT NOT NULL,
    position INTEGER NOT NULL,
    published BOOLEAN NOT NULL,
    helpful_yes BIGINT NOT NULL,
    helpful_no BIGINT NOT NULL,
    author_id TEXT REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX faq_articles_category ON faq_articles (category_id, position);
