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
    [InlineData("http://login.example.com/", null,
        "Auth:Authority must be an https:// address, whose discovery document the gateway reads, not 'http://login.example.com/'")]
    [InlineData("https://login.example.com/", null,
        "Auth:Audience must be set with Auth:Authority: otherwise a token the provider issued for another application would be taken")]
    public void Settings_that_cannot_work_are_refused_by_key(string? authority, string? signingKey, string message) =>
        Assert.Equal(message, Assert.Throws<InvalidOperationException>(() => AccessOptions.From(Settings(authority, signingKey))).Message);

    [Theory]
    [InlineData("SigningKey", "")]
    [InlineData("SigningKey", "  ")]
    [InlineData("Authority", "")]
    [InlineData("Audience", "")]
    public void A_setting_given_empty_is_refused_rather_than_leaving_access_control_off(string key, string value)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Auth:{key}"] = value }).Build();

        Assert.Equal($"Auth:{key} is set but empty: unset it, or give it its value",
            Assert.Throws<InvalidOperationException>(() => AccessOptions.From(settings)).Message);
    }

    [Fact]
    public void An_audience_without_a_key_or_an_authority_is_refused_rather_than_checking_nothing() =>
        Assert.StartsWith("Auth:Issuer and Auth:Audience check tokens only with Auth:SigningKey or Auth:Authority set",
            Assert.Throws<InvalidOperationException>(() => AccessOptions.From(Settings(audience: "orders"))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("--role chef --subject c1")]
    [InlineData("--role customer")]
    [InlineData("--role customer --subject c1 --hours 0")]
    [InlineData("--role customer --subject c1 --days 2")]
    [InlineData("--role customer --subject")]
    [InlineData("--role customer --subject c1 --role admin")]
    [InlineData("--role customer --subject --hours")]
    public void The_token_command_refuses_what_it_cannot_mint_with_its_usage(string args)
    {
        using var errors = new StringWriter();

        var exit = TokenCommand.Run(args.Split(' '), Settings(signingKey: Tokens.SigningKey), TextWriter.Null, errors);

        Assert.Equal(2, exit);
        Assert.StartsWith("usage: token --role customer|restaurant|courier|admin --subject ID", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_command_refuses_a_subject_no_id_could_match()
    {
        using var errors = new StringWriter();

        var exit = TokenCommand.Run(["--role", "customer", "--subject", " c1"], Settings(signingKey: Tokens.SigningKey), TextWriter.Null, errors);

        Assert.Equal((1, "--subject must not start or end with a space"), (exit, errors.ToString().Trim()));
    }

    [Fact]
    public void The_token_command_without_a_signing_key_says_so()
    {
        using var errors = new StringWriter();

        var exit = TokenCommand.Run(["--role", "admin", "--subject", "root"], Settings(), TextWriter.Null, errors);

        Assert.Equal((1, "Auth:SigningKey is not set; with an authority, tokens come from the authority"), (exit, errors.ToString().Trim()));
    }

    private static IConfiguration Settings(string? authority = null, string? signingKey = null, string? audience = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Authority"] = authority,
            ["Auth:SigningKey"] = signingKey,
            ["Auth:Audience"] = audience,
        }).Build();
}
