using Pharos.Client;

namespace Pharos.Exporters.Node;

/// <summary>
/// The metrics one collector produces in one scrape, grouped into families in first-seen order. Single-threaded:
/// each collector gets its own batch. The first call for a name fixes the family's type and help.
/// </summary>
public sealed class MetricBatch
{
    private readonly Dictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly List<Family> _order = [];
    private readonly List<MetricFamilySnapshot> _prebuilt = [];

    /// <summary>The number of samples added so far.</summary>
    public int SampleCount { get; private set; }

    /// <summary>Adds a gauge sample.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="value">The value.</param>
    /// <param name="labels">Label name/value pairs.</param>
    public void Gauge(string name, string help, double value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Add(name, MetricType.Gauge, help, value, labels);

    /// <summary>Adds a counter sample.</summary>
    /// <param name="name">The metric name, normally ending in <c>_total</c>.</param>
    /// <param name="help">The help text.</param>
    /// <param name="value">The value.</param>
    /// <param name="labels">Label name/value pairs.</param>
    public void Counter(string name, string help, double value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Add(name, MetricType.Counter, help, value, labels);

    /// <summary>Adds an untyped sample (upstream's <c>UntypedValue</c>).</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="value">The value.</param>
    /// <param name="labels">Label name/value pairs.</param>
    public void Untyped(string name, string help, double value, params ReadOnlySpan<(string Name, string Value)> labels) =>
        Add(name, MetricType.Unknown, help, value, labels);

    /// <summary>Adds a sample to the family <paramref name="name"/>, creating it with <paramref name="type"/> if new.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="type">The family type (counter, gauge or unknown).</param>
    /// <param name="help">The help text.</param>
    /// <param name="value">The value.</param>
    /// <param name="labels">Label name/value pairs.</param>
    public void Add(string name, MetricType type, string help, double value, ReadOnlySpan<(string Name, string Value)> labels)
    {
        if (!_families.TryGetValue(name, out var family))
        {
            family = new Family(name, type, help);
            _families.Add(name, family);
            _order.Add(family);
        }

        var pairs = new KeyValuePair<string, string>[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            pairs[i] = new(labels[i].Name, labels[i].Value);
        }

        family.Points.Add(MetricPoint.Sample(value, pairs));
        SampleCount++;
    }

    /// <summary>Adds a family built elsewhere (the textfile collector's histograms and summaries).</summary>
    /// <param name="family">The family.</param>
    public void Add(MetricFamilySnapshot family)
    {
        ArgumentNullException.ThrowIfNull(family);
        _prebuilt.Add(family);
        SampleCount += family.Points.Count;
    }

    /// <summary>The families added so far.</summary>
    /// <returns>One snapshot per family.</returns>
    public IEnumerable<MetricFamilySnapshot> ToSnapshots()
    {
        foreach (var family in _order)
        {
            yield return new MetricFamilySnapshot(family.Name, family.Type, family.Help, family.Points);
        }

        foreach (var family in _prebuilt)
        {
            yield return family;
        }
    }

    private sealed class Family(string name, MetricType type, string help)
    {
        public string Name { get; } = name;

        public MetricType Type { get; } = type;

        public string Help { get; } = help;

        public List<MetricPoint> Points { get; } = [];
    }
}
