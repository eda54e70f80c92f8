namespace Orders.Silo.Postgres;

/// <summary>The id-set statements; changes of many sets share one statement and one commit.</summary>
internal static class IdSetSql
{
    /// <summary>$1 service id, $2 set name. Returns the members.</summary>
    public const string Read = "SELECT member FROM id_sets WHERE service_id = $1 AND set_name = $2";

    /// <summary>
    /// $1 service id; $2, $3, $4 set names, members and whether each is added (true) or removed.
    /// A batch never holds the same member twice, so its additions and removals cannot meet.
    /// Removals find each row through the primary key whatever the planner believes of the
    /// table (as the grain-state statements do, see GrainStateSql).
    /// </summary>
    public const string Change = """
        WITH change AS (
            SELECT * FROM unnest($2::text[], $3::text[], $4::boolean[]) AS c(set_name, member, added)),
        inserted AS (
            INSERT INTO id_sets (service_id, set_name, member)
            SELECT $1, set_name, member FROM change WHERE added
            ON CONFLICT DO NOTHING)
        DELETE FROM id_sets
        WHERE ctid = ANY (ARRAY(
            SELECT s.ctid FROM change c CROSS JOIN LATERAL (
                SELECT ctid FROM id_sets
                WHERE service_id = $1 AND set_name = c.set_name AND member = c.member
                LIMIT 1) AS s
            WHERE NOT c.added))
        """;
}
