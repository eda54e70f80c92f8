using System.Text;

namespace Orders.Grains;

public static class ContractNames
{
    /// <summary>A status as the contract spells it in messages: <c>OutForDelivery</c> becomes <c>OUT_FOR_DELIVERY</c>.</summary>
    public static string Name<T>(this T value) where T : struct, Enum
    {
        var pascal = value.ToString();
        var name = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
                name.Append('_');
            name.Append(char.ToUpperInvariant(pascal[i]));
        }
        return name.ToString();
    }
}
