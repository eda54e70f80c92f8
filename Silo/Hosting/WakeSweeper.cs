using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orders.Grains;
using Orders.Grains.Ledgers;
using Orders.Grains.Orders;
using Orders.Grains.Wakes;

namespace Orders.Silo.Hosting;

/// <summary>
/// Wakes the orders whose stored wake time has passed (<see cref="IWakeAtState"/>), and the stocks
/// whose ledger's has (<see cref="DurableLedger{THeader,TEntry}"/>): every
/// <see cref="LifecycleOptions.SweepInterval"/> it asks the storage which are due and calls each
/// one's <see cref="IWakeable.Wake"/>. Every silo sweeps: a grain woken twice finds the second
/// time that it has moved on, so no silo has to own a share of them, and one that dies leaves
/// nothing to hand over. This replaces a reminder per order, whose registration at each move and
/// whose loop in the silo's reminder service cost about a sixth of the throughput
/// (docs/performance.md, "The order's durable timer").
/// </summary>
internal sealed partial class WakeSweeper(
    IDueGrains store,
    ILedgerStore ledgers,
    IGrainFactory grains,
    IOptions<LifecycleOptions> lifecycle,
    TimeProvider clock,
    ILogger<WakeSweeper> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    /// <summary>At most this many wakes a sweep: a burst of timeouts is spread over the next sweeps.</summary>
    internal const int SweepSize = 1_000;

    private const int WakesAtOnce = 32;

    private readonly CancellationTokenSource stopping = new();
    private Task sweeping = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WakeSweeper), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        sweeping = Sweep(stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Ends the sweeps, waiting for the one under way only as long as the silo's stop allows: a wake
    /// may wait on a slow provider or database for longer than the host gives the whole stop. What
    /// it leaves undone stays due in storage.
    /// </summary>
    private async Task Stop(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        await sweeping.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => stopping.Dispose();

    private async Task Sweep(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(lifecycle.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                await SweepOnce(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping; the grains due now are the other silos' to wake, or this one's when it is back.
        }
    }

    private async Task SweepOnce(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<GrainId> due;
        // A ledger is named by its grain's id: the name of each due stock, by the grain to wake.
        var ledgerOf = new Dictionary<GrainId, string>();
        var namelessLedgers = new List<string>();
        try
        {
            due = [.. await store.Due(OrderGrain.StateName, now, SweepSize)];
            foreach (var ledger in await ledgers.Due(now, SweepSize))
            {
                if (GrainId.TryParse(ledger, out var grainId))
                {
                    due.Add(grainId);
                    ledgerOf[grainId] = ledger;
                }
                else
                {
                    LogLedgerNamesNoGrain(logger, ledger);
                    namelessLedgers.Add(ledger);
                }
            }
        }
        catch (Exception failure)
        {
            LogSweepFailed(logger, failure);
            return;
        }

        var failed = new ConcurrentQueue<(GrainId Grain, Exception Failure)>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = WakesAtOnce, CancellationToken = cancellationToken }, async (grainId, _) =>
        {
            try
            {
                await grains.GetGrain<IWakeable>(grainId).Wake();
            }
            catch (Exception failure)
            {
                failed.Enqueue((grainId, failure));
            }
        });
        // A wake that failed for the cluster's trouble (a silo dying, this one stopping) stays due
        // for the next sweep, this silo's or another's.
        var failedForOwnReason = failed.Where(wake => !PassingFailures.Is(wake.Failure)).Select(wake => wake.Grain).ToList();
        // One line a sweep: a thousand unreadable orders would otherwise be a thousand warnings.
        if (failed.TryPeek(out var first))
            LogWakesFailed(logger, first.Failure, failed.Count, first.Grain, failedForOwnReason.Count);
        await Postpone(
            [.. failedForOwnReason.Where(grainId => !ledgerOf.ContainsKey(grainId))],
            [.. failedForOwnReason.Select(grainId => ledgerOf.GetValueOrDefault(grainId)).OfType<string>(), .. namelessLedgers],
            now);
    }

    /// <summary>
    /// Has the grains a sweep could not wake for a failure of their own (a state that cannot be
    /// read) woken again a <see cref="LifecycleOptions.ReminderPeriod"/> later, as a grain whose own
    /// work at a wake fails is. Left due, they would come first in every sweep, every silo's, and a thousand of
    /// them (a sweep's size) would have every other order's timeout and stock's claim wait for good.
    /// </summary>
    private async Task Postpone(IReadOnlyList<GrainId> orders, IReadOnlyList<string> stocks, DateTimeOffset due)
    {
        var until = clock.GetUtcNow() + lifecycle.Value.ReminderPeriod;
        try
        {
            if (orders.Count > 0)
                await store.Postpone(OrderGrain.StateName, orders, due, until);
            if (stocks.Count > 0)
                await ledgers.Postpone(stocks, due, until);
        }
        catch (Exception failure)
        {
            LogPostponeFailed(logger, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for grains to wake failed; the next sweep looks again")]
    private static partial void LogSweepFailed(ILogger logger, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger {Ledger} is due to be woken but names no grain; clear its wake_at (it is looked at again a reminder period later)")]
    private static partial void LogLedgerNamesNoGrain(ILogger logger, string ledger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking {Count} grains failed (the first {GrainId}, whose failure this is); {Postponed} failed for a reason of their own and are woken again a reminder period later, the rest at the next sweep")]
    private static partial void LogWakesFailed(ILogger logger, Exception failure, int count, GrainId grainId, int postponed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Postponing the grains a sweep could not wake failed; the next sweep wakes them again")]
    private static partial void LogPostponeFailed(ILogger logger, Exception failure);
}
