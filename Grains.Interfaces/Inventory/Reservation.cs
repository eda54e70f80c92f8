namespace Orders.Grains.Inventory;

/// <summary>
/// The outcome of a reserve: held, or not with what was available; <see cref="WasHeld"/> when the
/// order held units before it (an earlier reserve under its id: the same quantity is a retry,
/// another one is refused, <see cref="IsHeldOtherwise"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.Reservation")]
public sealed record Reservation([property: Id(0)] bool IsHeld, [property: Id(1)] int Quantity, [property: Id(2)] bool WasHeld = false)
{
    /// <summary>
    /// The order holds <see cref="Quantity"/> units, not the quantity asked: an earlier placement
    /// under its id, never answered, asked for other content. The hold stays that placement's.
    /// </summary>
    public bool IsHeldOtherwise => WasHeld && !IsHeld;

    public static Reservation Held(int quantity) => new(true, quantity);

    public static Reservation HeldBefore(int quantity) => new(true, quantity, WasHeld: true);

    public static Reservation HeldOtherwise(int held) => new(false, held, WasHeld: true);

    public static Reservation Short(int available) => new(false, available);
}
