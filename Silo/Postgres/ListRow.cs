namespace Orders.Silo.Postgres;

/// <summary>One row for <c>grain_lists</c>: an entry's list, its key there, and the entry serialized.</summary>
internal sealed record ListRow(string List, string Key, byte[] Payload);
