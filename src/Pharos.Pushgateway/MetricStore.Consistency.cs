using System.Text;
using Pharos.Exposition.Model;
using Pharos.Model;

namespace Pharos.Pushgateway;

public sealed partial class MetricStore
{
    // The Pushgateway's own families change type never and membership rarely; re-reading them (which reads /proc)
    // on every push cost more than the whole check, so their names and types are refreshed at most this often.
    private static readonly TimeSpan OwnTypesRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly ConsistencyIndex _index = new();
    private Dictionary<string, MetricType> _ownTypes = new(StringComparer.Ordinal);
    private DateTimeOffset _ownTypesReadAt = DateTimeOffset.MinValue;

    // Upstream's check gathers a copy of the whole store with the write applied, the candidate last, so the error
    // names the pushed metric. The same verdicts come from an index of what the other groups hold (family types and
    // series keys), kept up to date on every change, so a push costs time proportional to its own size.
    private string? Check(MetricGroup candidate, DateTimeOffset now)
    {
        var ownTypes = OwnTypesLocked(now);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, stored) in ExposedFamilies(candidate))
        {
            var family = stored.Family;
            if (!NameValidation.IsLegacyMetricName(name))
            {
                return $"\"{name}\" is not a valid metric name";
            }

            if (ownTypes.TryGetValue(name, out var ownType) && ownType != family.Type)
            {
                return $"gathered metric family {name} has type {TypeName(family.Type)} but should have {TypeName(ownType)}";
            }

            if (_index.TryGetOtherType(name, family.Type, candidate.Key, out var otherType))
            {
                return $"collected metric \"{name}\" {{ {Describe(family, family.Points[0], candidate.Key)}}} is not a {TypeName(otherType)}";
            }

            foreach (var point in family.Points)
            {
                if (ValidatePoint(family, point, candidate.Key) is { } problem)
                {
                    return problem;
                }

                var key = SeriesKey(name, point.Labels, candidate.Key);
                if (!seen.Add(key) || _index.IsSeriesHeldByOther(key, candidate.Key))
                {
                    return $"collected metric \"{name}\" {{ {Describe(family, point, candidate.Key)}}} was collected before with the same name and label values";
                }
            }
        }

        return null;
    }

    private Dictionary<string, MetricType> OwnTypesLocked(DateTimeOffset now)
    {
        if (now - _ownTypesReadAt < OwnTypesRefreshInterval && now >= _ownTypesReadAt)
        {
            return _ownTypes;
        }

        var types = new Dictionary<string, MetricType>(StringComparer.Ordinal);
        foreach (var family in _ownFamilies())
        {
            if (family.Points.Count > 0)
            {
                types[family.Name] = family.Type;
            }
        }

        _ownTypes = types;
        _ownTypesReadAt = now;
        return types;
    }

    private static string? ValidatePoint(MetricFamily family, MetricPoint point, GroupingKey key)
    {
        foreach (var label in point.Labels)
        {
            if (!NameValidation.IsLegacyLabelName(label.Name))
            {
                return $"collected metric \"{family.Name}\" {{ {Describe(family, point, key)}}} has a label with an invalid name: {label.Name}";
            }

            if ((family.Type == MetricType.Summary && label.Name == "quantile") ||
                (family.Type is MetricType.Histogram or MetricType.GaugeHistogram && label.Name == "le"))
            {
                return $"collected metric \"{family.Name}\" {{ {Describe(family, point, key)}}} must not have an explicit \"{label.Name}\" label";
            }
        }

        return null;
    }

    // Upstream hashes the label values including the empty ones a group key holds, so {job="a",x=""} and
    // {job="a"} are different series there; the empty-valued grouping label names keep them apart here too.
    private static string SeriesKey(string name, Labels labels, GroupingKey? key)
    {
        var sb = new StringBuilder(name).Append('\xff').Append(labels.ToString());
        if (key is not null)
        {
            foreach (var (n, v) in key.Pairs)
            {
                if (v.Length == 0)
                {
                    sb.Append('\xff').Append(n);
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>What every stored group contributes to the merged exposition: family types and series keys, counted.</summary>
    private sealed class ConsistencyIndex
    {
        private readonly Dictionary<string, Dictionary<MetricType, int>> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _series = new(StringComparer.Ordinal);
        private readonly Dictionary<GroupingKey, Entry> _entries = [];

        public void Set(MetricGroup group)
        {
            Remove(group.Key);
            var families = new List<(string Name, MetricType Type)>();
            var series = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, stored) in ExposedFamilies(group))
            {
                families.Add((name, stored.Family.Type));
                foreach (var point in stored.Family.Points)
                {
                    series.Add(SeriesKey(name, point.Labels, group.Key));
                }
            }

            var entry = new Entry(families, series);
            _entries[group.Key] = entry;
            foreach (var (name, type) in entry.Families)
            {
                if (!_types.TryGetValue(name, out var counts))
                {
                    counts = [];
                    _types[name] = counts;
                }

                counts[type] = counts.GetValueOrDefault(type) + 1;
            }

            foreach (var key in entry.Series)
            {
                _series[key] = _series.GetValueOrDefault(key) + 1;
            }
        }

        public void Remove(GroupingKey key)
        {
            if (!_entries.Remove(key, out var entry))
            {
                return;
            }

            foreach (var (name, type) in entry.Families)
            {
                var counts = _types[name];
                if (--counts[type] == 0)
                {
                    counts.Remove(type);
                    if (counts.Count == 0)
                    {
                        _types.Remove(name);
                    }
                }
            }

            foreach (var series in entry.Series)
            {
                if (--_series[series] == 0)
                {
                    _series.Remove(series);
                }
            }
        }

        public void Clear()
        {
            _types.Clear();
            _series.Clear();
            _entries.Clear();
        }

        // A type other than the candidate's held by some group other than the one being written.
        public bool TryGetOtherType(string name, MetricType candidateType, GroupingKey except, out MetricType otherType)
        {
            otherType = default;
            if (!_types.TryGetValue(name, out var counts))
            {
                return false;
            }

            _entries.TryGetValue(except, out var own);
            foreach (var (type, count) in counts)
            {
                var others = count - (own is not null && own.Families.Contains((name, type)) ? 1 : 0);
                if (type != candidateType && others > 0)
                {
                    otherType = type;
                    return true;
                }
            }

            return false;
        }

        public bool IsSeriesHeldByOther(string seriesKey, GroupingKey except)
        {
            var count = _series.GetValueOrDefault(seriesKey);
            if (count == 0)
            {
                return false;
            }

            return _entries.TryGetValue(except, out var own) && own.Series.Contains(seriesKey) ? count > 1 : count > 0;
        }

        private sealed record Entry(List<(string Name, MetricType Type)> Families, HashSet<string> Series);
    }
}
