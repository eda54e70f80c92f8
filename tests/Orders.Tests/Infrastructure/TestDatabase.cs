using Npgsql;

namespace Orders.Tests.Infrastructure;

/// <summary>The throwaway PostgreSQL that scripts/with-postgres.sh starts for the test run.</summary>
public static class TestDatabase
{
    public const string Variable = "ORDERS_TEST_POSTGRES";

    /// <summary>The connection string; a run without one fails rather than skipping database tests.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests with scripts/test.sh, which starts a throwaway PostgreSQL.");

    /// <summary>Runs <paramref name="sql"/> (with its <c>$1</c>, <c>$2</c>… <paramref name="parameters"/>) on <paramref name="database"/>, as a test sets up or inspects what it needs.</summary>
    public static async Task Execute(this NpgsqlDataSource database, string sql, params object[] parameters)
    {
        await using var command = Command(database, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of what <paramref name="sql"/> answers, row by row.</summary>
    public static async Task<IReadOnlyList<T>> Column<T>(this NpgsqlDataSource database, string sql, params object[] parameters)
    {
        await using var command = Command(database, sql, parameters);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    private static NpgsqlCommand Command(NpgsqlDataSource database, string sql, object[] parameters)
    {
        var command = database.CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return command;
    }
}
