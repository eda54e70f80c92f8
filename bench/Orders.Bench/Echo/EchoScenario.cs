using Orders.Bench.Scenarios;

namespace Orders.Bench.Echo;

/// <summary>The reference load: a gRPC call that does nothing, over the same connections and loop.</summary>
public sealed class EchoScenario : IScenario
{
    private static readonly EchoMessage Ping = new() { Text = "ping" };

    public string Name => "echo";

    public Task Seed(Api api, BenchOptions options) => Task.CompletedTask;

    public async Task<Outcome> Call(Api api, Random random)
    {
        await api.Echo.EchoAsync(Ping);
        return Outcome.Ok;
    }

    public Task<IReadOnlyList<Check>> Verify(Api api, LoadResult result) => Task.FromResult<IReadOnlyList<Check>>([]);
}
