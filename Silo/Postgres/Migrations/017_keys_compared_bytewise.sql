-- Every key the project writes is an id (grain, list, ledger, queue), never text a person sorts,
-- so it is compared byte by byte. Under the database's locale (C.UTF-8, en_US.UTF-8, …) each
-- comparison in a key index went through the C library's collation, about a twentieth of
-- PostgreSQL's time under load, and an index ordered by one version of that library can silently
-- disagree with the next one after an operating system upgrade. Equality does not change: these
-- locales are deterministic, so equal keys were already equal byte for byte. Only the indexes are
-- rebuilt; the rows stay where they are.
ALTER TABLE grain_state
    ALTER COLUMN service_id TYPE text COLLATE "C",
    ALTER COLUMN state_name TYPE text COLLATE "C",
    ALTER COLUMN grain_id TYPE text COLLATE "C";

ALTER TABLE grain_lists
    ALTER COLUMN service_id TYPE text COLLATE "C",
    ALTER COLUMN list_name TYPE text COLLATE "C",
    ALTER COLUMN entry_key TYPE text COLLATE "C";

ALTER TABLE ledgers
    ALTER COLUMN service_id TYPE text COLLATE "C",
    ALTER COLUMN ledger TYPE text COLLATE "C";

ALTER TABLE ledger_entries
    ALTER COLUMN service_id TYPE text COLLATE "C",
    ALTER COLUMN ledger TYPE text COLLATE "C",
    ALTER COLUMN entry_key TYPE text COLLATE "C";

ALTER TABLE stream_events ALTER COLUMN queue TYPE text COLLATE "C";
ALTER TABLE stream_queue_leases ALTER COLUMN queue TYPE text COLLATE "C";
ALTER TABLE stream_partitions ALTER COLUMN queue_prefix TYPE text COLLATE "C";

ALTER TABLE reminders
    ALTER COLUMN service_id TYPE text COLLATE "C",
    ALTER COLUMN grain_id TYPE text COLLATE "C",
    ALTER COLUMN reminder_name TYPE text COLLATE "C";

ALTER TABLE schema_migrations ALTER COLUMN id TYPE text COLLATE "C";
