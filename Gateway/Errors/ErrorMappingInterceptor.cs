using Grpc.Core.Interceptors;

namespace Orders.Gateway.Errors;

/// <summary>
/// The one place failures become gRPC statuses: validation to INVALID_ARGUMENT, a token that does
/// not allow the call to PERMISSION_DENIED, domain refusals
/// to NOT_FOUND / FAILED_PRECONDITION / ALREADY_EXISTS, trouble with the cluster, the database or
/// the payment provider to UNAVAILABLE. No exception text or stack trace reaches a client except
/// our own messages. An outage's failures are logged once in a while per method and kind of
/// failure, with a count of those in between (<see cref="LogThrottle"/>).
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, LogThrottle throttle, TimeProvider clock) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw ToRpcException(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw ToRpcException(exception, context);
        }
    }

    private RpcException ToRpcException(Exception exception, ServerCallContext context)
    {
        // Each names what the client must read before it retries, logged every time, even once the
        // call ended: a deadline shorter than the cluster's own timeout ends the call first, and
        // the order it may have placed is then known to no one else.
        if (exception is OutcomeUnknownException unknown)
            LogOutcomeUnknown(logger, context.Method, unknown.Id, unknown.InnerException?.Message);
        var status = exception switch
        {
            InvalidFieldException invalid => new Status(StatusCode.InvalidArgument, invalid.Message),
            DeniedException denied => new Status(StatusCode.PermissionDenied, denied.Message),
            RefusedException refused => refused.Refusal.ToStatus(),
            // Whatever failed once the call ended failed because it did: a stream's write that
            // lost the race with the call's end throws InvalidOperationException ("the request is
            // complete"), not a cancellation. Ended by its deadline, the call says so: a slow
            // cluster, not clients hanging up.
            _ when context.CancellationToken.IsCancellationRequested => context.Deadline <= clock.GetUtcNow().UtcDateTime
                ? new Status(StatusCode.DeadlineExceeded, "the call's deadline passed")
                : new Status(StatusCode.Cancelled, "the call was cancelled"),
            OutcomeUnknownException => new Status(StatusCode.Unavailable, $"the order service is temporarily unavailable; {exception.Message}"),
            _ when Outages.Is(exception) => Unavailable(exception, context),
            _ => Internal(exception, context),
        };
        return new RpcException(status);
    }

    private Status Unavailable(Exception exception, ServerCallContext context)
    {
        if (throttle.Lets($"{context.Method} {exception.GetType().Name}", out var heldBack))
            LogUnavailable(logger, exception, context.Method, heldBack);
        return new Status(StatusCode.Unavailable, "the order service is temporarily unavailable; retry the call");
    }

    private Status Internal(Exception exception, ServerCallContext context)
    {
        LogFailed(logger, exception, context.Method);
        return new Status(StatusCode.Internal, "internal error");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} failed on cluster or database trouble ({HeldBack} more such failures since the last logged)")]
    private static partial void LogUnavailable(ILogger logger, Exception failure, string method, int heldBack);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} met cluster or database trouble and may have changed {Id} all the same: {Outage}")]
    private static partial void LogOutcomeUnknown(ILogger logger, string method, string id, string? outage);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed unexpectedly")]
    private static partial void LogFailed(ILogger logger, Exception failure, string method);
}
