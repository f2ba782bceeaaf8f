using System.Globalization;
using System.Text;
using Pharos.Exposition.Model;
using Pharos.Model;

namespace Pharos.Pushgateway;

public sealed partial class MetricStore
{
    /// <summary>
    /// Merges the Pushgateway's own metrics and every group (with its <c>push_time_seconds</c> and
    /// <c>push_failure_time_seconds</c>) into one exposition: families sorted by name, points of a family from all
    /// groups, sorted by labels. Fails, as a scrape of upstream does, when stored groups are inconsistent (possible
    /// only with the consistency check disabled).
    /// </summary>
    /// <param name="families">The merged families.</param>
    /// <param name="error">Why the state cannot be exposed, when false.</param>
    /// <returns>True when consistent.</returns>
    public bool TryGather(out IReadOnlyList<MetricFamily> families, out string? error)
    {
        var groups = Groups();
        var merger = new Merger();
        error = merger.AddOwn(_ownFamilies());
        foreach (var group in groups)
        {
            error ??= merger.AddGroup(group);
        }

        families = merger.Result();
        return error is null;
    }

    /// <summary>The families of a group as exposed, including its two push-time gauges.</summary>
    /// <param name="group">The group.</param>
    /// <returns>Family name to family and its write time, sorted by name.</returns>
    public static IEnumerable<KeyValuePair<string, StoredFamily>> ExposedFamilies(MetricGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var all = new SortedDictionary<string, StoredFamily>(StringComparer.Ordinal);
        foreach (var (name, family) in group.Families)
        {
            all[name] = family;
        }

        all[PushTimeMetric] = new StoredFamily(TimeGauge(PushTimeMetric, PushTimeHelp, group.Key, group.PushTime), group.PushTimeStamp);
        all[PushFailureTimeMetric] = new StoredFamily(
            TimeGauge(PushFailureTimeMetric, PushFailureTimeHelp, group.Key, group.FailureTime),
            group.FailureTimeStamp);
        return all;
    }

    /// <summary>
    /// Describes a point the way upstream's consistency errors print a metric (protobuf text of <c>dto.Metric</c>),
    /// with the grouping labels and the implied empty <c>instance</c>.
    /// </summary>
    /// <param name="family">The family.</param>
    /// <param name="point">The point.</param>
    /// <param name="key">The group's key, for labels with empty values.</param>
    /// <returns>The text.</returns>
    public static string Describe(MetricFamily family, MetricPoint point, GroupingKey? key)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in ExposedLabels(point.Labels, key))
        {
            sb.Append(CultureInfo.InvariantCulture, $"label:<name:\"{name}\" value:\"{value}\" > ");
        }

        switch (family.Type)
        {
            case MetricType.Counter:
                sb.Append("counter:<value:").Append(GoFloat.FormatG(point.Value)).Append(" > ");
                break;
            case MetricType.Gauge:
                sb.Append("gauge:<value:").Append(GoFloat.FormatG(point.Value)).Append(" > ");
                break;
            case MetricType.Summary:
                sb.Append("summary:<sample_count:").Append(GoFloat.FormatG(point.Count))
                    .Append(" sample_sum:").Append(GoFloat.FormatG(point.Sum)).Append(" > ");
                break;
            case MetricType.Histogram or MetricType.GaugeHistogram:
                sb.Append("histogram:<sample_count:").Append(GoFloat.FormatG(point.Count))
                    .Append(" sample_sum:").Append(GoFloat.FormatG(point.Sum)).Append(" > ");
                break;
            default:
                sb.Append("untyped:<value:").Append(GoFloat.FormatG(point.Value)).Append(" > ");
                break;
        }

        return sb.ToString();
    }

    /// <summary>
    /// The labels of a stored point as upstream holds them: the point's labels plus the grouping labels and
    /// <c>instance</c> with empty values, sorted by name.
    /// </summary>
    /// <param name="labels">The point's labels.</param>
    /// <param name="key">The group's key, or null.</param>
    /// <returns>The labels.</returns>
    public static IEnumerable<KeyValuePair<string, string>> ExposedLabels(Labels labels, GroupingKey? key)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            all[label.Name] = label.Value;
        }

        if (key is not null)
        {
            foreach (var (name, value) in key.Pairs)
            {
                all[name] = value;
            }

            all.TryAdd("instance", string.Empty);
        }

        return all;
    }

    /// <summary>The upstream (protobuf enum) name of a type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>E.g. <c>GAUGE</c>.</returns>
    public static string TypeName(MetricType type) => type switch
    {
        MetricType.Counter => "COUNTER",
        MetricType.Gauge => "GAUGE",
        MetricType.Summary => "SUMMARY",
        MetricType.Histogram => "HISTOGRAM",
        MetricType.GaugeHistogram => "GAUGE_HISTOGRAM",
        _ => "UNTYPED",
    };

    private static MetricFamily TimeGauge(string name, string help, GroupingKey key, DateTimeOffset? time)
    {
        var builder = new LabelsBuilder();
        foreach (var (n, v) in key.Pairs)
        {
            builder.Set(n, v);
        }

        return new MetricFamily(name, MetricType.Gauge, help) { HasHelp = true }
            .Add(new MetricPoint(builder.ToLabels(), MetricGroup.ToSeconds(time)));
    }

    private sealed class Merger
    {
        private readonly Dictionary<string, MetricFamily> _byName = new(StringComparer.Ordinal);
        private readonly HashSet<string> _own = new(StringComparer.Ordinal);
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public string? AddOwn(IReadOnlyList<MetricFamily> families)
        {
            foreach (var family in families)
            {
                _own.Add(family.Name);
                var copy = new MetricFamily(family.Name, family.Type, family.Help, family.Unit) { HasHelp = family.HasHelp };
                copy.Points.AddRange(family.Points);
                _byName[family.Name] = copy;
                foreach (var point in family.Points)
                {
                    _seen.Add(SeriesKey(family.Name, point.Labels, null));
                }
            }

            return null;
        }

        public string? AddGroup(MetricGroup group)
        {
            foreach (var (name, stored) in ExposedFamilies(group))
            {
                var family = stored.Family;
                if (!NameValidation.IsLegacyMetricName(name))
                {
                    return $"\"{name}\" is not a valid metric name";
                }

                if (!_byName.TryGetValue(name, out var merged))
                {
                    merged = new MetricFamily(name, family.Type, family.Help, family.Unit) { HasHelp = family.HasHelp };
                    _byName[name] = merged;
                }
                else if (merged.Type != family.Type)
                {
                    if (_own.Contains(name))
                    {
                        return $"gathered metric family {name} has type {TypeName(family.Type)} but should have {TypeName(merged.Type)}";
                    }

                    return $"collected metric \"{name}\" {{ {Describe(family, family.Points[0], group.Key)}}} is not a {TypeName(merged.Type)}";
                }

                foreach (var point in family.Points)
                {
                    if (ValidatePoint(family, point, group.Key) is { } problem)
                    {
                        return problem;
                    }

                    if (!_seen.Add(SeriesKey(name, point.Labels, group.Key)))
                    {
                        return $"collected metric \"{name}\" {{ {Describe(family, point, group.Key)}}} was collected before with the same name and label values";
                    }

                    merged.Points.Add(point);
                }
            }

            return null;
        }

        public IReadOnlyList<MetricFamily> Result()
        {
            var result = _byName.Values.Where(f => f.Points.Count > 0).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
            foreach (var family in result)
            {
                family.Points.Sort((a, b) => a.Labels.CompareTo(b.Labels));
            }

            return result;
        }
    }
}
