namespace Orders.Tests.Infrastructure;

/// <summary>Waits for an asynchronous outcome by polling a condition until a deadline.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"condition not met in time; last value: {Describe(value)}");
            await Task.Delay(50);
        }
    }

    /// <summary>A list shows its items, so a timed-out wait says what it last saw.</summary>
    private static string? Describe(object? value) =>
        value is System.Collections.IEnumerable items and not string
            ? $"[{string.Join(", ", items.Cast<object?>())}]"
            : value?.ToString();
}
