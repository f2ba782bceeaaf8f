using Pharos.Model;
using Pharos.Storage;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Web.Api;

/// <summary>
/// TSDB statistics computed by reading every series of a queryable, for storages that keep no index statistics
/// of their own (in-memory storage in tests). Costs a full scan per call.
/// </summary>
public sealed class QueryableTsdbStatus : ITsdbStatus
{
    private readonly IQueryable _queryable;

    /// <summary>Creates the statistics source.</summary>
    /// <param name="queryable">The storage to scan.</param>
    public QueryableTsdbStatus(IQueryable queryable) => _queryable = queryable;

    /// <inheritdoc />
    public TsdbStatistics Statistics(int limit)
    {
        var byName = new Dictionary<string, long>(StringComparer.Ordinal);
        var valuesByLabel = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var byPair = new Dictionary<string, long>(StringComparer.Ordinal);
        long series = 0;
        long minTime = long.MaxValue;
        long maxTime = long.MinValue;
        using (var querier = _queryable.CreateQuerier(long.MinValue / 4, long.MaxValue / 4))
        {
            var set = querier.Select(false, null, [new Matcher(Pharos.Model.MatchType.Regex, LabelNames.MetricName, ".*")]);
            ISampleIterator? iterator = null;
            while (set.Next())
            {
                series++;
                var labels = set.Current.Labels;
                foreach (var label in labels.Span)
                {
                    if (!valuesByLabel.TryGetValue(label.Name, out var values))
                    {
                        valuesByLabel[label.Name] = values = new HashSet<string>(StringComparer.Ordinal);
                    }

                    values.Add(label.Value);
                    var pair = label.Name + "=" + label.Value;
                    byPair[pair] = byPair.GetValueOrDefault(pair) + 1;
                }

                var name = labels.MetricName;
                byName[name] = byName.GetValueOrDefault(name) + 1;
                iterator = set.Current.Iterator(iterator);
                while (iterator.Next() != SampleType.None)
                {
                    var ts = iterator.AtTimestamp();
                    minTime = Math.Min(minTime, ts);
                    maxTime = Math.Max(maxTime, ts);
                }
            }
        }

        return new TsdbStatistics(
            series,
            byPair.Count,
            0,
            series == 0 ? long.MaxValue : minTime,
            series == 0 ? long.MinValue : maxTime,
            Top(byName, limit),
            Top(valuesByLabel.ToDictionary(p => p.Key, p => (long)p.Value.Count, StringComparer.Ordinal), limit),
            Top(valuesByLabel.ToDictionary(p => p.Key, p => p.Value.Sum(v => (long)v.Length), StringComparer.Ordinal), limit),
            Top(byPair, limit));
    }

    /// <inheritdoc />
    public WalReplayStatus WalReplay() => new(0, 0, 0);

    private static KeyValuePair<string, long>[] Top(Dictionary<string, long> counts, int limit) =>
        counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(limit).ToArray();
}
