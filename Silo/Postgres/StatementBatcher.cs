using System.Diagnostics;
using System.Threading.Channels;
using Orders.Grains.Diagnostics;

namespace Orders.Silo.Postgres;

/// <summary>
/// Lets many concurrent callers share round trips. Each of a few flush loops takes everything
/// waiting (up to the batch size) and runs it as one statement; a lone request goes out at once,
/// and under load requests queue while the loops are busy and leave together. Requests that must
/// not share a statement (the same row twice) carry the same key: all but the first go back to
/// the queue, and another loop may run them beside this batch, so requests of one key keep no
/// order between them (every caller awaits its write before the next). A batch whose statement
/// surely took no effect (<see cref="UndoneStatements"/>) runs again before its callers hear of it.
/// </summary>
public sealed class StatementBatcher<TRequest, TResult> : IAsyncDisposable
{
    private readonly string statement;
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> run;
    private readonly Func<TRequest, object> keyOf;
    private readonly int batchSize;
    private readonly StatementMetrics metrics;
    private readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>();
    private readonly Task[] flushers;

    /// <param name="statement">The statement's name in the batchers' measurements (<see cref="StatementMetrics"/>), such as <c>grain_state.write</c>.</param>
    /// <param name="run">Runs one batch; returns one result per request, in request order.</param>
    /// <param name="flushLoops">
    /// Statements in flight at once. Four keep the cores busy while one statement commits; two
    /// grew the batches without more throughput, eight took more of PostgreSQL's time for none
    /// (docs/performance.md, "Measured and not taken").
    /// </param>
    public StatementBatcher(
        string statement, Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TResult>>> run, Func<TRequest, object> keyOf, int batchSize = 256, int flushLoops = 4)
    {
        this.statement = statement;
        metrics = new StatementMetrics(statement);
        this.run = run;
        this.keyOf = keyOf;
        this.batchSize = batchSize;
        // The loops outlive whichever call made the batcher (the first grain to write): started in
        // its execution context, every statement's span would join that call's trace for good.
        using (ExecutionContext.SuppressFlow())
            flushers = [.. Enumerable.Range(0, flushLoops).Select(_ => Task.Run(Flush))];
    }

    public Task<TResult> Run(TRequest request)
    {
        var waiting = new Pending(request);
        return pending.Writer.TryWrite(waiting)
            ? waiting.Done.Task
            : Task.FromException<TResult>(new ObjectDisposedException(nameof(StatementBatcher<TRequest, TResult>)));
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await Task.WhenAll(flushers);
    }

    private async Task Flush()
    {
        var batch = new List<Pending>(batchSize);
        var keys = new HashSet<object>();
        var deferred = new List<Pending>();
        while (await pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            keys.Clear();
            while (batch.Count < batchSize && pending.Reader.TryRead(out var next))
                (keys.Add(keyOf(next.Request)) ? batch : deferred).Add(next);
            foreach (var again in deferred)
            {
                if (!pending.Writer.TryWrite(again))
                    again.Done.TrySetException(new ObjectDisposedException(nameof(StatementBatcher<TRequest, TResult>)));
            }

            deferred.Clear();
            if (batch.Count == 0)
                continue;

            foreach (var waiting in batch)
                metrics.Leaves(waiting.QueuedAt);
            var startedAt = Stopwatch.GetTimestamp();
            IReadOnlyList<TResult>? results = null;
            Exception? failure = null;
            using var span = Traced(batch);
            try
            {
                var requests = batch.Select(waiting => waiting.Request).ToList();
                results = await UndoneStatements.Retry.ExecuteAsync(async _ =>
                {
                    try
                    {
                        return await run(requests);
                    }
                    catch (Exception failed)
                    {
                        metrics.Failed(undone: UndoneStatements.Is(failed));
                        throw;
                    }
                });
                // A short answer would leave callers waiting forever: the batch fails instead.
                if (results.Count != batch.Count)
                    throw new InvalidOperationException($"{statement} answered {results.Count} of {batch.Count} requests");
            }
            catch (Exception caught)
            {
                failure = caught;
                span?.SetStatus(ActivityStatusCode.Error, caught.Message);
            }

            // Measured before anyone is answered: a caller that reads the measurements once its
            // write is done finds its statement among them.
            metrics.Ran(batch.Count, startedAt);
            if (failure is null)
            {
                for (var index = 0; index < batch.Count; index++)
                    batch[index].Done.TrySetResult(results![index]);
            }
            else
                batch.ForEach(waiting => waiting.Done.TrySetException(failure));
        }
    }

    /// <summary>
    /// The statement's span when traces are taken, linked to the trace of every call it carries:
    /// a statement serves many calls, so it is a trace of its own, not a child of any one of them,
    /// and Npgsql's span of its round trip is a child of it.
    /// </summary>
    private Activity? Traced(List<Pending> batch) =>
        OrdersTracing.Source.HasListeners()
            ? OrdersTracing.Source.StartActivity(
                ActivityKind.Internal, parentContext: default, links: batch.Where(waiting => waiting.Caller != default).Select(waiting => new ActivityLink(waiting.Caller)), name: statement)
            : null;

    private sealed record Pending(TRequest Request)
    {
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long QueuedAt { get; } = Stopwatch.GetTimestamp();

        /// <summary>The trace of the call that queued the request, if it is traced.</summary>
        public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;
    }
}
