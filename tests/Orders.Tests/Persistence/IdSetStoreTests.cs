using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orders.Silo.Postgres;

namespace Orders.Tests.Persistence;

/// <summary>Id sets share statements between concurrent changes; each change must still land in its own set.</summary>
public sealed class IdSetStoreTests : IAsyncLifetime
{
    private readonly NpgsqlDataSource database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
    private readonly string serviceId = Unique.Id("service");
    private PostgresIdSets sets = null!;

    public async Task InitializeAsync()
    {
        await SchemaMigrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
        sets = new PostgresIdSets(serviceId, database);
    }

    public async Task DisposeAsync()
    {
        await sets.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_additions_and_removals_across_sets_each_land_in_their_own_set()
    {
        var names = Enumerable.Range(0, 20).Select(_ => Unique.Id("set")).ToList();
        var members = names.ToDictionary(name => name, name => Enumerable.Range(0, 30).Select(index => $"{name}-order-{index}").ToList());

        await Task.WhenAll(members.SelectMany(set => set.Value.Select(id => sets.Add(set.Key, id))));
        await Task.WhenAll(members.SelectMany(set => set.Value.Where((_, index) => index % 3 == 0).Select(id => sets.Remove(set.Key, id))));

        foreach (var (name, ids) in members)
            Assert.Equal(ids.Where((_, index) => index % 3 != 0).Order(), (await sets.Read(name)).Order());
    }

    [Fact]
    public async Task A_change_repeated_lands_as_once_and_other_services_do_not_see_it()
    {
        var name = Unique.Id("set");
        await using var otherService = new PostgresIdSets(Unique.Id("service"), database);
        await otherService.Add(name, "theirs");

        await sets.Add(name, "kept");
        await sets.Add(name, "kept");
        await sets.Add(name, "gone");
        await sets.Remove(name, "gone");
        await sets.Remove(name, "gone");
        await sets.Remove(name, "never-added");

        Assert.Equal(["kept"], await sets.Read(name));
        Assert.Equal(["theirs"], await otherService.Read(name));
        Assert.Empty(await sets.Read(Unique.Id("set")));
    }
}
