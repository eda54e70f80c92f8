using Orleans.Storage;
using Orders.Grains.Customers;
using Orders.Grains.Lists;
using Orders.Grains.Orders;
using Orders.Grains.Restaurants;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>
/// A state names the lists it is an entry of and the storage keeps them with it: an order is one
/// of its customer's orders from its first write, and one of its restaurant's pending orders while
/// it is paid and unanswered.
/// </summary>
public sealed class ListedStatesTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private readonly string customerId = Unique.Id("customer");
    private readonly string restaurantId = Unique.Id("restaurant");

    [Theory, MemberData(nameof(MigratedDatabase.StorageKinds), MemberType = typeof(MigratedDatabase))]
    public async Task An_order_is_listed_while_its_state_names_the_list_in_the_order_first_written(string kind)
    {
        var (storage, listed) = Storage(kind);
        var (first, second, third) = (Unique.Id("order"), Unique.Id("order"), Unique.Id("order"));
        var paid = new GrainState<OrderState>(Order(OrderStatus.Paid));
        await storage.WriteStateAsync(OrderGrain.StateName, Id(first), new GrainState<OrderState>(Order(OrderStatus.Placed)));
        await storage.WriteStateAsync(OrderGrain.StateName, Id(second), paid);
        await storage.WriteStateAsync(OrderGrain.StateName, Id(third), new GrainState<OrderState>(Order(OrderStatus.Paid)));
        var pendingWhilePaid = await listed.In(RestaurantLists.PendingOf(restaurantId));

        paid.State = paid.State!.MoveTo(OrderStatus.Accepted, DateTimeOffset.UtcNow, "accepted by the restaurant");
        await storage.WriteStateAsync(OrderGrain.StateName, Id(second), paid);

        Assert.Equal<string>([second, third], pendingWhilePaid);
        Assert.Equal<string>([third], await listed.In(RestaurantLists.PendingOf(restaurantId)));
        Assert.Equal<string>([first, second, third], await listed.In(CustomerLists.OrdersOf(customerId)));
    }

    [Theory, MemberData(nameof(MigratedDatabase.StorageKinds), MemberType = typeof(MigratedDatabase))]
    public async Task A_cleared_state_and_one_that_names_no_list_are_in_none(string kind)
    {
        var (storage, listed) = Storage(kind);
        var (cleared, kept) = (Unique.Id("order"), Unique.Id("order"));
        var clearing = new GrainState<OrderState>(Order(OrderStatus.Paid));
        await storage.WriteStateAsync(OrderGrain.StateName, Id(cleared), clearing);
        await storage.WriteStateAsync(OrderGrain.StateName, Id(kept), new GrainState<OrderState>(Order(OrderStatus.Placed)));
        await storage.WriteStateAsync(OrderGrain.StateName, Id(Unique.Id("order")), new GrainState<OrderState>(new OrderState()));

        await storage.ClearStateAsync(OrderGrain.StateName, Id(cleared), clearing);

        Assert.Equal<string>([kept], await listed.In(CustomerLists.OrdersOf(customerId)));
        Assert.Empty(await listed.In(RestaurantLists.PendingOf(restaurantId)));
    }

    [Theory, MemberData(nameof(MigratedDatabase.StorageKinds), MemberType = typeof(MigratedDatabase))]
    public async Task A_clear_by_an_activation_that_read_nothing_leaves_what_another_wrote_listed(string kind)
    {
        var (storage, listed) = Storage(kind);
        var orderId = Unique.Id("order");
        await storage.WriteStateAsync(OrderGrain.StateName, Id(orderId), new GrainState<OrderState>(Order(OrderStatus.Paid)));

        await storage.ClearStateAsync(OrderGrain.StateName, Id(orderId), new GrainState<OrderState>(new OrderState()));

        Assert.Equal<string>([orderId], await listed.In(CustomerLists.OrdersOf(customerId)));
        Assert.Equal<string>([orderId], await listed.In(RestaurantLists.PendingOf(restaurantId)));
    }

    [Theory, MemberData(nameof(MigratedDatabase.StorageKinds), MemberType = typeof(MigratedDatabase))]
    public async Task The_states_in_a_list_for_good_are_read_as_last_written_in_the_order_first_written(string kind)
    {
        var (storage, listed) = Storage(kind);
        var (accepted, cleared) = (Id(Unique.Id("order")), Id(Unique.Id("order")));
        var accepting = new GrainState<OrderState>(Order(OrderStatus.Paid));
        var clearing = new GrainState<OrderState>(Order(OrderStatus.Placed));
        await storage.WriteStateAsync(OrderGrain.StateName, Id(Unique.Id("order")), new GrainState<OrderState>(Order(OrderStatus.Placed)));
        await storage.WriteStateAsync(OrderGrain.StateName, accepted, accepting);
        await storage.WriteStateAsync(OrderGrain.StateName, Id(Unique.Id("order")), new GrainState<OrderState>(Order(OrderStatus.Paid)));
        await storage.WriteStateAsync(OrderGrain.StateName, cleared, clearing);

        accepting.State = accepting.State!.MoveTo(OrderStatus.Accepted, DateTimeOffset.UtcNow, "accepted by the restaurant");
        await storage.WriteStateAsync(OrderGrain.StateName, accepted, accepting);
        await storage.ClearStateAsync(OrderGrain.StateName, cleared, clearing);

        var states = await listed.StatesListedIn<OrderState>(OrderGrain.StateName, CustomerLists.OrdersOf(customerId));
        Assert.Equal([OrderStatus.Placed, OrderStatus.Accepted, OrderStatus.Paid], states.Select(state => state.Status));
        Assert.Empty(await listed.StatesListedIn<OrderState>(OrderGrain.StateName, RestaurantLists.PendingOf(restaurantId)));
    }

    private OrderState Order(OrderStatus status) =>
        new OrderState { Request = Shop.Command(customerId, ("p-1", 1)), Restaurant = new RestaurantRef(restaurantId, "Trattoria") }
            .MoveTo(status, DateTimeOffset.UtcNow, "as the test left it");

    private (IGrainStorage Storage, IListedGrains Listed) Storage(string kind) =>
        db.StorageOfKind<IListedGrains>(kind, (serviceId, database) => new PostgresListedGrains(serviceId, database, db.Serializer));

    private static GrainId Id(string orderId) => GrainId.Create(OrderGrain.StateName, orderId);
}
