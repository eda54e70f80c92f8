namespace Orders.Gateway.Errors;

public static class RefusalStatus
{
    /// <summary>The gRPC status a grain's refusal is answered with.</summary>
    public static Status ToStatus(this Refusal refusal) => new(ToStatusCode(refusal.Kind), refusal.Message);

    private static StatusCode ToStatusCode(RefusalKind kind) => kind switch
    {
        RefusalKind.NotFound => StatusCode.NotFound,
        RefusalKind.AlreadyExists => StatusCode.AlreadyExists,
        // gRPC's own example of ABORTED: a client's read-modify-write that lost to another writer.
        RefusalKind.Conflict => StatusCode.Aborted,
        _ => StatusCode.FailedPrecondition,
    };
}
