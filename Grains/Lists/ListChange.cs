namespace Orders.Grains.Lists;

/// <summary>
/// A change to a grain list (<see cref="IListStore"/>): the list, the entry's key in it, and the
/// entry to add, or none to remove the entry with that key.
/// </summary>
public sealed record ListChange(string List, string Key, object? Entry)
{
    public static ListChange Removal(string list, string key) => new(list, key, Entry: null);
}
