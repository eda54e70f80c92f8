-- A queue is read by one reader at a time, the holder of its lease, from a read position it keeps
-- in memory (Silo/Postgres/Streams/PostgresQueueReceiver.cs, docs/streams.md). Reads no longer
-- write the rows they take: a row is inserted, read, and deleted by its ack.
--
-- "tx" is the inserting transaction's id. Row ids are drawn before commit, so a row with a lower
-- id can commit after one with a higher id, and a position by id alone would pass it by. A reader
-- takes only rows whose transaction ended before every transaction still running began, in
-- (tx, id) order: nothing can later commit behind that position, and a stream's events, each
-- published after the one before committed, keep their order.
ALTER TABLE stream_events ADD COLUMN IF NOT EXISTS tx bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint;
DROP INDEX IF EXISTS stream_events_unread;
DROP INDEX IF EXISTS stream_events_returned;
DROP INDEX IF EXISTS stream_events_by_stream;
ALTER TABLE stream_events DROP COLUMN IF EXISTS visible_at;
CREATE INDEX IF NOT EXISTS stream_events_by_position ON stream_events (queue, tx, id);

-- Who reads each queue, until when unless renewed, and how far they have read (rows up to there
-- that are still queued when another reader takes the lease over count as an attempt each).
CREATE TABLE IF NOT EXISTS stream_queue_leases
(
    queue      text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL,
    read_tx    bigint      NOT NULL DEFAULT 0,
    read_id    bigint      NOT NULL DEFAULT 0
);
