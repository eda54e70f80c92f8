namespace Orders.Grains.Inventory;

/// <summary>
/// A hold awaiting its order's claim, ordered by when it comes due (then by order, so that two
/// holds due at the same tick are both kept): the stock's index of what to ask next.
/// </summary>
internal readonly record struct DueHold(DateTimeOffset Due, string OrderId) : IComparable<DueHold>
{
    public int CompareTo(DueHold other)
    {
        var byDue = Due.CompareTo(other.Due);
        return byDue != 0 ? byDue : string.CompareOrdinal(OrderId, other.OrderId);
    }
}
