namespace Orders.Grains;

/// <summary>Names shared by the grains and the silo that hosts them.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider every grain writes its state to.</summary>
    public const string Main = "orders";
}
