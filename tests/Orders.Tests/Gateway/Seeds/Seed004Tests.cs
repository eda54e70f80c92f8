using Grpc.Core;
using Orders.Compat.Seed004;
using V1 = Orders.V1;

namespace Orders.Tests.Gateway.Seeds;

/// <summary>Seed 004's clients over a real socket: orders with quantities, read back by their customer.</summary>
[Collection(GatewayCollection.Name)]
public sealed class Seed004Tests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);
    private readonly SeedClients seeds = new(fixture.Channel);

    [Fact]
    public async Task An_order_adds_up_its_items_of_one_id_and_is_read_back_by_its_customer_alone()
    {
        var (_, productId) = await api.SeedProduct(stock: 10, cents: 1250);
        var customerId = Unique.Id("customer");

        var created = await seeds.Seed004Orders.CreateOrderAsync(new CreateOrderRequest
        {
            CustomerID = customerId,
            Items = { new ItemsWithQuantity { ID = productId, Quantity = 1 }, new ItemsWithQuantity { ID = productId, Quantity = 2 } },
        });
        var read = await seeds.Seed004Orders.GetOrderAsync(new GetOrderRequest { OrderID = created.ID, CustomerID = customerId });
        var readWithoutCustomer = await seeds.Seed004Orders.GetOrderAsync(new GetOrderRequest { OrderID = created.ID });
        var othersRead = await Assert.ThrowsAsync<RpcException>(() =>
            seeds.Seed004Orders.GetOrderAsync(new GetOrderRequest { OrderID = created.ID, CustomerID = "someone-else" }).ResponseAsync);

        Assert.Contains("order_", created.ID, StringComparison.Ordinal);
        Assert.Equal((customerId, "PLACED"), (created.CustomerID, created.Status));
        var item = Assert.Single(created.Items);
        Assert.Equal((productId, "Margherita", 3, "12.50 EUR"), (item.ID, item.Name, item.Quantity, item.PriceID));
        Assert.Equal(created, read);
        Assert.Equal(created, readWithoutCustomer);
        Assert.Equal((StatusCode.NotFound, $"order '{created.ID}' not found"), (othersRead.StatusCode, othersRead.Status.Detail));
        Assert.Equal(3, (await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = productId })).Reserved);
    }

    [Theory]
    [InlineData("", "known", 1, "CustomerID is required")]
    [InlineData("alice", "", 1, "Items[0].ID is required")]
    [InlineData("alice", "known", 0, "Items[0].Quantity must be positive")]
    [InlineData("alice", "none", 0, "Items must not be empty")]
    public async Task A_bad_order_is_invalid_argument_naming_the_seed_s_field_and_changes_nothing(string customerId, string item, int quantity, string detail)
    {
        var (_, productId) = await api.SeedProduct(stock: 10);
        var request = new CreateOrderRequest { CustomerID = customerId };
        if (item != "none")
            request.Items.Add(new ItemsWithQuantity { ID = item == "known" ? productId : item, Quantity = quantity });

        var refused = await Assert.ThrowsAsync<RpcException>(() => seeds.Seed004Orders.CreateOrderAsync(request).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, detail), (refused.StatusCode, refused.Status.Detail));
        Assert.Equal(0, (await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = productId })).Reserved);
    }

    [Fact]
    public async Task An_unknown_order_is_not_found()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            seeds.Seed004Orders.GetOrderAsync(new GetOrderRequest { OrderID = Unique.Id("order") }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }
}
