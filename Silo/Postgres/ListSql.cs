namespace Orders.Silo.Postgres;

/// <summary>The grain-list statements; changes to many lists share one statement and one commit.</summary>
internal static class ListSql
{
    /// <summary>$1 service id, $2 list name. Returns the payloads, oldest first.</summary>
    public const string Read = "SELECT payload FROM grain_lists WHERE service_id = $1 AND list_name = $2 ORDER BY position";

    /// <summary>
    /// $1 service id; $2, $3, $4 list names, entry keys and payloads, a null payload removing the
    /// entry. Entries are added in batch order, and one already there stays as it is. A batch
    /// never holds the same entry twice, so its additions and removals cannot meet. Removals find
    /// each row through the primary key whatever the planner believes of the table (as the
    /// grain-state statements do, see GrainStateSql), and delete it through a join on its address:
    /// PostgreSQL fetches each address directly, where a filter by a list of addresses
    /// (<c>ctid = ANY (…)</c>) was planned, while the table looked empty, as a scan of every row,
    /// and Npgsql's prepared statement kept that plan as the table grew.
    /// </summary>
    public const string Change = """
        WITH change AS (
            SELECT * FROM unnest($2::text[], $3::text[], $4::bytea[]) WITH ORDINALITY AS c(list_name, entry_key, payload, n)),
        inserted AS (
            INSERT INTO grain_lists (service_id, list_name, entry_key, payload)
            SELECT $1, list_name, entry_key, payload FROM change WHERE payload IS NOT NULL ORDER BY n
            ON CONFLICT DO NOTHING)
        DELETE FROM grain_lists AS d
        USING (
            SELECT l.ctid FROM change c CROSS JOIN LATERAL (
                SELECT ctid FROM grain_lists
                WHERE service_id = $1 AND list_name = c.list_name AND entry_key = c.entry_key
                LIMIT 1) AS l
            WHERE c.payload IS NULL) AS gone
        WHERE d.ctid = gone.ctid
        """;
}
