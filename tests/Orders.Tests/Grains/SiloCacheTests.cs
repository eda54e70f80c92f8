using Microsoft.Extensions.Time.Testing;
using Orders.Grains.Caches;

namespace Orders.Tests.Grains;

/// <summary>A silo's cache asks the owner once for callers that miss an entry together, and again once it has run out.</summary>
public sealed class SiloCacheTests
{
    [Fact]
    public async Task Callers_that_miss_an_entry_together_share_one_read_of_its_owner()
    {
        var cache = new CountingCache(new FakeTimeProvider());

        var waiting = Enumerable.Range(0, 20).Select(_ => cache.Get("pizza").AsTask()).ToList();
        await cache.Answer(new Details("pizza", 1));
        var answers = await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, cache.Reads);
        Assert.All(answers, details => Assert.Equal(new Details("pizza", 1), details));
        Assert.Equal(new Details("pizza", 1), await cache.Get("pizza"));     // held now: no read
        Assert.Equal(1, cache.Reads);
    }

    [Fact]
    public async Task A_failed_or_outdated_read_is_made_again_by_the_next_caller()
    {
        var clock = new FakeTimeProvider();
        var cache = new CountingCache(clock);

        var failing = cache.Get("pizza").AsTask();
        await cache.Fail("pizza");
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        var second = cache.Get("pizza").AsTask();
        await cache.Answer(new Details("pizza", 1));
        Assert.Equal(new Details("pizza", 1), await second);
        clock.Advance(SiloCache<Details>.MaxAge);
        var third = cache.Get("pizza").AsTask();
        await cache.Answer(new Details("pizza", 2));

        Assert.Equal(new Details("pizza", 2), await third);
        Assert.Equal(3, cache.Reads);
    }

    [Fact]
    public async Task An_entry_runs_out_by_the_time_it_was_held_whatever_the_wall_clock_says()
    {
        var clock = new ClockSteppedBack();
        var cache = new CountingCache(clock);
        var first = cache.Get("pizza").AsTask();
        await cache.Answer(new Details("pizza", 1));
        await first;

        clock.Pass(SiloCache<Details>.MaxAge, wallClockStep: TimeSpan.FromHours(-1));
        var afterMaxAge = cache.Get("pizza").AsTask();
        await cache.Answer(new Details("pizza", 2));

        Assert.Equal(new Details("pizza", 2), await afterMaxAge);
        Assert.Equal(2, cache.Reads);
    }

    [Fact]
    public async Task A_newer_version_broadcast_while_the_owner_answered_an_older_one_is_what_the_callers_get()
    {
        var cache = new CountingCache(new FakeTimeProvider());

        var waiting = cache.Get("pizza").AsTask();
        cache.Put(new Details("pizza", 2));
        await cache.Answer(new Details("pizza", 1));

        Assert.Equal(new Details("pizza", 2), await waiting);
        Assert.Equal(new Details("pizza", 2), await cache.Get("pizza"));
    }

    [Fact]
    public async Task A_copy_of_the_version_held_put_again_does_not_put_off_the_next_read_from_the_owner()
    {
        var clock = new FakeTimeProvider();
        var cache = new CountingCache(clock);
        cache.Put(new Details("pizza", 1));
        clock.Advance(SiloCache<Details>.MaxAge - TimeSpan.FromMinutes(1));
        // Relayed again, as a product's update is: a newer version may have been missed meanwhile.
        cache.Put(new Details("pizza", 1));
        clock.Advance(TimeSpan.FromMinutes(1));

        var read = cache.Get("pizza").AsTask();
        await cache.Answer(new Details("pizza", 2));

        Assert.Equal(new Details("pizza", 2), await read);
        Assert.Equal(1, cache.Reads);
    }

    private sealed record Details(string Id, long Version);

    /// <summary>A cache whose owner answers when the test says, counting the reads it was asked for.</summary>
    private sealed class CountingCache(TimeProvider clock) : SiloCache<Details>(clock)
    {
        private readonly List<(string Id, TaskCompletionSource<Details?> Answer)> asked = [];

        public int Reads
        {
            get { lock (asked) return asked.Count; }
        }

        /// <summary>Answers every read of the entry still waiting, once one is (the cache reads on the thread pool).</summary>
        public async Task Answer(Details details)
        {
            foreach (var read in await Waiting(details.Id))
                read.SetResult(details);
        }

        public async Task Fail(string id)
        {
            foreach (var read in await Waiting(id))
                read.SetException(new InvalidOperationException("the owner is out of reach"));
        }

        protected override Task<Details?> ReadFromOwner(string id)
        {
            var read = new TaskCompletionSource<Details?>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (asked)
                asked.Add((id, read));
            return read.Task;
        }

        private Task<List<TaskCompletionSource<Details?>>> Waiting(string id) =>
            Eventually.Until(() =>
            {
                lock (asked)
                    return Task.FromResult<List<TaskCompletionSource<Details?>>>([.. asked.Where(read => read.Id == id && !read.Answer.Task.IsCompleted).Select(read => read.Answer)]);
            }, waiting => waiting.Count > 0);

        protected override string IdOf(Details details) => details.Id;

        protected override long VersionOf(Details details) => details.Version;
    }

    /// <summary>A machine whose wall clock is stepped while its monotonic time goes on.</summary>
    private sealed class ClockSteppedBack : TimeProvider
    {
        private DateTimeOffset wallClock = DateTimeOffset.UtcNow;
        private long timestamp;

        public override DateTimeOffset GetUtcNow() => wallClock;

        public override long GetTimestamp() => timestamp;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Pass(TimeSpan elapsed, TimeSpan wallClockStep)
        {
            timestamp += elapsed.Ticks;
            wallClock += elapsed + wallClockStep;
        }
    }
}
