-- Lets a reader find, per stream, whether an earlier event is still out with another reader
-- (StreamSql.Read holds a stream's later events back until then).
CREATE INDEX IF NOT EXISTS stream_events_by_stream ON stream_events (queue, stream_key, stream_namespace, id);
