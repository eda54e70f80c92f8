using Orders.Gateway.Compat;

namespace Orders.Tests.Gateway.Seeds;

/// <summary>A seed client's command refused while its order is still on its way is asked again; any other refusal is the answer.</summary>
public sealed class SeedPatienceTests
{
    [Fact]
    public async Task A_command_refused_while_its_order_is_on_its_way_is_asked_again_until_it_goes_through()
    {
        var calls = 0;

        var answer = await SeedPatience.Retry(
            () => Task.FromResult<Result<string>>(++calls < 3 ? Refusal.FailedPrecondition("not there yet") : "done"),
            () => Task.FromResult(true),
            CancellationToken.None);

        Assert.Equal(("done", 3), (answer.Value, calls));
    }

    [Fact]
    public async Task A_command_refused_just_before_its_order_arrived_is_asked_again()
    {
        var (arrived, calls) = (false, 0);

        // The order arrives right after the first try was refused, before anyone looks again.
        var answer = await SeedPatience.Retry(
            () =>
            {
                calls++;
                var refused = !arrived;
                arrived = true;
                return Task.FromResult<Result<string>>(refused ? Refusal.FailedPrecondition("not there yet") : "done");
            },
            () => Task.FromResult(!arrived),
            CancellationToken.None);

        Assert.Equal(("done", 2), (answer.Value, calls));
    }

    [Fact]
    public async Task A_refusal_the_order_being_on_its_way_does_not_explain_is_answered_at_once()
    {
        var calls = 0;

        var answer = await SeedPatience.Retry(
            () => Task.FromResult<Result<string>>(Refusal.FailedPrecondition($"refused {++calls}")),
            () => Task.FromResult(false),
            CancellationToken.None);

        Assert.Equal(("refused 1", 1), (answer.Refusal?.Message, calls));
    }
}
