using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Tests.Infrastructure;

/// <summary>Bearer tokens as an operator signs them with the gateway's <c>Auth:SigningKey</c>.</summary>
public static class Tokens
{
    public const string SigningKey = "the test gateway's signing key, 32 bytes and more";
    public const string Issuer = "orders-tests";
    public const string Audience = "orders";

    /// <summary>The gateway settings that turn access control on with this key.</summary>
    public static Dictionary<string, string?> GatewaySettings() => new()
    {
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:Issuer"] = Issuer,
        ["Auth:Audience"] = Audience,
    };

    public static string For(string role, string subject, string signingKey = SigningKey, DateTime? expires = null, string audience = Audience)
    {
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (role.Length > 0)
            claims["role"] = role;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = until.AddHours(-2),
            NotBefore = until.AddHours(-2),
            Expires = until,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }
}
