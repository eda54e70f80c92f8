using Grpc.Core;
using Orders.V1;

namespace Orders.Tests.Infrastructure;

public static class Watches
{
    /// <summary>The watch's next update; a watch that ends first fails the test.</summary>
    public static async Task<OrderUpdate> Next(this AsyncServerStreamingCall<OrderUpdate> call)
    {
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the watch ended early");
        return call.ResponseStream.Current;
    }
}
