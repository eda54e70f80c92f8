namespace Orders.Grains.Wakes;

/// <summary>
/// A grain state that says when its grain must next be woken. The storage keeps that time beside
/// the state, written by the same statement, so a change and the wake it calls for are durable
/// together; the silo's <c>WakeSweeper</c> calls <see cref="IWakeable.Wake"/> once it has passed.
/// </summary>
public interface IWakeAtState
{
    DateTimeOffset? WakeAt { get; }
}
