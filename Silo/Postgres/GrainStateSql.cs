namespace Orders.Silo.Postgres;

/// <summary>
/// The grain-state statements. Reads and writes each serve a whole batch of grains in one round
/// trip; every row keeps its own version check. A cleared state keeps its row with an empty
/// payload and a higher version, so an activation still holding the version from before the
/// clear cannot write over it.
/// </summary>
internal static class GrainStateSql
{
    /// <summary>$1 service id; $2, $3 state names and grain ids. Returns (position, version, payload) for the rows found.</summary>
    public const string Read = """
        SELECT k.position, g.version, g.payload
        FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS k(state_name, grain_id, position)
        JOIN grain_state AS g ON g.service_id = $1 AND g.state_name = k.state_name AND g.grain_id = k.grain_id
        """;

    /// <summary>
    /// $1 service id; $2, $3, $4, $5 state names, grain ids, expected versions (null: a first
    /// write) and payloads. Returns (position, new version) for each write that found the version
    /// it expected; a position missing from the result is a conflict.
    /// </summary>
    public const string Write = """
        WITH batch AS (
            SELECT * FROM unnest($2::text[], $3::text[], $4::integer[], $5::bytea[]) WITH ORDINALITY
                AS b(state_name, grain_id, expected, payload, position)),
        updated AS (
            UPDATE grain_state AS g SET version = g.version + 1, payload = b.payload, written_at = now()
            FROM batch AS b
            WHERE b.expected IS NOT NULL AND g.service_id = $1 AND g.state_name = b.state_name
              AND g.grain_id = b.grain_id AND g.version = b.expected
            RETURNING b.position, g.version),
        inserted AS (
            INSERT INTO grain_state (service_id, state_name, grain_id, version, payload)
            SELECT $1, state_name, grain_id, 1, payload FROM batch WHERE expected IS NULL
            ON CONFLICT DO NOTHING
            RETURNING state_name, grain_id, version)
        SELECT position, version FROM updated
        UNION ALL
        SELECT b.position, i.version
        FROM inserted AS i JOIN batch AS b ON b.expected IS NULL AND b.state_name = i.state_name AND b.grain_id = i.grain_id
        """;
}
