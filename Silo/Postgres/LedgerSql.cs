namespace Orders.Silo.Postgres;

/// <summary>The ledger statements; writes of many ledgers share one statement and one commit.</summary>
internal static class LedgerSql
{
    /// <summary>
    /// $1 service id, $2 ledger. Returns the header row (version, header, wake time) and a row per
    /// entry (entry key, payload), in one statement so that both come from one snapshot.
    /// </summary>
    public const string Read = """
        SELECT version, header, wake_at, NULL::text, NULL::bytea FROM ledgers WHERE service_id = $1 AND ledger = $2
        UNION ALL
        SELECT NULL, NULL, NULL, entry_key, payload FROM ledger_entries WHERE service_id = $1 AND ledger = $2
        """;

    /// <summary>
    /// $1 service id; $2, $3, $4, $8 ledgers, expected versions (null: a first write), headers and
    /// wake times; $5, $6, $7 the changed entries' ledgers, keys and payloads (null: removed). Each header is
    /// proposed with the version it will have and lands only over the expected one (as grain state
    /// does, see GrainStateSql.Write); entries change only for the ledgers whose header landed.
    /// Returns (ledger, new version) for each write that landed; a ledger missing is a conflict.
    /// A batch holds each ledger once and a write each key once, so no row is touched twice.
    /// Removals find each row through the primary key whatever the planner believes of the table,
    /// and delete it through a join on its address: PostgreSQL fetches each address directly,
    /// where a filter by a list of addresses (<c>ctid = ANY (…)</c>) was planned, while the table
    /// looked empty, as a scan of every row, and Npgsql's prepared statement kept that plan as the
    /// table grew.
    /// </summary>
    public const string Write = """
        WITH written AS (
            INSERT INTO ledgers AS l (service_id, ledger, version, header, wake_at)
            SELECT $1, ledger, coalesce(expected, 0) + 1, header, wake_at
            FROM unnest($2::text[], $3::bigint[], $4::bytea[], $8::timestamptz[]) AS w(ledger, expected, header, wake_at)
            ON CONFLICT (service_id, ledger) DO UPDATE
            SET version = excluded.version, header = excluded.header, wake_at = excluded.wake_at, written_at = now()
            WHERE l.version = excluded.version - 1
            RETURNING l.ledger, l.version),
        change AS (
            SELECT c.ledger, c.entry_key, c.payload
            FROM unnest($5::text[], $6::text[], $7::bytea[]) AS c(ledger, entry_key, payload)
            WHERE c.ledger IN (SELECT ledger FROM written)),
        upserted AS (
            INSERT INTO ledger_entries (service_id, ledger, entry_key, payload)
            SELECT $1, ledger, entry_key, payload FROM change WHERE payload IS NOT NULL
            ON CONFLICT (service_id, ledger, entry_key) DO UPDATE SET payload = excluded.payload),
        removed AS (
            DELETE FROM ledger_entries AS d
            USING (
                SELECT e.ctid FROM change c CROSS JOIN LATERAL (
                    SELECT ctid FROM ledger_entries
                    WHERE service_id = $1 AND ledger = c.ledger AND entry_key = c.entry_key
                    LIMIT 1) AS e
                WHERE c.payload IS NULL) AS gone
            WHERE d.ctid = gone.ctid)
        SELECT ledger, version FROM written
        """;

    /// <summary>$1 service id: up to $3 ledgers whose wake time is at or before $2, the longest due first.</summary>
    public const string Due = """
        SELECT ledger FROM ledgers
        WHERE service_id = $1 AND wake_at <= $2
        ORDER BY wake_at
        LIMIT $3
        """;

    /// <summary>$1 service id: the ledgers $2 whose wake time is still at or before $3 wake at $4 instead.</summary>
    public const string Postpone = """
        UPDATE ledgers SET wake_at = $4
        WHERE service_id = $1 AND ledger = ANY($2) AND wake_at <= $3
        """;
}
