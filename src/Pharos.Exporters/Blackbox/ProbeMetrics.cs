using Pharos.Client;

namespace Pharos.Exporters.Blackbox;

/// <summary>
/// The gauges one probe reports, as the per-request registry upstream builds: a family appears once registered, with
/// value 0 until set; a labelled family appears with the children created so far. Single-use, single-threaded.
/// </summary>
internal sealed class ProbeMetrics
{
    private readonly Dictionary<string, Family> _families = new(StringComparer.Ordinal);

    /// <summary>Registers (or returns) an unlabelled gauge and returns its name for setting.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="help">The help text.</param>
    /// <returns>The name.</returns>
    public string Gauge(string name, string help)
    {
        if (!_families.ContainsKey(name))
        {
            var family = new Family(name, help, null);
            family.Values[string.Empty] = 0;
            _families[name] = family;
        }

        return name;
    }

    /// <summary>Registers a gauge with one label; children appear only once set or touched.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labelName">The label name.</param>
    public void GaugeVec(string name, string help, string labelName) =>
        _families.TryAdd(name, new Family(name, help, [labelName]));

    /// <summary>Registers a gauge with several labels.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="labelNames">The label names.</param>
    public void GaugeVec(string name, string help, string[] labelNames) =>
        _families.TryAdd(name, new Family(name, help, labelNames));

    /// <summary>Sets a registered unlabelled gauge.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="value">The value.</param>
    public void Set(string name, double value) => _families[name].Values[string.Empty] = value;

    /// <summary>Registers and sets an unlabelled gauge in one step.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="help">The help text.</param>
    /// <param name="value">The value.</param>
    public void Set(string name, string help, double value) => Set(Gauge(name, help), value);

    /// <summary>Sets one child of a labelled gauge.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="value">The value.</param>
    /// <param name="labelValues">The label values, in the registered order.</param>
    public void SetWith(string name, double value, params string[] labelValues) =>
        _families[name].Values[string.Join('\xff', labelValues)] = value;

    /// <summary>Adds to one child of a labelled gauge.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="delta">The amount.</param>
    /// <param name="labelValue">The label value.</param>
    public void AddWith(string name, double delta, string labelValue)
    {
        var values = _families[name].Values;
        values[labelValue] = values.GetValueOrDefault(labelValue) + delta;
    }

    /// <summary>Whether a family is registered.</summary>
    /// <param name="name">The metric name.</param>
    /// <returns>True when registered.</returns>
    public bool Has(string name) => _families.ContainsKey(name);

    /// <summary>The families, sorted by name as upstream's gatherer does.</summary>
    /// <returns>The snapshots.</returns>
    public IEnumerable<MetricFamilySnapshot> Collect()
    {
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var points = family.Values
                .OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => MetricPoint.Sample(v.Value, family.LabelNames is null
                    ? null
                    : family.LabelNames.Zip(v.Key.Split('\xff'), (n, l) => new KeyValuePair<string, string>(n, l))))
                .ToArray();
            if (points.Length > 0)
            {
                yield return new MetricFamilySnapshot(family.Name, MetricType.Gauge, family.Help, points);
            }
        }
    }

    private sealed record Family(string Name, string Help, string[]? LabelNames)
    {
        public Dictionary<string, double> Values { get; } = new(StringComparer.Ordinal);
    }
}
