using Microsoft.Extensions.Options;

namespace Orders.Tests.Grains.Probes;

public sealed class TimerProbeGrain(IOptions<LifecycleOptions> lifecycle, TimeProvider clock) : Grain, ITimerProbeGrain, IRemindable
{
    private const string TimerName = "probe";
    private const int FailingTicksOnTime = 2;

    private readonly List<DateTimeOffset> ticks = [];
    private DurableTimer timer = null!;
    private DateTimeOffset due;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        timer = new DurableTimer(this, TimerName, mayBeSet: false);
        return Task.CompletedTask;
    }

    Task ITimerProbeGrain.SetFor(DateTimeOffset time)
    {
        due = time;
        return timer.At(time);
    }

    Task ITimerProbeGrain.TickEarly(TimeSpan delay) =>
        this.RegisterOrUpdateReminder(TimerName, delay, lifecycle.Value.ReminderPeriod);

    Task<ImmutableArray<DateTimeOffset>> ITimerProbeGrain.Ticks() => Task.FromResult(ticks.ToImmutableArray());

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        timer.Fired();
        var now = clock.GetUtcNow();
        ticks.Add(now);
        var onTime = ticks.Count(tick => tick >= due);
        await timer.At(onTime > FailingTicksOnTime ? null : due);
    }
}
