using System.Text.Json;
using Npgsql;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// What PostgreSQL plans for a statement, with the planner biased by commands run first on the same
/// connection: <c>SET</c>, or empty temporary tables that shadow the real ones.
/// </summary>
public static class QueryPlans
{
    /// <summary>Every node of the statement's plan, the root first.</summary>
    public static async Task<List<JsonElement>> Nodes(NpgsqlDataSource database, string plannerSetup, string sql, params object[] arguments)
    {
        await using var connection = await Biased(database, plannerSetup);
        return await Explain(connection, sql, arguments);
    }

    /// <summary>
    /// Every node of the generic plan: the one PostgreSQL makes without the arguments' values and
    /// may keep for a prepared statement, as Npgsql prepares the statements it runs often.
    /// </summary>
    public static async Task<List<JsonElement>> GenericPlanNodes(NpgsqlDataSource database, string plannerSetup, string sql, params object[] arguments)
    {
        await using var connection = await Biased(database, plannerSetup);
        await Run(connection, "SET plan_cache_mode = force_generic_plan");
        await Run(connection, $"PREPARE statement_under_test AS {sql}");
        // EXPLAIN EXECUTE takes its arguments as SQL text, not as parameters: PostgreSQL spells them.
        var literals = new List<string>();
        foreach (var argument in arguments)
            literals.Add((string)(await Run(connection, "SELECT quote_nullable($1)", argument))!);
        return await Explain(connection, $"EXECUTE statement_under_test({string.Join(", ", literals)})", []);
    }

    /// <summary>
    /// A connection outside the pool, with the setup run on it: closing it ends the session, so its
    /// settings, temporary tables and prepared statement never reach another test.
    /// </summary>
    private static async Task<NpgsqlConnection> Biased(NpgsqlDataSource database, string plannerSetup)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            await Run(connection, plannerSetup);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<object?> Run(NpgsqlConnection connection, string sql, params object[] arguments)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var argument in arguments)
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<JsonElement>> Explain(NpgsqlConnection connection, string sql, object[] arguments)
    {
        using var plan = JsonDocument.Parse((string)(await Run(connection, $"EXPLAIN (FORMAT JSON) {sql}", arguments))!);
        var nodes = new List<JsonElement>();
        Collect(plan.RootElement[0].GetProperty("Plan").Clone(), nodes);
        return nodes;
    }

    /// <summary>The nodes that read <paramref name="table"/>.</summary>
    public static IEnumerable<JsonElement> ScansOf(this IEnumerable<JsonElement> nodes, string table) =>
        nodes.Where(node => node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == table
            && node.GetProperty("Node Type").GetString()!.EndsWith("Scan", StringComparison.Ordinal));

    private static void Collect(JsonElement node, List<JsonElement> nodes)
    {
        nodes.Add(node);
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
                Collect(child, nodes);
        }
    }
}
