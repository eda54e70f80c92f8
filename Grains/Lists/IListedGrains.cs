namespace Orders.Grains.Lists;

/// <summary>The storage's view of listed states (<see cref="IListedState"/>): which grains a list holds.</summary>
public interface IListedGrains
{
    /// <summary>The keys of the grains whose stored state names <paramref name="list"/>, the first stored first.</summary>
    Task<ImmutableArray<string>> In(string list);

    /// <summary>
    /// The states stored under <paramref name="stateName"/> that are in <paramref name="list"/> for
    /// good (<see cref="IListedState.ListedIn"/>), the first stored first: what a list's owner reads
    /// of its entries without a call to each.
    /// </summary>
    Task<ImmutableArray<T>> StatesListedIn<T>(string stateName, string list);
}
