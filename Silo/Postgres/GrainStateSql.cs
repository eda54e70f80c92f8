namespace Orders.Silo.Postgres;

/// <summary>
/// The grain-state statements. Reads and writes each serve a whole batch of grains in one round
/// trip; every row keeps its own version check. A cleared state keeps its row with an empty
/// payload and a higher version, so an activation still holding the version from before the
/// clear cannot write over it. Both statements reach each row through its primary key whatever
/// the planner believes of the table: a plan cached while the table was nearly empty (a fresh
/// deployment, no ANALYZE yet) joined the batch by scanning the whole table, and every read and
/// write grew slower as the table filled.
/// </summary>
internal static class GrainStateSql
{
    /// <summary>
    /// $1 service id; $2, $3 state names and grain ids. Returns (position, version, payload) for
    /// the rows found. The LIMIT keeps the lookup a per-key subquery the planner cannot turn into a join.
    /// </summary>
    public const string Read = """
        SELECT k.position, g.version, g.payload
        FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS k(state_name, grain_id, position)
        CROSS JOIN LATERAL (
            SELECT version, payload FROM grain_state
            WHERE service_id = $1 AND state_name = k.state_name AND grain_id = k.grain_id
            LIMIT 1) AS g
        """;

    /// <summary>
    /// $1 service id; $2, $3, $4, $5 state names, grain ids, expected versions (null: a first
    /// write) and payloads; $6, $7 the state name and grain id of the write each event row
    /// belongs to, $8–$11 the rows' queues, stream namespaces, stream keys and payloads; $12 the
    /// states' wake times; $13, $14 the state name and grain id of the write each list entry
    /// belongs to, $15–$17 the entries' lists, keys and payloads; $18, $19 the lists each state is
    /// an entry of, for good and while it waits (<c>IListedState</c>). Each
    /// state is proposed with the version it will have (expected + 1, or 1) and replaces the
    /// stored row only when that holds the expected version; a first write that meets a row,
    /// whose version is at least 1, changes nothing. A row keeps the time of its first write, which
    /// orders the lists its state is an entry of. The event rows of the writes that landed
    /// enter their queues in array order and wake each queue's reader once, and their list
    /// entries join their lists in array order (one already there stays as it is); a write that
    /// conflicts queues and adds nothing. Returns (state name, grain id,
    /// new version) for each write that landed; a row missing from the result is a conflict.
    /// (Rows are never deleted, so an expected version always names an existing row.)
    /// </summary>
    /// <remarks>
    /// The notification is an uncorrelated subquery, evaluated once per statement, before or at
    /// the first landed write returned. Either way it sees every queued row: an event is queued
    /// only with a write that landed, so a statement that queued any returns a row.
    /// </remarks>
    public const string Write = $"""
        WITH written AS (
            INSERT INTO grain_state AS g (service_id, state_name, grain_id, version, payload, wake_at, listed_in, waiting_in)
            SELECT $1, state_name, grain_id, coalesce(expected, 0) + 1, payload, wake_at, listed_in, waiting_in
            FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bytea[], $12::timestamptz[], $18::text[], $19::text[])
                AS b(state_name, grain_id, expected, payload, wake_at, listed_in, waiting_in)
            ON CONFLICT (service_id, state_name, grain_id) DO UPDATE
            SET version = excluded.version, payload = excluded.payload, wake_at = excluded.wake_at,
                listed_in = excluded.listed_in, waiting_in = excluded.waiting_in, written_at = now()
            WHERE g.version = excluded.version - 1
            RETURNING g.state_name, g.grain_id, g.version),
        queued AS (
            INSERT INTO stream_events (queue, stream_namespace, stream_key, payload)
            SELECT e.queue, e.stream_namespace, e.stream_key, e.payload
            FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::bytea[]) WITH ORDINALITY
                AS e(state_name, grain_id, queue, stream_namespace, stream_key, payload, position)
            JOIN written AS w ON w.state_name = e.state_name AND w.grain_id = e.grain_id
            ORDER BY e.position
            RETURNING queue),
        listed AS (
            INSERT INTO grain_lists (service_id, list_name, entry_key, payload)
            SELECT $1, l.list_name, l.entry_key, l.payload
            FROM unnest($13::text[], $14::text[], $15::text[], $16::text[], $17::bytea[]) WITH ORDINALITY
                AS l(state_name, grain_id, list_name, entry_key, payload, position)
            JOIN written AS w ON w.state_name = l.state_name AND w.grain_id = l.grain_id
            ORDER BY l.position
            ON CONFLICT DO NOTHING)
        SELECT state_name, grain_id, version FROM written
        WHERE (SELECT count(*) FROM (SELECT pg_notify('{Streams.StreamSql.Channel}', queue) FROM (SELECT DISTINCT queue FROM queued) AS q) AS woken) >= 0
        """;

    /// <summary>
    /// $1 service id, $2 a list: the grains whose state is an entry of it (for good or while it
    /// waits), the first written first.
    /// </summary>
    public const string Listed = """
        SELECT grain_id FROM (
            SELECT grain_id, created_at FROM grain_state WHERE service_id = $1 AND listed_in = $2
            UNION
            SELECT grain_id, created_at FROM grain_state WHERE service_id = $1 AND waiting_in = $2) AS listed
        ORDER BY created_at, grain_id
        """;

    /// <summary>
    /// $1 service id, $2 list name, $3 state name: the states of that name listed in it for good,
    /// the first written first (a cleared state names no list).
    /// </summary>
    public const string StatesListedIn = """
        SELECT payload FROM grain_state WHERE service_id = $1 AND listed_in = $2 AND state_name = $3
        ORDER BY created_at, grain_id
        """;

    /// <summary>$1 service id, $2 state name: up to $4 grains whose wake time is at or before $3, the longest due first.</summary>
    public const string Due = """
        SELECT grain_id FROM grain_state
        WHERE service_id = $1 AND state_name = $2 AND wake_at <= $3
        ORDER BY wake_at
        LIMIT $4
        """;

    /// <summary>$1 service id, $2 state name: the grains $3 whose wake time is still at or before $4 wake at $5 instead.</summary>
    public const string Postpone = """
        UPDATE grain_state SET wake_at = $5
        WHERE service_id = $1 AND state_name = $2 AND grain_id = ANY($3) AND wake_at <= $4
        """;
}
