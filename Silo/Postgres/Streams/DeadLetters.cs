namespace Orders.Silo.Postgres.Streams;

/// <summary>Moving a queued event to <c>stream_dead_letters</c>, for the reader that cannot read it and the filter that finds it poison alike.</summary>
internal static class DeadLetters
{
    /// <summary>Moves row <paramref name="rowId"/> out of its queue into the dead letters with <paramref name="reason"/>.</summary>
    public static async Task Bury(this NpgsqlDataSource database, long rowId, string reason)
    {
        await using var command = database.Statement(StreamSql.Bury, rowId, reason);
        await command.ExecuteNonQueryAsync();
    }
}
