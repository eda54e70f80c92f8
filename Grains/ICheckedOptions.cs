namespace Orders.Grains;

/// <summary>
/// Options a process checks as it starts: a value out of range stops the start with its key
/// named, where it would otherwise start and fail later and out of sight (a sweep interval of zero
/// left every order without its timeouts; a batch size of zero spun a core and published nothing).
/// </summary>
public interface ICheckedOptions
{
    /// <summary>What is wrong, each naming its key under <paramref name="section"/>; empty when nothing is.</summary>
    IEnumerable<string> Problems(string section);
}
