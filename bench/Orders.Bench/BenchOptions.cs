using System.Globalization;

namespace Orders.Bench;

/// <summary>The command line: <c>--name value</c> pairs, each with a default.</summary>
public sealed record BenchOptions
{
    public string Scenario { get; init; } = "create-uniform";
    public IReadOnlyList<Uri> Targets { get; init; } = [new("http://127.0.0.1:50051")];
    public int Connections { get; init; } = 4;
    /// <summary>Calls in flight (closed loop); ignored when <see cref="Rate"/> is set.</summary>
    public int Concurrency { get; init; } = 128;
    /// <summary>Calls per second (open loop); 0 means closed loop.</summary>
    public int Rate { get; init; }
    /// <summary>
    /// Load before the measurement. Long enough for the runtime's tiered compiler to finish: it kept
    /// the silo about 0.7 of a core busy for 12–15 s after the load began, a gateway that hosts the
    /// silo for about 27 s, and the backlog it left took the open loop seconds more to drain.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public int Products { get; init; } = 10_000;
    /// <summary>The flash sale's units: more than the warm-up sells on a fast hour; the rest is cut once it is over.</summary>
    public int Stock { get; init; } = 200_000;
    public string Output { get; init; } = "bench/results";
    /// <summary>A label for the results: dev or cluster mode, the commit, anything that tells runs apart.</summary>
    public string Label { get; init; } = "";
    /// <summary>The echo reference's calls per second on this machine, measured in the same run; 0 if not measured.</summary>
    public double EchoReference { get; init; }
    /// <summary>pgbench's one-row upserts per second on this machine, measured in the same run; 0 if not measured.</summary>
    public double PgbenchReference { get; init; }
    /// <summary>
    /// How long the calls started in the measured window are awaited once it closed; those still
    /// on their way then count as failed. The latencies' ceiling, <see cref="Load.LoadRecorder.Highest"/>.
    /// </summary>
    public TimeSpan AnswerWithin { get; init; } = Load.LoadRecorder.Highest;
    /// <summary>A bearer token every call carries, for a gateway with access control on; none if null.</summary>
    public string? Token { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var index = 0; index < args.Count; index += 2)
        {
            var name = args[index];
            var value = index + 1 < args.Count ? args[index + 1] : throw new ArgumentException($"{name} needs a value");
            options = name switch
            {
                "--scenario" => options with { Scenario = value },
                "--target" => options with { Targets = [.. value.Split(',').Select(target => new Uri(target))] },
                "--connections" => options with { Connections = AtLeastOne(value, name) },
                "--concurrency" => options with { Concurrency = AtLeastOne(value, name) },
                "--rate" => options with { Rate = Int(value, name) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Int(value, name)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(AtLeastOne(value, name)) },
                "--products" => options with { Products = AtLeastOne(value, name) },
                "--stock" => options with { Stock = Int(value, name) },
                "--output" => options with { Output = value },
                "--label" => options with { Label = value },
                "--echo-reference" => options with { EchoReference = Number(value, name) },
                "--pgbench-reference" => options with { PgbenchReference = Number(value, name) },
                "--token" => options with { Token = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        return options;
    }

    public string LoopDescription => Rate > 0
        ? $"open loop, {Rate}/s over {Connections} connection(s)"
        : $"closed loop, {Concurrency} in flight over {Connections} connection(s)";

    private static double Number(string value, string name) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new ArgumentException($"{name} takes a number, not '{value}'");

    // A run that measures nothing, loads through nothing or orders from nothing has no figures to give.
    private static int AtLeastOne(string value, string name) =>
        Int(value, name) is > 0 and var number ? number : throw new ArgumentException($"{name} takes at least 1, not '{value}'");

    private static int Int(string value, string name) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= 0
            ? number
            : throw new ArgumentException($"{name} takes a whole number, not '{value}'");
}
