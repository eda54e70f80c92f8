namespace Orders.Silo.Postgres.Streams;

/// <summary>How far a queue's reader has read: the last row's inserting transaction and id (migration 013).</summary>
internal readonly record struct ReadPosition(long Tx, long Id)
{
    /// <summary>Before every row: where a reader that takes a queue starts.</summary>
    public static readonly ReadPosition Start = new(0, 0);
}
