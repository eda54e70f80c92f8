using Npgsql;

namespace Orders.Tests.Persistence;

/// <summary>The README's query for what the database keeps runs against the schema as it is, and finds the orders.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrowthQueryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_readmes_growth_query_counts_the_orders_rows_and_the_lists_rows()
    {
        var shop = new Shop(fixture.Grains);
        var (restaurantId, _) = await shop.Restaurant(autoAccept: false);
        await shop.Order(Unique.Id("customer"), await shop.Product(restaurantId, stock: 1));
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        await using var command = database.CreateCommand(DocumentedSql.Containing("README.md", "FROM grain_state GROUP BY state_name"));

        var states = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            states.Add(reader.GetString(0));
        Assert.True(await reader.NextResultAsync(), "the lists' count is missing");

        Assert.Contains("order", states);
        Assert.Contains("restaurant", states);
    }
}
