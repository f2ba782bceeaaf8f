namespace Pharos.Client;

public sealed partial class MetricRegistry
{
    /// <summary>Creates (or returns the identical existing) counter.</summary>
    /// <param name="name">The name, ideally ending in <c>_total</c>.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labelNames">The label names.</param>
    /// <returns>The counter.</returns>
    public Counter CreateCounter(string name, string help, params string[] labelNames) =>
        CreateCounter(name, help, new CounterOptions { LabelNames = labelNames });

    /// <summary>Creates (or returns the identical existing) counter.</summary>
    /// <param name="name">The name, ideally ending in <c>_total</c>.</param>
    /// <param name="help">The help text.</param>
    /// <param name="options">Label names and unit.</param>
    /// <returns>The counter.</returns>
    public Counter CreateCounter(string name, string help, CounterOptions? options) =>
        GetOrAdd(new Counter(name, help, options ?? new(), TimeProvider));

    /// <summary>Creates (or returns the identical existing) gauge.</summary>
    /// <param name="name">The name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labelNames">The label names.</param>
    /// <returns>The gauge.</returns>
    public Gauge CreateGauge(string name, string help, params string[] labelNames) =>
        CreateGauge(name, help, new GaugeOptions { LabelNames = labelNames });

    /// <summary>Creates (or returns the identical existing) gauge.</summary>
    /// <param name="name">The name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="options">Label names and unit.</param>
    /// <returns>The gauge.</returns>
    public Gauge CreateGauge(string name, string help, GaugeOptions? options) =>
        GetOrAdd(new Gauge(name, help, options ?? new(), TimeProvider));

    /// <summary>Creates (or returns the identical existing) histogram with the default buckets.</summary>
    /// <param name="name">The name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labelNames">The label names.</param>
    /// <returns>The histogram.</returns>
    public Histogram CreateHistogram(string name, string help, params string[] labelNames) =>
        CreateHistogram(name, help, new HistogramOptions { LabelNames = labelNames });

    /// <summary>Creates (or returns the identical existing) histogram.</summary>
    /// <param name="name">The name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="options">Buckets, label names and unit.</param>
    /// <returns>The histogram.</returns>
    public Histogram CreateHistogram(string name, string help, HistogramOptions? options) =>
        GetOrAdd(new Histogram(name, help, options ?? new(), TimeProvider));

    /// <summary>Creates (or returns the identical existing) summary without quantiles (sum and count only).</summary>
    /// <param name="name">The name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labelNames">The label names.</param>
    /// <returns>The summary.</returns>
    public Summary CreateSummary(string name, string help, params string[] labelNames) =>
        CreateSummary(name, help, new SummaryOptions { LabelNames = labelNames });

    /// <summary>Creates (or returns the identical existing) summary.</summary>
    /// <param name="name">The name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="options">Objectives, window, label names and unit.</param>
    /// <returns>The summary.</returns>
    public Summary CreateSummary(string name, string help, SummaryOptions? options) =>
        GetOrAdd(new Summary(name, help, options ?? new(), TimeProvider));

    /// <summary>Creates (or returns the identical existing) info family; add series with <c>WithLabels</c>.</summary>
    /// <param name="name">The name; <c>_info</c> is appended when missing.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labelNames">The label names.</param>
    /// <returns>The info family.</returns>
    public Info CreateInfo(string name, string help, params string[] labelNames) =>
        GetOrAdd(new Info(name, help, new MetricOptions { LabelNames = labelNames }, TimeProvider));

    /// <summary>Creates an info family with one series carrying <paramref name="labels"/>, for example build information.</summary>
    /// <param name="name">The name; <c>_info</c> is appended when missing.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labels">The information, as label names and values.</param>
    /// <returns>The info family.</returns>
    public Info CreateInfo(string name, string help, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var info = CreateInfo(name, help, [.. labels.Keys]);
        info.WithLabels([.. labels.Values]);
        return info;
    }

    /// <summary>Creates (or returns the identical existing) state set.</summary>
    /// <param name="name">The name; also the label carrying the state names.</param>
    /// <param name="help">The help text.</param>
    /// <param name="states">The state names (1 to 64).</param>
    /// <param name="labelNames">The label names.</param>
    /// <returns>The state set.</returns>
    public StateSet CreateStateSet(string name, string help, IReadOnlyList<string> states, params string[] labelNames) =>
        GetOrAdd(new StateSet(name, help, states, new MetricOptions { LabelNames = labelNames }, TimeProvider));

    /// <summary>Creates (or returns the identical existing) untyped metric.</summary>
    /// <param name="name">The name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labelNames">The label names.</param>
    /// <returns>The metric.</returns>
    public Untyped CreateUntyped(string name, string help, params string[] labelNames) =>
        GetOrAdd(new Untyped(name, help, new MetricOptions { LabelNames = labelNames }, TimeProvider));
}
