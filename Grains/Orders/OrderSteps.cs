using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orders.Grains.Catalog;
using Orders.Grains.Inventory;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;

namespace Orders.Grains.Orders;

/// <summary>
/// The placement's steps that an order's grain and <see cref="OrderPlacement"/> both take, so that
/// an order placed by either is stored alike.
/// </summary>
internal static partial class OrderSteps
{
    /// <summary>Prices <paramref name="lines"/> from this silo's copy of the catalog (<see cref="PricedOrder.From"/>).</summary>
    public static async Task<Result<PricedOrder>> Price(this ProductCache catalog, ImmutableArray<LineRequest> lines)
    {
        var pricedAt = Stopwatch.GetTimestamp();
        var products = await Task.WhenAll(lines.Select(line => catalog.Get(line.ProductId).AsTask()));
        PlacementSteps.Took(PlacementSteps.Price, pricedAt);
        return PricedOrder.From(lines, lines.Zip(products).ToDictionary(pair => pair.First.ProductId, pair => pair.Second));
    }

    /// <summary>Asks each line's stock to hold its units for <paramref name="orderId"/> (all at once), measured as the reserve step.</summary>
    public static async Task<Reservation[]> Reserve(this IGrainFactory grains, string orderId, ImmutableArray<OrderLine> lines)
    {
        var reservedAt = Stopwatch.GetTimestamp();
        var reservations = await Task.WhenAll(lines.Select(line => grains.Reference<IInventoryGrain>(line.ProductId).Reserve(orderId, line.Quantity)));
        PlacementSteps.Took(PlacementSteps.Reserve, reservedAt);
        return reservations;
    }

    /// <summary>Gives back the holds <paramref name="orderId"/> has on the stocks of <paramref name="lines"/> (all at once).</summary>
    public static Task Release(this IGrainFactory grains, string orderId, IEnumerable<OrderLine> lines) =>
        Task.WhenAll(lines.Select(line => grains.Reference<IInventoryGrain>(line.ProductId).Release(orderId)));

    /// <summary>
    /// <paramref name="pending"/> rejected for the lines whose <paramref name="reservations"/> came
    /// back short, once its held lines are given back. A short line holds nothing (a reserve
    /// answers Held to any hold the order already has), so only the held lines are released, and a
    /// sold-out product's refusals cost it no second call; each short product is recorded as run
    /// short on this silo, so that its next orders ask the stock before they hold anything.
    /// </summary>
    public static async Task<OrderState> RejectedShort(
        this IGrainFactory grains, ShortStock shortStock, string orderId, OrderState pending, Reservation[] reservations, DateTimeOffset now)
    {
        var lines = pending.Lines;
        await grains.Release(orderId, lines.Zip(reservations).Where(pair => pair.Second.IsHeld).Select(pair => pair.First));
        var shortLines = new List<string>();
        foreach (var (line, reservation) in lines.Zip(reservations).Where(pair => !pair.Second.IsHeld))
        {
            shortStock.RanShort(line.ProductId);
            shortLines.Add(ShortLine(line.ProductId, line.Quantity, reservation.Quantity));
        }
        return pending.Rejected(shortLines, now);
    }

    /// <summary>
    /// Of the lines whose product ran short on this silo (<see cref="ShortStock"/>), those its stock
    /// still cannot cover for <paramref name="orderId"/>, asked without holding anything, each as
    /// <see cref="ShortLine"/> says it. What the order holds already counts: under a client's id a
    /// placement lost before its write may hold the last units, which its retry takes up again.
    /// </summary>
    public static async ValueTask<IReadOnlyList<string>> StillShort(
        this ShortStock shortStock, IGrainFactory grains, string orderId, ImmutableArray<LineRequest> lines)
    {
        // Asked for every order: with no line suspect, it answers without allocating.
        List<LineRequest>? suspects = null;
        foreach (var line in lines)
        {
            if (shortStock.Contains(line.ProductId))
                (suspects ??= []).Add(line);
        }
        if (suspects is null)
            return [];

        var availability = await Task.WhenAll(suspects.Select(line => grains.Reference<IInventoryGrain>(line.ProductId).Availability(orderId)));
        var shortLines = new List<string>();
        foreach (var (line, (available, held)) in suspects.Zip(availability))
        {
            // Short no more only for every order: what this one holds covers it alone.
            if (available >= line.Quantity)
                shortStock.Replenished(line.ProductId);
            else if (available + held < line.Quantity)
                shortLines.Add(ShortLine(line.ProductId, line.Quantity, available + held));
        }
        return shortLines;
    }

    /// <summary>A line its stock cannot cover, as a refusal names it.</summary>
    private static string ShortLine(string productId, int asked, int available) => $"{productId} (asked {asked}, available {available})";

    /// <summary>
    /// The settings by which <paramref name="restaurantId"/> answers its orders itself, from this
    /// silo's copy: closed (it rejects them) or answering automatically (it accepts them); null if
    /// it answers by hand.
    /// </summary>
    public static async Task<RestaurantSettings?> StandingAnswer(this RestaurantCache restaurants, string restaurantId) =>
        (await restaurants.Get(restaurantId))?.Settings is { } settings && (!settings.Open || settings.AutoAccept) ? settings : null;

    /// <summary>The charge's answer if it comes within <paramref name="wait"/>, else null (it goes on).</summary>
    public static async Task<ChargeOutcome?> AnsweredWithin(this Task<ChargeOutcome> charge, TimeSpan wait, TimeProvider clock)
    {
        try
        {
            return await charge.WaitAsync(wait, clock);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Tells <paramref name="order"/> <paramref name="charge"/>'s answer as a call of its own, so that it is taken in a turn like any other.</summary>
    public static Task TellWhenCharged(this IOrderGrain order, Money amount, Task<ChargeOutcome> charge, ILogger logger)
    {
        var orderId = order.GetPrimaryKeyString();
        return Task.Run(async () =>
        {
            try
            {
                await order.PaymentSettled(OrderPayment.Answer(orderId, amount, await charge));
            }
            catch (Exception failure)
            {
                LogChargeAnswerLost(logger, failure, orderId);
            }
        });
    }

    /// <summary>Tells the stock of each line that the stored order claims its hold, so that its coming due does not call the order.</summary>
    public static Task ClaimHolds(this IGrainFactory grains, string orderId, IEnumerable<OrderLine> lines) =>
        Task.WhenAll(lines.Select(line => grains.Reference<IInventoryGrain>(line.ProductId).Claimed(orderId)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The charge call of order {OrderId} failed or its answer was not taken; the order's timer asks again")]
    private static partial void LogChargeAnswerLost(ILogger logger, Exception failure, string orderId);
}
