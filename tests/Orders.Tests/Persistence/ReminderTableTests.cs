using Orders.Silo.Postgres;
using Orders.Silo.Postgres.Reminders;

namespace Orders.Tests.Persistence;

/// <summary>
/// The reminder table shares statements between concurrent registrations and removals; each
/// caller must still get its own answer, and a removal must only delete the version it saw.
/// </summary>
public sealed class ReminderTableTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly PostgresReminderTable table = new(Unique.Id("service"), db.Database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => table.DisposeAsync().AsTask();

    [Fact]
    public async Task Concurrent_registrations_each_land_and_each_get_their_own_version()
    {
        var entries = Enumerable.Range(0, 300).Select(index => Entry(Unique.Id("grain"), TimeSpan.FromMinutes(index + 1))).ToList();

        var first = await Task.WhenAll(entries.Select(table.UpsertRow));
        var moved = await Task.WhenAll(entries.Select(entry => table.UpsertRow(Entry(entry.GrainId, entry.Period * 2))));
        var stored = await Task.WhenAll(entries.Select(entry => table.ReadRow(entry.GrainId, entry.ReminderName)));

        Assert.All(first, version => Assert.Equal("0", version));
        Assert.All(moved, version => Assert.Equal("1", version));
        Assert.Equal(entries.Select(entry => entry.Period * 2), stored.Select(entry => entry!.Period));
        Assert.Equal(entries.Select(entry => entry.StartAt), stored.Select(entry => entry!.StartAt));
    }

    [Fact]
    public async Task A_removal_with_a_stale_version_deletes_nothing_while_the_removals_beside_it_succeed()
    {
        var contested = Entry(Unique.Id("grain"), TimeSpan.FromMinutes(1));
        var stale = await table.UpsertRow(contested);
        var current = await table.UpsertRow(contested);
        var others = Enumerable.Range(0, 50).Select(_ => Entry(Unique.Id("grain"), TimeSpan.FromMinutes(1))).ToList();
        var otherVersions = await Task.WhenAll(others.Select(table.UpsertRow));

        var removals = await Task.WhenAll(
            others.Zip(otherVersions, (entry, version) => table.RemoveRow(entry.GrainId, entry.ReminderName, version!))
                .Append(table.RemoveRow(contested.GrainId, contested.ReminderName, stale!)));

        Assert.All(removals.SkipLast(1), Assert.True);
        Assert.False(removals[^1]);
        Assert.NotNull(await table.ReadRow(contested.GrainId, contested.ReminderName));
        Assert.True(await table.RemoveRow(contested.GrainId, contested.ReminderName, current!));
        Assert.Null(await table.ReadRow(contested.GrainId, contested.ReminderName));
        Assert.All(await Task.WhenAll(others.Select(entry => table.ReadRows(entry.GrainId))), rows => Assert.Empty(rows.Reminders));
    }

    [Fact]
    public async Task A_hash_range_holds_exactly_the_grains_whose_hash_it_covers_also_when_it_wraps_around()
    {
        var entries = Enumerable.Range(0, 200).Select(_ => Entry(Unique.Id("grain"), TimeSpan.FromMinutes(1))).ToList();
        await Task.WhenAll(entries.Select(table.UpsertRow));
        var hashes = entries.ToDictionary(entry => entry.GrainId, entry => entry.GrainId.GetUniformHashCode());
        var (low, high) = (uint.MaxValue / 4, uint.MaxValue / 4 * 3);

        var inside = await table.ReadRows(low, high);
        var wrapped = await table.ReadRows(high, low);

        Assert.Equal(
            hashes.Where(pair => pair.Value > low && pair.Value <= high).Select(pair => pair.Key).Order(),
            inside.Reminders.Select(entry => entry.GrainId).Order());
        Assert.Equal(
            hashes.Where(pair => pair.Value > high || pair.Value <= low).Select(pair => pair.Key).Order(),
            wrapped.Reminders.Select(entry => entry.GrainId).Order());
    }

    private static ReminderEntry Entry(GrainId grainId, TimeSpan period) => new()
    {
        GrainId = grainId,
        ReminderName = "timeout",
        StartAt = new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc),
        Period = period,
    };

    private static ReminderEntry Entry(string key, TimeSpan period) => Entry(GrainId.Create("probe", key), period);
}
