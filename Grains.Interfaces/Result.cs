namespace Orders.Grains;

/// <summary>
/// The answer to a command: a value, or a <see cref="Grains.Refusal"/>. Refusals are answers the
/// caller must handle, so they travel as values; exceptions are kept for bugs and outages.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.Result`1")]
public sealed record Result<T>([property: Id(0)] T? Value, [property: Id(1)] Refusal? Refusal)
    where T : class
{
    public bool IsRefused => Refusal is not null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Refusal refusal) => new(null, refusal);
}
