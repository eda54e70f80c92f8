namespace Orders.Silo.Postgres;

/// <summary>How the project talks to PostgreSQL: one tuned connection string for every provider.</summary>
public static class PostgresConnection
{
    /// <summary>
    /// Each silo's and gateway's connections unless the connection string names its own
    /// <c>Maximum Pool Size</c>. The statement batchers share round trips between callers, so
    /// when the connections are busy requests wait and leave together instead of each waking a
    /// backend of its own: on the 2-core machine, 12 connections instead of 40 (Npgsql's default
    /// is 100) took create-uniform from about 740 to 920–996 orders/s and PostgreSQL from 0.85 to
    /// 0.72 of a core (docs/performance.md, "Fewer connections").
    /// </summary>
    public const int DefaultPoolSize = 12;

    /// <summary>
    /// Keeps pooled connections as they are (no DISCARD ALL round trip each time one is taken
    /// from the pool) and prepares the statements the providers repeat, which roughly doubles
    /// what one connection writes per second. Every statement here is schema-qualified by
    /// search_path alone and sets no session state, so skipping the reset is safe; the stream
    /// listener's LISTEN, which is session state, runs on connections that are never pooled
    /// (<see cref="Streams.StreamNotifications.OwnDataSource"/>).
    /// </summary>
    public static string Tune(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        };
        if (!NamesPoolSize(connectionString))
            tuned.MaxPoolSize = DefaultPoolSize;
        return tuned.ConnectionString;
    }

    /// <summary>
    /// Whether the connection string itself sets the pool size, under either of Npgsql's names
    /// for it (its own builder answers with the default, so it cannot tell; the plain one matches
    /// keys ignoring case).
    /// </summary>
    private static bool NamesPoolSize(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Maximum Pool Size") || given.ContainsKey("MaxPoolSize");
    }
}
