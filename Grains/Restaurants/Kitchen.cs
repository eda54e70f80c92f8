namespace Orders.Grains.Restaurants;

/// <summary>
/// A kitchen's tickets in acceptance order: up to its capacity cook (they carry the time they are
/// done), the rest queue until a place frees up.
/// </summary>
[GenerateSerializer, Immutable, Alias("orders.Kitchen")]
public sealed record Kitchen
{
    [Id(0)] public ImmutableArray<KitchenTicket> Tickets { get; init; } = [];

    /// <summary>When the next cooking order is done; null when nothing cooks.</summary>
    public DateTimeOffset? NextReady => Tickets.Where(ticket => ticket.ReadyAt is not null).Min(ticket => ticket.ReadyAt);

    /// <summary>
    /// When the kitchen's timer is next due: the next cooking order done, or
    /// <paramref name="retryAt"/> for the <paramref name="failed"/> ones, done but not marked ready,
    /// whichever comes first. Their own past time would bring the tick back at once, and leaving it
    /// held the rest of the kitchen to the failed ones' retries.
    /// </summary>
    public DateTimeOffset? NextTick(IReadOnlyCollection<string> failed, DateTimeOffset retryAt)
    {
        var next = Tickets.Where(ticket => ticket.ReadyAt is not null && !failed.Contains(ticket.OrderId)).Min(ticket => ticket.ReadyAt);
        return Tickets.Any(ticket => failed.Contains(ticket.OrderId)) && !(next < retryAt) ? retryAt : next;
    }

    public bool Has(string orderId) => Tickets.Any(ticket => ticket.OrderId == orderId);

    public ImmutableArray<string> DoneBy(DateTimeOffset now) =>
        [.. Tickets.Where(ticket => ticket.ReadyAt <= now).Select(ticket => ticket.OrderId)];

    public Kitchen Add(string orderId, RestaurantSettings settings, DateTimeOffset now) =>
        Has(orderId) ? this : (this with { Tickets = Tickets.Add(new KitchenTicket(orderId, null)) }).Start(settings, now);

    public Kitchen Remove(string orderId, RestaurantSettings settings, DateTimeOffset now) =>
        (this with { Tickets = Tickets.RemoveAll(ticket => ticket.OrderId == orderId) }).Start(settings, now);

    /// <summary>Starts queued tickets, oldest first, while the kitchen has room.</summary>
    public Kitchen Start(RestaurantSettings settings, DateTimeOffset now)
    {
        var tickets = Tickets.ToBuilder();
        var cooking = Tickets.Count(ticket => ticket.ReadyAt is not null);
        for (var i = 0; i < tickets.Count && cooking < settings.KitchenCapacity; i++)
        {
            if (tickets[i].ReadyAt is null)
            {
                tickets[i] = tickets[i] with { ReadyAt = now + settings.PrepTime };
                cooking++;
            }
        }
        return this with { Tickets = tickets.ToImmutable() };
    }
}
