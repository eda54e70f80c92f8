using System.Globalization;

namespace Orders.Gateway.Access;

/// <summary>
/// <c>Orders.Gateway token --role R --subject S [--hours H]</c>: prints a token signed with the
/// gateway's own <c>Auth:SigningKey</c> (read as the gateway reads it: appsettings.json, the
/// environment), valid for H hours (24 unless told).
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    private static readonly string[] RoleNames = [Roles.Customer, Roles.Restaurant, Roles.Courier, Roles.Admin];

    public static int Run(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index + 1 < args.Count; index += 2)
            options[args[index]] = args[index + 1];
        if (args.Count % 2 != 0
            || !options.TryGetValue("--role", out var role) || !RoleNames.Contains(role)
            || !options.TryGetValue("--subject", out var subject) || subject.Length == 0
            || options.Keys.Except(["--role", "--subject", "--hours"]).Any()
            || !TryHours(options.GetValueOrDefault("--hours", "24"), out var hours))
        {
            errors.WriteLine($"usage: {Name} --role {string.Join('|', RoleNames)} --subject ID [--hours H]");
            return 2;
        }

        try
        {
            output.WriteLine(AccessTokens.Mint(AccessOptions.From(configuration), role, subject, TimeSpan.FromHours(hours), DateTime.UtcNow));
            return 0;
        }
        catch (InvalidOperationException unusable)
        {
            errors.WriteLine(unusable.Message);
            return 1;
        }
    }

    private static bool TryHours(string value, out double hours) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out hours) && hours > 0 && hours <= 24 * 366;
}
