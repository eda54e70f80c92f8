using Orleans.Runtime.Providers;

namespace Orders.Silo.Postgres.Streams;

/// <summary>Retries a failed delivery after the same pause every time, so an event's attempts (<see cref="PostgresStreamOptions.MaxAttempts"/>) last a known time.</summary>
internal sealed class FixedDeliveryBackoff(TimeSpan delay) : IMessageDeliveryBackoffProvider
{
    public TimeSpan Next(int attempt) => delay;
}
