namespace Orders.Silo.Postgres;

/// <summary>
/// The grain-state statements: one round trip each, version-checked in the statement itself.
/// A cleared state keeps its row with an empty payload and a higher version, so an activation
/// still holding the version from before the clear cannot write over it.
/// </summary>
internal static class GrainStateSql
{
    public const string Read = """
        SELECT version, payload FROM grain_state
        WHERE service_id = $1 AND state_name = $2 AND grain_id = $3
        """;

    public const string Insert = """
        INSERT INTO grain_state (service_id, state_name, grain_id, version, payload)
        VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT DO NOTHING
        RETURNING version
        """;

    public const string Update = """
        UPDATE grain_state SET version = version + 1, payload = $5, written_at = now()
        WHERE service_id = $1 AND state_name = $2 AND grain_id = $3 AND version = $4
        RETURNING version
        """;
}
