namespace Orders.Grains.IdSets;

/// <summary>
/// Sets of ids kept one row per member, so adding or removing an id writes that id alone. Grain
/// state is rewritten whole on every save, which is right for what a grain changes together
/// but not for a set that grows with traffic: a restaurant nobody answers for a while holds
/// hundreds of orders, and each new one rewrote them all.
/// </summary>
/// <remarks>
/// No version check: a set has one writer (the grain that owns it), and adding or removing an
/// id is idempotent, so a change repeated after a failure lands as once.
/// </remarks>
public interface IIdSetStore
{
    Task<ImmutableHashSet<string>> Read(string set);

    Task Add(string set, string id);

    Task Remove(string set, string id);
}
