using Orders.Grains.Payments;

namespace Orders.Grains.Orders;

/// <summary>
/// The order's answer to its stock about a hold that went unclaimed for a
/// <see cref="LifecycleOptions.PlacementTimeout"/>: a stored open order keeps it; a placement lost
/// before its write (no order stored under the id) has its charge voided and a record of the loss
/// stored, so that neither a late write of that placement nor a retry of it can stand.
/// </summary>
public sealed partial class OrderGrain
{
    private const string LostPlacement = "placement lost before it was stored";

    async Task<bool> IOrderGrain.ClaimsHold(string productId)
    {
        if (order.RecordExists)
        {
            if (State.Lines.Any(line => line.ProductId == productId) && !(State.Status.IsTerminal() && State.StockSettled))
                return true;
            // A rejected order never charged: a hold it is asked about was taken under its id by
            // an earlier placement of other content, lost after it may have charged. The record of a
            // lost placement is asked again only when its void failed.
            if (State.Status == OrderStatus.Rejected || !State.Exists)
                await VoidLostCharge();
            return false;
        }

        // Never stored, as far as this activation knows: the placement was lost before its write,
        // or its worker's write (OrderPlacement) is late. The record of the loss goes first: it
        // fails if that write landed meanwhile (the activation leaves, and the stock's next ask
        // reads the order), and once stored it refuses the late write and any retry, which the
        // provider would otherwise answer with the charge about to go back. Then any charge goes
        // back by the order id; if that fails, the stock asks again and the record has it voided.
        await outbox.Save(State with { Status = OrderStatus.Cancelled, History = [new StatusChange(OrderStatus.Cancelled, clock.GetUtcNow(), LostPlacement)] });
        LogPlacementLost(logger, OrderId);
        await VoidLostCharge();
        return false;
    }

    /// <summary>
    /// Refunds or voids the charge a placement lost under this order id may have made (one still
    /// on its way is declined); throws if the provider cannot do it yet, for the caller to ask again.
    /// </summary>
    private async Task VoidLostCharge()
    {
        var voided = await payments.Refund(OrderId);
        if (voided.Unavailable is { } unavailable)
            throw new PaymentProviderUnavailableException($"order '{OrderId}' cannot yet void the charge of a placement lost under its id: {unavailable}");
    }

    /// <summary>The answer to a placement of an order whose loss its stock had it record meanwhile (<see cref="IOrderGrain.ClaimsHold"/>).</summary>
    internal static Refusal LostWhilePlaced(string orderId) => Refusal.FailedPrecondition(
        $"order '{orderId}' was lost while it was being placed and its holds and charge were given back; place it again under a new id");
}
