namespace Orders.Grains.Lists;

/// <summary>
/// A grain's set of ids, held in memory and written one change at a time to a list of its own
/// (<see cref="IListStore"/>). A change counts only once it is stored: if the write fails the
/// set stays as it was and the caller sees the failure.
/// </summary>
public sealed class DurableIdSet(IListStore store, string name)
{
    public ImmutableHashSet<string> Members { get; private set; } = [];

    public async Task Load() => Members = [.. await store.Read<string>(name)];

    public bool Contains(string id) => Members.Contains(id);

    public async Task Add(string id)
    {
        if (Members.Contains(id))
            return;
        await store.Add(name, id, id);
        Members = Members.Add(id);
    }

    public async Task Remove(string id)
    {
        if (!Members.Contains(id))
            return;
        await store.Remove(name, id);
        Members = Members.Remove(id);
    }
}
