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
        await using var connection = await database.OpenConnectionAsync();
        await using (var planner = new NpgsqlCommand(plannerSetup, connection))
            await planner.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {sql}", connection);
        foreach (var argument in arguments)
            explain.Parameters.Add(new NpgsqlParameter { Value = argument });

        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
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
