using Microsoft.Extensions.Hosting;
using Orders.Silo.Hosting;

// A cluster silo. Needs ConnectionStrings__Orders; without it the silo runs alone in dev mode.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddOrdersTelemetry("orders-silo");
builder.UseOrleans(silo => silo.AddOrders());
using var host = builder.Build();
await host.StartAsync();
// A silo started without its connection string would otherwise run alone and keep nothing,
// unseen by every gateway of the cluster it was meant to join.
var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Orders.Silo");
if (OrdersConfiguration.ConnectionString(builder.Configuration) is null)
    log.LogWarning("Orders silo in dev mode: alone, in-memory storage, nothing durable (set ConnectionStrings__Orders to join a cluster)");
else
    log.LogInformation("Orders silo in cluster mode, on PostgreSQL");
await host.WaitForShutdownAsync();
