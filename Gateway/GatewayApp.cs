using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi.Models;
using Orders.Gateway.Compat;
using Orders.Gateway.Diagnostics;
using Orders.Gateway.Services;
using Orders.Gateway.Watching;
using Orders.Grains.Orders;
using Orders.Silo.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Orders.Gateway;

/// <summary>Builds the gateway: Program.cs runs it, tests start it on free ports.</summary>
public static class GatewayApp
{
    public static readonly TimeSpan KeepAlivePingDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan KeepAlivePingTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The largest request body, JSON or gRPC: gRPC's own default for a message, 4 MB.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>Where the OpenAPI document (<c>/swagger/v1/swagger.json</c>) and the page to try the JSON routes are.</summary>
    public const string SwaggerPath = "/swagger";

    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        // appsettings.json is found beside the binary whatever directory the gateway starts in.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder.Configuration);

        var listen = GatewayOptions.From(builder.Configuration);
        var endpoints = new GatewayEndpoints();
        builder.Services.AddSingleton(endpoints);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A client that vanishes without closing its connection is noticed by the missing ping
            // answer; otherwise its WatchOrder would run on for as long as the order does.
            kestrel.Limits.Http2.KeepAlivePingDelay = KeepAlivePingDelay;
            kestrel.Limits.Http2.KeepAlivePingTimeout = KeepAlivePingTimeout;
            // A JSON request is read whole before any field is checked, and Kestrel would take 30 MB
            // of it: a body gets the limit a gRPC message has.
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            endpoints.Listen(kestrel, listen);
        });

        builder.AddOrders(listen);
        var access = builder.AddAccessControl();
        builder.AddOrdersTelemetry("orders-gateway", telemetry => telemetry
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation()));
        builder.Services.AddSingleton(listen);
        builder.Services.AddGrpc(grpc =>
        {
            // The first added runs outermost: it times the call with its failure already mapped.
            grpc.Interceptors.Add<CallDurationInterceptor>();
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
        }).AddJsonTranscoding();
        // The HTTP routes' OpenAPI document, at /swagger/v1/swagger.json, and a page to try them at /swagger.
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSwaggerGen(swagger => swagger.SwaggerDoc("v1", new OpenApiInfo { Title = "Orders", Version = "v1" }));
        builder.Services.AddGrpcReflection();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LogThrottle>();
        builder.Services.AddSingleton<WatchNudges>();
        builder.Services.AddSingleton<CallerWatches>();
        builder.Services.AddSingleton<OrderWatch>();
        // Any silo's workers place a new order; one reference serves every call.
        builder.Services.AddSingleton(services => services.GetRequiredService<IGrainFactory>().GetGrain<IOrderPlacement>(0));
        // Checked on each request rather than cached, so a probe sees the cluster as it is now. The
        // service "" is readiness (the cluster reachable); "liveness" only that the gateway answers,
        // so that a liveness probe does not restart every gateway while the cluster recovers.
        builder.Services.AddGrpcHealthChecks(health =>
            {
                health.UseHealthChecksCache = false;
                health.Services.Map(LivenessService, check => check.Name == LivenessService);
            })
            .AddCheck<ClusterHealthCheck>("cluster")
            .AddCheck(LivenessService, () => HealthCheckResult.Healthy("the gateway answers"));

        var app = builder.Build();
        // Swashbuckle's middleware builds its document generator on every request it sees: only the
        // document's and the page's own requests reach it, not every gRPC call.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(SwaggerPath), swagger => swagger.UseSwagger().UseSwaggerUI());
        if (access.On)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
        app.MapGrpcService<OrderService>().ForCallers(access);
        app.MapGrpcService<InventoryService>().ForCallers(access);
        app.MapGrpcService<CatalogService>().ForCallers(access);
        app.MapGrpcService<RestaurantService>().ForCallers(access);
        app.MapGrpcService<NotificationService>().ForCallers(access);
        app.MapGrpcService<DeliveryService>().ForCallers(access);
        // The seed systems' contracts, for their clients to work unchanged (README, "Seed systems' clients").
        app.MapGrpcService<Seed000OrderService>().ForCallers(access);
        app.MapGrpcService<Seed000InventoryService>().ForCallers(access);
        app.MapGrpcService<Seed003OrderService>().ForCallers(access);
        app.MapGrpcService<Seed003RestaurantService>().ForCallers(access);
        app.MapGrpcService<Seed003DeliveryService>().ForCallers(access);
        app.MapGrpcService<Seed004OrderService>().ForCallers(access);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>The health service a liveness probe asks: SERVING while the gateway answers at all.</summary>
    public const string LivenessService = "liveness";

    /// <summary>
    /// Starts the gateway; <see cref="StartOutcome.Failed"/>, once whatever had started is stopped, when it cannot: a port
    /// taken (50051-50053 sit inside Linux's ephemeral port range, so an outgoing connection can
    /// hold one), an address not this machine's, anything else that fails its start. Stopped, a
    /// silo the gateway hosts leaves its cluster at once instead of being declared dead after
    /// calls to it have failed.
    /// </summary>
    public static async Task<StartOutcome> TryStart(this WebApplication app)
    {
        try
        {
            await app.StartAsync();
            return StartOutcome.Running;
        }
        catch (Exception refused) when (FailedStart.SettingsRefused(refused) is { Count: > 0 } problems)
        {
            // A setting out of range is said with its key, without a stack trace.
            foreach (var problem in problems)
                app.Logger.LogCritical("The gateway could not start: {Problem}", problem);
            return StartOutcome.Failed;
        }
        catch (Exception) when (app.StopAskedWhileStarting())
        {
            app.Logger.LogInformation("The gateway was stopped before it had started");
            await app.StopWhatStarted(app.Logger);
            return StartOutcome.Stopped;
        }
        catch (Exception failure)
        {
            app.Logger.LogCritical(failure, "The gateway could not start.{Hint}", failure is IOException && failure.Message.Contains("address already in use", StringComparison.Ordinal)
                ? " Choose other ports with Gateway__Ports=port,port,... (gRPC) or Gateway__HttpPorts=port,... (JSON)"
                : "");
            await app.StopWhatStarted(app.Logger);
            return StartOutcome.Failed;
        }
    }

    /// <summary>Where the gateway serves gRPC, once started.</summary>
    public static IReadOnlyList<string> GrpcAddresses(this WebApplication app) => app.Services.GetRequiredService<GatewayEndpoints>().Grpc;

    /// <summary>Where the gateway serves JSON over HTTP/1.1, once started.</summary>
    public static IReadOnlyList<string> JsonAddresses(this WebApplication app) => app.Services.GetRequiredService<GatewayEndpoints>().Json;
}
