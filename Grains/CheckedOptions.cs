using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Orders.Grains;

/// <summary>Binding and checking <see cref="ICheckedOptions"/>, and the checks they share.</summary>
public static class CheckedOptions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and checks it when the host starts.</summary>
    public static IServiceCollection AddCheckedOptions<T>(this IServiceCollection services, IConfigurationSection section)
        where T : class, ICheckedOptions
    {
        services.AddOptions<T>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new Validator<T>(section));
        return services;
    }

    /// <summary>
    /// The longest a .NET timer or delay waits, about 49 days. A duration the services wait out, or
    /// add to a time, is at most this: <see cref="TimeSpan.MaxValue"/> (an operator's "never")
    /// threw from the first wait or sum instead of at the start.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>A problem for each duration that is not above zero, or is above <paramref name="longest"/>.</summary>
    public static IEnumerable<string> Within(string section, TimeSpan longest, params (string Key, TimeSpan Value)[] durations) =>
        durations.Where(duration => duration.Value <= TimeSpan.Zero || duration.Value > longest)
            .Select(duration => $"{section}:{duration.Key} must be positive and at most {longest} (it is {duration.Value})");

    /// <summary>
    /// Whether <paramref name="written"/> is a duration with its hours, minutes and seconds. A bare
    /// number is a count of days to .NET: <c>Lifecycle__SweepInterval=1</c>, meant as a second,
    /// started and swept every order's timeouts a day late.
    /// </summary>
    public static bool WrittenAsTime(string written) => written.Contains(':', StringComparison.Ordinal);

    /// <summary>A problem for each count below <paramref name="least"/>.</summary>
    public static IEnumerable<string> AtLeast(string section, int least, params (string Key, int Value)[] counts) =>
        counts.Where(count => count.Value < least)
            .Select(count => $"{section}:{count.Key} must be at least {least} (it is {count.Value})");

    /// <summary>A problem for each of <typeparamref name="T"/>'s durations that <paramref name="section"/> gives as a bare number.</summary>
    private static IEnumerable<string> BareNumbers<T>(IConfigurationSection section) =>
        typeof(T).GetProperties()
            .Where(property => property.PropertyType == typeof(TimeSpan))
            .Select(property => (Key: property.Name, Written: section[property.Name]))
            .Where(duration => duration.Written is { Length: > 0 } written && !WrittenAsTime(written))
            .Select(duration => $"{section.Path}:{duration.Key} must be written as hours, minutes and seconds, such as 00:00:01, not '{duration.Written}' (days to .NET)");

    private sealed class Validator<T>(IConfigurationSection section) : IValidateOptions<T> where T : class, ICheckedOptions
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            BareNumbers<T>(section).Concat(options.Problems(section.Path)).ToList() is { Count: > 0 } problems
                ? ValidateOptionsResult.Fail(problems)
                : ValidateOptionsResult.Success;
    }
}
