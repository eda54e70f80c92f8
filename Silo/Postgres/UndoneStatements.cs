using System.Net.Sockets;
using Polly;
using Polly.Retry;

namespace Orders.Silo.Postgres;

/// <summary>
/// Failures after which a statement surely took no effect, so its batch may run again: the server
/// answered it with an error that passes (a deadlock, a serialization failure, memory or disk short),
/// which rolls back its implicit transaction, or no connection was made (no server listening, the
/// server starting or shutting down, its connection slots taken). Any other failure may have come
/// after the commit (a connection lost mid-statement; a backend ended between its commit and its
/// answer, whose fatal error passes too), so its callers hear of it and decide.
/// </summary>
internal static class UndoneStatements
{
    /// <summary>A batch run again after such a failure: three times at most, all within about a second.</summary>
    public static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(Is),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public static bool Is(Exception failure) => failure switch
    {
        // Refused at login, before any statement was sent.
        PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow } => true,
        PostgresException answered => answered.InvariantSeverity == "ERROR" && answered.IsTransient,
        NpgsqlException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => true,
        _ => false,
    };
}
