namespace Orders.Silo.Memory;

/// <summary>Where dev mode keeps a state: its name and its grain.</summary>
internal readonly record struct StateKey(string StateName, GrainId GrainId);
