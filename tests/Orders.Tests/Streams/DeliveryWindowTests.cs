using Orleans.Configuration;
using Orders.Silo.Postgres.Streams;

namespace Orders.Tests.Streams;

/// <summary>
/// An event whose deliveries all fail within the window moves to the dead letters, and its
/// consumer never takes that step; the default window must outlast a silo's death, not just
/// a subscriber's hiccup.
/// </summary>
public sealed class DeliveryWindowTests
{
    [Fact]
    public void The_default_window_outlasts_a_delivery_hanging_on_a_dying_silo_and_leaves_room_to_retry_after()
    {
        var streams = new PostgresStreamOptions();
        var membership = new ClusterMembershipOptions();
        // A delivery to a consumer on a silo that stopped answering waits out the response
        // timeout; the silo is declared dead after its missed probes, and its grains move.
        var hanging = new SiloMessagingOptions().ResponseTimeout;
        var declaredDead = membership.ProbeTimeout * membership.NumMissedProbesLimit;

        Assert.True(
            streams.DeliveryWindow >= hanging + declaredDead + streams.RetryDelay * 2,
            $"window {streams.DeliveryWindow}, a hanging delivery {hanging}, the silo declared dead after {declaredDead}");
    }
}
