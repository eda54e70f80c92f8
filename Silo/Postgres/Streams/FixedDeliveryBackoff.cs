using Orleans.Runtime.Providers;

namespace Orders.Silo.Postgres.Streams;

/// <summary>Retries a failed delivery after the same pause every time, so the attempts in the delivery window are countable.</summary>
internal sealed class FixedDeliveryBackoff(TimeSpan delay) : IMessageDeliveryBackoffProvider
{
    public TimeSpan Next(int attempt) => delay;
}
