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

    public const double MaxHours = 24 * 366;

    public static int Run(IReadOnlyList<string> args, IConfiguration configuration, TextWriter output, TextWriter errors)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var wellFormed = args.Count % 2 == 0;
        for (var index = 0; wellFormed && index < args.Count; index += 2)
            wellFormed = args[index] is "--role" or "--subject" or "--hours" && !args[index + 1].StartsWith("--", StringComparison.Ordinal)
                && options.TryAdd(args[index], args[index + 1]);
        if (!wellFormed
            || !options.TryGetValue("--role", out var role) || !RoleNames.Contains(role)
            || !options.TryGetValue("--subject", out var subject)
            || !TryHours(options.GetValueOrDefault("--hours", "24"), out var hours))
        {
            errors.WriteLine($"usage: {Name} --role {string.Join('|', RoleNames)} --subject ID [--hours H, at most {MaxHours}]");
            return 2;
        }

        try
        {
            var id = Require.Id(subject, "--subject");
            output.WriteLine(AccessTokens.Mint(AccessOptions.From(configuration), role, id, TimeSpan.FromHours(hours), DateTime.UtcNow));
            return 0;
        }
        catch (Exception unusable) when (unusable is InvalidOperationException or InvalidFieldException)
        {
            errors.WriteLine(unusable.Message);
            return 1;
        }
    }

    private static bool TryHours(string value, out double hours) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out hours) && hours > 0 && hours <= MaxHours;
}
