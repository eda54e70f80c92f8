-- Reminders move from Orleans' ADO.NET table to one written in batches (PostgresReminderTable):
-- under load every order registers and moves a reminder, and one commit per registration was
-- the largest wait in the database. The hash is kept as the unsigned value Orleans ranges over.
CREATE TABLE IF NOT EXISTS reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_at      timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    bigint      NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo reads the reminders of its slice of the hash ring.
CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (service_id, grain_hash);

DO $$
BEGIN
    IF to_regclass('orleansreminderstable') IS NOT NULL THEN
        INSERT INTO reminders (service_id, grain_id, reminder_name, start_at, period_ms, grain_hash, version)
        SELECT serviceid, grainid, remindername, starttime, period, grainhash::bigint & 4294967295, version
        FROM orleansreminderstable
        ON CONFLICT DO NOTHING;
        DROP TABLE orleansreminderstable;
        DELETE FROM orleansquery WHERE querykey LIKE '%Reminder%' OR querykey LIKE 'ReadRangeRows%';
    END IF;
END $$;
