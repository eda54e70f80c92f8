namespace Orders.Grains;

internal static class DurableState
{
    /// <summary>
    /// Makes <paramref name="next"/> the grain's state and writes it. If the write fails the old
    /// state comes back and the activation is retired, so the next call reloads what storage
    /// really holds instead of serving a change that may never have become durable.
    /// </summary>
    public static async Task Save<T>(this IPersistentState<T> state, T next, IGrainBase owner)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            owner.DeactivateOnIdle();
            throw;
        }
    }
}
