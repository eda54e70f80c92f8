using Grpc.Health.V1;
using Orders.Gateway;
using Orders.V1;
using IOrderGrain = Orders.Grains.Orders.IOrderGrain;

namespace Orders.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class GatewayHappyPathTests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);

    [Fact]
    public async Task Restaurants_and_products_are_created_updated_read_and_listed()
    {
        var restaurantId = Unique.Id("restaurant");
        var productId = Unique.Id("product");

        await api.Restaurants.CreateRestaurantAsync(new CreateRestaurantRequest { RestaurantId = restaurantId, Name = "Luigi's", Address = "1 Main Street" });
        var renamed = await api.Restaurants.UpdateRestaurantAsync(new UpdateRestaurantRequest { RestaurantId = restaurantId, Name = "Luigi's Trattoria", Address = "1 Main Street" });
        var created = await api.Catalog.CreateProductAsync(new CreateProductRequest
        {
            ProductId = productId, RestaurantId = restaurantId, Name = "Margherita", Description = "tomato", Price = Clients.Euros(900), Available = true,
        });
        var updated = await api.Catalog.UpdateProductAsync(new UpdateProductRequest
        {
            ProductId = productId, Name = "Margherita", Description = "tomato, basil", Price = Clients.Euros(950), Available = true,
        });
        var read = await api.Catalog.GetProductAsync(new GetProductRequest { ProductId = productId });
        var listed = await api.Catalog.ListRestaurantProductsAsync(new ListRestaurantProductsRequest { RestaurantId = restaurantId });
        var menu = await api.Restaurants.SetMenuAsync(new SetMenuRequest { RestaurantId = restaurantId, ProductIds = { productId } });
        var restaurant = await api.Restaurants.GetRestaurantAsync(new GetRestaurantRequest { RestaurantId = restaurantId });

        Assert.Equal((2L, "Luigi's Trattoria"), (renamed.Version, renamed.Name));
        Assert.Equal(("Luigi's Trattoria", 1L), (created.RestaurantName, created.Version));
        Assert.Equal((950L, "tomato, basil", 2L), (updated.Price.MinorUnits, updated.Description, updated.Version));
        Assert.Equal(updated, read);
        Assert.Equal(updated, Assert.Single(listed.Products));
        Assert.Equal([productId], menu.MenuProductIds);
        Assert.Equal(menu, restaurant);
    }

    [Fact]
    public async Task Inventory_is_adjusted_set_at_an_expected_version_and_read()
    {
        var (_, productId) = await api.SeedProduct(stock: 0);

        var added = await api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = 10 });
        var removed = await api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, Delta = -4 });
        var set = await api.Inventory.UpdateInventoryAsync(new UpdateInventoryRequest { ProductId = productId, SetOnHand = 20, ExpectedVersion = removed.Version });
        var read = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });

        Assert.Equal((10, 1L), (added.OnHand, added.Version));
        Assert.Equal(6, removed.Available);
        Assert.Equal((20, 20, 3L), (set.OnHand, set.Available, set.Version));
        Assert.Equal(set, read);
    }

    [Fact]
    public async Task An_order_whose_id_the_gateway_makes_up_is_placed_without_its_grain_activated_or_vouched_for_and_read_back_stored()
    {
        var (_, productId) = await api.SeedProduct(stock: 10, cents: 1250);
        var customerId = Unique.Id("customer");

        var minted = await api.Orders.CreateOrderAsync(Clients.OrderFor(customerId, productId, 1));
        var chosen = await api.Orders.CreateOrderAsync(Clients.OrderFor(customerId, productId, 1, Unique.Id("client-order")));

        Assert.DoesNotContain(OrderGrainId(minted.OrderId), await fixture.Grains.ActiveGrains());
        Assert.Empty(VouchWitness.Instance.CallsVouching(OrderGrainId(minted.OrderId)));
        Assert.Empty(VouchWitness.Instance.CallsVouching(OrderGrainId(chosen.OrderId)));
        Assert.Equal((OrderStatus.Paid, OrderStatus.Paid), (minted.Status, chosen.Status));
        Assert.Equal(OrderStatus.Paid, (await api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = minted.OrderId })).Status);
    }

    private GrainId OrderGrainId(string orderId) => fixture.Grains.GetGrain<IOrderGrain>(orderId).GetGrainId();

    [Fact]
    public async Task An_order_is_created_read_listed_and_cancelled()
    {
        var (restaurantId, productId) = await api.SeedProduct(stock: 10, cents: 1250);
        var customerId = Unique.Id("customer");

        var created = await api.Orders.CreateOrderAsync(Clients.OrderFor(customerId, productId, 2));
        var reserved = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
        var read = await api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = created.OrderId });
        var listed = await api.Orders.ListCustomerOrdersAsync(new ListCustomerOrdersRequest { CustomerId = customerId });
        var cancelled = await api.Orders.CancelOrderAsync(new CancelOrderRequest { OrderId = created.OrderId, Reason = "changed my mind" });
        var released = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });

        Assert.StartsWith("order_", created.OrderId, StringComparison.Ordinal);
        Assert.Equal((OrderStatus.Paid, restaurantId, 2500L), (created.Status, created.RestaurantId, created.Total.MinorUnits));
        Assert.Equal(("Margherita", 1250L), (created.Lines[0].Name, created.Lines[0].UnitPrice.MinorUnits));
        Assert.Equal((10, 2, 8), (reserved.OnHand, reserved.Reserved, reserved.Available));
        Assert.Equal(created.Lines, read.Lines);
        Assert.Equal(created.History, read.History);
        Assert.Equal(created.OrderId, Assert.Single(listed.Orders).OrderId);
        Assert.Equal((OrderStatus.Cancelled, "at the customer's request: changed my mind"), (cancelled.Status, cancelled.History[^1].Reason));
        Assert.Equal((10, 0), (released.OnHand, released.Reserved));
    }

    [Fact]
    public async Task Every_listening_port_serves_every_service_and_reports_health()
    {
        var (_, productId) = await api.SeedProduct(stock: 1);

        foreach (var channel in fixture.Channels)
        {
            var stock = await new InventoryService.InventoryServiceClient(channel).GetInventoryAsync(new GetInventoryRequest { ProductId = productId });
            var ready = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            var alive = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = GatewayApp.LivenessService });
            Assert.Equal(1, stock.OnHand);
            Assert.Equal((HealthCheckResponse.Types.ServingStatus.Serving, HealthCheckResponse.Types.ServingStatus.Serving), (ready.Status, alive.Status));
        }
        Assert.Equal(2, fixture.Channels.Count);
    }
}
