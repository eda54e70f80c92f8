using System.Collections.Concurrent;
using Orders.Grains.IdSets;

namespace Orders.Silo.Memory;

/// <summary>Dev mode's id sets: immutable sets in the silo's own process, so a reader never sees one change half made.</summary>
public sealed class InProcessIdSets : IIdSetStore
{
    private readonly ConcurrentDictionary<string, ImmutableHashSet<string>> sets = new();

    public Task<ImmutableHashSet<string>> Read(string set) => Task.FromResult(sets.GetValueOrDefault(set, []));

    public Task Add(string set, string id)
    {
        sets.AddOrUpdate(set, _ => [id], (_, members) => members.Add(id));
        return Task.CompletedTask;
    }

    public Task Remove(string set, string id)
    {
        sets.AddOrUpdate(set, _ => [], (_, members) => members.Remove(id));
        return Task.CompletedTask;
    }
}
