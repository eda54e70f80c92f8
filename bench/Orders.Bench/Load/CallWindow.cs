namespace Orders.Bench.Load;

/// <summary>Where a call's start (its due time in the open loop) falls against the measured window.</summary>
public enum CallWindow
{
    WarmUp,
    Measured,

    /// <summary>The window has closed: no more calls start.</summary>
    Over,
}
