namespace Orders.Grains.Lists;

/// <summary>
/// Lists that grains keep one row per entry, so adding an entry writes that entry alone. Grain
/// state is rewritten whole on every save, which is right for what a grain changes together but
/// not for a collection that grows with traffic: the notifications a customer gets from others
/// than their orders, a driver's delivery steps. Every entry has a key, unique in its list:
/// adding an entry whose key is there already changes nothing, so an event applied again adds
/// nothing.
/// </summary>
/// <remarks>
/// No version check: a list has one writer at a time (the grain that owns it, or for a list an
/// event projects, <c>EventProjections</c>, the producer of the event that names the entry), and
/// every change is idempotent, so a change repeated after a failure lands as once.
/// </remarks>
public interface IListStore
{
    /// <summary>The list's entries, oldest first.</summary>
    Task<ImmutableArray<T>> Read<T>(string list);

    Task Add<T>(string list, string key, T entry);

    /// <summary>Adds an entry whose type the list's reader names (<see cref="Read{T}"/>).</summary>
    Task Apply(ListChange change) => Add(change.List, change.Key, change.Entry);
}
