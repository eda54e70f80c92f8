using System.Globalization;
using System.Security.Claims;
using Orders.Grains.Orders;

namespace Orders.Gateway.Access;

/// <summary>
/// Who makes a call, and whom they may act for (<see cref="Roles"/>). With access control off
/// every caller may act for anyone. A refusal is PERMISSION_DENIED; a call without a valid token
/// never gets here (UNAUTHENTICATED).
/// </summary>
public sealed class Caller
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    private const string ExpiryClaim = "exp";

    private static readonly Caller Anyone = new(null);

    private readonly ClaimsPrincipal? user;

    private Caller(ClaimsPrincipal? user) => this.user = user;

    public static Caller Of(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        return http.RequestServices.GetRequiredService<AccessOptions>().On ? new Caller(http.User) : Anyone;
    }

    /// <summary>Whether the call may do only what its token allows; false when access control is off.</summary>
    public bool Restricted => user is not null;

    /// <summary>Whom the caller's token names (its <c>sub</c>); null with access control off.</summary>
    public string? Subject => user?.FindFirstValue(SubjectClaim);

    /// <summary>When the gateway stops taking the caller's token: its <c>exp</c> and the clock skew allowed; null with access control off.</summary>
    public DateTimeOffset? TokenAcceptedUntil =>
        user?.FindFirstValue(ExpiryClaim) is { } expiry && long.TryParse(expiry, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) + AccessOptions.ClockSkew
            : null;

    /// <summary>Goes on if the caller may act as <paramref name="role"/> <paramref name="id"/>.</summary>
    public void ActsAs(string role, string? id)
    {
        if (!May(role, id))
            throw Denied($"{role} '{id}'");
    }

    /// <summary>Goes on if the caller may see <paramref name="order"/>: its customer, its restaurant or its driver.</summary>
    public void Sees(OrderSnapshot order)
    {
        if (!May(Roles.Customer, order.CustomerId) && !May(Roles.Restaurant, order.RestaurantId) && !May(Roles.Courier, order.DriverId))
            throw Denied($"order '{order.OrderId}'");
    }

    /// <summary>Goes on if the caller may act for the order's customer. Read as <see cref="IfRestricted"/> says.</summary>
    public async Task ActsForCustomerOf(IOrderGrain order)
    {
        if (await IfRestricted(order) is { } placed)
            ActsAs(Roles.Customer, placed.CustomerId);
    }

    /// <summary>Goes on if the caller may report on the order's delivery: its driver. Read as <see cref="IfRestricted"/> says.</summary>
    public async Task ActsForDriverOf(IOrderGrain order)
    {
        if (await IfRestricted(order) is { } placed)
            ActsAs(Roles.Courier, placed.DriverId);
    }

    /// <summary>Goes on if the caller may see the order (<see cref="Sees"/>). Read as <see cref="IfRestricted"/> says.</summary>
    public async Task SeesOrder(IOrderGrain order)
    {
        if (await IfRestricted(order) is { } placed)
            Sees(placed);
    }

    /// <summary>
    /// The order, read only when access control is on. One that does not exist is NOT_FOUND at once:
    /// going on, the call could act on an order another customer placed under that id meanwhile.
    /// </summary>
    private async Task<OrderSnapshot?> IfRestricted(IOrderGrain order) =>
        Restricted ? (await order.Get()).OrNotFound($"order '{order.GetPrimaryKeyString()}'") : null;

    private bool May(string role, string? id) =>
        user is null
        || user.IsInRole(Roles.Admin)
        || (id is not null && user.IsInRole(role) && user.FindFirstValue(SubjectClaim) == id);

    private static DeniedException Denied(string what) => new($"the caller's token does not allow acting for {what}");
}
