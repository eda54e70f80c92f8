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
    private static readonly Histogram<double> Duration = OrdersMeter.Meter.CreateHistogram<double>(
        "orders.gateway.call.duration", "s", "How long the gateway took to answer a unary call, by method and status");

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            return await continuation(request, context);
        }
        catch (Exception failure)
        {
            // The error mapping inside turns every failure into its status; gRPC answers any other UNKNOWN.
            status = (failure as RpcException)?.StatusCode ?? StatusCode.Unknown;
            throw;
        }
        finally
        {
            Duration.Record(
                Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
                new KeyValuePair<string, object?>("method", MethodName(context.Method)),
                new KeyValuePair<string, object?>("status", status.ToString()));
        }
    }

    /// <summary>The service and method without the package: <c>OrderService/CreateOrder</c>.</summary>
    private static string MethodName(string method) => method[(method.LastIndexOf('.') + 1)..];
}
