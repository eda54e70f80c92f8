using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orders.Grains;
using Orders.Grains.Wakes;
using Orders.Silo.Hosting;
using Orders.Silo.Memory;

namespace Orders.Tests.Persistence;

/// <summary>The wake sweeper stops with its silo, whatever a sweep under way waits on.</summary>
public sealed class WakeSweeperTests
{
    [Fact]
    public async Task A_sweep_stuck_on_storage_does_not_hold_the_silo_s_stop_past_its_budget()
    {
        var storage = new StuckStorage();
        using var sweeper = new WakeSweeper(
            storage, new InProcessLedgerStore(), grains: null!, Options.Create(new LifecycleOptions { SweepInterval = TimeSpan.FromMilliseconds(10) }),
            TimeProvider.System, NullLogger<WakeSweeper>.Instance);
        var silo = new SiloLifecycleSubject(NullLogger<SiloLifecycleSubject>.Instance);
        sweeper.Participate(silo);
        await silo.OnStart(CancellationToken.None);
        await storage.Asked.WaitAsync(TimeSpan.FromSeconds(10));

        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var stopping = silo.OnStop(budget.Token);

        // Without a budget of its own the stop would wait for an answer that never comes.
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Storage that takes the question of what is due and never answers it.</summary>
    private sealed class StuckStorage : IDueGrains
    {
        private readonly TaskCompletionSource asked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Asked => asked.Task;

        public Task<IReadOnlyList<GrainId>> Due(string stateName, DateTimeOffset now, int limit)
        {
            asked.TrySetResult();
            return new TaskCompletionSource<IReadOnlyList<GrainId>>().Task;
        }

        public Task Postpone(string stateName, IReadOnlyList<GrainId> grainIds, DateTimeOffset due, DateTimeOffset until) =>
            throw new InvalidOperationException("nothing was due, so nothing failed to wake");
    }
}
