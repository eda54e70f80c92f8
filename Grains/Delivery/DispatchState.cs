using Orders.Grains.Events;

namespace Orders.Grains.Delivery;

/// <summary>A zone's board. A driver is in at most one of <see cref="Free"/> and <see cref="Busy"/>'s keys.</summary>
[GenerateSerializer, Immutable, Alias("orders.DispatchState")]
public sealed record DispatchState : IOutboxState<DispatchState>
{
    /// <summary>On duty and free, longest free first.</summary>
    [Id(0)] public ImmutableArray<string> Free { get; init; } = [];

    /// <summary>Driver to the order they are delivering.</summary>
    [Id(1)] public ImmutableDictionary<string, string> Busy { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Drivers on duty (free or busy): a busy one comes back to <see cref="Free"/> when done.</summary>
    [Id(2)] public ImmutableHashSet<string> OnDuty { get; init; } = [];

    /// <summary>Accepted orders without a driver, longest waiting first.</summary>
    [Id(3)] public ImmutableArray<WaitingOrder> Waiting { get; init; } = [];

    [Id(4)] public Outbox Outbox { get; init; } = new();

    public DispatchState WithOutbox(Outbox outbox) => this with { Outbox = outbox };

    public string? DriverOf(string orderId) => Busy.FirstOrDefault(pair => pair.Value == orderId).Key;

    public bool IsWaiting(string orderId) => Waiting.Any(waiting => waiting.OrderId == orderId);

    /// <summary>Whether the order waits for a driver or is with one.</summary>
    public bool Holds(string orderId) => IsWaiting(orderId) || DriverOf(orderId) is not null;

    public DispatchView View() => new(Free, [.. Waiting.Select(waiting => waiting.OrderId)], Busy);

    public DispatchState Assign(string orderId, string driverId) => this with
    {
        Free = Free.Remove(driverId),
        Busy = Busy.Add(driverId, orderId),
        Waiting = Waiting.RemoveAll(waiting => waiting.OrderId == orderId),
    };

    /// <summary>The driver's delivery ended (done or cancelled): back to the free list if still on duty.</summary>
    public DispatchState Release(string driverId) => this with
    {
        Busy = Busy.Remove(driverId),
        Free = OnDuty.Contains(driverId) && !Free.Contains(driverId) ? Free.Add(driverId) : Free,
    };

    public DispatchState WithAvailability(string driverId, bool onDuty) => this with
    {
        OnDuty = onDuty ? OnDuty.Add(driverId) : OnDuty.Remove(driverId),
        Free = !onDuty ? Free.Remove(driverId)
            : Busy.ContainsKey(driverId) || Free.Contains(driverId) ? Free
            : Free.Add(driverId),
    };
}
