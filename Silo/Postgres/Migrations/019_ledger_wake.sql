-- When a ledger's grain must next be woken, written by the statement that writes the ledger: a
-- product's stock asks the orders behind its holds for their claims on a timer of its activation,
-- so a stock whose activation was lost (its silo stopped or died) and that nobody calls again
-- would keep a lost placement's holds, and its charge, for good. The silos' wake sweeper reads the
-- due ones through the index, which holds only the ledgers that have a wake time.
ALTER TABLE ledgers ADD COLUMN wake_at timestamptz;
CREATE INDEX ledgers_wake ON ledgers (service_id, wake_at) WHERE wake_at IS NOT NULL;
-- A stock written before this had no wake time: each that holds anything is woken once to ask.
UPDATE ledgers AS l SET wake_at = now()
WHERE EXISTS (SELECT 1 FROM ledger_entries AS e WHERE e.service_id = l.service_id AND e.ledger = l.ledger);
