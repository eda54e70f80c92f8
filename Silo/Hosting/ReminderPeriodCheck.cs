using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orders.Grains;

namespace Orders.Silo.Hosting;

/// <summary>
/// <c>Lifecycle:ReminderPeriod</c> is the period of every durable timer's reminder, which Orleans
/// refuses below its <see cref="ReminderOptions.MinimumReminderPeriod"/> (a minute unless lowered):
/// a shorter one let the silo start, and then failed each kitchen timer and refund retry.
/// </summary>
internal sealed class ReminderPeriodCheck(IOptions<ReminderOptions> reminders) : IValidateOptions<LifecycleOptions>
{
    public ValidateOptionsResult Validate(string? name, LifecycleOptions options)
    {
        var least = reminders.Value.MinimumReminderPeriod;
        return options.ReminderPeriod < least
            ? ValidateOptionsResult.Fail(
                $"{LifecycleOptions.Section}:{nameof(LifecycleOptions.ReminderPeriod)} must be at least the reminder service's minimum period, {least} (it is {options.ReminderPeriod})")
            : ValidateOptionsResult.Success;
    }
}
