using Orders.Grains.Catalog;
using Orders.Grains.Delivery;
using Orders.Grains.Inventory;
using Orders.Grains.Orders;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;

namespace Orders.Tests.Infrastructure;

/// <summary>Seeds restaurants, products and stock through the grains.</summary>
public sealed class Shop(IGrainFactory grains)
{
    public static readonly RestaurantProfile Luigis = new("Luigi's", "1 Main Street");

    /// <summary>A placement of <paramref name="lines"/> for <paramref name="customerId"/>.</summary>
    public static PlaceOrder Command(string customerId, params (string ProductId, int Quantity)[] lines) =>
        new(customerId, [.. lines.Select(line => new LineRequest(line.ProductId, line.Quantity))]);

    public async Task<string> Restaurant()
    {
        var restaurantId = Unique.Id("restaurant");
        var created = await grains.GetGrain<IRestaurantGrain>(restaurantId).Create(Luigis);
        Assert.False(created.IsRefused);
        return restaurantId;
    }

    public async Task<string> Product(string restaurantId, int stock, long priceMinorUnits = 1250, string? productId = null)
    {
        productId ??= Unique.Id("product");
        var info = new ProductInfo($"Pizza {productId}", "thin crust", new Money(priceMinorUnits, "EUR"), Available: true);
        var created = await grains.GetGrain<IProductGrain>(productId).Create(restaurantId, info);
        Assert.False(created.IsRefused);
        if (stock > 0)
            Assert.False((await Stock(productId).Adjust(stock)).IsRefused);
        return productId;
    }

    public IInventoryGrain Stock(string productId) => grains.GetGrain<IInventoryGrain>(productId);

    public async Task<(int OnHand, int Reserved, int Sold)> Level(string productId)
    {
        var level = await Stock(productId).Get();
        return (level.OnHand, level.Reserved, level.Sold);
    }

    /// <summary>A restaurant with its own delivery zone, so drivers of other tests never take its orders.</summary>
    public async Task<(string RestaurantId, string Zone)> Restaurant(bool autoAccept, TimeSpan? prepTime = null, int capacity = 10)
    {
        var restaurantId = await Restaurant();
        var zone = Unique.Id("zone");
        var settings = new RestaurantSettings(Open: true, autoAccept, prepTime ?? TimeSpan.FromMinutes(10), capacity, zone);
        Assert.False((await grains.GetGrain<IRestaurantGrain>(restaurantId).Configure(settings)).IsRefused);
        return (restaurantId, zone);
    }

    /// <summary>A registered driver in <paramref name="zone"/>, on duty.</summary>
    public async Task<string> Driver(string zone)
    {
        var driverId = Unique.Id("driver");
        var driver = grains.GetGrain<IDriverGrain>(driverId);
        Assert.False((await driver.Register("Dana", zone)).IsRefused);
        Assert.False((await driver.SetOnDuty(true)).IsRefused);
        return driverId;
    }

    /// <summary>Places an order for one product and checks it was placed.</summary>
    public async Task<string> Order(string customerId, string productId, int quantity = 1, string? orderId = null)
    {
        orderId ??= Unique.Id("order");
        var placed = await grains.GetGrain<IOrderGrain>(orderId).Place(new PlaceOrder(customerId, [new LineRequest(productId, quantity)]));
        Assert.False(placed.IsRefused, placed.Refusal?.Message);
        return orderId;
    }

    /// <summary>A paid order of five in stock, waiting at a restaurant that answers by hand.</summary>
    public async Task<(string OrderId, string ProductId, string RestaurantId)> PaidOrderAwaitingTheRestaurant()
    {
        var (restaurantId, _) = await Restaurant(autoAccept: false);
        var productId = await Product(restaurantId, stock: 5);
        var orderId = await Order(Unique.Id("customer"), productId);
        await Reaches(orderId, OrderStatus.Paid);
        return (orderId, productId, restaurantId);
    }

    public Task<OrderSnapshot> Reaches(string orderId, OrderStatus status, TimeSpan? timeout = null) =>
        Eventually.Until(async () => (await grains.GetGrain<IOrderGrain>(orderId).Get())!, order => order.Status == status, timeout);

    /// <summary>The order's payment, as GetPayment reads it, once it has <paramref name="status"/>.</summary>
    public async Task<PaymentDetails> Payment(string orderId, PaymentStatus status, TimeSpan? timeout = null) =>
        (await Eventually.Until(() => grains.GetGrain<IOrderGrain>(orderId).Payment(), payment => payment?.Status == status, timeout))!;

    /// <summary>The record the order's payment grain keeps of its refund once it has <paramref name="status"/>.</summary>
    public async Task<PaymentDetails> PaymentGrainRecord(string orderId, PaymentStatus status, TimeSpan? timeout = null) =>
        (await Eventually.Until(() => ReadPaymentGrain(orderId), payment => payment?.Status == status, timeout))!;

    /// <summary>
    /// A settled payment leaves memory at once, and a read that reaches its activation on the way
    /// out may be rejected by Orleans once forwarding gives up; such a read is simply made again.
    /// </summary>
    private async Task<PaymentDetails?> ReadPaymentGrain(string orderId)
    {
        try
        {
            return await grains.GetGrain<IPaymentGrain>(orderId).Get();
        }
        catch (OrleansMessageRejectionException)
        {
            return null;
        }
    }
}
