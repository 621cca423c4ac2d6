DROP TABLE validation_requests;
DROP TABLE files;
