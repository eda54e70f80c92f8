-- A grain state's or a ledger's version counts its writes. A hot grain (a zone's dispatch, a busy
-- restaurant) or a hot product's stock writes its row with almost every order: at a few thousand
-- writes a second a 32-bit count runs out within days, and then every batch the row joins fails.
ALTER TABLE grain_state ALTER COLUMN version TYPE bigint;
ALTER TABLE ledgers ALTER COLUMN version TYPE bigint;
