using Npgsql;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL role of its own, allowed the stream tables, whose logins the test can refuse and
/// allow again: a database away (a restart, a failover) as its new connections meet it, with no
/// wait. <see cref="Database"/> opens a new connection for every statement.
/// </summary>
public sealed class RoleThatMayLogIn : IAsyncDisposable
{
    private readonly NpgsqlDataSource admin;
    private readonly string role;

    private RoleThatMayLogIn(NpgsqlDataSource admin, string role)
    {
        this.admin = admin;
        this.role = role;
        Database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Username = role, Pooling = false }.ConnectionString);
    }

    public NpgsqlDataSource Database { get; }

    public static async Task<RoleThatMayLogIn> Create(NpgsqlDataSource admin)
    {
        var login = new RoleThatMayLogIn(admin, Unique.Id("role").Replace('-', '_'));
        await admin.Execute($"CREATE ROLE {login.role} LOGIN; GRANT SELECT, INSERT, DELETE ON stream_events, stream_dead_letters TO {login.role}");
        return login;
    }

    public Task Refuse() => admin.Execute($"ALTER ROLE {role} NOLOGIN");

    public Task Allow() => admin.Execute($"ALTER ROLE {role} LOGIN");

    /// <summary>Lets the role hold no more than <paramref name="connections"/> at once: the server refuses its next login past them.</summary>
    public Task Limit(int connections) => admin.Execute($"ALTER ROLE {role} CONNECTION LIMIT {connections}");

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await admin.Execute($"DROP OWNED BY {role}; DROP ROLE {role}");
    }
}
