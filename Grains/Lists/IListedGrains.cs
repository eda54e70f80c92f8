namespace Orders.Grains.Lists;

/// <summary>The storage's view of listed states (<see cref="IListedState"/>): which grains a list holds.</summary>
public interface IListedGrains
{
    /// <summary>The keys of the grains whose stored state names <paramref name="list"/>, the first stored first.</summary>
    Task<ImmutableArray<string>> In(string list);

    /// <summary>
    /// The states stored under <paramref name="stateName"/> that are in <paramref name="list"/> for
    /// good (<see cref="IListedState.ListedIn"/>), the first stored first: what a list's owner reads
    /// of its entries without a call to each.
    /// </summary>
    Task<ImmutableArray<T>> StatesListedIn<T>(string stateName, string list);

    /// <summary>
    /// The grains <paramref name="list"/> holds, each once: first the entries an earlier version
    /// kept for it a row each in <paramref name="rows"/>, then the
    /// grains whose own state names it.
    /// </summary>
    async Task<ImmutableArray<string>> WithRowsOf(IListStore rows, string list)
    {
        var kept = await rows.Read<string>(list);
        var listed = await In(list);
        return kept.IsEmpty ? listed : [.. kept.Union(listed, StringComparer.Ordinal)];
    }
}
