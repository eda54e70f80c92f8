using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Orders.Grains.Catalog;
using Orders.Grains.Customers;
using Orders.Grains.Delivery;
using Orders.Grains.Inventory;
using Orders.Grains.Orders;
using Orders.Grains.Payments;
using Orders.Grains.Restaurants;
using Orleans.Serialization;

namespace Orders.Tests.Persistence;

/// <summary>
/// What a build stored, kept as its bytes and as what they meant to it (<c>StoredFormats/&lt;build&gt;/&lt;sample&gt;.bin</c>,
/// base64, beside <c>&lt;sample&gt;.json</c>), for every kind of value PostgreSQL holds across
/// upgrades: grain states, a stock ledger's header and entries, list rows, an event queue's row.
/// A sample is named by its kind, and where a kind has several samples, by what tells them apart
/// after a dot (<c>stream-events.order-placed</c>).
/// </summary>
public static class StoredFormat
{
    /// <summary>Each kind stored, by the name its files carry.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Kinds = new Dictionary<string, Type>
    {
        ["order-state"] = typeof(OrderState),
        ["payment-state"] = typeof(PaymentState),
        ["restaurant-state"] = typeof(RestaurantState),
        ["product-state"] = typeof(ProductState),
        ["product-updates-state"] = typeof(ProductUpdatesState),
        ["dispatch-state"] = typeof(DispatchState),
        ["driver-state"] = typeof(DriverState),
        ["stock-header"] = typeof(StockHeader),
        ["stock-hold"] = typeof(StockHold),
        ["notification"] = typeof(Notification),
        ["assignment-step"] = typeof(AssignmentStep),
        // An event queue's row: the events one write raised for one stream.
        ["stream-events"] = typeof(List<object>),
    };

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Persistence", "StoredFormats");

    /// <summary>The kind <paramref name="sample"/> is a sample of.</summary>
    public static string KindOf(string sample) => sample.Split('.')[0];

    /// <summary>The serializer the storage providers use, with this build's types.</summary>
    public static Serializer Serializer { get; } = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(OrderState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>Written as JSON, a value's stored members alone: those its serializer numbers, not those it computes from them.</summary>
    private static readonly JsonSerializerOptions StoredMembers = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlyStoredMembers } },
        WriteIndented = true,
    };

    /// <summary>What <paramref name="bytes"/> mean to this build, read as <paramref name="kind"/>: its stored members, as JSON.</summary>
    public static JsonNode Meaning(string kind, byte[] bytes)
    {
        var type = Kinds[kind];
        var value = typeof(Serializer).GetMethod(nameof(Serializer.Deserialize), [typeof(byte[])])!.MakeGenericMethod(type).Invoke(Serializer, [bytes]);
        // Events are read by the type their alias names, which their members alone would not show.
        return value is List<object> events
            ? new JsonArray([.. events.Select(item => new JsonObject { ["Type"] = item.GetType().Name, ["Event"] = JsonSerializer.SerializeToNode(item, item.GetType(), StoredMembers) })])
            : JsonSerializer.SerializeToNode(value, type, StoredMembers)!;
    }

    private static void OnlyStoredMembers(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
            return;
        foreach (var computed in type.Properties.Where(property => property.AttributeProvider is MemberInfo member && member.GetCustomAttribute<IdAttribute>() is null).ToList())
            type.Properties.Remove(computed);
    }
}
