CREATE TABLE ticket_terms (
    term TEXT NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets (id),
    PRIMARY KEY (term, ticket_id)
);
CREATE INDEX ticket_terms_ticket ON ticket_terms (ticket_id, term);
INSERT INTO ticket_terms (term, ticket_id)
SELECT lexeme, ticket_id FROM ticket_search, unnest(terms) AS u (lexeme, positions, weights);
DROP TABLE ticket_search;
