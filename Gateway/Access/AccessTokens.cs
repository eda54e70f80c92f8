using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Gateway.Access;

/// <summary>Tokens signed with <c>Auth:SigningKey</c>, for an operator who issues its own (<see cref="TokenCommand"/>).</summary>
public static class AccessTokens
{
    /// <exception cref="InvalidOperationException">No signing key is set: an authority's tokens come from the authority.</exception>
    public static string Mint(AccessOptions access, string role, string subject, TimeSpan lifetime, DateTime now)
    {
        var key = access.SigningKey
            ?? throw new InvalidOperationException($"{AccessOptions.Section}:SigningKey is not set; with an authority, tokens come from the authority");
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = access.Issuer,
            Audience = access.Audience,
            Claims = new Dictionary<string, object> { [Caller.SubjectClaim] = subject, [Caller.RoleClaim] = role },
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
