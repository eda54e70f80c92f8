using Orders.Gateway;

var app = GatewayApp.Build(args);
if (!await app.TryStart())
    return 1;

app.Logger.LogInformation("Orders gateway ({Mode}) serving gRPC on {Addresses}", OrleansHosting.Mode(app.Configuration), string.Join(", ", app.Addresses()));

await app.WaitForShutdownAsync();
return 0;
