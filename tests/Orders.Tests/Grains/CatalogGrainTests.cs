using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Catalog;
using Orders.Grains.Events;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;
using Orders.Tests.Streams.Probes;
using Orleans.Storage;

namespace Orders.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class CatalogGrainTests(ClusterFixture fixture)
{
    private readonly Shop shop = new(fixture.Grains);

    private static readonly ProductInfo Margherita = new("Margherita", "tomato, mozzarella", new Money(900, "EUR"), true);

    private IProductGrain Product(string productId) => fixture.Grains.GetGrain<IProductGrain>(productId);

    private IRestaurantGrain Restaurant(string restaurantId) => fixture.Grains.GetGrain<IRestaurantGrain>(restaurantId);

    [Fact]
    public async Task A_read_while_a_change_is_written_answers_what_is_stored_and_a_failed_change_is_never_seen()
    {
        var productId = Unique.Id("product");
        var created = (await Product(productId).Create(await shop.Restaurant(), Margherita)).Value!;
        await GrainStateTable.MoveOnBehindTheGrainsBack(fixture.Cluster.Options.ServiceId, "product", Product(productId).GetGrainId().ToString());

        var update = Product(productId).Update(Margherita with { Price = new Money(1900, "EUR") });
        var during = await Product(productId).Get();     // reads interleave with the write under way

        await Assert.ThrowsAsync<InconsistentStateException>(() => update);
        Assert.Equal(created, during);
    }

    [Fact]
    public async Task An_update_is_in_every_silos_cache_by_the_time_it_answers()
    {
        var productId = await shop.Product(await shop.Restaurant(), stock: 5);
        await OnEverySilo(productId, product => product.Version == 1);
        // The update's event reaches the caches late: only the update's own broadcast can be in time.
        InjectedFaults.Instance.FailNextCall(InjectedFaults.StreamDelivery, productId);

        var updated = (await Product(productId).Update(Margherita with { Available = false })).Value!;
        var copies = await Task.WhenAll(fixture.OnEverySilo<ProductCache>().Select(cache => cache.Get(productId).AsTask()));
        var refused = await Order().Place(Shop.Command(Unique.Id("customer"), (productId, 1)));

        Assert.All(copies, copy => Assert.Equal(updated, copy));
        Assert.Equal(RefusalKind.FailedPrecondition, refused.Refusal?.Kind);
        await Eventually.Until(() => Task.FromResult(InjectedFaults.Instance.CallFailurePending(InjectedFaults.StreamDelivery, productId)), pending => !pending);
    }

    [Fact]
    public async Task An_update_sent_again_after_its_write_outlived_its_silo_is_in_every_silos_cache_by_the_time_it_answers()
    {
        var productId = await shop.Product(await shop.Restaurant(), stock: 5);
        await OnEverySilo(productId, product => product.Version == 1);
        var offSale = Margherita with { Available = false };
        // The first try's write is stored, and its silo is gone before its broadcast and its event.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var storage = fixture.Cluster.FirstSiloServices().GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);
        var stored = new GrainState<ProductState>();
        await storage.ReadStateAsync("product", Product(productId).GetGrainId(), stored);
        stored.State = stored.State! with { Details = stored.State.Details! with { Info = offSale, Version = 2 } };
        await storage.WriteStateAsync("product", Product(productId).GetGrainId(), stored);

        var again = (await Product(productId).Update(offSale)).Value!;
        var copies = await Task.WhenAll(fixture.OnEverySilo<ProductCache>().Select(cache => cache.Get(productId).AsTask()));

        Assert.Equal(2, again.Version);
        Assert.All(copies, copy => Assert.Equal(again, copy));
    }

    [Fact]
    public async Task A_product_snapshots_its_restaurant_and_joins_its_menu()
    {
        var restaurant = await shop.Restaurant();
        var productId = Unique.Id("product");

        var created = (await Product(productId).Create(restaurant, Margherita)).Value!;

        Assert.Equal(new RestaurantSnapshot(Shop.Luigis.Name, Shop.Luigis.Address), created.Restaurant);
        Assert.Equal(1, created.Version);
        Assert.Equal(new[] { productId }, (await Restaurant(restaurant).Get())!.Menu.AsEnumerable());
        Assert.Equal(created, await Product(productId).Get());
    }

