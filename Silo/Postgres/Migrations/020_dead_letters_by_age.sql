-- Each queue's reader forgets its dead letters past the retention once a minute
-- (StreamSql.Evict): without an index that statement read the whole table, every queue's letters
-- with their payloads, and a flood of dead letters kept for thirty days would be read again
-- every minute by every queue. The queue is an id, compared byte by byte as every key is (017).
ALTER TABLE stream_dead_letters ALTER COLUMN queue TYPE text COLLATE "C";
CREATE INDEX IF NOT EXISTS stream_dead_letters_by_age ON stream_dead_letters (queue, dead_at);
