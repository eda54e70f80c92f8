using System.Collections.Concurrent;
using Orders.Grains.Lists;

namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's grain lists, in the silo's own process. Entries are immutable values, so they are
/// kept as they are; each list is replaced whole on a change, so a reader never sees one half made.
/// </summary>
public sealed class InProcessListStore : IListStore
{
    private readonly ConcurrentDictionary<string, StoredList> lists = new();

    public Task<ImmutableArray<T>> Read<T>(string list) =>
        Task.FromResult(lists.TryGetValue(list, out var stored) ? [.. stored.Keys.Select(key => (T)stored.Entries[key])] : ImmutableArray<T>.Empty);

    public Task Add<T>(string list, string key, T entry)
    {
        lists.AddOrUpdate(list, _ => StoredList.Empty.With(key, entry!), (_, stored) => stored.With(key, entry!));
        return Task.CompletedTask;
    }

    public Task Remove(string list, string key)
    {
        lists.AddOrUpdate(list, _ => StoredList.Empty, (_, stored) => stored.Without(key));
        return Task.CompletedTask;
    }

    /// <summary>A list's keys in the order their entries came, and the entries by key.</summary>
    private sealed record StoredList(ImmutableList<string> Keys, ImmutableDictionary<string, object> Entries)
    {
        public static readonly StoredList Empty = new([], ImmutableDictionary<string, object>.Empty);

        public StoredList With(string key, object entry) =>
            Entries.ContainsKey(key) ? this : new(Keys.Add(key), Entries.Add(key, entry));

        public StoredList Without(string key) =>
            Entries.ContainsKey(key) ? new(Keys.Remove(key), Entries.Remove(key)) : this;
    }
}
