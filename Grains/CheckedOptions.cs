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
        services.AddSingleton<IValidateOptions<T>>(new Validator<T>(section.Path));
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

    /// <summary>A problem for each count below <paramref name="least"/>.</summary>
    public static IEnumerable<string> AtLeast(string section, int least, params (string Key, int Value)[] counts) =>
        counts.Where(count => count.Value < least)
            .Select(count => $"{section}:{count.Key} must be at least {least} (it is {count.Value})");

    private sealed class Validator<T>(string section) : IValidateOptions<T> where T : class, ICheckedOptions
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems(section).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
