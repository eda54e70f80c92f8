namespace Orders.Grains.Inventory;

/// <summary>The outcome of a reserve: held, or short with what was available.</summary>
[GenerateSerializer, Immutable, Alias("orders.Reservation")]
public sealed record Reservation([property: Id(0)] bool IsHeld, [property: Id(1)] int Quantity)
{
    public static Reservation Held(int quantity) => new(true, quantity);

    public static Reservation Short(int available) => new(false, available);
}
