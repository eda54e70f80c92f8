namespace Orders.Bench.Scenarios;

/// <summary>A correctness check the benchmark ran after the load.</summary>
public sealed record Check(string What, bool Holds, string Detail)
{
    /// <summary>
    /// Every measured call answered, with a result or a refusal: a run whose calls fail is a
    /// defect to show, not a figure, however fast the failures came.
    /// </summary>
    public static Check NoneFailed(LoadResult result) => new("no call failed while measured", result.Failed == 0,
        result.Failed == 0
            ? $"{result.Answered} answered"
            : $"{result.Failed} failed: {string.Join(", ", result.Errors.Select(error => $"{error.Key} {error.Value}"))}");
}
