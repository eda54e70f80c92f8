using Grpc.Core;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>The gateway publishes how long it took to answer each call, by method and status, for the benchmark to read.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CallDurationTests(GatewayFixture fixture)
{
    private const string Calls = "orders.gateway.call.duration";

    private readonly Clients api = new(fixture.Channel);

    [Fact]
    public async Task A_call_is_timed_under_its_method_and_the_status_it_was_answered_with()
    {
        using var readings = new MeterReadings();
        var (_, productId) = await api.SeedProduct(stock: 5);

        await api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, 1));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => api.Orders.CreateOrderAsync(new CreateOrderRequest { CustomerId = "alice" }).ResponseAsync);
        var soldOut = await Assert.ThrowsAsync<RpcException>(() => api.Orders.CreateOrderAsync(Clients.OrderFor(Unique.Id("customer"), productId, 5)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, soldOut.StatusCode);
        string[] statuses = ["OK", "InvalidArgument", "FailedPrecondition"];
        Assert.All(statuses, status =>
        {
            var taken = readings.Of(Calls, "orders.v1.OrderService/CreateOrder", status);
            Assert.NotEmpty(taken);
            Assert.All(taken, seconds => Assert.InRange(seconds, 0, 60));
        });
    }
}
