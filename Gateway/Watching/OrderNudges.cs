using System.Threading.Channels;
using Orders.Grains.Orders;

namespace Orders.Gateway.Watching;

/// <summary>The gateway's end of an order watch: nudges from the order, folded so a burst wakes the reader once.</summary>
public sealed class OrderNudges : IOrderObserver
{
    private readonly Channel<bool> nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public Task Changed()
    {
        nudges.Writer.TryWrite(true);
        return Task.CompletedTask;
    }

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
