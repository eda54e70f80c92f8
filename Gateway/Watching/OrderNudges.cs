using System.Threading.Channels;

namespace Orders.Gateway.Watching;

/// <summary>One watch's nudges from its order, folded so a burst wakes the reader once.</summary>
public sealed class OrderNudges
{
    private readonly Channel<bool> nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Whether a nudge waits to be taken by <see cref="Next"/>.</summary>
    public bool Waiting => nudges.Reader.TryPeek(out _);

    public void Nudge() => nudges.Writer.TryWrite(true);

    /// <summary>Waits for a nudge, or at most <paramref name="timeout"/>.</summary>
    public async Task Next(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await nudges.Reader.ReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No nudge in time: the caller renews its lease and looks anyway.
        }
    }
}
