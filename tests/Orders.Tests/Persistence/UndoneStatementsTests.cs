using Npgsql;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// Which of PostgreSQL's real failures a batch may run again after (<see cref="UndoneStatements"/>):
/// those that surely took no effect, and none that may have come after the commit.
/// </summary>
public sealed class UndoneStatementsTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_deadlock_rolled_back_its_statement()
    {
        await using var table = await Table.Create(fixture.Database, rows: 2);
        await using var first = await table.Begin();
        await using var second = await table.Begin();
        await first.Update(1);
        await second.Update(2);

        // Each now waits for the row the other holds; the server ends one of them.
        var crossed = await Task.WhenAll(Failure(first.Update(2)), Failure(second.Update(1))).WaitAsync(Deadline);

        var deadlock = Assert.Single(crossed.OfType<PostgresException>());
        Assert.Equal(PostgresErrorCodes.DeadlockDetected, deadlock.SqlState);
        Assert.True(UndoneStatements.Is(deadlock));
    }

    [Fact]
    public async Task A_login_past_the_connection_limit_sent_nothing()
    {
        await using var role = await RoleThatMayLogIn.Create(fixture.Database);
        await role.Limit(0);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => role.Database.Execute("SELECT 1"));

        Assert.Equal(PostgresErrorCodes.TooManyConnections, refused.SqlState);
        Assert.True(UndoneStatements.Is(refused));
    }

    [Fact]
    public async Task No_server_listening_sent_nothing()
    {
        await using var nowhere = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Host = "127.0.0.1", Port = FreePort.Next(), Pooling = false }.ConnectionString);

        var refused = await Assert.ThrowsAsync<NpgsqlException>(() => nowhere.Execute("SELECT 1"));

        Assert.True(UndoneStatements.Is(refused));
    }

    [Fact]
    public async Task A_backend_ended_mid_statement_may_have_committed()
    {
        await using var sleeper = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { ApplicationName = Unique.Id("sleeper"), Pooling = false }.ConnectionString);
        var sleeping = sleeper.Execute("SELECT pg_sleep(60)");
        var name = new NpgsqlConnectionStringBuilder(sleeper.ConnectionString).ApplicationName!;
        await Eventually.Until(
            () => Scalar<bool>($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{name}' AND state = 'active'"),
            terminated => terminated);

        var ended = await Assert.ThrowsAsync<PostgresException>(() => sleeping.WaitAsync(Deadline));

        Assert.Equal(PostgresErrorCodes.AdminShutdown, ended.SqlState);
        Assert.False(UndoneStatements.Is(ended));
    }

    [Fact]
    public async Task A_statement_refused_for_its_content_would_be_refused_again()
    {
        await using var table = await Table.Create(fixture.Database, rows: 1);

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.Execute($"INSERT INTO {table.Name} VALUES (1)"));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
        Assert.False(UndoneStatements.Is(duplicate));
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var command = fixture.Database.CreateCommand(sql);
        return await command.ExecuteScalarAsync() is T value ? value : default!;
    }

    private static async Task<Exception?> Failure(Task update)
    {
        try
        {
            await update;
            return null;
        }
        catch (PostgresException failure)
        {
            return failure;
        }
    }

    /// <summary>A table of its own with rows 1 to n, and transactions on it that lock its rows.</summary>
    private sealed class Table(NpgsqlDataSource database, string name) : IAsyncDisposable
    {
        public string Name => name;

        public static async Task<Table> Create(NpgsqlDataSource database, int rows)
        {
            var table = new Table(database, Unique.Id("undone").Replace('-', '_'));
            await database.Execute($"CREATE TABLE {table.Name} (id int PRIMARY KEY); INSERT INTO {table.Name} SELECT generate_series(1, {rows})");
            return table;
        }

        public async Task<Locker> Begin()
        {
            var connection = await database.OpenConnectionAsync();
            return new Locker(connection, await connection.BeginTransactionAsync(), name);
        }

        public ValueTask DisposeAsync() => new(database.Execute($"DROP TABLE {name}"));
    }

    private sealed class Locker(NpgsqlConnection connection, NpgsqlTransaction transaction, string table) : IAsyncDisposable
    {
        public async Task Update(int id)
        {
            await using var command = new NpgsqlCommand($"UPDATE {table} SET id = id WHERE id = {id}", connection, transaction);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
