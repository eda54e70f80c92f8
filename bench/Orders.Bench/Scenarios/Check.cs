namespace Orders.Bench.Scenarios;

/// <summary>A correctness check the benchmark ran after the load.</summary>
public sealed record Check(string What, bool Holds, string Detail)
{
    /// <summary>
    /// Every measured call answered, with a result or a refusal, and some call did: a run whose
    /// calls fail is a defect to show, not a figure, however fast the failures came, and a window
    /// in which nothing was answered has no figures at all.
    /// </summary>
    public static Check NoneFailed(LoadResult result) => new("no call failed while measured", result.Failed == 0 && result.Answered > 0,
        result.Failed > 0 ? $"{result.Failed} failed: {string.Join(", ", result.Errors.Select(error => $"{error.Key} {error.Value}"))}"
        : result.Answered == 0 ? "no call was answered while measured"
        : $"{result.Answered} answered");
}
