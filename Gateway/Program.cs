using Orders.Gateway;

var app = GatewayApp.Build(args);
if (!await app.TryStart())
    return 1;

app.Logger.LogInformation(
    "Orders gateway ({Mode}) serving gRPC on {GrpcAddresses}; JSON on {JsonAddresses}",
    OrleansHosting.Mode(app.Configuration),
    string.Join(", ", app.GrpcAddresses()),
    app.JsonAddresses() is { Count: > 0 } json ? $"{string.Join(", ", json)} (OpenAPI at /swagger)" : "no port (Gateway:HttpPorts is empty)");

await app.WaitForShutdownAsync();
return 0;
