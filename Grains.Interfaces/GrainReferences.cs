namespace Orders.Grains;

/// <summary>
/// <c>GetGrain&lt;T&gt;(string)</c> without resolving <c>T</c> on every call. Orleans' grain factory
/// works out the interface's grain type anew each time (it reads the interface's attributes and
/// formats its name: about 4 % of a silo's allocations under load). The first reference to an
/// interface gives the grain type and interface type that every later one reuses; both follow from
/// the interface alone, so one copy serves every silo and client in the process.
/// </summary>
public static class GrainReferences
{
    public static T Reference<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        var types = TypesOf<T>.Resolved ??= TypesOf<T>.Resolve(grains);
        return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);

    private static class TypesOf<T> where T : IGrainWithStringKey
    {
        // Two first calls at once both resolve, to the same answer.
        public static GrainTypes? Resolved;

        public static GrainTypes Resolve(IGrainFactory grains)
        {
            var reference = (GrainReference)(object)grains.GetGrain<T>("any");
            return new GrainTypes(reference.GrainId.Type, reference.InterfaceType);
        }
    }
}
