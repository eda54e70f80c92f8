using Orders.Grains.Events;

namespace Orders.Tests.Grains;

/// <summary>The dedupe marks of a consumer: redeliveries are recognised, finished sources are forgotten.</summary>
public sealed class AppliedEventsTests
{
    [Fact]
    public void An_event_at_or_below_a_sources_mark_is_a_redelivery()
    {
        var applied = new AppliedEvents().Add(Header("order:a", 2));

        Assert.True(applied.Contains(Header("order:a", 1)));
        Assert.True(applied.Contains(Header("order:a", 2)));
        Assert.False(applied.Contains(Header("order:a", 3)));
        Assert.False(applied.Contains(Header("order:b", 1)));
    }

    [Fact]
    public void Finishing_a_source_forgets_it_and_keeps_the_others()
    {
        var applied = new AppliedEvents().Add(Header("order:a", 1)).Add(Header("order:b", 4)).Finish(Header("order:a", 3));

        Assert.Equal(["order:b"], applied.LastBySource.Keys);
        Assert.True(applied.Contains(Header("order:b", 4)));
    }

    private static EventHeader Header(string source, long sequence) => new(Guid.NewGuid(), source, sequence, DateTimeOffset.UtcNow, TraceParent: null);
}
