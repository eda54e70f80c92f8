namespace Orders.Silo.Postgres;

/// <summary>The grain-list statements; changes to many lists share one statement and one commit.</summary>
internal static class ListSql
{
    /// <summary>$1 service id, $2 list name. Returns the payloads, oldest first.</summary>
    public const string Read = "SELECT payload FROM grain_lists WHERE service_id = $1 AND list_name = $2 ORDER BY position";

    /// <summary>
    /// $1 service id; $2, $3, $4 list names, entry keys and payloads. Entries are added in batch
    /// order, and one already there stays as it is.
    /// </summary>
    public const string Add = """
        INSERT INTO grain_lists (service_id, list_name, entry_key, payload)
        SELECT $1, list_name, entry_key, payload
        FROM unnest($2::text[], $3::text[], $4::bytea[]) WITH ORDINALITY AS a(list_name, entry_key, payload, n)
        ORDER BY n
        ON CONFLICT DO NOTHING
        """;
}
