namespace Orders.Tests.Infrastructure;

/// <summary>
/// Something a test stops at a point of its own choosing (a grain call before it runs, a
/// provider's answer once decided) and lets go on when it has arranged what it needs meanwhile.
/// </summary>
public sealed class Hold : IDisposable
{
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once what is held has come to the hold and waits there.</summary>
    public Task Reached => reached.Task;

    public void Release() => released.TrySetResult();

    /// <summary>Releases what is held, if the test has not: a test that fails leaves nothing held behind it.</summary>
    public void Dispose() => Release();

    /// <summary>Lets what is held go on with a failure, as a call lost on its way would.</summary>
    public void Fail() => released.TrySetException(new InvalidOperationException("injected fault: the held call is lost"));

    /// <summary>Called by what is held when it comes to the hold: waits until the test releases it.</summary>
    internal Task Wait()
    {
        reached.TrySetResult();
        return released.Task;
    }
}
