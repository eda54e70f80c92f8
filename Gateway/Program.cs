using Orders.Gateway;
using Orders.Silo.Hosting;

var app = GatewayApp.Build(args);
await app.StartAsync();

var mode = OrdersConfiguration.ConnectionString(app.Configuration) is null
    ? "dev mode: in-process silo, in-memory storage"
    : "cluster mode: Orleans client on PostgreSQL membership";
app.Logger.LogInformation("Orders gateway ({Mode}) serving gRPC on {Addresses}", mode, string.Join(", ", app.Addresses()));

await app.WaitForShutdownAsync();
