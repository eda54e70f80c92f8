namespace Orders.Silo.Postgres;

/// <summary>
/// One change to <c>grain_lists</c>: an entry's list, its key there, and the entry serialized, or
/// no payload for a removal.
/// </summary>
internal sealed record ListRow(string List, string Key, byte[]? Payload);
