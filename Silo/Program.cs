using Microsoft.Extensions.Hosting;
using Orders.Silo.Hosting;

// A cluster silo. Needs ConnectionStrings__Orders; without it the silo runs alone in dev mode.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddOrdersTelemetry("orders-silo");
builder.UseOrleans(silo => silo.AddOrders());
await builder.Build().RunAsync();
