namespace Orders.Silo.Postgres.Reminders;

/// <summary>The reminder table's statements; each is one round trip.</summary>
internal static class ReminderSql
{
    private const string Columns = "grain_id, reminder_name, start_at, period_ms, version";

    /// <summary>Registers or moves many reminders; each row's version counts its changes.</summary>
    public const string Upsert = """
        INSERT INTO reminders AS r (service_id, grain_id, reminder_name, start_at, period_ms, grain_hash, version)
        SELECT $1, grain_id, reminder_name, start_at, period_ms, grain_hash, 0
        FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::bigint[], $6::bigint[])
            AS batch(grain_id, reminder_name, start_at, period_ms, grain_hash)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
        SET start_at = excluded.start_at, period_ms = excluded.period_ms, version = r.version + 1
        RETURNING grain_id, reminder_name, version
        """;

    /// <summary>
    /// Deletes many reminders, each only while it still has the version its remover saw. The
    /// <c>grain_id = ANY</c> bounds the rows read by the primary key whatever the planner believes
    /// of the table: joined on its own, the plan Npgsql prepared while the table was empty read
    /// every reminder of the service on every removal.
    /// </summary>
    public const string Remove = """
        DELETE FROM reminders AS r
        USING unnest($2::text[], $3::text[], $4::integer[]) AS removed(grain_id, reminder_name, version)
        WHERE r.service_id = $1 AND r.grain_id = ANY ($2) AND r.grain_id = removed.grain_id
          AND r.reminder_name = removed.reminder_name AND r.version = removed.version
        RETURNING r.grain_id, r.reminder_name
        """;

    public const string OfGrain = $"SELECT {Columns} FROM reminders WHERE service_id = $1 AND grain_id = $2";

    public const string One = $"SELECT {Columns} FROM reminders WHERE service_id = $1 AND grain_id = $2 AND reminder_name = $3";

    /// <summary>The hash range (begin, end].</summary>
    public const string InRange = $"SELECT {Columns} FROM reminders WHERE service_id = $1 AND grain_hash > $2 AND grain_hash <= $3";

    /// <summary>A range that wraps around the ring: above begin or up to end.</summary>
    public const string InWrappedRange = $"SELECT {Columns} FROM reminders WHERE service_id = $1 AND (grain_hash > $2 OR grain_hash <= $3)";

    public const string Clear = "DELETE FROM reminders WHERE service_id = $1";
}
