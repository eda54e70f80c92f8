namespace Orders.Silo.Hosting;

/// <summary>How a silo's or a gateway's start ended, which decides its process's exit code.</summary>
public enum StartOutcome
{
    /// <summary>Started: it serves until it is stopped.</summary>
    Running,

    /// <summary>Could not start, said why and stopped what had started: exit 1, for its supervisor to start it again.</summary>
    Failed,

    /// <summary>Asked to stop (SIGTERM, Ctrl+C) before its start finished, and stopped: exit 0, as any stop asked for.</summary>
    Stopped,
}

public static class StartOutcomes
{
    /// <summary>The process's exit code for a start that ended so; null while it runs.</summary>
    public static int? ExitCode(this StartOutcome outcome) => outcome switch
    {
        StartOutcome.Failed => 1,
        StartOutcome.Stopped => 0,
        _ => null,
    };
}
