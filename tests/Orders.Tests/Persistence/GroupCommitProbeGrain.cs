namespace Orders.Tests.Persistence;

/// <summary>A grain whose group-committed writes all fail, to see what its callers are told.</summary>
[Alias("tests.IGroupCommitProbeGrain")]
public interface IGroupCommitProbeGrain : IGrainWithGuidKey
{
    /// <summary>Makes a change whose write fails, then another on the same activation, whose failure comes back.</summary>
    [Alias("ChangeAfterAFailedWrite")]
    Task ChangeAfterAFailedWrite();
}

public sealed class GroupCommitProbeGrain : Grain, IGroupCommitProbeGrain
{
    private readonly GroupCommit commits;

    public GroupCommitProbeGrain() => commits = new GroupCommit(() => throw new TimeoutException("storage did not answer"), this);

    async Task IGroupCommitProbeGrain.ChangeAfterAFailedWrite()
    {
        await Assert.ThrowsAsync<TimeoutException>(commits.Changed);
        await commits.Changed();
    }
}
