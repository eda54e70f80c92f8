using Orders.Grains.Orders;

namespace Orders.Gateway.Watching;

/// <summary>
/// Streams an order's status changes to one client. The order nudges this gateway's observer on
/// every change; each nudge (and, to be safe, each lease renewal) makes the watch read the order
/// and send the history entries the client has not seen. Reading rather than trusting the nudges
/// means a lost nudge, an order reactivated on another silo or a burst of changes still yields
/// every transition, once, in order.
/// </summary>
public sealed class OrderWatch(IGrainFactory grains)
{
    public async Task Run(string orderId, IServerStreamWriter<V1.OrderUpdate> client, CancellationToken cancellationToken)
    {
        var order = grains.GetGrain<IOrderGrain>(orderId);
        var nudges = new OrderNudges();
        var observer = grains.CreateObjectReference<IOrderObserver>(nudges);
        try
        {
            int? sent = null;
            while (true)
            {
                await order.Watch(observer);
                var snapshot = (await order.Get()).OrNotFound($"order '{orderId}'");
                var proto = snapshot.ToProto();
                // The first message is the current status; after that, every change.
                for (var next = sent ?? snapshot.History.Length - 1; next < snapshot.History.Length; next++)
                    await client.WriteAsync(new V1.OrderUpdate { Change = snapshot.History[next].ToProto(), Order = proto }, cancellationToken);
                sent = snapshot.History.Length;

                if (snapshot.Status.IsTerminal())
                    return;
                await nudges.Next(WatchLease.Duration / 2, cancellationToken);
            }
        }
        finally
        {
            grains.DeleteObjectReference<IOrderObserver>(observer);
        }
    }
}
