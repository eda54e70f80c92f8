namespace Orders.Grains.Events;

/// <summary>A fact some grain recorded. Where it is delivered is decided by the routing table, not here.</summary>
[GenerateSerializer, Immutable, Alias("orders.DomainEvent")]
public abstract record DomainEvent([property: Id(0)] EventHeader Header);
