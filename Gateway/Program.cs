using Orders.Gateway;

var app = GatewayApp.Build(args);
try
{
    await app.StartAsync();
}
catch (IOException bindFailure) when (bindFailure.Message.Contains("address already in use", StringComparison.Ordinal))
{
    // 50051-50053 sit inside Linux's ephemeral port range, so an outgoing connection can hold one.
    app.Logger.LogCritical("{Reason} Choose other ports with Gateway__Ports=port,port,...", bindFailure.Message);
    return 1;
}

app.Logger.LogInformation("Orders gateway ({Mode}) serving gRPC on {Addresses}", OrleansHosting.Mode(app.Configuration), string.Join(", ", app.Addresses()));

await app.WaitForShutdownAsync();
return 0;
