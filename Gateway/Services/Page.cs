using System.Globalization;
using System.Text;

namespace Orders.Gateway.Services;

/// <summary>
/// A page of a list that grows at its end, oldest first (a customer's orders, an inbox, a driver's
/// assignments). The page token holds the position of the next page's first entry, so a client
/// paging on sees each entry once while the list grows. Without a page size the server's default
/// applies: a customer with thousands of orders once got them all in one answer, past what
/// clients accept in a message (gRPC's 4 MB), and every one of their orders was read for it.
/// </summary>
public readonly record struct Page(int Start, int Size)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1_000;
    private const string TokenPrefix = "after:";

    /// <summary>Longer than any token given (which holds a position), and short enough to decode on the stack.</summary>
    private const int MaxTokenLength = 64;

    public static Page From(int pageSize, string pageToken)
    {
        if (pageSize < 0)
            throw new InvalidFieldException("page_size", "must not be negative");
        if (pageSize > MaxSize)
            throw new InvalidFieldException("page_size", $"must be at most {MaxSize}");
        return new Page(StartOf(pageToken), pageSize == 0 ? DefaultSize : pageSize);
    }

    public IEnumerable<T> Of<T>(IReadOnlyList<T> all) => all.Skip(Start).Take(Size);

    /// <summary>The token of the page after this one, or empty when this one reaches the end of <paramref name="count"/> entries.</summary>
    public string NextToken(int count) =>
        Start + Size < count ? Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + (Start + Size).ToString(CultureInfo.InvariantCulture))) : "";

    private static int StartOf(string pageToken)
    {
        if (pageToken.Length == 0)
            return 0;
        Span<byte> decoded = stackalloc byte[MaxTokenLength];
        var text = pageToken.Length <= MaxTokenLength && Convert.TryFromBase64String(pageToken, decoded, out var length)
            ? Encoding.UTF8.GetString(decoded[..length])
            : "";
        if (!text.StartsWith(TokenPrefix, StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            throw new InvalidFieldException("page_token", "is not a token this list gave");
        return start;
    }
}
