using System.Collections.Concurrent;
using Orders.Grains.Lists;

namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's grain lists, in the silo's own process. A list takes an entry or gives one up for
/// the same small cost however long it has grown (a restaurant's pending orders reach thousands
/// in a benchmark; immutable trees re-pathed on every change, and a removal that searched the
/// whole list, did not). A reader gets a copy, so it never sees one half made.
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

    public Task Remove(string list, string key)
    {
        if (lists.TryGetValue(list, out var stored))
            stored.Remove(key);
        return Task.CompletedTask;
    }

    /// <summary>A list's entries in the order they came, each also found by its key.</summary>
    private sealed class StoredList
    {
        private readonly Lock gate = new();
        private readonly LinkedList<object> entries = new();
        private readonly Dictionary<string, LinkedListNode<object>> byKey = [];

        public void Add(string key, object entry)
        {
            lock (gate)
            {
                if (!byKey.ContainsKey(key))
                    byKey.Add(key, entries.AddLast(entry));
            }
        }

        public void Remove(string key)
        {
            lock (gate)
            {
                if (byKey.Remove(key, out var node))
                    entries.Remove(node);
            }
        }

        public ImmutableArray<T> Read<T>()
        {
            lock (gate)
                return [.. entries.Select(entry => (T)entry)];
        }
    }
}
