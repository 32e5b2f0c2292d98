-- A table whose statistics, sets, orders and formats are worked out by hand; valid SQL for SQLite and PostgreSQL.
CREATE TABLE m(id INTEGER PRIMARY KEY, v REAL, n INTEGER, s TEXT, d TEXT, a INTEGER, b INTEGER, c INTEGER);
INSERT INTO m VALUES
(1, 1, 1, '2024-01-05', 'x', 1, 2, 3),
(2, 2, 1, '2024-13-01', 'y', 2, 2, 0),
(3, 3, 2, '05/01/2024', 'x', 3, 1, 1),
(4, 4, 3, '2023-02-29', 'x', NULL, NULL, 4),
(5, NULL, 2, '2024-1-7', 'z', 0, 5, 0);
