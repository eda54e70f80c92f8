namespace Orders.Gateway.Errors;

/// <summary>Carries a grain's <see cref="Grains.Refusal"/> from a service method to the interceptor.</summary>
public sealed class RefusedException(Refusal refusal) : Exception(refusal.Message)
{
    public Refusal Refusal { get; } = refusal;
}
