using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orders.Gateway.Errors;
using Orders.Gateway;
using Orders.Grains;
using Orders.Grains.Orders;
using Orders.Grains.Payments;

namespace Orders.Tests.Gateway;

/// <summary>
/// A failure after the client has gone is the call's cancellation, not the service's error; one
/// that may pass is UNAVAILABLE, for the client to retry.
/// </summary>
public sealed class ErrorMappingInterceptorTests
{
    [Fact]
    public async Task A_stream_write_that_loses_the_race_with_the_calls_end_is_a_cancellation_not_an_internal_error()
    {
        var logger = new CountingLogger();
        var interceptor = Interceptor(logger);
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler<string, string>(
            "request", null!, new CallContext(ended.Token),
            (_, _, _) => throw new InvalidOperationException("Can't write the message because the request is complete.")));

        Assert.Equal(StatusCode.Cancelled, failure.StatusCode);
        Assert.Equal(0, logger.Errors);
    }

    [Fact]
    public async Task A_failure_after_the_calls_deadline_passed_is_deadline_exceeded()
    {
        var clock = new FakeTimeProvider();
        var interceptor = Interceptor(clock: clock);
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", new CallContext(ended.Token, deadline: clock.GetUtcNow().UtcDateTime),
            (_, _) => throw new TimeoutException("no answer from the silo")));

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
    }

    [Fact]
    public async Task The_same_failure_while_the_client_is_still_there_is_an_internal_error_and_logged()
    {
        var logger = new CountingLogger();
        var interceptor = Interceptor(logger);

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler<string, string>(
            "request", null!, new CallContext(CancellationToken.None),
            (_, _, _) => throw new InvalidOperationException("something broke")));

        Assert.Equal(StatusCode.Internal, failure.StatusCode);
        Assert.Equal(1, logger.Errors);
    }

    [Fact]
    public async Task A_payment_provider_that_cannot_answer_now_is_unavailable_for_the_client_to_retry()
    {
        var interceptor = Interceptor();

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler<string, string>(
            "request", null!, new CallContext(CancellationToken.None),
            (_, _, _) => throw new PaymentProviderUnavailableException("the provider timed out")));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
    }

    [Fact]
    public async Task An_outage_placing_under_an_id_the_gateway_made_up_names_that_id_for_the_client_to_read_first()
    {
        var interceptor = Interceptor();
        var placement = new TimingOut();

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", new CallContext(CancellationToken.None),
            async (_, _) => (await placement.PlaceUnderNewId(new PlaceOrder("c1", []))).Value!.OrderId));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.StartsWith("order_", placement.AskedFor, StringComparison.Ordinal);
        Assert.StartsWith($"the order service is temporarily unavailable; order '{placement.AskedFor}' may have been placed all the same", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outage_placing_under_a_made_up_id_after_the_clients_deadline_is_logged_with_that_id_all_the_same()
    {
        var logger = new CountingLogger();
        var clock = new FakeTimeProvider();
        var interceptor = Interceptor(logger, clock);
        var placement = new TimingOut();
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();

        var failure = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", new CallContext(ended.Token, deadline: clock.GetUtcNow().UtcDateTime),
            async (_, _) => (await placement.PlaceUnderNewId(new PlaceOrder("c1", []))).Value!.OrderId));

        Assert.Equal(StatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.Contains($"may have changed {placement.AskedFor} all the same", Assert.Single(logger.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outage_that_fails_every_call_is_logged_once_in_a_while_with_the_count_of_the_calls_in_between()
    {
        var logger = new CountingLogger();
        var clock = new FakeTimeProvider();
        var interceptor = Interceptor(logger, clock);
        Task Failing() => Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler<string, string>(
            "request", null!, new CallContext(CancellationToken.None), (_, _, _) => throw new TimeoutException("no answer from the silo")));

        for (var call = 0; call < 100; call++)
            await Failing();
        var loggedDuringTheBurst = logger.Warnings.Count;
        clock.Advance(LogThrottle.Interval);
        await Failing();

        Assert.Equal(1, loggedDuringTheBurst);
        Assert.Equal(2, logger.Warnings.Count);
        Assert.Contains("(99 more such failures since the last logged)", logger.Warnings[^1]);
    }

    private static ErrorMappingInterceptor Interceptor(CountingLogger? logger = null, TimeProvider? clock = null) =>
        new(logger ?? new CountingLogger(), new LogThrottle(clock ?? TimeProvider.System), clock ?? TimeProvider.System);

    /// <summary>A placement whose silo did not answer in time.</summary>
    private sealed class TimingOut : IOrderPlacement
    {
        public string AskedFor { get; private set; } = "";

        public Task<Result<OrderSnapshot>> PlaceNew(string orderId, PlaceOrder command)
        {
            AskedFor = orderId;
            throw new TimeoutException("no answer from the silo");
        }
    }

    private sealed class CountingLogger : ILogger<ErrorMappingInterceptor>
    {
        public int Errors { get; private set; }

        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
                Errors++;
            else if (logLevel == LogLevel.Warning)
                Warnings.Add(formatter(state, exception));
        }
    }

    /// <summary>Just enough of a server call for the interceptor: its method, its deadline and whether it has ended.</summary>
    private sealed class CallContext(CancellationToken callEnded, DateTime? deadline = null) : ServerCallContext
    {
        protected override string MethodCore => "/orders.v1.OrderService/WatchOrder";
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => deadline ?? DateTime.MaxValue;
        protected override Metadata RequestHeadersCore => [];
        protected override CancellationToken CancellationTokenCore => callEnded;
        protected override Metadata ResponseTrailersCore => [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
