using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Gateway.Access;

/// <summary>
/// Who may call the gateway. Off unless configured (dev mode, and a cluster that leaves access to
/// its network): every call is anonymous and may do anything. On with <c>Auth:Authority</c>, an
/// OpenID Connect issuer whose keys are fetched from its discovery document, or with
/// <c>Auth:SigningKey</c>, a shared HS256 key of at least 32 bytes for tokens the operator issues
/// itself; <c>Auth:Issuer</c> and <c>Auth:Audience</c> are checked when set, and an authority needs
/// the audience: its tokens for the provider's other applications would pass otherwise.
/// </summary>
public sealed record AccessOptions(string? Authority, SymmetricSecurityKey? SigningKey, string? Issuer, string? Audience)
{
    public const string Section = "Auth";

    /// <summary>HS256 asks for a key at least as long as its hash.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>How far a token's times may be off the gateway's clock: its expiry is honoured to within this.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public bool On => Authority is not null || SigningKey is not null;

    /// <exception cref="InvalidOperationException">A setting is not what it must be; the message names the key.</exception>
    public static AccessOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        // Each of these set but empty (a secret that did not reach the environment) would leave
        // every call anonymous and allowed everything, quietly.
        foreach (var name in (string[])["Authority", "SigningKey", "Issuer", "Audience"])
        {
            if (section[name] is { } given && string.IsNullOrWhiteSpace(given))
                throw new InvalidOperationException($"{Section}:{name} is set but empty: unset it, or give it its value");
        }
        var authority = Setting(section, "Authority");
        var key = Setting(section, "SigningKey");
        if (authority is not null && key is not null)
            throw new InvalidOperationException($"{Section}:Authority and {Section}:SigningKey are alternatives; set one");
        if (authority is not null && !(Uri.TryCreate(authority, UriKind.Absolute, out var issuer) && issuer.Scheme == Uri.UriSchemeHttps))
            throw new InvalidOperationException(
                $"{Section}:Authority must be an https:// address, whose discovery document the gateway reads, not '{authority}'");
        if (authority is not null && Setting(section, "Audience") is null)
            throw new InvalidOperationException(
                $"{Section}:Audience must be set with {Section}:Authority: otherwise a token the provider issued for another application would be taken");
        if (authority is null && key is null && (Setting(section, "Issuer") ?? Setting(section, "Audience")) is not null)
            throw new InvalidOperationException(
                $"{Section}:Issuer and {Section}:Audience check tokens only with {Section}:SigningKey or {Section}:Authority set; without either access control is off");
        if (key is not null && Encoding.UTF8.GetByteCount(key) < MinKeyBytes)
            throw new InvalidOperationException($"{Section}:SigningKey must be at least {MinKeyBytes} bytes long");
        return new AccessOptions(
            authority,
            key is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            Setting(section, "Issuer"),
            Setting(section, "Audience"));
    }

    private static string? Setting(IConfigurationSection section, string key) =>
        string.IsNullOrWhiteSpace(section[key]) ? null : section[key];
}
