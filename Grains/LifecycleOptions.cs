namespace Orders.Grains;

/// <summary>
/// How long an order may wait on each party before it is cancelled (configuration section
/// <c>Lifecycle</c>), and how durable timers retry.
/// </summary>
public sealed class LifecycleOptions : ICheckedOptions
{
    public const string Section = "Lifecycle";

    /// <summary>
    /// How long a hold a placement took may go unclaimed by a stored order: then the stock asks the
    /// order, and gives back the hold of one whose placement was lost before its write (a sold-out
    /// flash sale should not turn customers away for stock such placements hold).
    /// </summary>
    public TimeSpan PlacementTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a placement waits for its charge before it stores the order PLACED and answers:
    /// a charge answered by then is stored with the placement in one write (paid, or failed), a
    /// slower one in a write of its own when it answers. Far below <see cref="PlacementTimeout"/>,
    /// by which the order's write must have claimed its holds.
    /// </summary>
    public TimeSpan ChargeWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A placed order whose payment has not gone through by then is cancelled.</summary>
    public TimeSpan UnpaidTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A paid order its restaurant has not answered by then is cancelled and refunded.</summary>
    public TimeSpan UnansweredTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An accepted order no driver has taken by then is cancelled and refunded.</summary>
    public TimeSpan NoDriverTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long an accepted order may wait to be ready before it asks its restaurant whether the
    /// kitchen has it, and again as often while it waits. The kitchen hears of an order from its
    /// OrderAccepted: one lost to the dead letters would leave the order, and the driver holding it,
    /// waiting for good.
    /// </summary>
    public TimeSpan KitchenCheck { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long an accepted order may wait for a driver before it asks dispatch whether it has it,
    /// and again as often while it waits. Dispatch hears of an order from its OrderAccepted, and of
    /// a driver done from the delivery or the cancellation: one of those lost to the dead letters
    /// would leave the order off the board, or a driver busy for good, until the order is cancelled
    /// for want of a driver (<see cref="NoDriverTimeout"/>).
    /// </summary>
    public TimeSpan DriverCheck { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How soon a payment or refund the provider could not take is tried again.</summary>
    public TimeSpan PaymentRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The period of the reminders behind every durable timer: a timer whose work failed fires again
    /// after it, and an order whose wake failed (or a stock one did not answer) is woken again after it. Must not be below the
    /// reminder service's minimum period.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often each silo looks for orders, and stocks, whose stored wake time has passed: how late
    /// at most a timeout or a repeated payment ask comes. An order whose work at a wake fails (or
    /// whose activation could not settle its stock), or a stock an order did not answer, is woken
    /// again a <see cref="ReminderPeriod"/> later.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<string> Problems(string section) => SweepProblems(section).Concat(CheckedOptions.Within(section, CheckedOptions.LongestWait,
        (nameof(PlacementTimeout), PlacementTimeout), (nameof(ChargeWait), ChargeWait), (nameof(UnpaidTimeout), UnpaidTimeout),
        (nameof(UnansweredTimeout), UnansweredTimeout), (nameof(NoDriverTimeout), NoDriverTimeout), (nameof(KitchenCheck), KitchenCheck),
        (nameof(DriverCheck), DriverCheck), (nameof(PaymentRetryDelay), PaymentRetryDelay), (nameof(ReminderPeriod), ReminderPeriod)));

    private IEnumerable<string> SweepProblems(string section)
    {
        if (SweepInterval < TimeSpan.FromMilliseconds(1) || SweepInterval > CheckedOptions.LongestWait)
            yield return $"{section}:{nameof(SweepInterval)} must be at least a millisecond and at most {CheckedOptions.LongestWait} (it is {SweepInterval})";
    }
}
