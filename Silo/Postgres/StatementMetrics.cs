using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orders.Grains.Diagnostics;

namespace Orders.Silo.Postgres;

/// <summary>
/// What one <see cref="StatementBatcher{TRequest, TResult}"/> costs its callers, on the
/// <see cref="OrdersMeter"/>: how long a request waits for a statement to carry it, how long a
/// statement takes (its round trip and commit), and how many requests share one. Light load
/// makes small batches, each paying a whole round trip; the figures say how small.
/// </summary>
internal sealed class StatementMetrics(string statement)
{
    private static readonly Histogram<double> Waited = OrdersMeter.Duration(
        "orders.storage.queue.duration", "How long a request waited for a statement to carry it, by statement");

    private static readonly Histogram<double> Took = OrdersMeter.Duration(
        "orders.storage.statement.duration", "How long a batched statement took, round trip and commit, by statement");

    private static readonly Histogram<int> Carried = OrdersMeter.Meter.CreateHistogram<int>(
        "orders.storage.statement.requests", "{request}", "How many requests one statement carried, by statement");

    private static readonly Counter<long> Failures = OrdersMeter.Meter.CreateCounter<long>(
        "orders.storage.statement.failures", "{statement}", "Batched statements that failed, by statement and whether they surely took no effect (undone: their batch runs again)");

    private readonly KeyValuePair<string, object?> tag = new("statement", statement);

    /// <summary>A request queued at <paramref name="queuedAt"/> (<see cref="Stopwatch.GetTimestamp"/>) leaves in a statement now.</summary>
    public void Leaves(long queuedAt) => Waited.Record(Stopwatch.GetElapsedTime(queuedAt).TotalSeconds, tag);

    /// <summary>A statement failed; <paramref name="undone"/> if it surely took no effect, and its batch runs again (<see cref="UndoneStatements"/>) unless it ran out of tries.</summary>
    public void Failed(bool undone) => Failures.Add(1, tag, new KeyValuePair<string, object?>("undone", undone));

    /// <summary>A statement begun at <paramref name="startedAt"/> carried <paramref name="requests"/> and is done now.</summary>
    public void Ran(int requests, long startedAt)
    {
        Took.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tag);
        Carried.Record(requests, tag);
    }
}
