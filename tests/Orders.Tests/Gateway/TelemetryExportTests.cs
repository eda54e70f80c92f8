using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Orders.Grains.Diagnostics;
using Orders.Silo.Hosting;
using Orders.Silo.Postgres;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>With a collector named, the system's measurements and traces reach it over OTLP.</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task An_order_s_measurements_and_its_call_s_trace_through_the_grains_are_exported()
    {
        await using var collector = await OtlpCollector.Start();
        var settings = collector.ExportSettings();
        settings[OrdersTelemetry.ServiceNameKey] = "orders-gateway-under-test";
        await using var gateway = await DevGateway.Start(settings);
        var (_, productId) = await gateway.Api.SeedProduct(stock: 1);

        await gateway.Api.Orders.CreateOrderAsync(Clients.OrderFor("customer-traced", productId, quantity: 1));

        await Eventually.Until(() => Task.FromResult(collector.Received("/v1/metrics", "orders.placement.step.duration")), received => received);
        await Eventually.Until(() => Task.FromResult(collector.Received("/v1/metrics", "orders.gateway.call.duration")), received => received);
        Assert.True(collector.Received("/v1/metrics", "orders-gateway-under-test"));
        // The gRPC call's span, and the grain call it made under it.
        await Eventually.Until(() => Task.FromResult(collector.Received("/v1/traces", "orders.v1.OrderService/CreateOrder")), received => received);
        await Eventually.Until(() => Task.FromResult(collector.Received("/v1/traces", "IOrderPlacement/PlaceNew")), received => received);
        // An event's handling, in the trace of the call that raised it.
        await gateway.Api.Catalog.UpdateProductAsync(new UpdateProductRequest
        {
            ProductId = productId, Name = "Traced", Description = "", Price = Clients.Euros(1000), Available = true,
        });
        await Eventually.Until(() => Task.FromResult(collector.Received("/v1/traces", "ProductUpdated handled")), received => received);
        await gateway.App.StopAsync();
    }

    [Fact]
    public void A_duration_is_exported_in_buckets_sized_for_calls_not_the_exporters_default()
    {
        var exported = new List<MetricSnapshot>();
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(OrdersMeter.Name).AddInMemoryExporter(exported).Build())
        {
            new StatementMetrics("telemetry-test").Ran(requests: 1, startedAt: Stopwatch.GetTimestamp());
            provider.ForceFlush();
        }

        var point = exported.First(metric => metric.Name == "orders.storage.statement.duration").MetricPoints[0];
        var bounds = new List<double>();
        foreach (var bucket in point.GetHistogramBuckets())
            bounds.Add(bucket.ExplicitBound);
        // OpenTelemetry's default bounds (0, 5, 10, 25…) put every call under 5 s in one bucket.
        Assert.Equal(0.001, bounds[0]);
        Assert.Contains(0.025, bounds);
    }

    [Fact]
    public async Task Without_a_collector_named_no_exporter_is_registered()
    {
        // Set empty, as the machine's environment might name a collector of its own.
        await using var gateway = await DevGateway.Start(new() { [OrdersTelemetry.EndpointKey] = "" });

        Assert.Null(gateway.App.Services.GetService(typeof(OpenTelemetry.Metrics.MeterProvider)));
        Assert.Null(gateway.App.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
        await gateway.App.StopAsync();
    }
}
