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
    /// variable <c>ConnectionStrings__Orders</c>), tuned; null means dev mode.
    /// </summary>
    public static string? ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Orders") is { Length: > 0 } connectionString
            ? Postgres.PostgresConnection.Tune(connectionString)
            : null;
}
