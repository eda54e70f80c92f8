namespace Orders.Grains.Lists;

/// <summary>An entry to add to a grain list (<see cref="IListStore"/>): the list, the entry's key in it, and the entry.</summary>
public sealed record ListChange(string List, string Key, object Entry);
