using System.Globalization;
using System.Text.Json;
using ScottPlot;
using Orders.Bench.Load;
using Spectre.Console;

namespace Orders.Bench.Reporting;

/// <summary>Prints a report as a table and writes it as JSON and as a latency-over-time chart.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static void Print(BenchReport report)
    {
        var table = new Table().Title($"{report.Scenario} — {report.Loop}{(report.Label.Length > 0 ? $" — {report.Label}" : "")}")
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("throughput (calls answered/s)", F(report.Throughput));
        if (report.AnsweringSeconds > report.DurationSeconds)
            table.AddRow("the window's calls answered over (s: behind)", $"{F(report.AnsweringSeconds)} (window {F(report.DurationSeconds)})");
        if (report.OwnRate is { } own)
            table.AddRow(Markup.Escape(report.OwnRateName!), F(own));
        AddLatency(table, report.Refused > 0 ? "latency (refusals included)" : "latency", report.Latency);
        if (report.CappedLatencies > 0)
            table.AddRow($"latencies above {LoadRecorder.Highest.TotalSeconds:0} s, recorded as {LoadRecorder.Highest.TotalSeconds:0} s", report.CappedLatencies.ToString(CultureInfo.InvariantCulture));
        if (report.SentLate is { } late)
            AddLatency(table, "sent after due (the generator's own lateness)", late);
        if (report.Extra is { } extra)
            AddLatency(table, report.ExtraName!, extra);
        table.AddRow("ok / refused", $"{report.Ok} / {report.Refused}");
        table.AddRow("errors", Counts(report.Errors));
        if (report.WarmUpErrors.Count > 0)
            table.AddRow("errors in the warm-up (not measured)", Counts(report.WarmUpErrors));
        var of = report.OwnRateName is { } name ? $" ({Markup.Escape(name)})" : "";
        if (report.EchoRatio is { } echo)
            table.AddRow($"ratio to gRPC echo{of}", F(echo));
        if (report.PgbenchRatio is { } pgbench)
            table.AddRow($"ratio to pgbench upsert{of}", F(pgbench));
        table.AddRow($"load generator's own CPU (cores of {Environment.ProcessorCount})", F(report.GeneratorCores));
        foreach (var check in report.Checks)
            table.AddRow(Markup.Escape(check.What), $"{(check.Holds ? "[green]holds[/]" : "[red]FAILS[/]")} ({Markup.Escape(check.Detail)})");
        AnsiConsole.Write(table);
    }

    public static async Task<(string Json, string Chart)> Save(BenchReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"{report.Scenario}-{report.Date:yyyyMMdd-HHmmss}");
        await File.WriteAllTextAsync($"{stem}.json", JsonSerializer.Serialize(report, Json));

        var plot = new Plot();
        var seconds = report.Timeline.Select(point => point.Second).ToArray();
        plot.Add.Scatter(seconds, report.Timeline.Select(point => point.P50Ms).ToArray()).LegendText = "p50";
        plot.Add.Scatter(seconds, report.Timeline.Select(point => point.P99Ms).ToArray()).LegendText = "p99";
        plot.Add.Scatter(seconds, report.Timeline.Select(point => point.MaxMs).ToArray()).LegendText = "max";
        plot.Title($"{report.Scenario}: latency per second ({F(report.Throughput)} calls/s)");
        plot.XLabel("second of the measured run");
        plot.YLabel("latency (ms)");
        plot.ShowLegend();
        plot.SavePng($"{stem}.png", 1000, 500);
        return ($"{stem}.json", $"{stem}.png");
    }

    private static void AddLatency(Table table, string name, Percentiles latency) =>
        table.AddRow($"{Markup.Escape(name)} p50 / p90 / p99 / p99.9 / max (ms)",
            string.Join(" / ", new[] { latency.P50, latency.P90, latency.P99, latency.P999, latency.Max }.Select(F)));

    private static string Counts(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : Markup.Escape(string.Join(", ", counts.Select(count => $"{count.Key}: {count.Value}")));

    private static string F(double value) => value.ToString(value >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture);
}
