namespace Orders.Grains.Inventory;

/// <summary>
/// Stock of one product. Key: the product id. Woken (<see cref="IWakeable"/>) when holds its
/// activation would have asked about come due and no activation is left to ask.
/// </summary>
[Alias("orders.IInventoryGrain")]
public interface IInventoryGrain : IGrainWithStringKey, IWakeable
{
    /// <summary>Adds a signed delta to on-hand stock; refused if it would leave less than is reserved.</summary>
    [Alias("Adjust")]
    Task<Result<StockLevel>> Adjust(int delta);

    /// <summary>Sets on-hand stock, optionally only if the stock is still at <paramref name="expectedVersion"/>.</summary>
    [Alias("SetOnHand")]
    Task<Result<StockLevel>> SetOnHand(int onHand, long? expectedVersion);

    [Alias("Get")]
    Task<StockLevel> Get();

    /// <summary>
    /// The units available, and those <paramref name="orderId"/> holds already (a placement of it
    /// lost before its write, which a retry takes up again). Holds nothing.
    /// </summary>
    [Alias("Availability")]
    Task<(int Available, int Held)> Availability(string orderId);

    /// <summary>
    /// Holds stock for an order. Idempotent while the order holds it: a retry of the same quantity
    /// is answered <see cref="Reservation.HeldBefore"/> and holds nothing more; another quantity is
    /// refused (<see cref="Reservation.HeldOtherwise"/>).
    /// A committed or released order holds nothing, so a reserve after that would hold anew; an
    /// order reserves only while it is pending, before either.
    /// </summary>
    [Alias("Reserve")]
    Task<Reservation> Reserve(string orderId, int quantity);

    /// <summary>
    /// Said by an order once it is stored with its hold here: it claims the hold, so the stock need
    /// not ask it (<see cref="Orders.IOrderGrain.ClaimsHold"/>, which would wake an order that left
    /// memory) when the hold comes due. Kept in memory only: lost, or forgotten with the stock's
    /// activation, the stock asks as it would have.
    /// </summary>
    [OneWay, Alias("Claimed")]
    Task Claimed(string orderId);

    /// <summary>
    /// Turns an order's reservation into a sale; the stock then forgets the order. Again, or for an
    /// order holding nothing, it changes nothing (it writes the counts as they are, which fences a
    /// stale activation).
    /// </summary>
    [Alias("Commit")]
    Task Commit(string orderId);

    /// <summary>Gives an order's reservation back. Again, or for an order holding nothing, it changes nothing, as <see cref="Commit"/>.</summary>
    [Alias("Release")]
    Task Release(string orderId);
}
