DROP TABLE canned_replies;
DROP TABLE ticket_index_queue;
DROP TABLE ticket_terms;
DROP TABLE ticket_attachments;
DROP TABLE ticket_messages;
DROP TABLE ticket_tokens;
DROP TABLE tickets;
DROP TABLE ticket_counters;
