using System.Buffers;
using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>
/// Holds metric families and custom collectors and serialises them. Thread-safe: registration takes a lock,
/// serialisation reads copy-on-write snapshots and never blocks instrumentation. Registering the same definition
/// twice (same name, type, label names and, for histograms, summaries and state sets, the same layout) returns the
/// existing metric; a conflicting definition throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed partial class MetricRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sampleNames = new(StringComparer.Ordinal);
    private Metric[] _sorted = [];
    private ICollector[] _collectors = [];
    private Action[] _beforeCollect = [];

    /// <summary>Creates an empty registry.</summary>
    /// <param name="timeProvider">The clock for exemplar timestamps, created timestamps, summary windows and
    /// <see cref="Gauge.SetToCurrentTime"/>; <see cref="TimeProvider.System"/> when null.</param>
    public MetricRegistry(TimeProvider? timeProvider = null) => TimeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The registry behind <see cref="Metrics"/>, with process and .NET runtime collectors unless suppressed.</summary>
    public static MetricRegistry Default => Metrics.DefaultRegistry;

    /// <summary>The clock metrics of this registry read.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The registered metric families, in name order.</summary>
    public IReadOnlyList<Metric> RegisteredMetrics => Volatile.Read(ref _sorted);

    /// <summary>Adds a custom collector, called on every serialisation. Its family names are not checked for conflicts.</summary>
    /// <param name="collector">The collector.</param>
    public void Register(ICollector collector)
    {
        ArgumentNullException.ThrowIfNull(collector);
        lock (_lock)
        {
            if (Array.IndexOf(_collectors, collector) < 0)
            {
                Volatile.Write(ref _collectors, [.. _collectors, collector]);
            }
        }
    }

    /// <summary>Adds a custom collector from a callback.</summary>
    /// <param name="collect">Produces the families on each serialisation.</param>
    /// <returns>The collector, for <see cref="Unregister(ICollector)"/>.</returns>
    public ICollector Register(Func<IEnumerable<MetricFamilySnapshot>> collect)
    {
        ArgumentNullException.ThrowIfNull(collect);
        var collector = new CallbackCollector(collect);
        Register(collector);
        return collector;
    }

    /// <summary>Removes a custom collector.</summary>
    /// <param name="collector">The collector.</param>
    /// <returns>True when it was registered.</returns>
    public bool Unregister(ICollector collector)
    {
        lock (_lock)
        {
            if (Array.IndexOf(_collectors, collector) < 0)
            {
                return false;
            }

            Volatile.Write(ref _collectors, [.. _collectors.Where(c => c != collector)]);
            return true;
        }
    }

    /// <summary>Removes a metric family; its name becomes free for another definition.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>True when it was registered here.</returns>
    public bool Unregister(Metric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        lock (_lock)
        {
            if (!_metrics.TryGetValue(metric.Name, out var existing) || existing != metric)
            {
                return false;
            }

            _metrics.Remove(metric.Name);
            foreach (var name in metric.Family.SampleNames())
            {
                _sampleNames.Remove(name);
            }

            Volatile.Write(ref _sorted, [.. _sorted.Where(m => m != metric)]);
            return true;
        }
    }

    /// <summary>
    /// Adds a callback run before every serialisation, to refresh gauges from their sources. Callbacks run on the
    /// serialising thread, in registration order; keep them fast.
    /// </summary>
    /// <param name="callback">The callback.</param>
    public void AddBeforeCollectCallback(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_lock)
        {
            Volatile.Write(ref _beforeCollect, [.. _beforeCollect, callback]);
        }
    }

    /// <summary>
    /// Serialises every family into <paramref name="output"/>: registered metrics and custom collectors' families,
    /// ordered by name, children ordered by label values. Families without series are omitted.
    /// </summary>
    /// <param name="output">The destination; the caller owns it.</param>
    /// <param name="format">The wire format; pick it with <see cref="ExpositionFormats.Negotiate(string?)"/>.</param>
    public void Write(IBufferWriter<byte> output, ExpositionFormat format = ExpositionFormat.PrometheusText)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var callback in Volatile.Read(ref _beforeCollect))
        {
            callback();
        }

        var metrics = Volatile.Read(ref _sorted);
        var collectors = Volatile.Read(ref _collectors);
        var custom = collectors.Length == 0 ? [] : CollectCustom(collectors);

        var writer = MetricWriter.Create(format, output);
        try
        {
            // Merge the two name-ordered sequences.
            var m = 0;
            var c = 0;
            while (m < metrics.Length || c < custom.Count)
            {
                if (c == custom.Count || (m < metrics.Length && string.CompareOrdinal(metrics[m].Name, custom[c].Name) <= 0))
                {
                    metrics[m++].Collect(writer);
                }
                else
                {
                    custom[c++].WriteTo(writer);
                }
            }

            writer.Finish();
        }
        finally
        {
            (writer as IDisposable)?.Dispose();
        }
    }

    /// <summary>Serialises every family (see <see cref="Write"/>) and writes the bytes to <paramref name="destination"/>.</summary>
    /// <param name="destination">The stream, for example an HTTP response body; it is not closed.</param>
    /// <param name="format">The wire format.</param>
    /// <param name="cancellationToken">Cancels the write to the stream.</param>
    /// <returns>A task that completes when the bytes have been written.</returns>
    public async Task WriteAsync(Stream destination, ExpositionFormat format = ExpositionFormat.PrometheusText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var buffer = new PooledBufferWriter();
        Write(buffer, format);
        await destination.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Serialises every family into a new array; convenient for tests and small payloads.</summary>
    /// <param name="format">The wire format.</param>
    /// <returns>The encoded bytes.</returns>
    public byte[] ToArray(ExpositionFormat format = ExpositionFormat.PrometheusText)
    {
        using var buffer = new PooledBufferWriter();
        Write(buffer, format);
        return buffer.WrittenMemory.ToArray();
    }

    private static List<MetricFamilySnapshot> CollectCustom(ICollector[] collectors)
    {
        var families = new List<MetricFamilySnapshot>();
        foreach (var collector in collectors)
        {
            families.AddRange(collector.Collect());
        }

        families.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return families;
    }

    private T GetOrAdd<T>(T candidate)
        where T : Metric
    {
        lock (_lock)
        {
            if (_metrics.TryGetValue(candidate.Name, out var existing))
            {
                if (existing.HasSameShape(candidate))
                {
                    return (T)existing;
                }

                throw new InvalidOperationException(
                    $"Metric '{candidate.Name}' is already registered as a {existing.Type} with labels ({string.Join(", ", existing.LabelNames)}); " +
                    $"it cannot be registered again as a {candidate.Type} with labels ({string.Join(", ", candidate.LabelNames)}) or a different layout.");
            }

            foreach (var name in candidate.Family.SampleNames())
            {
                if (_sampleNames.Contains(name))
                {
                    throw new InvalidOperationException($"Metric '{candidate.Name}' would expose '{name}', which another registered metric already exposes.");
                }
            }

            _metrics.Add(candidate.Name, candidate);
            _sampleNames.UnionWith(candidate.Family.SampleNames());
            var sorted = new Metric[_sorted.Length + 1];
            _sorted.CopyTo(sorted, 0);
            sorted[^1] = candidate;
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            Volatile.Write(ref _sorted, sorted);
            return candidate;
        }
    }

    private sealed class CallbackCollector(Func<IEnumerable<MetricFamilySnapshot>> collect) : ICollector
    {
        public IEnumerable<MetricFamilySnapshot> Collect() => collect();
    }
}
