using System.Diagnostics.Metrics;
using Orders.Grains.Diagnostics;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Moving a queued event to <c>stream_dead_letters</c>, for the reader that cannot read it and the
/// filter that finds it poison alike, and counting every event moved there, by why: each is a step
/// of some order that did not happen, worth an alert.
/// </summary>
internal static class DeadLetters
{
    /// <summary>Its subscriber failed it <see cref="PostgresStreamOptions.MaxAttempts"/> times with the database answering.</summary>
    public const string Poison = "poison";

    /// <summary>Its payload could not be read.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>Read by as many readers as attempts allowed, each of which died holding it.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Still queued after <see cref="PostgresStreamOptions.Retention"/>.</summary>
    public const string Expired = "expired";

    private static readonly Counter<long> Events = OrdersMeter.Meter.CreateCounter<long>(
        "orders.streams.dead_letters", "{event}", "Events moved to the dead letters, by why (poison, unreadable, abandoned, expired)");

    /// <summary>
    /// Moves row <paramref name="rowId"/> out of its queue into the dead letters with <paramref name="reason"/>,
    /// counted as <paramref name="why"/>; false if the row was no longer queued.
    /// </summary>
    public static async Task<bool> Bury(this NpgsqlDataSource database, long rowId, string reason, string why)
    {
        await using var command = database.Statement(StreamSql.Bury, rowId, reason);
        var moved = await command.ExecuteNonQueryAsync();
        Moved(why, moved);
        return moved > 0;
    }

    /// <summary>Counts <paramref name="count"/> events moved to the dead letters for <paramref name="why"/>.</summary>
    public static void Moved(string why, long count)
    {
        if (count > 0)
            Events.Add(count, new KeyValuePair<string, object?>("why", why));
    }
}
