namespace Orders.Gateway.Mapping;

public static class ResultExtensions
{
    /// <summary>The value, or the refusal thrown for the interceptor to turn into a status.</summary>
    public static T Unwrap<T>(this Result<T> result) where T : class =>
        result.Refusal is { } refusal ? throw new RefusedException(refusal) : result.Value!;

    /// <summary>The value, or NOT_FOUND naming what was looked for.</summary>
    public static T OrNotFound<T>(this T? value, string what) where T : class =>
        value ?? throw new RefusedException(Refusal.NotFound($"{what} not found"));

    /// <inheritdoc cref="OrNotFound{T}(T, string)"/>
    public static T OrNotFound<T>(this T? value, string what) where T : struct =>
        value ?? throw new RefusedException(Refusal.NotFound($"{what} not found"));
}
