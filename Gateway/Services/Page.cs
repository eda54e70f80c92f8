using System.Text;

namespace Orders.Gateway.Services;

/// <summary>
/// A page of a list kept oldest first (a customer's orders, an inbox, a driver's assignments).
/// Without a page size the server's default applies: a customer with thousands of orders once got
/// them all in one answer, past what clients accept in a message (gRPC's 4 MB), and every one of
/// their orders was read for it.
/// <para>
/// The page token names the last entry given, and the next page starts after it. An entry need
/// not join its list at the end: the inbox and the customer's orders are ranked by times their
/// producers' silos stamped before their writes committed, so a write slower to commit lands before
/// entries already listed. A token holding a position would then give an entry already given once
/// more; one naming the entry does not (the late one is not given to a client already past it).
/// Entries never leave these lists, so a name not found is a token this list did not give.
/// </para>
/// </summary>
public readonly record struct Page(string? After, int Size)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1_000;
    private const string TokenPrefix = "after:";

    /// <summary>Longer than any token given: the prefix and an id of <see cref="Require.MaxIdLength"/> characters, four bytes each in UTF-8, in base64.</summary>
    private static readonly int MaxTokenLength = (TokenPrefix.Length + Require.MaxIdLength * 4 + 2) / 3 * 4;

    public static Page From(int pageSize, string pageToken)
    {
        if (pageSize < 0)
            throw new InvalidFieldException("page_size", "must not be negative");
        if (pageSize > MaxSize)
            throw new InvalidFieldException("page_size", $"must be at most {MaxSize}");
        return new Page(AfterOf(pageToken), pageSize == 0 ? DefaultSize : pageSize);
    }

    /// <summary>This page of <paramref name="all"/>, whose entries <paramref name="keyOf"/> names, and the token of the next one (empty on the last page).</summary>
    public (IReadOnlyList<T> Entries, string NextToken) Of<T>(IReadOnlyList<T> all, Func<T, string> keyOf)
    {
        var start = After is { } after ? IndexOf(all, keyOf, after) + 1 : 0;
        var entries = all.Skip(start).Take(Size).ToList();
        var end = start + entries.Count;
        return (entries, end < all.Count ? Token(keyOf(all[end - 1])) : "");
    }

    private static int IndexOf<T>(IReadOnlyList<T> all, Func<T, string> keyOf, string key)
    {
        for (var index = 0; index < all.Count; index++)
        {
            if (string.Equals(keyOf(all[index]), key, StringComparison.Ordinal))
                return index;
        }
        throw NotGiven();
    }

    private static string Token(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + key));

    private static string? AfterOf(string pageToken)
    {
        if (pageToken.Length == 0)
            return null;
        Span<byte> decoded = stackalloc byte[MaxTokenLength];
        var text = pageToken.Length <= MaxTokenLength && Convert.TryFromBase64String(pageToken, decoded, out var length)
            ? Encoding.UTF8.GetString(decoded[..length])
            : "";
        return text.StartsWith(TokenPrefix, StringComparison.Ordinal) && text.Length > TokenPrefix.Length
            ? text[TokenPrefix.Length..]
            : throw NotGiven();
    }

    private static InvalidFieldException NotGiven() => new("page_token", "is not a token this list gave");
}
