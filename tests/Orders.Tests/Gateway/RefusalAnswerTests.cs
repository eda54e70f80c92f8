using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Grpc.Core;
using Orders.Gateway.Services;

namespace Orders.Tests.Gateway;

/// <summary>
/// A grain's refusal is an answer: the gateway sets it as the call's status without throwing, so
/// that a sold-out flash sale's thousands of refusals a second cost no exceptions.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RefusalAnswerTests(GatewayFixture fixture)
{
    private readonly Clients api = new(fixture.Channel);

    [Fact]
    public async Task A_sold_out_order_is_failed_precondition_and_the_gateway_throws_nothing_to_say_so()
    {
        var (_, productId) = await api.SeedProduct(stock: 1);
        using var thrown = new GatewayExceptionsNaming(productId);

        var refused = await Assert.ThrowsAsync<RpcException>(() => api.Orders.CreateOrderAsync(Clients.OrderFor("alice", productId, 2)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains($"{productId} (asked 2, available 1)", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(thrown.Messages);
    }

    /// <summary>
    /// Every exception thrown in the gateway's code whose message names <c>what</c>, as it is
    /// thrown (a first chance), whether or not anything caught it later.
    /// </summary>
    private sealed class GatewayExceptionsNaming : IDisposable
    {
        private readonly string what;

        public GatewayExceptionsNaming(string what)
        {
            this.what = what;
            AppDomain.CurrentDomain.FirstChanceException += Seen;
        }

        public ConcurrentQueue<string> Messages { get; } = new();

        public void Dispose() => AppDomain.CurrentDomain.FirstChanceException -= Seen;

        private void Seen(object? sender, FirstChanceExceptionEventArgs thrown)
        {
            if (thrown.Exception.TargetSite?.Module.Assembly == typeof(OrderService).Assembly
                && thrown.Exception.Message.Contains(what, StringComparison.Ordinal))
                Messages.Enqueue($"{thrown.Exception.GetType().Name}: {thrown.Exception.Message}");
        }
    }
}
