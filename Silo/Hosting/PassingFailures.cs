using Orleans.Serialization;
using Orleans.Storage;

namespace Orders.Silo.Hosting;

/// <summary>
/// Failures of a call on a grain that are not the grain's: it could not be reached or did not
/// answer in time (its silo dying, the cluster busy), its storage could not reach PostgreSQL or
/// found it overloaded (Npgsql's transient errors; from another silo, whose Npgsql exception
/// arrives as Orleans' stand-in for a type it does not carry, a client-side one: a server's error
/// there, a <c>PostgresException</c>, may be the grain's), or its write met another activation's
/// (one lingering on a dying silo). Called again later, the grain may well answer.
/// </summary>
internal static class PassingFailures
{
    private const string RemoteClientFailure = "Npgsql.NpgsqlException";

    public static bool Is(Exception failure)
    {
        for (Exception? cause = failure; cause is not null; cause = cause.InnerException)
        {
            if (cause is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or OperationCanceledException
                or NpgsqlException { IsTransient: true } or InconsistentStateException
                || cause is UnavailableExceptionFallbackException { ExceptionType: RemoteClientFailure })
                return true;
        }
        return false;
    }
}
