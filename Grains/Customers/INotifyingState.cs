namespace Orders.Grains.Customers;

/// <summary>
/// A producer's state that keeps the notifications its own events give its customer, so that they
/// are stored in its own row by the write that stores the events, and need no inbox row each: an
/// order tells its customer of each of its steps. The customer's inbox reads them from the states
/// of its orders (<see cref="CustomerGrain"/>). Producers whose states are not among the customer's
/// orders (a refund's payment, dispatch's driver assignment) add an inbox row per notification
/// (<see cref="CustomerLists.InboxEntryFor"/>).
/// </summary>
public interface INotifyingState
{
    /// <summary>What the producer's events told its customer, in the order they were raised.</summary>
    ImmutableArray<Notification> Notifications { get; }
}

/// <inheritdoc cref="INotifyingState"/>
public interface INotifyingState<out TState> : INotifyingState
{
    /// <summary>The state with <paramref name="notification"/> kept after the others.</summary>
    TState Notify(Notification notification);
}
