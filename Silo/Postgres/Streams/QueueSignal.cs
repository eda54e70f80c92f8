namespace Orders.Silo.Postgres.Streams;

/// <summary>
/// Wakes a queue's reader when events arrive. A reader takes <see cref="Next"/> before it reads,
/// so a notification that lands while it reads still wakes its following wait.
/// </summary>
internal sealed class QueueSignal
{
    private TaskCompletionSource next = New();

    public Task Next => Volatile.Read(ref next).Task;

    public void Pulse() => Interlocked.Exchange(ref next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
