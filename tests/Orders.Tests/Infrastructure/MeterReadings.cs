using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Orders.Grains.Diagnostics;

namespace Orders.Tests.Infrastructure;

/// <summary>
/// Every measurement published on the <see cref="OrdersMeter"/> while it lives, from any silo of
/// the test process (other tests' too), with the values of its tags in the order they were given.
/// </summary>
public sealed class MeterReadings : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, string?[] Tags, double Value)> readings = new();

    public MeterReadings()
    {
        listener.InstrumentPublished = (instrument, listening) =>
        {
            if (instrument.Meter.Name == OrdersMeter.Name)
                listening.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    /// <summary>The values <paramref name="instrument"/> recorded with its first tags set to <paramref name="tags"/>.</summary>
    public IReadOnlyList<double> Of(string instrument, params string[] tags) =>
        [.. readings.Where(reading => reading.Instrument == instrument && reading.Tags.Take(tags.Length).SequenceEqual(tags)).Select(reading => reading.Value)];

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        readings.Enqueue((instrument.Name, [.. tags.ToArray().Select(tag => Convert.ToString(tag.Value, CultureInfo.InvariantCulture))], value));
}
