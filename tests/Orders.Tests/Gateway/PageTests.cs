using Orders.Gateway.Errors;
using Orders.Gateway.Services;

namespace Orders.Tests.Gateway;

/// <summary>Paging over lists whose entries may join before the end, as an inbox's late-committed ones do.</summary>
public sealed class PageTests
{
    [Fact]
    public void An_entry_that_joins_before_the_next_page_s_start_gives_no_entry_twice()
    {
        List<string> inbox = ["a", "b", "c", "d", "e"];

        var (first, token) = Page.From(2, "").Of(inbox, entry => entry);
        inbox.Insert(1, "late");
        var (second, _) = Page.From(2, token).Of(inbox, entry => entry);

        Assert.Equal(["a", "b"], first);
        Assert.Equal(["c", "d"], second);
    }

    [Fact]
    public void Pages_end_with_an_empty_token_and_each_entry_once()
    {
        var entries = Enumerable.Range(0, 7).Select(index => $"order-{index}").ToList();
        var pages = new List<IReadOnlyList<string>>();
        var token = "";
        do
        {
            (var page, token) = Page.From(3, token).Of(entries, entry => entry);
            pages.Add(page);
        }
        while (token.Length > 0);

        Assert.Equal([3, 3, 1], pages.Select(page => page.Count));
        Assert.Equal(entries, pages.SelectMany(page => page));
    }

    [Fact]
    public void A_token_naming_an_entry_the_list_does_not_hold_is_invalid()
    {
        var (_, token) = Page.From(1, "").Of(["x", "y"], entry => entry);

        var refused = Assert.Throws<InvalidFieldException>(() => Page.From(1, token).Of(["y"], entry => entry));

        Assert.Equal("page_token is not a token this list gave", refused.Message);
    }

    [Fact]
    public void A_token_for_the_longest_id_in_four_byte_characters_is_taken()
    {
        var longest = string.Concat(Enumerable.Repeat("😀", Require.MaxIdLength / 2));
        List<string> entries = [longest, "next", "last"];

        var (_, token) = Page.From(1, "").Of(entries, entry => entry);
        var (second, _) = Page.From(1, token).Of(entries, entry => entry);

        Assert.Equal(["next"], second);
    }
}
