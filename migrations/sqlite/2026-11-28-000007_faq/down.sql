DROP TABLE faq_articles;
DROP TABLE faq_categories;
