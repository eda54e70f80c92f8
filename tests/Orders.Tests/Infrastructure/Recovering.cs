namespace Orders.Tests.Infrastructure;

/// <summary>Calls made while a cluster recovers from a killed silo.</summary>
public static class Recovering
{
    /// <summary>
    /// The answer, or null while the cluster is still recovering from the kill: a call that
    /// reaches the dead silo before the cluster has declared it dead fails or waits out the
    /// response timeout. Poll it with <see cref="Eventually"/>.
    /// </summary>
    public static async Task<T?> Answer<T>(Func<Task<T?>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (Exception failure) when (failure is not Xunit.Sdk.XunitException)
        {
            return null;
        }
    }
}
