using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orders.Gateway;
using Orders.Silo.Hosting;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// A stand-in for an OpenTelemetry collector: takes OTLP over HTTP (protobuf) on a free loopback
/// port and keeps what each signal's path received. Names travel in the protobuf as plain UTF-8,
/// so a test looks for them in the bytes.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> received = new();

    private OtlpCollector()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path, body.ToArray()));
            return Results.Ok();
        });
    }

    /// <summary>The base address, as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> takes it.</summary>
    public string Endpoint => app.Urls.Single();

    /// <summary>The settings that send a process's telemetry here, over HTTP, every 200 ms.</summary>
    public Dictionary<string, string?> ExportSettings() => new()
    {
        [OrdersTelemetry.EndpointKey] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    };

    public static async Task<OtlpCollector> Start()
    {
        var collector = new OtlpCollector();
        await collector.app.StartAsync();
        return collector;
    }

    /// <summary>Whether any export to <paramref name="path"/> (<c>/v1/metrics</c>, <c>/v1/traces</c>) named <paramref name="name"/>.</summary>
    public bool Received(string path, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        return received.Any(export => export.Path == path && export.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
