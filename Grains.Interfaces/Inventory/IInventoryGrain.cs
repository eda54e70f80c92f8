namespace Orders.Grains.Inventory;

/// <summary>Stock of one product. Key: the product id.</summary>
[Alias("orders.IInventoryGrain")]
public interface IInventoryGrain : IGrainWithStringKey
{
    /// <summary>Adds a signed delta to on-hand stock; refused if it would leave less than is reserved.</summary>
    [Alias("Adjust")]
    Task<Result<StockLevel>> Adjust(int delta);

    /// <summary>Sets on-hand stock, optionally only if the stock is still at <paramref name="expectedVersion"/>.</summary>
    [Alias("SetOnHand")]
    Task<Result<StockLevel>> SetOnHand(int onHand, long? expectedVersion);

    [Alias("Get")]
    Task<StockLevel> Get();

    /// <summary>Holds stock for an order. Idempotent per order id: a retry gets the first answer.</summary>
    [Alias("Reserve")]
    Task<Reservation> Reserve(string orderId, int quantity);

    /// <summary>Turns an order's reservation into a sale. Idempotent per order id.</summary>
    [Alias("Commit")]
    Task Commit(string orderId);

    /// <summary>Gives an order's reservation back. Idempotent; unknown orders are ignored.</summary>
    [Alias("Release")]
    Task Release(string orderId);
}
