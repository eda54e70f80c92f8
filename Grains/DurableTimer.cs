using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orders.Grains;

/// <summary>
/// A grain's one-shot durable timer, kept on a reminder so it survives deactivation and silo
/// loss. <see cref="At"/> moves or clears it; the reminder table is only touched when the time
/// actually changes. The reminder keeps its period after firing, so work that failed in the
/// callback runs again a period later, until the owner moves or clears the timer. A timer that
/// cannot be moved retires its owner's activation: the write it follows is stored already, and
/// the next activation (woken by the event or the call coming again) sets it from its state.
/// </summary>
/// <param name="mayBeSet">
/// Whether the owner's state says a timer may be registered; when it says not, clearing costs
/// nothing (no lookup in the reminder table).
/// </param>
public sealed class DurableTimer(Grain owner, string name, bool mayBeSet)
{
    /// <summary>
    /// The reminder service skips a first tick that is already past when it starts the reminder's
    /// timer and waits a whole period instead (dotnet/orleans#9385), so a timer due now (a kitchen
    /// with no prep time, a refund retry that came due while the grain was away) is set a moment ahead.
    /// </summary>
    private static readonly TimeSpan SoonestDue = TimeSpan.FromSeconds(1);

    private readonly TimeProvider clock = owner.GrainContext.ActivationServices.GetRequiredService<TimeProvider>();
    private readonly TimeSpan period = owner.GrainContext.ActivationServices.GetRequiredService<IOptions<LifecycleOptions>>().Value.ReminderPeriod;
    private IGrainReminder? reminder;
    private DateTimeOffset? due;

    /// <summary>The reminder's period: how soon work that failed in the callback comes again when nothing moves the timer.</summary>
    public TimeSpan Period => period;

    /// <summary>Schedules the timer for <paramref name="when"/>, or clears it when null.</summary>
    public async Task At(DateTimeOffset? when)
    {
        try
        {
            await Move(when);
        }
        catch
        {
            owner.DeactivateOnIdle();
            throw;
        }
    }

    private async Task Move(DateTimeOffset? when)
    {
        if (when is { } time)
        {
            if (reminder is not null && due == time)
                return;
            var delay = time - clock.GetUtcNow();
            reminder = await owner.RegisterOrUpdateReminder(name, delay > SoonestDue ? delay : SoonestDue, period);
            due = time;
            mayBeSet = true;
            return;
        }

        if (!mayBeSet)
            return;
        reminder ??= await owner.GetReminder(name);
        if (reminder is not null)
            await owner.UnregisterReminder(reminder);
        (reminder, due, mayBeSet) = (null, null, false);
    }

    /// <summary>
    /// Call from ReceiveReminder: the reminder exists, whatever the state said. A tick that came
    /// before the time it was set for forgets that time, so setting it again for the same time
    /// brings it back then instead of a period later. A tick on time keeps it: work that failed
    /// in the callback and asks for the same (now past) time again waits for the period rather
    /// than coming back every second.
    /// </summary>
    public void Fired()
    {
        mayBeSet = true;
        if (due > clock.GetUtcNow())
            due = null;
    }
}
