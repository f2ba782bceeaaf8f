using Pharos.Client.Collectors;

namespace Pharos.Client;

/// <summary>
/// The default registry and factory methods on it, for applications that want one process-wide registry:
/// <c>static readonly Counter Requests = Metrics.CreateCounter("app_requests_total", "Requests handled.", "method");</c>
/// </summary>
public static class Metrics
{
    private static readonly Lock InitLock = new();
    private static MetricRegistry? _default;
    private static ICollector[] _defaultCollectors = [];
    private static bool _suppressDefaults;

    /// <summary>
    /// The process-wide registry. On first use it registers the process collector (<c>process_*</c>) and the .NET
    /// runtime collector (<c>dotnet_*</c>) unless <see cref="SuppressDefaultMetrics"/> was called.
    /// </summary>
    public static MetricRegistry DefaultRegistry
    {
        get
        {
            var registry = Volatile.Read(ref _default);
            return registry ?? CreateDefault();
        }
    }

    /// <summary>Removes the process and runtime collectors from the default registry, or keeps them from being added.</summary>
    public static void SuppressDefaultMetrics()
    {
        lock (InitLock)
        {
            _suppressDefaults = true;
            if (_default is not null)
            {
                foreach (var collector in _defaultCollectors)
                {
                    _default.Unregister(collector);
                    (collector as IDisposable)?.Dispose();
                }

                _defaultCollectors = [];
            }
        }
    }

    /// <inheritdoc cref="MetricRegistry.CreateCounter(string, string, string[])"/>
    public static Counter CreateCounter(string name, string help, params string[] labelNames) => DefaultRegistry.CreateCounter(name, help, labelNames);

    /// <inheritdoc cref="MetricRegistry.CreateCounter(string, string, CounterOptions?)"/>
    public static Counter CreateCounter(string name, string help, CounterOptions? options) => DefaultRegistry.CreateCounter(name, help, options);

    /// <inheritdoc cref="MetricRegistry.CreateGauge(string, string, string[])"/>
    public static Gauge CreateGauge(string name, string help, params string[] labelNames) => DefaultRegistry.CreateGauge(name, help, labelNames);

    /// <inheritdoc cref="MetricRegistry.CreateGauge(string, string, GaugeOptions?)"/>
    public static Gauge CreateGauge(string name, string help, GaugeOptions? options) => DefaultRegistry.CreateGauge(name, help, options);

    /// <inheritdoc cref="MetricRegistry.CreateHistogram(string, string, string[])"/>
    public static Histogram CreateHistogram(string name, string help, params string[] labelNames) => DefaultRegistry.CreateHistogram(name, help, labelNames);

    /// <inheritdoc cref="MetricRegistry.CreateHistogram(string, string, HistogramOptions?)"/>
    public static Histogram CreateHistogram(string name, string help, HistogramOptions? options) => DefaultRegistry.CreateHistogram(name, help, options);

    /// <inheritdoc cref="MetricRegistry.CreateSummary(string, string, string[])"/>
    public static Summary CreateSummary(string name, string help, params string[] labelNames) => DefaultRegistry.CreateSummary(name, help, labelNames);

    /// <inheritdoc cref="MetricRegistry.CreateSummary(string, string, SummaryOptions?)"/>
    public static Summary CreateSummary(string name, string help, SummaryOptions? options) => DefaultRegistry.CreateSummary(name, help, options);

    /// <inheritdoc cref="MetricRegistry.CreateInfo(string, string, string[])"/>
    public static Info CreateInfo(string name, string help, params string[] labelNames) => DefaultRegistry.CreateInfo(name, help, labelNames);

    /// <inheritdoc cref="MetricRegistry.CreateInfo(string, string, IReadOnlyDictionary{string, string})"/>
    public static Info CreateInfo(string name, string help, IReadOnlyDictionary<string, string> labels) => DefaultRegistry.CreateInfo(name, help, labels);

    /// <inheritdoc cref="MetricRegistry.CreateStateSet(string, string, IReadOnlyList{string}, string[])"/>
    public static StateSet CreateStateSet(string name, string help, IReadOnlyList<string> states, params string[] labelNames) => DefaultRegistry.CreateStateSet(name, help, states, labelNames);

    /// <inheritdoc cref="MetricRegistry.CreateUntyped(string, string, string[])"/>
    public static Untyped CreateUntyped(string name, string help, params string[] labelNames) => DefaultRegistry.CreateUntyped(name, help, labelNames);

    private static MetricRegistry CreateDefault()
    {
        lock (InitLock)
        {
            if (_default is not null)
            {
                return _default;
            }

            var registry = new MetricRegistry();
            if (!_suppressDefaults)
            {
                _defaultCollectors = DefaultCollectors.Create(registry);
            }

            Volatile.Write(ref _default, registry);
            return registry;
        }
    }
}
