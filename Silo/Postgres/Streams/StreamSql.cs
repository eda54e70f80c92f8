namespace Orders.Silo.Postgres.Streams;

/// <summary>The stream provider's statements; each is one round trip.</summary>
internal static class StreamSql
{
    /// <summary>The channel publishers notify with the queue's name when they commit events.</summary>
    public const string Channel = "orders_stream_events";

    /// <summary>Inserts many events in array order and wakes each queue's reader once.</summary>
    public const string Insert = $"""
        WITH inserted AS (
            INSERT INTO stream_events (queue, stream_namespace, stream_key, payload)
            SELECT queue, stream_namespace, stream_key, payload
            FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) WITH ORDINALITY
                AS batch(queue, stream_namespace, stream_key, payload, position)
            ORDER BY position
            RETURNING queue)
        SELECT pg_notify('{Channel}', queue) FROM (SELECT DISTINCT queue FROM inserted) AS woken
        """;

    /// <summary>
    /// A row readers may take: never read, or back from a reader whose visibility timeout passed.
    /// Spelled with both attempts conditions so the planner can use each partial index (migration 010).
    /// </summary>
    private const string Visible = "(attempts = 0 OR (attempts > 0 AND visible_at <= now()))";

    /// <summary>
    /// Takes the oldest visible events of a queue, hides them for the visibility timeout and
    /// counts the delivery. Events already delivered the maximum number of times without an ack
    /// go to the dead letters instead. The reader owns its queue, and its agent keeps each
    /// stream's events in read order, so it needs no check against its own rows still out.
    /// </summary>
    /// <remarks>
    /// Visible means never read (attempts = 0) or back from a reader (visible_at passed), and each
    /// kind has its own partial index (migration 010), so a read walks neither the rows out with
    /// their reader nor, when consumers lag, the whole backlog: the oldest unread rows come in id
    /// order and stop at the limit; rows come back rarely (a reader died or released them), so
    /// all of those are taken and sorted with them (ordered and cut on their own, the planner
    /// walked the whole table by id looking for them). The outer condition repeats visibility
    /// so a row another reader took meanwhile is passed over.
    /// </remarks>
    public const string Read = $"""
        WITH due AS (
            SELECT id, attempts FROM stream_events
            WHERE id = ANY (ARRAY(
                (SELECT id FROM stream_events WHERE queue = $1 AND attempts = 0 ORDER BY id LIMIT $2)
                UNION ALL
                SELECT id FROM stream_events WHERE queue = $1 AND attempts > 0 AND visible_at <= now()))
              AND {Visible}
            ORDER BY id
            LIMIT $2
            FOR UPDATE SKIP LOCKED),
        {TakeDue}
        """;

    /// <summary>
    /// <see cref="Read"/> for a reader that took its queue over while the previous reader still
    /// had rows out (its silo died): an event waits while an earlier one of its stream is hidden,
    /// so a stream's events stay in order when the old rows come back after the timeout.
    /// </summary>
    public const string ReadBehindEarlierReader = $"""
        WITH due AS (
            SELECT id, attempts FROM stream_events AS e
            WHERE queue = $1 AND {Visible}
              AND NOT EXISTS (
                  SELECT 1 FROM stream_events AS earlier
                  WHERE earlier.queue = e.queue AND earlier.stream_key = e.stream_key
                    AND earlier.stream_namespace = e.stream_namespace
                    AND earlier.id < e.id AND earlier.visible_at > now())
            ORDER BY id
            LIMIT $2
            FOR UPDATE SKIP LOCKED),
        {TakeDue}
        """;

    /// <summary>Of the given rows (or, with no rows given, of the queue), those hidden by a reader.</summary>
    public const string Hidden = """
        SELECT id FROM stream_events
        WHERE queue = $1 AND attempts > 0 AND visible_at > now() AND (cardinality($2::bigint[]) = 0 OR id = ANY($2))
        """;

    /// <summary>Buries the exhausted rows of "due", hides and counts the others and returns them.</summary>
    private const string TakeDue = """
        exhausted AS (
            DELETE FROM stream_events AS e USING due
            WHERE e.id = due.id AND due.attempts >= $4
            RETURNING e.*),
        buried AS (
            INSERT INTO stream_dead_letters (id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, reason)
            SELECT id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts,
                   'not acknowledged after ' || attempts || ' deliveries'
            FROM exhausted)
        UPDATE stream_events AS e SET attempts = e.attempts + 1, visible_at = now() + $3
        FROM due
        WHERE e.id = due.id AND due.attempts < $4
        RETURNING e.id, e.attempts, e.stream_namespace, e.stream_key, e.payload
        """;

    /// <summary>
    /// Deletes delivered events, but only those whose delivery count is still the one the reader
    /// saw. The <c>id = ANY</c> bounds the rows read by the primary key whatever the planner
    /// believes of the table: joined on its own, the plan Npgsql prepared while the table was
    /// empty read the whole table on every ack.
    /// </summary>
    public const string Ack = """
        DELETE FROM stream_events AS e
        USING unnest($1::bigint[], $2::integer[]) AS acked(id, attempts)
        WHERE e.id = ANY ($1) AND e.id = acked.id AND e.attempts = acked.attempts
        """;

    /// <summary>
    /// Sets when events a reader holds become visible again, $3 from now (same receipt fence as
    /// the ack, and reached by the primary key as the ack is): at once for events it will not
    /// deliver, so a queue handed to another silo does not wait out the visibility timeout; a
    /// visibility timeout on for events its agent still works through.
    /// </summary>
    public const string ShowAfter = """
        UPDATE stream_events AS e SET visible_at = now() + $3
        FROM unnest($1::bigint[], $2::integer[]) AS held(id, attempts)
        WHERE e.id = ANY ($1) AND e.id = held.id AND e.attempts = held.attempts
        """;

    /// <summary>Moves an event a subscriber kept failing to the dead letters, with the reason.</summary>
    public const string Bury = """
        WITH failed AS (
            DELETE FROM stream_events WHERE id = $1 RETURNING *)
        INSERT INTO stream_dead_letters (id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, reason)
        SELECT id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, $2
        FROM failed
        """;

    /// <summary>
    /// For a provider's queue prefix and partition count: the count stored, whether any of its
    /// events are queued, and whether any are queued in a partition beyond the count. A queue is
    /// named by its prefix, a slash and its partition number.
    /// </summary>
    public const string PartitionCount = """
        SELECT (SELECT partitions FROM stream_partitions WHERE queue_prefix = $1),
               EXISTS (SELECT 1 FROM stream_events WHERE left(queue, length($1) + 1) = $1 || '/'),
               EXISTS (SELECT 1 FROM stream_events
                       WHERE left(queue, length($1) + 1) = $1 || '/' AND substr(queue, length($1) + 2)::integer >= $2)
        """;

    public const string StorePartitionCount = """
        INSERT INTO stream_partitions (queue_prefix, partitions) VALUES ($1, $2)
        ON CONFLICT (queue_prefix) DO UPDATE SET partitions = excluded.partitions
        """;

    /// <summary>Moves events past the retention to the dead letters and forgets old dead letters.</summary>
    public const string Evict = """
        WITH expired AS (
            DELETE FROM stream_events
            WHERE queue = $1 AND enqueued_at < now() - $2
            RETURNING *),
        buried AS (
            INSERT INTO stream_dead_letters (id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, reason)
            SELECT id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, 'expired undelivered'
            FROM expired)
        DELETE FROM stream_dead_letters WHERE queue = $1 AND dead_at < now() - $3
        """;
}
