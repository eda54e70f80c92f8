using Orders.Grains.Delivery;

namespace Orders.Gateway.Errors;

/// <summary>Validation at the edge: each check names the field it rejects.</summary>
public static class Require
{
    public const int MaxIdLength = 100;
    public const int MaxQuantity = 1_000_000;
    public const long MaxPriceMinorUnits = 10_000_000_000;
    public const int MaxNameLength = 200;
    public const int MaxReasonLength = 500;

    public static string Id(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidFieldException(field, "is required");
        if (value.Length > MaxIdLength)
            throw new InvalidFieldException(field, $"must be at most {MaxIdLength} characters");
        // Ids come back in other clients' answers (a refusal names the short product, a
        // restaurant lists its orders), so they hide nothing, as names do not.
        if (value.Any(IsHidden))
            throw new InvalidFieldException(field, "must not contain control or format characters");
        // The JSON routes carry ids in their paths, where ASP.NET Core keeps "%2F" undecoded
        // (dotnet/aspnetcore#2655): "a/b" could not be reached over JSON, and "x/stock" was the
        // stock of "x" there.
        if (value.Contains('/', StringComparison.Ordinal))
            throw new InvalidFieldException(field, "must not contain '/'");
        // "p1 " or "p1" and a no-break space would be other entities than "p1", that look the same.
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
            throw new InvalidFieldException(field, "must not start or end with a space");
        return value;
    }

    /// <summary>A delivery zone: an id, or the default zone when none is given.</summary>
    public static string Zone(string value, string field) => value.Length == 0 ? DeliveryZones.Default : Id(value, field);

    /// <summary>A person's, product's or restaurant's name.</summary>
    public static string Name(string value, string field = "name") => Text(value, field, MaxNameLength);

    /// <summary>Why an order was cancelled or rejected, as its customer is told; may be empty.</summary>
    public static string Reason(string value) => OptionalText(value, "reason", MaxReasonLength);

    /// <summary>One line of visible text.</summary>
    private static string Text(string value, string field, int maxLength)
    {
        // Joiners alone show nothing, as spaces alone do.
        if (value.All(character => char.IsWhiteSpace(character) || character is ZeroWidthNonJoiner or ZeroWidthJoiner))
            throw new InvalidFieldException(field, "is required");
        if (value.Any(character => IsHiddenInText(character) || character is LineSeparator or ParagraphSeparator))
            throw new InvalidFieldException(field, "must not contain control or format characters");
        return OptionalText(value, field, maxLength);
    }

    public static string OptionalText(string value, string field, int maxLength)
    {
        if (value.Length > maxLength)
            throw new InvalidFieldException(field, $"must be at most {maxLength} characters");
        // Free text may break lines; other control and format characters (escape sequences, bidi
        // overrides) would reach customers' notifications and other clients' screens.
        if (value.Any(character => IsHiddenInText(character) && character is not ('\n' or '\r' or '\t')))
            throw new InvalidFieldException(field, "must not contain control or format characters other than line breaks and tabs");
        return value;
    }

    private static bool IsHidden(char character) =>
        char.IsControl(character) || char.GetUnicodeCategory(character) == System.Globalization.UnicodeCategory.Format;

    /// <summary>
    /// Hidden, in text: but for the zero-width joiner and non-joiner, which are part of what they
    /// join (emoji sequences such as a chef, words in Persian and the Indic scripts).
    /// </summary>
    private static bool IsHiddenInText(char character) => IsHidden(character) && character is not (ZeroWidthNonJoiner or ZeroWidthJoiner);

    private const char ZeroWidthNonJoiner = '\u200C';
    private const char ZeroWidthJoiner = '\u200D';
    private const char LineSeparator = '\u2028';
    private const char ParagraphSeparator = '\u2029';

    public static int Quantity(int value, string field) =>
        value switch
        {
            <= 0 => throw new InvalidFieldException(field, "must be positive"),
            > MaxQuantity => throw new InvalidFieldException(field, $"must be at most {MaxQuantity}"),
            _ => value,
        };

    /// <summary>
    /// A duration from zero to <paramref name="max"/>. Checked on its raw fields first: converting a
    /// duration that is not normalized (nanos out of range or of the other sign) throws.
    /// </summary>
    public static TimeSpan Duration(Google.Protobuf.WellKnownTypes.Duration? value, string field, TimeSpan max)
    {
        if (value is null)
            throw new InvalidFieldException(field, "is required");
        if (value.Seconds < 0 || value.Seconds > (long)max.TotalSeconds || value.Nanos is < 0 or >= 1_000_000_000 || value.ToTimeSpan() > max)
            throw new InvalidFieldException(field, $"must be between 0 and {max.TotalHours:0} hours");
        return value.ToTimeSpan();
    }

    /// <summary>A yes or no the caller must give: proto3 sends a false one as nothing at all.</summary>
    public static bool Flag(bool given, bool value, string field) =>
        given ? value : throw new InvalidFieldException(field, "is required (true or false)");

    public static Money Price(V1.Money? price, string field)
    {
        if (price is null)
            throw new InvalidFieldException(field, "is required");
        if (price.MinorUnits is < 0 or > MaxPriceMinorUnits)
            throw new InvalidFieldException($"{field}.minor_units", $"must be between 0 and {MaxPriceMinorUnits}");
        if (price.Currency.Length != 3 || !price.Currency.All(char.IsAsciiLetterUpper))
            throw new InvalidFieldException($"{field}.currency", "must be an ISO 4217 code such as EUR");
        return new Money(price.MinorUnits, price.Currency);
    }

    public static ImmutableArray<T> Items<T>(IReadOnlyList<T> items, string field, int maxCount, bool allowEmpty = false)
    {
        if (items.Count == 0 && !allowEmpty)
            throw new InvalidFieldException(field, "must not be empty");
        if (items.Count > maxCount)
            throw new InvalidFieldException(field, $"must have at most {maxCount} entries");
        return [.. items];
    }
}
