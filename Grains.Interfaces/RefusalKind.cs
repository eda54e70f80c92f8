namespace Orders.Grains;

/// <summary>Why a command was refused; the gateway maps each to one gRPC status.</summary>
public enum RefusalKind
{
    NotFound,
    FailedPrecondition,
    AlreadyExists,

    /// <summary>The caller's test-and-set found the state moved on since it read it: it reads again and retries.</summary>
    Conflict,
}
