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
}
