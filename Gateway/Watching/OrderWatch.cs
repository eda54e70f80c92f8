using Orders.Grains.Orders;
using Polly;
using Polly.Retry;

namespace Orders.Gateway.Watching;

/// <summary>
/// Streams an order's status changes to one client, and its driver when one is assigned. The
/// order nudges the gateway's one observer on every such change, naming this watch
/// (<see cref="WatchNudges"/>); each nudge (and, to be safe, each lease renewal) makes the watch
/// read the order and send what the client has not seen. Reading rather than trusting the nudges
/// means a lost nudge, an order reactivated on another silo or a burst of changes still yields
/// every transition, once, in order. A gateway that stops ends its watches with UNAVAILABLE at
/// once: the call's own token does not fire on a graceful stop (grpc/grpc-dotnet#2357), and the
/// server would otherwise wait its whole shutdown timeout for watches that may run for hours.
/// A watch ends UNAUTHENTICATED when the caller's token expires: checked once at its start, it
/// would go on telling a customer whose session ended, or a courier let go, for as long as the
/// order runs. And it ends UNAVAILABLE after <see cref="GatewayOptions.WatchLongest"/>: a client
/// that vanished without closing its HTTP/1.1 connection (JSON has no pings) would otherwise be
/// watched, and its order kept in memory, for as long as the order does not end.
/// </summary>
public sealed class OrderWatch(
    IGrainFactory grains, WatchNudges watches, CallerWatches callers, IHostApplicationLifetime lifetime, GatewayOptions options, TimeProvider clock)
{
    /// <summary>
    /// Rides out a silo's death under the watch: the order's calls fail (its silo unreachable, or
    /// not yet declared dead) until the cluster places the order elsewhere, where it is read again
    /// whole, so the client misses no step. About 40 s of tries before the watch ends UNAVAILABLE.
    /// </summary>
    private static readonly ResiliencePipeline ClusterTrouble = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<OrleansException>().Handle<TimeoutException>(),
            MaxRetryAttempts = 10,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(5),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    /// <param name="caller">Whom the token names, counted against <see cref="CallerWatches.MostPerOrder"/>; null with access control off.</param>
    public async Task Run(string orderId, IServerStreamWriter<V1.OrderUpdate> client, string? caller, DateTimeOffset? tokenAcceptedUntil, CancellationToken callEnded)
    {
        if (caller is null)
        {
            await Follow(orderId, client, tokenAcceptedUntil, callEnded);
            return;
        }
        if (!callers.TryOpen(caller, orderId))
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"'{caller}' has {CallerWatches.MostPerOrder} watches of order '{orderId}' open already, the most a caller keeps; watch it again once one has ended"));
        try
        {
            await Follow(orderId, client, tokenAcceptedUntil, callEnded);
        }
        finally
        {
            callers.Close(caller, orderId);
        }
    }

    private async Task Follow(string orderId, IServerStreamWriter<V1.OrderUpdate> client, DateTimeOffset? tokenAcceptedUntil, CancellationToken callEnded)
    {
        var order = grains.Reference<IOrderGrain>(orderId);
        var (watch, nudges) = watches.Open();
        var (endsIn, tokenExpires) = OwnEnd(tokenAcceptedUntil);
        using var ranOut = new CancellationTokenSource(endsIn, clock);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(callEnded, lifetime.ApplicationStopping, ranOut.Token);
        var cancellationToken = ended.Token;
        try
        {
            int? sent = null;
            string? driverSent = null;
            while (true)
            {
                var snapshot = (await ClusterTrouble.ExecuteAsync(async token =>
                {
                    if (!await Abandonable(order.Watch(watches.Observer, watch), token))
                        throw new RpcException(new Status(StatusCode.ResourceExhausted,
                            $"order '{orderId}' has {WatchLease.MostPerOrder} watches already, the most it keeps; watch it again once one has ended"));
                    return await Abandonable(order.Get(), token);
                }, cancellationToken)).OrNotFound($"order '{orderId}'");
                var proto = snapshot.ToProto();
                // The first message is the current status; after that, every change.
                var updates = snapshot.History[(sent ?? snapshot.History.Length - 1)..]
                    .Select(change => new V1.OrderUpdate { Change = change.ToProto(), Order = proto })
                    .ToList();
                // An assignment moves no status (it often lands after READY): the order alone tells of it.
                if (updates.Count == 0 && snapshot.DriverId != driverSent)
                    updates.Add(new V1.OrderUpdate { Order = proto });
                foreach (var update in updates)
                    await client.WriteAsync(update, cancellationToken);
                sent = snapshot.History.Length;
                driverSent = snapshot.DriverId;

                if (snapshot.Status.IsTerminal())
                    return;
                await nudges.Next(WatchLease.Duration / 2, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !callEnded.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the gateway is shutting down; watch the order again"));
        }
        catch (OperationCanceledException) when (ranOut.IsCancellationRequested && !callEnded.IsCancellationRequested)
        {
            throw new RpcException(tokenExpires
                ? new Status(StatusCode.Unauthenticated, $"the caller's token is no longer accepted (since {tokenAcceptedUntil:O}): it expired; watch the order again with a new one")
                : new Status(StatusCode.Unavailable, $"the watch ran its longest ({options.WatchLongest}); watch the order again"));
        }
        finally
        {
            // Otherwise the order would nudge this watch for the rest of its lease, and stay in memory for it.
            order.Unwatch(watch).Ignore();
            watches.Close(watch);
        }
    }

    /// <summary>
    /// A grain call awaited until <paramref name="token"/> fires, and left behind then: the calls
    /// take no token, and one to a silo that stopped answering would hold the watch, and the
    /// gateway's stop, for its whole timeout. A Watch left behind that lands after the Unwatch
    /// keeps a lease nobody renews, for its minute.
    /// </summary>
    private static async Task<T> Abandonable<T>(Task<T> call, CancellationToken token)
    {
        try
        {
            return await call.WaitAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            call.Ignore();
            throw;
        }
    }

    /// <summary>How soon the watch ends by itself: at its longest life, or sooner when the caller's token stops being accepted (then true).</summary>
    private (TimeSpan In, bool TokenExpires) OwnEnd(DateTimeOffset? tokenAcceptedUntil)
    {
        var now = clock.GetUtcNow();
        return tokenAcceptedUntil is { } at && at - now < options.WatchLongest
            ? (at > now ? at - now : TimeSpan.Zero, true)
            : (options.WatchLongest, false);
    }
}
