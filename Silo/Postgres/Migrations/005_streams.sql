-- The durable stream provider's queues (Silo/Postgres/Streams, docs/streams.md).
-- A row is one published batch of events on one stream. "queue" names the partition:
-- '<service id>/<provider>/<partition number>'. "attempts" counts deliveries and doubles as the
-- receipt: an ack deletes a row only while attempts still has the value the reader saw.
CREATE TABLE IF NOT EXISTS stream_events
(
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue            text        NOT NULL,
    stream_namespace text        NOT NULL,
    stream_key       text        NOT NULL,
    payload          bytea       NOT NULL,
    enqueued_at      timestamptz NOT NULL DEFAULT now(),
    visible_at       timestamptz NOT NULL DEFAULT now(),
    attempts         integer     NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS stream_events_by_queue ON stream_events (queue, id);

-- Events that kept failing or outlived the retention, with the reason; nothing is dropped silently.
CREATE TABLE IF NOT EXISTS stream_dead_letters
(
    id               bigint      PRIMARY KEY,
    queue            text        NOT NULL,
    stream_namespace text        NOT NULL,
    stream_key       text        NOT NULL,
    payload          bytea       NOT NULL,
    enqueued_at      timestamptz NOT NULL,
    attempts         integer     NOT NULL,
    reason           text        NOT NULL,
    dead_at          timestamptz NOT NULL DEFAULT now()
);
