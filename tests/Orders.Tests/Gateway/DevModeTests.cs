using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orders.Gateway;
using Orders.V1;

namespace Orders.Tests.Gateway;

/// <summary>The README's first command: the gateway with no database hosts its own silo and serves the whole API.</summary>
public sealed class DevModeTests
{
    [Fact]
    public async Task The_gateway_without_a_database_runs_orders_on_its_own_silo()
    {
        await using var gateway = await DevGateway.Start();
        var api = gateway.Api;

        var (restaurantId, productId) = await api.SeedProduct(stock: 3);
        await api.Configure(restaurantId, autoAccept: true, TimeSpan.FromSeconds(1), zone: "default");
        var driverId = await api.DriverOnDuty("default");

        // The whole lifecycle on in-memory queues and reminders: paid, accepted, cooked on the kitchen timer, delivered.
        var placed = await api.Orders.CreateOrderAsync(Clients.OrderFor("customer-dev", productId, quantity: 2));
        var ready = await api.Until(placed.OrderId, OrderStatus.Ready, order => order.DriverId.Length > 0);
        await api.Deliver(placed.OrderId);
        var delivered = await api.Orders.GetOrderAsync(new GetOrderRequest { OrderId = placed.OrderId });
        var stock = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });

        Assert.Equal(driverId, ready.DriverId);
        Assert.Equal(OrderStatus.Delivered, delivered.Status);
        Assert.Equal((1, 0, 2), (stock.OnHand, stock.Reserved, stock.Sold));
        await gateway.App.StopAsync();
    }

    /// <summary>Dev mode keeps the orders' wake times beside its in-memory states, and its silo sweeps them.</summary>
    [Fact]
    public async Task A_paid_order_its_restaurant_does_not_answer_times_out_in_dev_mode_too()
    {
        await using var gateway = await DevGateway.Start(new Dictionary<string, string?> { ["Lifecycle:UnansweredTimeout"] = "00:00:02" });
        var api = gateway.Api;
        var (_, productId) = await api.SeedProduct(stock: 1);

        var placed = await api.Orders.CreateOrderAsync(Clients.OrderFor("customer-unanswered", productId, quantity: 1));
        var cancelled = await api.Until(placed.OrderId, OrderStatus.Cancelled);
        var stock = await api.Inventory.GetInventoryAsync(new GetInventoryRequest { ProductId = productId });

        Assert.Equal("the restaurant did not answer in time", cancelled.History[^1].Reason);
        Assert.Equal((1, 0, 0), (stock.OnHand, stock.Reserved, stock.Sold));
        await gateway.App.StopAsync();
    }

    [Fact]
    public async Task A_kitchen_with_no_prep_time_readies_an_order_without_waiting_a_reminder_period()
    {
        await using var gateway = await DevGateway.Start();
        var api = gateway.Api;
        var (restaurantId, productId) = await api.SeedProduct(stock: 1);
        await api.Configure(restaurantId, autoAccept: true, TimeSpan.Zero, zone: "instant");

        var placed = await api.Orders.CreateOrderAsync(Clients.OrderFor("customer-instant", productId, quantity: 1));

        // The dev silo's reminder period is a minute, longer than Until waits: a kitchen timer
        // due "now" whose first tick the reminder service skipped would never get here.
        var ready = await api.Until(placed.OrderId, OrderStatus.Ready);
        Assert.Equal(OrderStatus.Ready, ready.Status);
        await gateway.App.StopAsync();
    }

    [Fact]
    public async Task The_dev_silo_reads_its_queues_often_enough_to_keep_up_with_the_lifecycle()
    {
        await using var gateway = await DevGateway.Start();

        var pulling = gateway.App.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(StreamNames.Provider);

        Assert.True(pulling.GetQueueMsgsTimerPeriod <= TimeSpan.FromMilliseconds(10), $"reads every {pulling.GetQueueMsgsTimerPeriod}");
        Assert.True(pulling.StreamInactivityPeriod <= TimeSpan.FromMinutes(1), $"remembers idle streams for {pulling.StreamInactivityPeriod}");
        await gateway.App.StopAsync();
    }

    [Fact]
    public async Task The_dev_silo_listens_on_the_ports_configuration_gives_it()
    {
        var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
        await using var gateway = await DevGateway.Start(new()
        {
            ["Orleans:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        });

        var endpoints = gateway.App.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, siloPort);

        Assert.Equal((siloPort, gatewayPort), (endpoints.SiloPort, endpoints.GatewayPort));
        await gateway.App.StopAsync();
    }

    [Fact]
    public async Task The_gateway_pings_quiet_http2_connections_to_notice_clients_gone_without_a_goodbye()
    {
        await using var gateway = await DevGateway.Start();

        var http2 = gateway.App.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.Http2;

        Assert.Equal((GatewayApp.KeepAlivePingDelay, GatewayApp.KeepAlivePingTimeout), (http2.KeepAlivePingDelay, http2.KeepAlivePingTimeout));
        Assert.True(http2.KeepAlivePingDelay < TimeSpan.MaxValue);
        await gateway.App.StopAsync();
    }

    [Theory]
    [InlineData("Lifecycle:SweepInterval", "00:00:00", "Lifecycle:SweepInterval must be at least a millisecond and at most 49.17:02:47.2940000 (it is 00:00:00)")]
    [InlineData("Lifecycle:SweepInterval", "00:00:00.0005", "Lifecycle:SweepInterval must be at least a millisecond and at most 49.17:02:47.2940000 (it is 00:00:00.0005000)")]
    [InlineData("Lifecycle:UnansweredTimeout", "10675199.02:48:05.4775807", "Lifecycle:UnansweredTimeout must be positive and at most 49.17:02:47.2940000 (it is 10675199.02:48:05.4775807)")]
    [InlineData("Lifecycle:ReminderPeriod", "00:00:30", "Lifecycle:ReminderPeriod must be at least the reminder service's minimum period, 00:01:00 (it is 00:00:30)")]
    [InlineData("Payments:Resilience:FailureRatio", "50", "Payments:Resilience:FailureRatio is a share of the calls, above 0 and at most 1 (it is 50)")]
    [InlineData("Payments:Simulator:SlowLatency", "-00:00:00.001", "Payments:Simulator:SlowLatency must be between zero and a day (it is -00:00:00.0010000)")]
    [InlineData("Payments:Simulator:FlakyFailures", "-1", "Payments:Simulator:FlakyFailures must be at least 0 (it is -1)")]
    [InlineData("Lifecycle:SweepInterval", "1", "Lifecycle:SweepInterval must be written as hours, minutes and seconds, such as 00:00:01, not '1' (days to .NET)")]
    [InlineData("Payments:Resilience:BreakDuration", "15", "Payments:Resilience:BreakDuration must be written as hours, minutes and seconds, such as 00:00:01, not '15' (days to .NET)")]
    public async Task An_option_out_of_range_stops_the_start_with_its_key_named(string key, string value, string problem)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => DevGateway.Start(new() { [key] = value }));

        Assert.Contains(problem, refused.Failures);
    }

    [Fact]
    public async Task An_advertised_address_that_is_a_name_stops_the_start_with_its_key_named()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DevGateway.Start(new() { ["Orleans:AdvertisedIP"] = "silo-0" }));

        Assert.Equal("Orleans:AdvertisedIP must be an IP address, not 'silo-0'", refused.Message);
    }

    [Fact]
    public async Task A_connection_string_set_but_empty_stops_the_start_rather_than_running_dev_mode()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DevGateway.Start(new() { ["ConnectionStrings:Orders"] = "" }));

        Assert.StartsWith("ConnectionStrings:Orders is set but empty", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_npgsql_cannot_read_stops_the_start_with_its_key_named()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DevGateway.Start(new() { ["ConnectionStrings:Orders"] = "Host=db;Max Pool Size=5" }));

        Assert.StartsWith("ConnectionStrings:Orders is not a PostgreSQL connection string Npgsql reads: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("max pool size", refused.Message, StringComparison.OrdinalIgnoreCase);
    }
}
