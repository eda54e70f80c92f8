namespace Orders.Grains;

/// <summary>Why a command was refused; the gateway maps each to one gRPC status.</summary>
public enum RefusalKind
{
    NotFound,
    FailedPrecondition,
    AlreadyExists,
}
