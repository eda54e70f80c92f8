using Grpc.Core;
using Orders.Compat.Seed000.Ordering;
using Orders.Compat.Seed000.Stock;
using Orders.Gateway.Compat;
using V1 = Orders.V1;

namespace Orders.Tests.Gateway.Seeds;

/// <summary>Seed 000's clients over a real socket: stock added and removed, single-product orders.</summary>
[Collection(GatewayCollection.Name)]
public sealed class Seed000Tests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);
    private readonly SeedClients seeds = new(fixture.Channel);

    [Fact]
    public async Task Stock_is_added_and_removed_and_an_order_takes_from_it()
    {
        var (_, productId) = await api.SeedProduct(stock: 0, cents: 1250);

        var added = await seeds.Seed000Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Quantity = 5 });
        var removed = await seeds.Seed000Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Quantity = -2 });
        var created = await seeds.Seed000Orders.CreateOrderAsync(new CreateOrderRequest { ProductId = productId, Quantity = 2 });

        Assert.Equal($"product {productId}: 5 on hand, 5 available", added.Message);
        Assert.Equal($"product {productId}: 3 on hand, 3 available", removed.Message);
        Assert.Contains("order_", created.OrderId, StringComparison.Ordinal);
        Assert.Equal($"order {created.OrderId} PLACED: 2 x Margherita, 25.00 EUR", created.Message);
        var order = await api.Orders.GetOrderAsync(new V1.GetOrderRequest { OrderId = created.OrderId });
        Assert.Equal((Seed000OrderService.Customer, productId, 2), (order.CustomerId, order.Lines.Single().ProductId, order.Lines.Single().Quantity));
        var stock = await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = productId });
        Assert.Equal((3, 2, 1), (stock.OnHand, stock.Reserved, stock.Available));
    }

    [Fact]
    public async Task An_order_for_more_than_is_left_is_failed_precondition_and_takes_nothing()
    {
        var (_, productId) = await api.SeedProduct(stock: 1);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            seeds.Seed000Orders.CreateOrderAsync(new CreateOrderRequest { ProductId = productId, Quantity = 2 }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(1, (await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = productId })).Available);
    }

    [Theory]
    [InlineData("", 1, StatusCode.InvalidArgument, "product_id is required")]
    [InlineData("known", 0, StatusCode.InvalidArgument, "quantity must not be zero")]
    [InlineData("nowhere", 1, StatusCode.NotFound, "product 'nowhere' not found")]
    public async Task A_bad_stock_change_gets_a_clear_status_and_changes_nothing(string product, int quantity, StatusCode code, string detail)
    {
        var (_, productId) = await api.SeedProduct(stock: 4);

        var refused = await Assert.ThrowsAsync<RpcException>(() => seeds.Seed000Inventory.UpdateInventoryAsync(
            new UpdateInventoryRequest { ProductId = product == "known" ? productId : product, Quantity = quantity }).ResponseAsync);

        Assert.Equal((code, detail), (refused.StatusCode, refused.Status.Detail));
        Assert.Equal((4, 1L), await Stock(productId));
    }

    [Theory]
    [InlineData("", 1, "product_id is required")]
    [InlineData("known", 0, "quantity must be positive")]
    [InlineData("known", -1, "quantity must be positive")]
    public async Task A_bad_order_is_invalid_argument_naming_the_field_and_changes_nothing(string product, int quantity, string detail)
    {
        var (_, productId) = await api.SeedProduct(stock: 4);

        var refused = await Assert.ThrowsAsync<RpcException>(() => seeds.Seed000Orders.CreateOrderAsync(
            new CreateOrderRequest { ProductId = product == "known" ? productId : product, Quantity = quantity }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, detail), (refused.StatusCode, refused.Status.Detail));
        Assert.Equal((4, 1L), await Stock(productId));
    }

    private async Task<(int Available, long Version)> Stock(string productId)
    {
        var stock = await api.Inventory.GetInventoryAsync(new V1.GetInventoryRequest { ProductId = productId });
        return (stock.Available, stock.Version);
    }
}
