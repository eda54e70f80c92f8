namespace Orders.Silo.Postgres.Streams;

/// <summary>A row as one read took it: an ack or a hand-back reaches it only while its attempt count is still this one.</summary>
internal readonly record struct RowReceipt(long RowId, int Attempts);
