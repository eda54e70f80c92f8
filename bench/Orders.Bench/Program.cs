using Grpc.Core;
using Orders.Bench;
using Orders.Bench.Echo;
using Orders.Bench.Load;
using Orders.Bench.Reporting;
using Orders.Bench.Scenarios;

// Orders.Bench [--scenario create-uniform|flash-sale|read-mostly|lifecycle|event-latency|echo] [--target …] …
// Orders.Bench echo-server <port>
if (args is ["echo-server", var port])
{
    await EchoServer.Run(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

BenchOptions options;
IScenario scenario;
try
{
    options = BenchOptions.Parse(args);
    scenario = options.Scenario switch
    {
        "create-uniform" => new CreateUniform(),
        "flash-sale" => new FlashSale(),
        "read-mostly" => new ReadMostly(),
        "event-latency" => new EventLatency(),
        "lifecycle" => new Lifecycle(),
        "echo" => new EchoScenario(),
        _ => throw new ArgumentException($"unknown scenario '{options.Scenario}'"),
    };
}
catch (ArgumentException invalid)
{
    Console.Error.WriteLine($"Orders.Bench: {invalid.Message}");
    return 2;
}

using var api = new Api(options.Targets, options.Connections, options.Token);
await WaitUntilServing(api, scenario, options.Connections);
Console.WriteLine($"seeding {scenario.Name}…");
await scenario.Seed(api, options);
Console.WriteLine($"running {scenario.Name}: {options.LoopDescription}, {options.Warmup.TotalSeconds:0} s warm-up, {options.Duration.TotalSeconds:0} s measured");

var result = await LoadRunner.Run(scenario, api, options, (point, _) =>
    Console.WriteLine($"  {point.Second,5:0.0} s  {point.Calls,7} calls/s  p50 {point.P50Ms,7:0.00} ms  p99 {point.P99Ms,8:0.00} ms  max {point.MaxMs,8:0.00} ms"),
    // bench/run.sh takes each process's CPU at these two lines, so that it is divided by the
    // calls of the same seconds.
    open => Console.WriteLine(open ? "measured window opens" : "measured window closes"));
var report = BenchReport.From(scenario, options, result, [Check.NoneFailed(result), .. await scenario.Verify(api, result)]);
ReportWriter.Print(report);
var (json, chart) = await ReportWriter.Save(report, options.Output);
Console.WriteLine($"results: {json}, chart: {chart}");
Console.WriteLine(FormattableString.Invariant($"THROUGHPUT={report.Throughput}"));
return report.Checks.All(check => check.Holds) ? 0 : 2;

// The system may still be starting: UNAVAILABLE (or no answer) means wait; any other answer,
// NOT_FOUND for a product nobody made included, means it is serving. Each probe takes the next
// connection, and every connection must answer once: one that failed to connect earlier is
// still backing off.
static async Task WaitUntilServing(Api api, IScenario scenario, int connections)
{
    var deadline = DateTime.UtcNow.AddSeconds(120);
    for (var answered = 0; answered < connections;)
    {
        try
        {
            Task probe = scenario is EchoScenario
                ? api.Echo.EchoAsync(new EchoMessage()).ResponseAsync
                : api.Catalog.GetProductAsync(new Orders.V1.GetProductRequest { ProductId = "readiness-probe" }).ResponseAsync;
            await probe.WaitAsync(TimeSpan.FromSeconds(5));
            answered++;
        }
        catch (RpcException answer) when (answer.StatusCode is not StatusCode.Unavailable)
        {
            answered++;
        }
        catch (Exception failure) when (DateTime.UtcNow < deadline && failure is RpcException or TimeoutException)
        {
            answered = 0;
            await Task.Delay(500);
        }
    }
}
