using Orders.Grains;

namespace Orders.Silo.Postgres.Streams;

/// <summary>The stream provider's knobs (configuration section <c>Streams</c>); docs/streams.md explains each.</summary>
public sealed class PostgresStreamOptions : ICheckedOptions
{
    /// <summary>How many queues the streams are spread over; pulling agents balance them across silos.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>
    /// How long a queue's reader holds it without renewing: a read that brings rows renews the
    /// lease, and so does an empty one once half of it has run (an idle reader reads every
    /// <see cref="PollInterval"/>), so this is how long a queue whose reader's silo died waits
    /// before another reader may take it over.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries an event gets before it moves to the dead letters: attempts a subscriber fails
    /// in a row while the database answers and the subscriber can be reached (an outage counts
    /// none, <see cref="PoisonEvents"/>), and separately, readers that read it and never
    /// acknowledged it (their silo died holding it).
    /// </summary>
    /// <remarks>
    /// An event lost to the dead letters is a step its consumer never takes until someone replays
    /// it (a kitchen and a driver ask again on their own: an order long unready asks its
    /// restaurant, one waiting for a driver asks dispatch), so the dead letters are for events
    /// that can never be handled; a poison event holds its stream's later events back for
    /// <see cref="MaxAttempts"/> times <see cref="RetryDelay"/> and its handler's own time, about a
    /// minute and a half by default.
    /// </remarks>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>The pause before a failed delivery is tried again. Later events of the same stream wait, so order holds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest an idle queue goes unread when no notification arrives (a missed NOTIFY, a lost
    /// listener), and how long the listener goes without one before it checks its connection.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An event older than this that is still queued moves to the dead letters as expired.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Dead letters older than this are deleted.</summary>
    public TimeSpan DeadLetterRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most events one read takes from a queue.</summary>
    public int ReadBatchSize { get; set; } = 256;

    /// <summary>
    /// The most events one insert carries when many publish through the provider at once. Producer
    /// grains' events are not among them: they are queued by the statement that stores their state.
    /// </summary>
    public int WriteBatchSize { get; set; } = 512;

    /// <summary>The longest a retention may be: it is taken from the database's clock, which a century back still reads.</summary>
    private static readonly TimeSpan LongestRetention = TimeSpan.FromDays(36_500);

    public IEnumerable<string> Problems(string section) =>
        CheckedOptions.AtLeast(section, 1,
                (nameof(Partitions), Partitions), (nameof(MaxAttempts), MaxAttempts),
                (nameof(ReadBatchSize), ReadBatchSize), (nameof(WriteBatchSize), WriteBatchSize))
            .Concat(CheckedOptions.Within(section, CheckedOptions.LongestWait,
                (nameof(LeaseTime), LeaseTime), (nameof(RetryDelay), RetryDelay), (nameof(PollInterval), PollInterval)))
            .Concat(CheckedOptions.Within(section, LongestRetention,
                (nameof(Retention), Retention), (nameof(DeadLetterRetention), DeadLetterRetention)));
}
