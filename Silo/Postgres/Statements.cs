namespace Orders.Silo.Postgres;

/// <summary>How the providers build a statement: SQL with positional parameters ($1, $2, …).</summary>
public static class Statements
{
    /// <summary>A command on the data source with <paramref name="arguments"/> as $1, $2, … in order.</summary>
    public static NpgsqlCommand Statement(this NpgsqlDataSource database, string sql, params object[] arguments)
    {
        var command = database.CreateCommand(sql);
        foreach (var argument in arguments)
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        return command;
    }

    /// <summary>Every row <paramref name="sql"/> returns, each made by <paramref name="row"/>, in the order returned.</summary>
    public static async Task<ImmutableArray<T>> Rows<T>(this NpgsqlDataSource database, string sql, Func<NpgsqlDataReader, T> row, params object[] arguments)
    {
        await using var command = database.Statement(sql, arguments);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = ImmutableArray.CreateBuilder<T>();
        while (await reader.ReadAsync())
            rows.Add(row(reader));
        return rows.ToImmutable();
    }

    /// <summary>
    /// The version each write of <paramref name="batch"/> came to, as the statement returns them:
    /// a row per write stored, its key (read by <paramref name="keyOf"/>, matched to a write's by
    /// <paramref name="keyOfWrite"/>) and its new version in the last column. A write it returns no
    /// row for failed its version check: null.
    /// </summary>
    public static async Task<IReadOnlyList<long?>> Versions<TWrite, TKey>(
        this NpgsqlCommand command, IReadOnlyList<TWrite> batch, Func<TWrite, TKey> keyOfWrite, Func<NpgsqlDataReader, TKey> keyOf)
        where TKey : notnull
    {
        var versions = new Dictionary<TKey, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            versions[keyOf(reader)] = reader.GetInt64(reader.FieldCount - 1);
        return [.. batch.Select(write => versions.TryGetValue(keyOfWrite(write), out var version) ? version : (long?)null)];
    }
}
