using System.Diagnostics;
using System.Runtime.CompilerServices;
using Npgsql;
using Orders.Grains.Diagnostics;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>What a batch's callers are told when its statement fails or does not answer each of them.</summary>
public sealed class StatementBatcherTests
{
    [Fact]
    public async Task Statements_run_outside_the_trace_of_the_call_that_made_the_batcher()
    {
        var seen = new StrongBox<Activity?>();
        using var maker = new Activity("the first write, long over").Start();
        await using var batcher = NotingItsSpan(seen);
        maker.Stop();

        await batcher.Run(1).WaitAsync(TimeSpan.FromSeconds(30));

        // None, or the statement's own when another test listens to the system's spans.
        Assert.NotEqual(maker.TraceId, seen.Value?.TraceId);
    }

    [Fact]
    public async Task A_statement_is_traced_in_a_span_of_its_own_linked_to_each_call_it_carries()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OrdersTracing.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var seen = new StrongBox<Activity?>();
        await using var batcher = NotingItsSpan(seen);
        using var call = new Activity("a call").Start();

        await batcher.Run(1).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("probe.write", seen.Value?.OperationName);
        Assert.NotEqual(call.TraceId, seen.Value!.TraceId);
        Assert.Equal(call.TraceId, Assert.Single(seen.Value.Links).Context.TraceId);
    }

    [Fact]
    public async Task A_statement_that_answers_fewer_requests_than_it_carried_fails_every_caller_of_its_batch_and_the_next_batch_still_runs()
    {
        var shortOnce = true;
        await using var batcher = new StatementBatcher<int, int>(
            "probe.write",
            requests =>
            {
                IReadOnlyList<int> answers = shortOnce ? [.. requests.Skip(1)] : [.. requests.Select(request => request * 10)];
                shortOnce = false;
                return Task.FromResult(answers);
            },
            keyOf: request => request,
            batchSize: 8,
            flushLoops: 1);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.Run(1).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Contains("probe.write answered 0 of 1", failure.Message);
        Assert.Equal(20, await batcher.Run(2).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_batch_whose_statement_surely_took_no_effect_runs_again_and_its_callers_get_their_answers()
    {
        using var readings = new MeterReadings();
        var statement = new FailingOnce(new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected));
        await using var batcher = statement.Batcher("probe.deadlocked");

        var answer = await batcher.Run(1).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(10, answer);
        Assert.Equal(2, statement.Runs);
        Assert.Equal([1], readings.Of("orders.storage.statement.failures", "probe.deadlocked", "True"));
    }

    [Fact]
    public async Task A_failure_that_may_have_come_after_the_commit_reaches_the_callers_and_the_batch_is_not_run_again()
    {
        using var readings = new MeterReadings();
        var ended = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);
        var statement = new FailingOnce(ended);
        await using var batcher = statement.Batcher("probe.ended");

        var failure = await Assert.ThrowsAsync<PostgresException>(() => batcher.Run(1).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Same(ended, failure);
        Assert.Equal(1, statement.Runs);
        Assert.Equal([1], readings.Of("orders.storage.statement.failures", "probe.ended", "False"));
    }

    /// <summary>A batcher whose statement answers each request with itself and notes in <paramref name="seen"/> the span current while it runs.</summary>
    private static StatementBatcher<int, int> NotingItsSpan(StrongBox<Activity?> seen) => new(
        "probe.write",
        requests =>
        {
            seen.Value = Activity.Current;
            return Task.FromResult<IReadOnlyList<int>>([.. requests]);
        },
        keyOf: request => request,
        flushLoops: 1);

    /// <summary>A statement whose first run fails with <paramref name="failure"/> and whose later ones answer ten times each request; it counts its runs.</summary>
    private sealed class FailingOnce(Exception failure)
    {
        public int Runs { get; private set; }

        public StatementBatcher<int, int> Batcher(string statement) => new(statement, Run, keyOf: request => request, flushLoops: 1);

        private Task<IReadOnlyList<int>> Run(IReadOnlyList<int> requests) => ++Runs == 1
            ? Task.FromException<IReadOnlyList<int>>(failure)
            : Task.FromResult<IReadOnlyList<int>>([.. requests.Select(request => request * 10)]);
    }
}
