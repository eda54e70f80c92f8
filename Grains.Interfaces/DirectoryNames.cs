namespace Orders.Grains;

/// <summary>Grain directories besides Orleans' default one, registered by every silo.</summary>
public static class DirectoryNames
{
    /// <summary>
    /// Orleans' strongly consistent directory: no second activation of a grain starts while a silo
    /// joins or leaves. The long-lived entities that many callers share use it (a stock selling
    /// from what it read beside a second one that already holds more); the activations made for one
    /// order and ended soon after (the order's, its payment's) keep Orleans' default directory,
    /// which costs less per activation, and rely on their versioned writes.
    /// </summary>
    public const string SingleActivation = "single-activation";
}
