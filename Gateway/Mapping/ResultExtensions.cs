namespace Orders.Gateway.Mapping;

public static class ResultExtensions
{
    /// <summary>
    /// The call's answer: the value as <paramref name="toProto"/> makes it, or the refusal as the
    /// call's status beside an empty message, which gRPC's clients drop for the status. A refusal
    /// is an answer, not a failure: thrown, it cost an exception in every frame between here and
    /// gRPC's call handler, 28 % of the gateway's time in a sold-out flash sale
    /// (docs/performance.md; grpc/grpc-dotnet#1555 suggests this form).
    /// </summary>
    public static TResponse Answer<T, TResponse>(this Result<T> result, ServerCallContext context, Func<T, TResponse> toProto)
        where T : class
        where TResponse : class, new()
    {
        if (result.Refusal is not { } refusal)
            return toProto(result.Value!);
        context.Status = refusal.ToStatus();
        return new TResponse();
    }

    /// <summary>The value, or the refusal thrown: for a step before the call's own answer.</summary>
    public static T OrRefused<T>(this Result<T> result) where T : class =>
        result.Refusal is { } refusal ? throw new RefusedException(refusal) : result.Value!;

    /// <summary>The value, or NOT_FOUND naming what was looked for.</summary>
    public static T OrNotFound<T>(this T? value, string what) where T : class =>
        value ?? throw new RefusedException(Refusal.NotFound($"{what} not found"));

    /// <inheritdoc cref="OrNotFound{T}(T, string)"/>
    public static T OrNotFound<T>(this T? value, string what) where T : struct =>
        value ?? throw new RefusedException(Refusal.NotFound($"{what} not found"));
}
