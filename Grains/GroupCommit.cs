namespace Orders.Grains;

/// <summary>
/// Group commit for a reentrant grain: changes made while a write is in flight are stored
/// together by the next write, so many concurrent callers share one storage round trip. A caller
/// returns only once a write that includes its change (or the state it decided on) is durable.
/// If a write fails, every caller it covered fails, the activation refuses further work and is
/// retired, and the next activation reads what storage really holds.
/// </summary>
/// <param name="write">
/// Stores everything changed so far. What it stores must be taken before its first await: changes
/// made after that belong to the next write.
/// </param>
public sealed class GroupCommit(Func<Task> write, IGrainBase owner)
{
    private TaskCompletionSource? inFlight;
    private TaskCompletionSource? pending;
    private Exception? broken;

    /// <summary>Call once the change is made in memory; returns when a write that includes it is durable.</summary>
    public Task Changed()
    {
        ThrowIfBroken();
        var covering = pending ??= NewWaiter();
        if (inFlight is null)
            _ = WriteWhilePending();
        return covering.Task;
    }

    /// <summary>Returns when the state as it is now is durable: at once if no write is pending or in flight.</summary>
    public Task Durable()
    {
        ThrowIfBroken();
        return (pending ?? inFlight)?.Task ?? Task.CompletedTask;
    }

    private async Task WriteWhilePending()
    {
        while (pending is { } covered)
        {
            pending = null;
            inFlight = covered;
            try
            {
                await write();
                covered.TrySetResult();
            }
            catch (Exception failure)
            {
                broken = failure;
                owner.DeactivateOnIdle();
                covered.TrySetException(failure);
                pending?.TrySetException(failure);
                pending = null;
            }
        }

        inFlight = null;
    }

    private void ThrowIfBroken()
    {
        // An OrleansException, as the cluster's other passing failures are: the gateway answers it
        // UNAVAILABLE, and a retry reaches the next activation, which reads what storage holds.
        if (broken is not null)
            throw new OrleansException("a storage write failed; this activation is being retired", broken);
    }

    private static TaskCompletionSource NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
