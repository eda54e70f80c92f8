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
    /// Takes the queue's lease for $2 for $3 if it is free: never taken, run out, or already
    /// $2's (which keeps its read position). Returns whether it was taken and who held it before. Rows an earlier holder read and
    /// left unacknowledged without handing the queue back (its silo died with them) count an
    /// attempt each, and those that have used up $4 attempts move to the dead letters, all in the
    /// same statement, so a poison event that brings every reader's silo down ends there.
    /// </summary>
    /// <remarks>
    /// A lease handed back (<see cref="Release"/>) keeps no read position, so its rows count
    /// nothing. "previous" is read from the statement's snapshot while the upsert sees the latest
    /// row: if another reader took the lease over in between, the upsert fails and nothing counts.
    /// A lease another reader plainly holds is not even tried: the upsert would lock its row
    /// (a write, and a wait for its holder's reads), and a reader waiting for a queue is woken by
    /// every publish to it.
    /// </remarks>
    public const string TakeLease = """
        WITH previous AS (
            SELECT holder, expires_at, read_tx, read_id FROM stream_queue_leases WHERE queue = $1),
        taken AS (
            INSERT INTO stream_queue_leases AS lease (queue, holder, expires_at)
            SELECT $1, $2, now() + $3
            WHERE NOT EXISTS (SELECT FROM previous WHERE holder <> $2 AND expires_at > now())
            ON CONFLICT (queue) DO UPDATE SET
                holder = excluded.holder,
                expires_at = excluded.expires_at,
                read_tx = CASE WHEN lease.holder = excluded.holder THEN lease.read_tx ELSE 0 END,
                read_id = CASE WHEN lease.holder = excluded.holder THEN lease.read_id ELSE 0 END
            WHERE lease.expires_at <= now() OR lease.holder = excluded.holder
            RETURNING 1),
        unacknowledged AS (
            SELECT e.id FROM stream_events AS e, previous
            WHERE EXISTS (SELECT FROM taken) AND previous.holder <> $2
              AND e.queue = $1 AND (e.tx, e.id) <= (previous.read_tx, previous.read_id)),
        exhausted AS (
            DELETE FROM stream_events AS e USING unacknowledged
            WHERE e.id = unacknowledged.id AND e.attempts + 1 >= $4
            RETURNING e.*),
        buried AS (
            INSERT INTO stream_dead_letters (id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, reason)
            SELECT id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts + 1,
                   'read by ' || attempts + 1 || ' readers that never acknowledged it'
            FROM exhausted),
        counted AS (
            UPDATE stream_events AS e SET attempts = e.attempts + 1
            FROM unacknowledged
            WHERE e.id = unacknowledged.id AND e.attempts + 1 < $4)
        SELECT EXISTS (SELECT FROM taken), previous.holder, (SELECT count(*) FROM exhausted)
        FROM (SELECT) AS one LEFT JOIN previous ON true
        """;

    /// <summary>
    /// The holder $2 reads up to $5 rows of its queue after its read position ($3, $4) and, in the
    /// same statement, records how far it has read and renews its lease for $6. The first column
    /// says whether $2 still holds the lease; when it does not, no rows come (another reader took
    /// the queue over while this one was cut off), and when it does, the rows follow, one a result
    /// row, in (tx, id) order (a row with no id: nothing new). The last column says, when no row
    /// came, whether committed rows after the position were held back because an older
    /// transaction still runs (asked only then, it finds them at the start of its scan: with
    /// nothing due, every row after the position is one of theirs).
    /// </summary>
    /// <remarks>
    /// Only rows whose inserting transaction ended before the oldest one still running began are
    /// taken (migration 013): a row of a transaction still committing may have drawn a lower id
    /// than rows already readable, and would be passed by for good. Rows come only through the
    /// lease row's update, which waits for and then fails against a reader taking the lease over.
    /// A read that finds nothing renews the lease only once half of it has run: written on every
    /// empty read, the lease cost a commit (and its WAL flush) each time an idle queue was polled
    /// or a busy one ran dry, which at moderate load was every other read. And the read's commit
    /// does not wait for its WAL flush (<c>synchronous_commit</c> off for this transaction alone):
    /// a database crash can lose only the latest renewal, which a later read or a takeover
    /// settles, and the latest position, which undercounts a dead reader's rows by one read.
    /// </remarks>
    public const string Read = """
        WITH due AS (
            SELECT id, tx, stream_namespace, stream_key, payload FROM stream_events
            WHERE queue = $1 AND (tx, id) > ($3, $4) AND tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
            ORDER BY tx, id
            LIMIT $5),
        last AS (
            SELECT tx, id FROM due ORDER BY tx DESC, id DESC LIMIT 1),
        lease AS (
            UPDATE stream_queue_leases
            SET expires_at = now() + $6,
                read_tx = coalesce((SELECT tx FROM last), read_tx),
                read_id = coalesce((SELECT id FROM last), read_id)
            WHERE queue = $1 AND holder = $2 AND (EXISTS (SELECT FROM last) OR expires_at < now() + $6 / 2)
            RETURNING 1),
        unflushed AS (
            SELECT set_config('synchronous_commit', 'off', true)),
        held AS (
            SELECT EXISTS (SELECT FROM lease) AS renewed,
                   EXISTS (SELECT FROM lease) OR EXISTS (SELECT FROM stream_queue_leases WHERE queue = $1 AND holder = $2) AS held,
                   NOT EXISTS (SELECT FROM due) AND EXISTS (
                       SELECT FROM stream_events
                       WHERE queue = $1 AND (tx, id) > ($3, $4) AND tx >= pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AS held_back
            FROM unflushed)
        SELECT held.held, due.id, due.tx, due.stream_namespace, due.stream_key, due.payload, held.held_back
        FROM held LEFT JOIN due ON held.renewed
        ORDER BY due.tx, due.id
        """;

    /// <summary>
    /// Hands the lease back at once, with no read position and no holder (a read of the old
    /// holder's still on its way then takes nothing, instead of renewing the lease under the next
    /// reader's nose), and wakes whoever waits for it.
    /// </summary>
    public const string Release = $"""
        WITH released AS (
            UPDATE stream_queue_leases SET holder = '', expires_at = now(), read_tx = 0, read_id = 0
            WHERE queue = $1 AND holder = $2
            RETURNING queue)
        SELECT pg_notify('{Channel}', queue) FROM released
        """;

    /// <summary>Deletes delivered events.</summary>
    public const string Ack = "DELETE FROM stream_events WHERE id = ANY ($1)";

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
    /// named by its prefix, a slash and its partition number; compared byte by byte (017), the
    /// names of a prefix's queues lie between the prefix and a slash and the prefix and a '0', the
    /// byte after it. The queues holding events are found one index probe each, from one name to
    /// the next, so a silo's start reads no backlog, however long.
    /// </summary>
    public const string PartitionCount = """
        WITH RECURSIVE queued AS (
            SELECT min(queue) AS queue FROM stream_events WHERE queue > $1 || '/' AND queue < $1 || '0'
            UNION ALL
            SELECT (SELECT min(e.queue) FROM stream_events AS e WHERE e.queue > queued.queue AND e.queue < $1 || '0')
            FROM queued WHERE queued.queue IS NOT NULL)
        SELECT (SELECT partitions FROM stream_partitions WHERE queue_prefix = $1),
               EXISTS (SELECT 1 FROM queued WHERE queue IS NOT NULL),
               EXISTS (SELECT 1 FROM queued WHERE substr(queue, length($1) + 2)::integer >= $2)
        """;

    public const string StorePartitionCount = """
        INSERT INTO stream_partitions (queue_prefix, partitions) VALUES ($1, $2)
        ON CONFLICT (queue_prefix) DO UPDATE SET partitions = excluded.partitions
        """;

    /// <summary>
    /// Moves events past the retention ($2) among the queue's $4 oldest to the dead letters, forgets
    /// dead letters past theirs ($3), and says how many events it moved. A queue's oldest events
    /// are its first in read order, through the index it is read by: asked of the whole queue, the
    /// age filter read every row of a backlog each minute, when its readers were behind already.
    /// </summary>
    public const string Evict = """
        WITH oldest AS (
            SELECT id FROM stream_events WHERE queue = $1 ORDER BY tx, id LIMIT $4),
        expired AS (
            DELETE FROM stream_events
            WHERE id IN (SELECT id FROM oldest) AND enqueued_at < now() - $2
            RETURNING *),
        buried AS (
            INSERT INTO stream_dead_letters (id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, reason)
            SELECT id, queue, stream_namespace, stream_key, payload, enqueued_at, attempts, 'expired undelivered'
            FROM expired),
        forgotten AS (
            DELETE FROM stream_dead_letters WHERE queue = $1 AND dead_at < now() - $3)
        SELECT count(*) FROM expired
        """;
}
