using Orders.Grains.Caches;
using Orders.Grains.Placement;
using Orders.Grains.Restaurants;

namespace Orders.Tests.Lifecycle;

/// <summary>
/// A broadcast reaches the silos' caches before its caller goes on, and a silo that does not take
/// it holds up nobody and is tried again until it does.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloBroadcastTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);

    [Fact]
    public async Task A_restaurants_settings_reach_the_silos_before_it_answers_and_a_silo_that_does_not_take_them_is_left_behind_and_tried_again()
    {
        var (restaurantId, zone) = await shop.Restaurant(autoAccept: false);
        var silent = fixture.Cluster.Silos.OfType<InProcessSiloHandle>().Last().SiloAddress;
        // Only this restaurant's refresh: a product update an earlier test left on its way must go through.
        var refresh = InjectedFaults.Instance.HoldNextCall(nameof(ISiloCacheGrain.Refresh), SiloPinnedPlacement.KeyFor(silent),
            only: call => call.Request.GetArgument(0) is RestaurantDetails details && details.RestaurantId == restaurantId);
        try
        {
            // Answers once the silos that take the settings have them, without waiting for the silent one.
            var configured = await fixture.Grains.GetGrain<IRestaurantGrain>(restaurantId)
                .Configure(new RestaurantSettings(Open: true, AutoAccept: true, TimeSpan.FromMinutes(1), 4, zone));
            Assert.False(configured.IsRefused);
            // Sent to the silent silo too (its arrival may lag the answer on a stalled machine).
            await refresh.Reached.WaitAsync(TimeSpan.FromSeconds(30));
            var caches = fixture.OnEverySilo<RestaurantCache>();
            Assert.True((await caches[0].Get(restaurantId))!.Settings.AutoAccept);
            // The broadcast's own call is lost: the silo has the settings only if it is asked again
            // (its cache grain takes calls side by side, so it may have been asked already).
            refresh.Fail();
            await Eventually.Until(async () => await caches[^1].Get(restaurantId), left => left?.Settings.AutoAccept == true);
        }
        finally
        {
            refresh.Release();
        }
    }
}