    [Fact]
    public async Task A_product_of_an_unknown_restaurant_is_refused()
    {
        var productId = Unique.Id("product");

        var result = await Product(productId).Create("no-such-restaurant", Margherita);

        Assert.Equal(RefusalKind.NotFound, result.Refusal!.Kind);
        Assert.Null(await Product(productId).Get());
    }

    [Fact]
    public async Task Creating_a_product_again_is_idempotent_but_other_content_already_exists()
    {
        var restaurant = await shop.Restaurant();
        var productId = Unique.Id("product");
        var first = (await Product(productId).Create(restaurant, Margherita)).Value!;

        var retry = await Product(productId).Create(restaurant, Margherita);
        var other = await Product(productId).Create(restaurant, Margherita with { Name = "Marinara" });

        Assert.Equal(first, retry.Value);
        Assert.Equal(RefusalKind.AlreadyExists, other.Refusal!.Kind);
    }

    [Fact]
    public async Task Update_changes_the_product_and_bumps_its_version()
    {
        var restaurant = await shop.Restaurant();
        var productId = await shop.Product(restaurant, stock: 0);

        var updated = (await Product(productId).Update(Margherita)).Value!;

        Assert.Equal((Margherita, 2L), (updated.Info, updated.Version));
        Assert.Equal(RefusalKind.NotFound, (await Product(Unique.Id("product")).Update(Margherita)).Refusal!.Kind);
    }

    [Fact]
    public async Task Restaurants_are_created_once_and_updated()
    {
        var restaurantId = Unique.Id("restaurant");
        await Restaurant(restaurantId).Create(Shop.Luigis);

        var again = await Restaurant(restaurantId).Create(Shop.Luigis with { Name = "Mario's" });
        var updated = (await Restaurant(restaurantId).Update(Shop.Luigis with { Address = "2 Side Street" })).Value!;

        Assert.Equal(RefusalKind.AlreadyExists, again.Refusal!.Kind);
        Assert.Equal(("Luigi's", "2 Side Street", 2L), (updated.Profile.Name, updated.Profile.Address, updated.Version));
        Assert.Equal(RefusalKind.NotFound, (await Restaurant(Unique.Id("restaurant")).Update(Shop.Luigis)).Refusal!.Kind);
    }

    [Fact]
    public async Task A_menu_takes_only_the_restaurants_own_existing_products()
    {
        var restaurant = await shop.Restaurant();
        var other = await shop.Restaurant();
        var own = await shop.Product(restaurant, stock: 0);
        var foreign = await shop.Product(other, stock: 0);

        var unknown = await Restaurant(restaurant).SetMenu(["no-such-product"]);
        var stolen = await Restaurant(restaurant).SetMenu([own, foreign]);
        var emptied = (await Restaurant(restaurant).SetMenu([])).Value!;
        var restored = (await Restaurant(restaurant).SetMenu([own, own])).Value!;

        Assert.Equal(RefusalKind.NotFound, unknown.Refusal!.Kind);
        Assert.Equal(RefusalKind.FailedPrecondition, stolen.Refusal!.Kind);
        Assert.Empty(emptied.Menu);
        Assert.Equal(new[] { own }, restored.Menu.AsEnumerable());
    }

    [Fact]
    public async Task A_product_off_the_menu_is_refused_for_orders_and_still_follows_its_restaurant()
    {
        var restaurant = await shop.Restaurant();
        var offered = await shop.Product(restaurant, stock: 5);
        var withdrawn = await shop.Product(restaurant, stock: 5);

        await Restaurant(restaurant).SetMenu([offered]);
        await OnEverySilo(withdrawn, product => product.OffMenu);
        var refused = await Order().Place(Shop.Command(Unique.Id("customer"), (withdrawn, 1)));
        await Restaurant(restaurant).Update(Shop.Luigis with { Name = "Chez Luigi" });
        var renamed = await Eventually.Until(() => Product(withdrawn).Get(), product => product!.Restaurant.Name == "Chez Luigi");

        Assert.Equal((RefusalKind.FailedPrecondition, $"not on its restaurant's menu: {withdrawn}"), (refused.Refusal?.Kind, refused.Refusal?.Message));
        Assert.Equal((5, 0, 0), await shop.Level(withdrawn));
        Assert.True(renamed!.OffMenu);
        await Restaurant(restaurant).SetMenu([offered, withdrawn]);
        await OnEverySilo(withdrawn, product => !product.OffMenu);
        Assert.False((await Order().Place(Shop.Command(Unique.Id("customer"), (withdrawn, 1)))).IsRefused);
    }

