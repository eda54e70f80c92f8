namespace Orders.Grains;

/// <summary>
/// How long an order may wait on each party before it is cancelled (configuration section
/// <c>Lifecycle</c>), and how durable timers retry.
/// </summary>
public sealed class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>
    /// A placement cut short (a reserve failed, or its silo died while reserving) that no retry
    /// finishes is cancelled by then, counted from receipt, and its holds released: a sold-out
    /// flash sale should not turn customers away for stock such orders hold. Longer than
    /// <see cref="PaymentRetryDelay"/>, the timer set with the first write is still right once
    /// the order is placed.
    /// </summary>
    public TimeSpan PlacementTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A placed order whose payment has not gone through by then is cancelled.</summary>
    public TimeSpan UnpaidTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A paid order its restaurant has not answered by then is cancelled and refunded.</summary>
    public TimeSpan UnansweredTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An accepted order no driver has taken by then is cancelled and refunded.</summary>
    public TimeSpan NoDriverTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How soon a payment or refund the provider could not take is tried again.</summary>
    public TimeSpan PaymentRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The period of the reminders behind every durable timer: a timer whose work failed fires again
    /// after it, and an order whose wake failed is woken again after it. Must not be below the
    /// reminder service's minimum period.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often each silo looks for orders whose stored wake time has passed: how late at most a
    /// timeout or a repeated payment ask comes. An order whose work at a wake fails is woken again
    /// a <see cref="ReminderPeriod"/> later.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);
}
