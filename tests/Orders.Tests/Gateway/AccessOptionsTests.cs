using Microsoft.Extensions.Configuration;
using Orders.Gateway.Access;

namespace Orders.Tests.Gateway;

/// <summary>The access settings: off unless set, and a bad one stops the gateway at once, naming the key.</summary>
public sealed class AccessOptionsTests
{
    [Fact]
    public void Without_settings_access_control_is_off() => Assert.False(AccessOptions.From(Settings()).On);

    [Fact]
    public void A_signing_key_or_an_authority_turns_it_on()
    {
        Assert.True(AccessOptions.From(Settings(signingKey: Tokens.SigningKey)).On);
        Assert.True(AccessOptions.From(Settings(authority: "https://login.example.com/", audience: "orders")).On);
    }

    [Theory]
    [InlineData("https://login.example.com/", Tokens.SigningKey, "Auth:Authority and Auth:SigningKey are alternatives; set one")]
    [InlineData(null, "thirty-one bytes is one too few", "Auth:SigningKey must be at least 32 bytes long")]
    [InlineData("https://login.example.com/", null,
        "Auth:Audience must be set with Auth:Authority: otherwise a token the provider issued for another application would be taken")]
    public void Settings_that_cannot_work_are_refused_by_key(string? authority, string? signingKey, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidOperationException>(() => AccessOptions.From(Settings(authority, signingKey))).Message);

    private static IConfiguration Settings(string? authority = null, string? signingKey = null, string? audience = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = authority,
            ["Auth:SigningKey"] = signingKey,
            ["Auth:Audience"] = audience,
        }).Build();
}
