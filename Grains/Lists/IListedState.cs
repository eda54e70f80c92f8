namespace Orders.Grains.Lists;

/// <summary>
/// A grain state whose own stored row is an entry of other grains' lists: an order is one of its
/// customer's orders for good, and one of its restaurant's pending orders while it waits for the
/// restaurant's answer. The storage keeps both names beside the state, written by the statement
/// that writes it, so an entry is there exactly while the state says so, with no row of its own to
/// add or take off (<see cref="IListedGrains"/> reads them, and the states themselves, for an owner
/// that reads what its entries keep: a customer's inbox, from its orders). Lists whose entries are
/// not grains' states (the notifications of a refund or a driver's assignment) keep a row per
/// entry (<see cref="IListStore"/>).
/// </summary>
public interface IListedState
{
    /// <summary>The list this grain belongs to for as long as its state exists, if any.</summary>
    string? ListedIn { get; }

    /// <summary>The list this grain waits in while its state waits on that list's owner, if any.</summary>
    string? WaitingIn { get; }
}
