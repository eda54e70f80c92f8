namespace Orders.Silo.Postgres;

/// <summary>One entry added to <c>grain_lists</c>: its list, its key there, and the entry serialized.</summary>
internal sealed record ListRow(string List, string Key, byte[] Payload);
