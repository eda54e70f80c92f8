using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orders.Grains.Diagnostics;

namespace Orders.Silo.Hosting;

/// <summary>
/// Traces and metrics exported over OTLP, to whatever collector <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// names (every other standard <c>OTEL_*</c> setting applies too, from the environment or any
/// configuration source). Without that setting nothing is added: a trace source with a listener
/// costs every grain call, and the benchmark measures the system without one.
/// </summary>
public static class OrdersTelemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard setting that renames a process, over the name each kind of process gives itself.</summary>
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>Orleans' trace sources: the runtime's own calls, and the grain calls between the application's grains.</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static bool IsOn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    /// <summary>
    /// The process's exporters, once per process: the system's <c>Orders</c> meter, Orleans' and
    /// the runtime's meters, and the grain calls', the events' handling and Npgsql's traces; <paramref name="more"/> adds
    /// what the process itself serves (the gateway's gRPC calls).
    /// </summary>
    public static void AddOrdersTelemetry(this IHostApplicationBuilder builder, string serviceName, Action<OpenTelemetryBuilder>? more = null)
    {
        if (!IsOn(builder.Configuration))
            return;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration[ServiceNameKey] ?? serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(OrdersMeter.Name, "Microsoft.Orleans")
                .AddRuntimeInstrumentation()
                .AddOtlpExporter())
            .WithTracing(tracing => tracing
                .AddSource(OrleansSources)
                .AddSource(OrdersTracing.Name, "Npgsql")
                .AddOtlpExporter());
        more?.Invoke(telemetry);
    }
}
