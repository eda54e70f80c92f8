namespace Orders.Tests.Streams.Probes;

/// <summary>A test event; its subscriber fails the first <see cref="Failures"/> deliveries of it.</summary>
[GenerateSerializer, Immutable, Alias("tests.ProbeEvent")]
public sealed record ProbeEvent([property: Id(0)] string Id, [property: Id(1)] int Failures = 0);
