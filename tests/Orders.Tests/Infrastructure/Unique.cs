namespace Orders.Tests.Infrastructure;

/// <summary>Fresh ids, so tests sharing a cluster never see each other's entities.</summary>
public static class Unique
{
    public static string Id(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
