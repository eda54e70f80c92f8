using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Orders.Grains;
using Orders.Grains.Lists;
using Orders.Grains.Wakes;

namespace Orders.Silo.Memory;

/// <summary>
/// Dev mode's grain storage: a dictionary in the silo's own process. Orleans' memory storage
/// routes every read and write through a storage grain and JSON, which made it the dev mode's
/// largest cost; one silo needs neither. States are kept as Orleans binary copies, so no
/// activation ever shares an object with storage, and versions are checked as in PostgreSQL.
/// Wake times (<see cref="IWakeAtState"/>) and the lists a state is an entry of
/// (<see cref="IListedState"/>) are kept beside the states that have them.
/// </summary>
public sealed class InProcessGrainStorage(Serializer serializer, IActivatorProvider activators) : IGrainStorage, IDueGrains, IListedGrains
{
    private readonly ConcurrentDictionary<StateKey, Stored> states = new();
    private readonly WakeTimes<StateKey> wakes = new();
    private readonly ListedStates listed = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (states.TryGetValue(new StateKey(stateName, grainId), out var stored))
        {
            grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = stored.Payload.Length > 0;
            if (grainState.RecordExists)
                grainState.State = serializer.Deserialize<T>(stored.Payload);
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Store(stateName, grainId, grainState, serializer.SerializeToArray(grainState.State));
        wakes.Set(new StateKey(stateName, grainId), (grainState.State as IWakeAtState)?.WakeAt);
        // Every grain's writes come here; only a listed state's take the lists' lock.
        if (grainState.State is IListedState listing)
            listed.Set(new StateKey(stateName, grainId), listing.ListedIn, listing.WaitingIn);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // An activation that read nothing clears nothing, as PostgreSQL's storage: another one may have written since.
        if (grainState.ETag is not null)
        {
            Store(stateName, grainId, grainState, []);
            wakes.Set(new StateKey(stateName, grainId), null);
            listed.Set(new StateKey(stateName, grainId), listedIn: null, waitingIn: null);
        }
        grainState.RecordExists = false;
        grainState.State = activators.GetActivator<T>().Create();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GrainId>> Due(string stateName, DateTimeOffset now, int limit) =>
        Task.FromResult<IReadOnlyList<GrainId>>([.. wakes.Due(state => state.StateName == stateName, now, limit).Select(state => state.GrainId)]);

    public Task Postpone(string stateName, IReadOnlyList<GrainId> grainIds, DateTimeOffset due, DateTimeOffset until)
    {
        wakes.Postpone(grainIds.Select(grainId => new StateKey(stateName, grainId)), due, until);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<string>> In(string list) =>
        Task.FromResult<ImmutableArray<string>>([.. listed.In(list).Select(state => state.GrainId.Key.ToString()!)]);

    public Task<ImmutableArray<T>> StatesListedIn<T>(string stateName, string list) =>
        Task.FromResult<ImmutableArray<T>>([.. listed.ListedIn(list)
            .Where(state => state.StateName == stateName)
            .Select(state => states[state].Payload)
            .Where(payload => payload.Length > 0)   // cleared, and not yet off its lists
            .Select(payload => serializer.Deserialize<T>(payload)!)]);

    private void Store<T>(string stateName, GrainId grainId, IGrainState<T> grainState, byte[] payload)
    {
        var key = new StateKey(stateName, grainId);
        var expected = grainState.ETag is { } etag ? long.Parse(etag, CultureInfo.InvariantCulture) : 0;
        var next = new Stored(expected + 1, payload);
        var written = expected == 0
            ? states.TryAdd(key, next)
            : states.TryGetValue(key, out var current) && current.Version == expected && states.TryUpdate(key, next, current);
        if (!written)
            throw StorageConflict.Writing($"{stateName} of {grainId}", grainState.ETag);
        grainState.ETag = next.Version.ToString(CultureInfo.InvariantCulture);
    }

    private sealed record Stored(long Version, byte[] Payload);
}
