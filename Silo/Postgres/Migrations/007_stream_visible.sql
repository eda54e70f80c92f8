-- Lets a read go straight to the visible rows of its queue: under load most of a queue's rows
-- are out with its reader (hidden until acknowledged), and walking them by id cost every read.
CREATE INDEX IF NOT EXISTS stream_events_visible ON stream_events (queue, visible_at);
