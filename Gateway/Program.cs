using Orders.Gateway;

var app = GatewayApp.Build(args);
if (!await app.TryStart())
    return 1;

app.Logger.LogInformation(
    "Orders gateway ({Mode}; {Access}) serving gRPC on {GrpcAddresses}; JSON on {JsonAddresses}",
    OrleansHosting.Mode(app.Configuration),
    app.Services.GetRequiredService<AccessOptions>().On ? "access control on" : "access control off: every call is anonymous",
    string.Join(", ", app.GrpcAddresses()),
    app.JsonAddresses() is { Count: > 0 } json ? $"{string.Join(", ", json)} (OpenAPI at /swagger)" : "no port (Gateway:HttpPorts is empty)");

await app.WaitForShutdownAsync();
return 0;
