namespace Orders.Gateway.Access;

/// <summary>
/// The roles a token's <c>role</c> claims name. A customer, a restaurant and a courier act only as
/// themselves: the token's subject (<c>sub</c>) is their customer, restaurant or driver id. An
/// admin acts for anyone.
/// </summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Restaurant = "restaurant";
    public const string Courier = "courier";
    public const string Admin = "admin";
}
