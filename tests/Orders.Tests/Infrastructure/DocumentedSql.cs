using System.Text.RegularExpressions;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// The SQL the operator's documents give, read from the documents themselves: a test runs what an
/// operator would copy, so a statement that no longer fits the schema fails it.
/// </summary>
public static partial class DocumentedSql
{
    /// <summary>The first <c>```sql</c> block of <paramref name="document"/> (a path from the repository's root) that contains <paramref name="marker"/>.</summary>
    public static string Containing(string document, string marker)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), document));
        return SqlBlock().Matches(text).Select(block => block.Groups["sql"].Value).FirstOrDefault(sql => sql.Contains(marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{document} has no SQL block with '{marker}'");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orders.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"no Orders.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"```sql\n(?<sql>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();
}
