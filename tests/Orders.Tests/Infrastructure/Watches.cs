using Grpc.Core;
using Orders.V1;

namespace Orders.Tests.Infrastructure;

public static class Watches
{
    /// <summary>
    /// The watch's next update; a watch that ends first, or sends nothing for 20 s, fails the test.
    /// Shorter than a watch's lease renewal (30 s), which reads the order again: an update that
    /// comes only with it says the order's nudge to its gateway was lost.
    /// </summary>
    public static async Task<OrderUpdate> Next(this AsyncServerStreamingCall<OrderUpdate> call)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.True(await call.ResponseStream.MoveNext(deadline.Token), "the watch ended early");
        return call.ResponseStream.Current;
    }
}
