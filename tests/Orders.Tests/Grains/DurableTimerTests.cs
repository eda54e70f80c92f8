using Orders.Tests.Grains.Probes;

namespace Orders.Tests.Grains;

/// <summary>
/// The durable timer's ticks against a real reminder table: one that comes before the timer's
/// time does not stand for it, one on time that fails its work waits a period before the next.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DurableTimerTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_tick_before_the_timers_time_brings_it_back_at_that_time_and_a_failing_tick_on_time_a_period_later()
    {
        var key = Unique.Id("timer");
        var probe = fixture.Grains.GetGrain<ITimerProbeGrain>(key);
        var due = DateTimeOffset.UtcNow.AddSeconds(6);
        await probe.SetFor(due);

        await probe.TickEarly(TimeSpan.FromSeconds(1));
        await Eventually.Until(probe.Ticks, found => found.Length >= 2);
        var startAfterTheTickOnTime = await ReminderTable.StartOf(key);
        var ticks = await Eventually.Until(probe.Ticks, found => found.Length == 4);

        Assert.True(ticks[0] < due, $"the first tick came early: {ticks[0]:O} for {due:O}");
        // Asked again for the same time, the timer comes then, not a period (2 s here) after the early tick.
        Assert.True(ticks[1] >= due, $"the second tick came at {ticks[1]:O}, before {due:O}");
        // The failed work asks for the same, now past, time: the reminder stays as it was, to tick
        // a period later, rather than being registered again for the one-second floor.
        Assert.True((startAfterTheTickOnTime - due).Duration() < TimeSpan.FromMilliseconds(500), $"registered again to start at {startAfterTheTickOnTime:O}, not {due:O}");
        Assert.True(ticks[2] - ticks[1] >= TimeSpan.FromSeconds(1.5), $"the tick after the failed one came {ticks[2] - ticks[1]} later, not a period (2 s)");
    }
}
