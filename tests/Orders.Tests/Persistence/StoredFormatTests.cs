using System.Text.Json.Nodes;
using Orders.Grains.Events;

namespace Orders.Tests.Persistence;

/// <summary>
/// What a build stored in PostgreSQL reads as it meant under this build, so that an upgrade keeps
/// every order, stock, payment and list row: a member renumbered, or its number given to another
/// member, misread them silently (sessions 48 and 49 did both, before these samples were kept).
/// A member added since reads as its default, which the samples do not name. The samples are what
/// the build of their folder's date stored (2026-12-07's one lifecycle's rows; 2026-12-08's the
/// events that lifecycle left unsampled, written by that build's serializer as its queues write
/// them); they are never rewritten: a build whose stored format changes adds a folder of its own.
/// </summary>
public sealed class StoredFormatTests
{
    public static TheoryData<string, string> Samples()
    {
        var samples = new TheoryData<string, string>();
        foreach (var build in Directory.GetDirectories(StoredFormat.Folder).Order(StringComparer.Ordinal))
        {
            foreach (var bin in Directory.GetFiles(build, "*.bin").Order(StringComparer.Ordinal))
                samples.Add(Path.GetFileName(build), Path.GetFileNameWithoutExtension(bin));
        }
        return samples;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void What_a_build_stored_reads_as_it_meant(string build, string sample)
    {
        var meant = Meant(build, sample);

        var read = StoredFormat.Meaning(StoredFormat.KindOf(sample), Convert.FromBase64String(File.ReadAllText(Path.Combine(StoredFormat.Folder, build, sample + ".bin")).Trim()));

        AssertHolds(meant, read, sample);
    }

    [Fact]
    public void Every_kind_stored_has_a_sample()
    {
        var sampled = Samples().Select(sample => StoredFormat.KindOf((string)sample[1])).ToHashSet();

        Assert.Equal(StoredFormat.Kinds.Keys.Order(StringComparer.Ordinal), sampled.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Every kind of event has its sample as an event queue's row holds it: a new one without is an
    /// upgrade's blind spot. Those told to a customer alone travel in no queue today; sampled all
    /// the same, a route given to one later is covered from its first build.
    /// </summary>
    [Fact]
    public void Every_event_has_a_sample()
    {
        var sampled = Samples()
            .Where(sample => StoredFormat.KindOf((string)sample[1]) == "stream-events")
            .SelectMany(sample => Meant((string)sample[0], (string)sample[1]).AsArray().Select(item => item!["Type"]!.GetValue<string>()))
            .ToHashSet();
        var events = typeof(DomainEvent).Assembly.GetTypes().Where(type => type.IsSubclassOf(typeof(DomainEvent)) && !type.IsAbstract).Select(type => type.Name);

        Assert.Equal(events.Order(StringComparer.Ordinal), sampled.Order(StringComparer.Ordinal));
    }

    private static JsonNode Meant(string build, string sample) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(StoredFormat.Folder, build, sample + ".json")))!;

    /// <summary>Every member <paramref name="meant"/> names holds in <paramref name="read"/>, which may have members added since.</summary>
    private static void AssertHolds(JsonNode? meant, JsonNode? read, string path)
    {
        switch (meant)
        {
            case JsonObject members:
                var readMembers = Assert.IsType<JsonObject>(read);
                foreach (var (name, value) in members)
                {
                    Assert.True(readMembers.ContainsKey(name), $"{path}.{name} is no longer read");
                    AssertHolds(value, readMembers[name], $"{path}.{name}");
                }
                break;
            case JsonArray items:
                var readItems = Assert.IsType<JsonArray>(read);
                Assert.True(items.Count == readItems.Count, $"{path} held {items.Count} items and reads as {readItems.Count}");
                for (var index = 0; index < items.Count; index++)
                    AssertHolds(items[index], readItems[index], $"{path}[{index}]");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(meant, read), $"{path} was {meant?.ToJsonString() ?? "null"} and reads as {read?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
