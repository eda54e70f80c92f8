using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core.Interceptors;
using Orders.Grains.Diagnostics;

namespace Orders.Gateway.Diagnostics;

/// <summary>
/// How long the gateway took to answer each unary call, by method and gRPC status, on the
/// <see cref="OrdersMeter"/>: the first line of where a call's time goes (docs/performance.md).
/// ASP.NET Core's own request duration says the same, but reading it through dotnet-counters turns
/// on its hosting EventSource, which then writes two events for every request: a fifth of the
/// gateway's CPU at the benchmark's peak, spent on the measurement.
/// </summary>
public sealed class CallDurationInterceptor : Interceptor
{
    private static readonly Histogram<double> Duration = OrdersMeter.Duration(
        "orders.gateway.call.duration", "How long the gateway took to answer a unary call, by method and status");

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = new StartedCall(context, Stopwatch.GetTimestamp());
        var call = continuation(request, context);
        // Timed as it ends rather than awaited here: a frame awaiting it would cost every call a
        // state machine and throw every failure once more on its way out.
        call.ContinueWith(
            static (ended, started) => Record((StartedCall)started!, ended),
            started,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return call;
    }

    private static void Record(StartedCall started, Task ended)
    {
        // A refusal is answered with its status on the call's context; the error mapping inside
        // turns every failure into its status; gRPC answers any other UNKNOWN.
        var status = ended.IsCompletedSuccessfully ? started.Context.Status.StatusCode
            : ended.IsCanceled ? StatusCode.Cancelled
            : (ended.Exception?.InnerException as RpcException)?.StatusCode ?? StatusCode.Unknown;
        Duration.Record(
            Stopwatch.GetElapsedTime(started.At).TotalSeconds,
            new KeyValuePair<string, object?>("method", MethodName(started.Context.Method)),
            new KeyValuePair<string, object?>("status", status.ToString()));
    }

    /// <summary>
    /// The package, service and method, <c>orders.v1.OrderService/CreateOrder</c>: the seed systems'
    /// services have methods of the same names (seed 004's <c>api.OrderService/CreateOrder</c>) that answer otherwise.
    /// </summary>
    private static string MethodName(string method) => method.TrimStart('/');

    private sealed record StartedCall(ServerCallContext Context, long At);
}
