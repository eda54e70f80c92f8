using System.Collections.Concurrent;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// The sequence tokens the pulling agents see. The agent's cache orders events by token and
/// assumes tokens grow in the order events are read; row ids do not (a row read again by a reader
/// that took its queue over comes back with its old id, and concurrent publishers commit ids out
/// of order). A token from an older id than the cache holds sends a subscriber's cursor past
/// events it has not had, and the cache then purges (acks) them undelivered. So every read gets a
/// fresh token from one counter per silo and provider, and this map leads from a token back to
/// its row and the reader that read it.
/// </summary>
internal sealed class ReadTokens
{
    private readonly ConcurrentDictionary<long, (long RowId, string Reader)> issued = new();
    private long last;

    public EventSequenceTokenV2 Issue(long rowId, string reader)
    {
        var token = Interlocked.Increment(ref last);
        issued[token] = (rowId, reader);
        return new EventSequenceTokenV2(token);
    }

    /// <summary>The row a token was issued for, while the row is still out with this silo.</summary>
    public long? RowOf(StreamSequenceToken token) =>
        issued.TryGetValue(token.SequenceNumber, out var row) ? row.RowId : null;

    /// <summary>Whether the row <paramref name="token"/> was issued for is still out with this silo.</summary>
    public bool IsOut(long token) => issued.ContainsKey(token);

    /// <summary>The row is settled (acknowledged, left for the next reader or buried); its token is no longer needed.</summary>
    public void Forget(StreamSequenceToken token) => issued.TryRemove(token.SequenceNumber, out _);

    /// <summary>
    /// The reader handed its queue back: every row it read and has not settled is the next
    /// reader's now (who reads the queue from its oldest row), so none of them is acknowledged or
    /// buried from here.
    /// </summary>
    public void ForgetAllOf(string reader)
    {
        foreach (var pair in issued.Where(pair => pair.Value.Reader == reader))
            issued.TryRemove(pair);
    }
}
