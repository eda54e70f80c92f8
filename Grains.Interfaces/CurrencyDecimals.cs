using System.Collections.Frozen;

namespace Orders.Grains;

/// <summary>
/// How many decimals an ISO 4217 currency's amounts have (its minor unit). Most have two; .NET
/// keeps no table of this (a culture's currency digits belong to the culture's own currency), so
/// the currencies with another count are listed here.
/// </summary>
public static class CurrencyDecimals
{
    private static readonly FrozenDictionary<string, int> NotTwo = new Dictionary<string, int>
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0, ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static int Of(string currency) => NotTwo.GetValueOrDefault(currency, 2);
}