    [Fact]
    public async Task A_menu_change_tells_the_products_it_moves_and_the_same_menu_again_tells_them_all()
    {
        var restaurant = await shop.Restaurant();
        var offered = await shop.Product(restaurant, stock: 0);
        var withdrawn = await shop.Product(restaurant, stock: 0);

        await Restaurant(restaurant).SetMenu([offered]);
        await Restaurant(restaurant).SetMenu([offered]);
        // A rename follows on each product's stream: once it is applied, so is what came before it.
        await Restaurant(restaurant).Update(Shop.Luigis with { Name = "Chez Luigi" });
        foreach (var productId in new[] { offered, withdrawn })
            await Eventually.Until(() => Product(productId).Get(), product => product!.Restaurant.Name == "Chez Luigi");

        // The product's writes: its create, the menu set again, the rename; and for the one taken off, the change.
        Assert.Equal(3, await ProductWrites(offered));
        Assert.Equal(4, await ProductWrites(withdrawn));
        Assert.True((await Product(withdrawn).Get())!.OffMenu);
    }

    [Fact]
    public async Task A_restaurant_naming_another_restaurants_product_changes_nothing_of_it()
    {
        var owner = await shop.Restaurant();
        var impostor = Unique.Id("restaurant");
        var productId = await shop.Product(owner, stock: 0);
        var publisher = fixture.Grains.GetGrain<IProbePublisherGrain>(Guid.NewGuid());

        // As a menu entry of a create that failed after the impostor listed it would make it.
        await publisher.PublishRouted(new ProductListingChanged(
            new EventHeader(Guid.NewGuid(), EventSources.Restaurant(impostor), 1, DateTimeOffset.UtcNow, TraceParent: null),
            impostor, productId, new RestaurantSnapshot("Impostor", "Nowhere"), OffMenu: true));
        // The owner's rename comes after it on the product's stream: once it is applied, so was that.
        await Restaurant(owner).Update(Shop.Luigis with { Name = "Chez Luigi" });
        var followed = await Eventually.Until(() => Product(productId).Get(), product => product!.Restaurant.Name == "Chez Luigi");

        Assert.Equal((Shop.Luigis.Address, false, 2L), (followed!.Restaurant.Address, followed.OffMenu, followed.Version));
    }

    [Fact]
    public async Task A_create_retried_after_its_restaurant_took_it_off_the_menu_is_created_off_it()
    {
        var restaurant = await shop.Restaurant();
        var productId = Unique.Id("product");
        // The first create got as far as its restaurant, and its own write failed; the menu changed since.
        await Restaurant(restaurant).AddProduct(productId);
        await Restaurant(restaurant).SetMenu([]);

        var created = (await Product(productId).Create(restaurant, Margherita)).Value!;

        Assert.True(created.OffMenu);
        Assert.Equal(new[] { productId }, (await Restaurant(restaurant).Get())!.Products.AsEnumerable());
    }

    private Task<long> ProductWrites(string productId) =>
        GrainStateTable.Version(fixture.Cluster.Options.ServiceId, "product", productId);

    private IOrderGrain Order() => fixture.Grains.GetGrain<IOrderGrain>(Unique.Id("order"));

    /// <summary>Waits until every silo's copy of the product, which orders are priced from, is as asked.</summary>
    private Task<ProductDetails?[]> OnEverySilo(string productId, Func<ProductDetails, bool> done) => Eventually.Until(
        async () => await Task.WhenAll(fixture.OnEverySilo<ProductCache>().Select(cache => cache.Get(productId).AsTask())),
        copies => copies.All(copy => copy is not null && done(copy)));
}
