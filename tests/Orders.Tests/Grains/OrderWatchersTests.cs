using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

public sealed class OrderWatchersTests
{
    private readonly FakeTimeProvider clock = new();
    private readonly CountingObserver gateway = new();

    [Fact]
    public void Watchers_whose_lease_ran_out_count_no_more_though_the_order_never_changed()
    {
        var watchers = new OrderWatchers(clock, NullLogger.Instance);
        watchers.Watch(gateway, Guid.NewGuid());
        watchers.Watch(gateway, Guid.NewGuid());

        clock.Advance(WatchLease.Duration + TimeSpan.FromSeconds(1));

        Assert.False(watchers.Any());
    }

    [Fact]
    public void An_order_keeps_so_many_watches_and_renews_each_while_a_new_one_past_them_waits_for_one_to_end()
    {
        var watchers = new OrderWatchers(clock, NullLogger.Instance);
        var kept = Enumerable.Range(0, WatchLease.MostPerOrder).Select(_ => Guid.NewGuid()).ToList();
        Assert.All(kept, watch => Assert.True(watchers.Watch(gateway, watch)));

        var past = watchers.Watch(gateway, Guid.NewGuid());
        var renewed = watchers.Watch(gateway, kept[0]);
        watchers.Unwatch(kept[1]);
        var afterOneEnded = watchers.Watch(gateway, Guid.NewGuid());

        Assert.Equal((false, true, true), (past, renewed, afterOneEnded));
    }

    [Fact]
    public async Task A_change_nudges_each_watch_whose_lease_holds_once_naming_it()
    {
        var watchers = new OrderWatchers(clock, NullLogger.Instance);
        var (renewing, leaving) = (Guid.NewGuid(), Guid.NewGuid());
        watchers.Watch(gateway, renewing);
        watchers.Watch(gateway, leaving);

        clock.Advance(WatchLease.Duration / 2);
        watchers.Watch(gateway, renewing);
        clock.Advance(WatchLease.Duration / 2 + TimeSpan.FromSeconds(1));
        await watchers.Changed();

        Assert.Equal((1, 0), (gateway.NudgesFor(renewing), gateway.NudgesFor(leaving)));
    }

    [Fact]
    public async Task An_unwatched_watch_is_dropped_and_nudged_no_more_while_another_through_the_same_observer_is()
    {
        var watchers = new OrderWatchers(clock, NullLogger.Instance);
        var (staying, leaving) = (Guid.NewGuid(), Guid.NewGuid());
        watchers.Watch(gateway, staying);
        watchers.Watch(gateway, leaving);

        watchers.Unwatch(leaving);
        await watchers.Changed();
        var stayed = watchers.Any();
        watchers.Unwatch(staying);

        Assert.Equal((true, false), (stayed, watchers.Any()));
        Assert.Equal((1, 0), (gateway.NudgesFor(staying), gateway.NudgesFor(leaving)));
    }
}
