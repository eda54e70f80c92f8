namespace Orders.Silo.Hosting;

/// <summary>The configuration keys a silo and a gateway read.</summary>
public static class OrdersConfiguration
{
    /// <summary>The ADO.NET invariant of the PostgreSQL driver (the providers default to SQL Server).</summary>
    public const string Invariant = "Npgsql";

    /// <summary>Holds ClusterId and ServiceId, and the endpoints Orleans binds itself.</summary>
    public const string OrleansSection = "Orleans";

    /// <summary>The PostgreSQL stream provider's options (<see cref="Postgres.Streams.PostgresStreamOptions"/>).</summary>
    public const string StreamsSection = "Streams";

    /// <summary>
    /// The PostgreSQL connection string (<c>ConnectionStrings:Orders</c>, or the environment
    /// variable <c>ConnectionStrings__Orders</c>), tuned; null, when it is not set, means dev mode.
    /// Set but empty (a deployment's secret that resolved to nothing) is an error: taken for dev
    /// mode, a production gateway would keep acknowledged orders in its memory alone.
    /// </summary>
    public static string? ConnectionString(IConfiguration configuration) => configuration.GetConnectionString("Orders") switch
    {
        null => null,
        var blank when string.IsNullOrWhiteSpace(blank) => throw new InvalidOperationException(
            "ConnectionStrings:Orders is set but empty: give it a PostgreSQL connection string, or leave it unset for dev mode"),
        var connectionString => Tuned(connectionString),
    };

    /// <summary>
    /// Npgsql refuses a keyword it does not know with an <see cref="ArgumentException"/> that names
    /// neither the setting nor the process: SQL Server's <c>Max Pool Size</c>, which Npgsql's own
    /// pool-exhausted message suggests raising, crashed the silo with a stack trace.
    /// </summary>
    private static string Tuned(string connectionString)
    {
        try
        {
            return Postgres.PostgresConnection.Tune(connectionString);
        }
        catch (ArgumentException refused)
        {
            throw new InvalidOperationException($"ConnectionStrings:Orders is not a PostgreSQL connection string Npgsql reads: {refused.Message}", refused);
        }
    }
}
