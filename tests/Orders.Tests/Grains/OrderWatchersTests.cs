using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orders.Grains.Orders;

namespace Orders.Tests.Grains;

public sealed class OrderWatchersTests
{
    private readonly FakeTimeProvider clock = new();

    [Fact]
    public void A_new_watch_drops_the_watchers_whose_lease_ran_out_though_the_order_never_changed()
    {
        var watchers = new OrderWatchers(clock, NullLogger.Instance);
        watchers.Watch(new CountingObserver());
        watchers.Watch(new CountingObserver());

        clock.Advance(WatchLease.Duration + TimeSpan.FromSeconds(1));
        watchers.Watch(new CountingObserver());

        Assert.Equal(1, watchers.Count);
    }

    [Fact]
    public async Task A_change_nudges_each_watcher_whose_lease_holds_once()
    {
        var watchers = new OrderWatchers(clock, NullLogger.Instance);
        var (renewing, leaving) = (new CountingObserver(), new CountingObserver());
        watchers.Watch(renewing);
        watchers.Watch(leaving);

        clock.Advance(WatchLease.Duration / 2);
        watchers.Watch(renewing);
        clock.Advance(WatchLease.Duration / 2 + TimeSpan.FromSeconds(1));
        await watchers.Changed();

        Assert.Equal((1, 0), (renewing.Nudges, leaving.Nudges));
    }

    [Fact]
    public async Task An_unwatched_observer_is_dropped_and_nudged_no_more()
    {
        var watchers = new OrderWatchers(clock, NullLogger.Instance);
        var (staying, leaving) = (new CountingObserver(), new CountingObserver());
        watchers.Watch(staying);
        watchers.Watch(leaving);

        watchers.Unwatch(leaving);
        await watchers.Changed();

        Assert.Equal(1, watchers.Count);
        Assert.Equal((1, 0), (staying.Nudges, leaving.Nudges));
    }
}
