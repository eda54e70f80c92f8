using System.Collections.Concurrent;
using Orders.Grains.Lists;

namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's grain lists, in the silo's own process. A list takes an entry for the same small
/// cost however long it has grown (immutable trees re-pathed on every change did not). A reader
/// gets a copy, so it never sees one half made.
/// </summary>
public sealed class InProcessListStore : IListStore
{
    private readonly ConcurrentDictionary<string, StoredList> lists = new();

    public Task<ImmutableArray<T>> Read<T>(string list) =>
        Task.FromResult(lists.TryGetValue(list, out var stored) ? stored.Read<T>() : []);

    public Task Add<T>(string list, string key, T entry)
    {
        lists.GetOrAdd(list, static _ => new StoredList()).Add(key, entry!);
        return Task.CompletedTask;
    }

    /// <summary>A list's entries in the order they came, and the keys it holds.</summary>
    private sealed class StoredList
    {
        private readonly Lock gate = new();
        private readonly List<object> entries = [];
        private readonly HashSet<string> keys = [];

        public void Add(string key, object entry)
        {
            lock (gate)
            {
                if (keys.Add(key))
                    entries.Add(entry);
            }
        }

        public ImmutableArray<T> Read<T>()
        {
            lock (gate)
                return [.. entries.Select(entry => (T)entry)];
        }
    }
}
