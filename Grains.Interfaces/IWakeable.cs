namespace Orders.Grains;

/// <summary>A grain whose stored state names a time to be woken at; the silo's wake sweeper calls it then.</summary>
[Alias("orders.IWakeable")]
public interface IWakeable : IGrain
{
    /// <summary>Does what the time calls for, if it is still due (the grain may have moved on since it was read).</summary>
    [Alias("Wake")]
    Task Wake();
}
