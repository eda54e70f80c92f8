using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orders.Tests.Gateway;

/// <summary>The same API as JSON over HTTP/1.1 (gRPC JSON transcoding), over a real socket.</summary>
[Collection(GatewayCollection.Name)]
public sealed class GatewayJsonTests(GatewayFixture fixture) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = fixture.Json };

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task An_order_is_placed_read_listed_and_watched_as_json()
    {
        var (restaurantId, productId, customerId) = (Unique.Id("restaurant"), Unique.Id("product"), Unique.Id("customer"));

        await Post("/v1/restaurants", new { restaurant_id = restaurantId, name = "Luigi", address = "1 Via Roma" });
        await Post("/v1/products", new { product_id = productId, restaurant_id = restaurantId, name = "Margherita", price = new { minor_units = 950, currency = "EUR" }, available = true });
        var stock = await Post($"/v1/products/{productId}/stock", new { delta = 5 });
        var placed = await Post("/v1/orders", new { customer_id = customerId, lines = new[] { new { product_id = productId, quantity = 2 } } });
        var orderId = placed.GetProperty("orderId").GetString()!;
        var read = await http.GetFromJsonAsync<JsonElement>($"/v1/orders/{orderId}");
        var listed = await http.GetFromJsonAsync<JsonElement>($"/v1/customers/{customerId}/orders");
        using var watch = await http.GetAsync($"/v1/orders/{orderId}:watch", HttpCompletionOption.ResponseHeadersRead);
        using var updates = new StreamReader(await watch.Content.ReadAsStreamAsync());
        var first = JsonDocument.Parse((await updates.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!).RootElement;

        Assert.Equal(5, stock.GetProperty("available").GetInt32());
        Assert.Equal(("ORDER_STATUS_PAID", 1900), (placed.GetProperty("status").GetString(), placed.GetProperty("total").GetProperty("minorUnits").GetInt32()));
        Assert.Equal(placed.GetRawText(), read.GetRawText());
        Assert.Equal(orderId, Assert.Single(listed.GetProperty("orders").EnumerateArray()).GetProperty("orderId").GetString());
        Assert.Equal("ORDER_STATUS_PAID", first.GetProperty("change").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_input_unknown_entities_and_refusals_are_http_statuses_with_the_grpc_status_and_change_nothing()
    {
        var (_, productId) = await new Clients(fixture.Channel).SeedProduct(stock: 1);

        var invalid = await Status(await http.PostAsJsonAsync("/v1/orders", new { customer_id = "alice", lines = new[] { new { product_id = productId, quantity = 0 } } }));
        var missing = await Status(await http.GetAsync($"/v1/orders/{Unique.Id("order")}"));
        var refused = await Status(await http.PostAsJsonAsync("/v1/orders", new { customer_id = "alice", lines = new[] { new { product_id = productId, quantity = 2 } } }));

        Assert.Equal((HttpStatusCode.BadRequest, 3, "lines[0].quantity must be positive"), invalid);
        Assert.Equal((HttpStatusCode.NotFound, 5), (missing.Code, missing.GrpcCode));
        Assert.Equal((HttpStatusCode.BadRequest, 9), (refused.Code, refused.GrpcCode));
        Assert.StartsWith("insufficient stock", refused.Message, StringComparison.Ordinal);
        var stock = await http.GetFromJsonAsync<JsonElement>($"/v1/products/{productId}/stock");
        Assert.Equal((1, 0), (stock.GetProperty("available").GetInt32(), stock.GetProperty("reserved").GetInt32()));
    }

    [Fact]
    public async Task A_body_past_the_largest_request_is_refused_as_too_large_before_it_is_read_whole()
    {
        var line = new { product_id = "p", quantity = 1 };
        var lines = Enumerable.Repeat(line, global::Orders.Gateway.GatewayApp.MaxRequestBytes / 30);

        var refused = await Status(await http.PostAsJsonAsync("/v1/orders", new { customer_id = Unique.Id("customer"), lines }));

        // Read whole, it would be refused for its lines past a hundred instead.
        Assert.Equal((HttpStatusCode.BadRequest, 3), (refused.Code, refused.GrpcCode));
        Assert.StartsWith("Request body too large", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_names_every_service_s_routes()
    {
        var document = await http.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();

        Assert.Contains("/v1/orders", paths);
        Assert.Contains("/v1/orders/{orderId}", paths);
        Assert.Contains("/v1/products/{productId}/stock", paths);
        Assert.Contains("/v1/restaurants/{restaurantId}/orders/{orderId}:accept", paths);
        Assert.Contains("/v1/drivers/{driverId}/assignments", paths);
        Assert.Contains("/v1/customers/{customerId}/notifications", paths);
    }

    private async Task<JsonElement> Post(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The HTTP status, and the gRPC status's code and message in the body, as transcoding writes them.</summary>
    private static async Task<(HttpStatusCode Code, int GrpcCode, string Message)> Status(HttpResponseMessage response)
    {
        using var _ = response;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("code").GetInt32(), body.GetProperty("message").GetString()!);
    }
}
