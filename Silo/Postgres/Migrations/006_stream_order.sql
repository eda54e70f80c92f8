-- Lets a reader find, per stream, whether an earlier event is still out with another reader
-- (StreamSql.Read holds a stream's later events back until then).
CREATE INDEX IF NOT EXISTS stream_events_by_stream ON stream_events (queue, stream_key, stream_namespace, id);

-- Numbers every read across the cluster; a read's number orders the sequence tokens the pulling
-- agents see (ReadTokens), so a stream's tokens grow whichever silo reads it next.
CREATE SEQUENCE IF NOT EXISTS stream_reads;
