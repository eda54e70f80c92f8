namespace Orders.Grains;

/// <summary>
/// A grain its caller vouches was never stored, because the caller made its id up for this one
/// call (the gateway's id for an order whose client chose none): the activation the call brings
/// about need not ask storage whether anything is there. The vouch travels in the call's request
/// context, which Orleans imports into the activation a message triggers before the grain's
/// lifecycle reads its state; the grain forgets it as its call begins (<see cref="Forget"/>), so
/// that nothing it calls or starts carries it on, and every later activation reads as usual.
/// Storage that skips the read still writes the first state as an insert that fails over any row
/// already there, so a wrong vouch costs a refused write, never an overwritten state.
/// </summary>
public static class NeverStored
{
    private const string Key = "orders.never-stored";

    /// <summary>Makes the call <paramref name="call"/> starts vouch that <paramref name="grain"/> was never stored.</summary>
    public static async Task<T> Vouching<T>(GrainId grain, Func<Task<T>> call)
    {
        // The request context is async-local: set in this method, it reaches the message the call
        // sends, and is gone again for the caller once this returns.
        RequestContext.Set(Key, grain.ToString());
        return await call();
    }

    /// <summary>The grain (its id as text) the current call vouches was never stored, if any.</summary>
    public static string? Vouched => RequestContext.Get(Key) as string;

    /// <summary>Whether the current call vouches that <paramref name="grain"/> was never stored.</summary>
    public static bool IsVouched(GrainId grain) => Vouched is { } vouched && vouched == grain.ToString();

    /// <summary>Drops the vouch from the current call, before it reaches anything the grain calls.</summary>
    public static void Forget() => RequestContext.Remove(Key);
}
