namespace Orders.Silo.Hosting;

/// <summary>
/// How long a pulling agent remembers a stream that has had no events. Since dotnet/orleans#10574
/// (in 10.4) the agent looks through every stream it remembers before each read of its queue, for
/// a producer registration still under way; at the default half hour that was every order stream
/// of the last half hour, two per order, so each read cost more the longer the silo ran. An
/// order's streams fall idle within seconds of its last event, a busy stream never idles, and a
/// forgotten stream is registered again by its next event (implicit subscriptions only, so within
/// the silo).
/// </summary>
public static class IdleStreams
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromSeconds(30);
}
