using Pharos.Model;
using Pharos.PromQL.Parser;
using Pharos.Storage;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.PromQL.Engine;

/// <summary>
/// The experimental <c>info(v, {selector})</c> function: adds the data labels of info series (by default
/// <c>target_info</c>) that share the identifying labels <c>instance</c> and <c>job</c> with a series of <c>v</c>.
/// </summary>
internal sealed partial class Evaluator
{
    private static readonly string[] IdentifyingLabels = ["instance", "job"];

    /// <summary>An info series' sample at each step: the value's original timestamp, or null without one.</summary>
    private sealed record InfoSeries(Labels Labels, string Signature, long?[] SampleTimes);

    private List<Series> EvalInfo(Call c)
    {
        var baseMatrix = EvalMatrix(c.Args[0]);
        var selector = c.Args.Length > 1 ? Unwrap(c.Args[1]) as VectorSelector : null;
        var matchers = selector?.Matchers ?? [];
        var nameMatchers = matchers.Where(static m => m.Name == LabelNames.MetricName).ToList();
        var dataMatchers = matchers.Where(static m => m.Name != LabelNames.MetricName).ToList();
        if (selector is null)
        {
            nameMatchers.Add(new Matcher(MatchType.Equal, LabelNames.MetricName, "target_info"));
        }

        // Base series that are info series of this query themselves are returned as they are. Negative name
        // matchers alone do not make a series an info series.
        var hasPositiveName = nameMatchers.Any(static m => m.Type is MatchType.Equal or MatchType.Regex);
        bool Ignored(Series s) => hasPositiveName && nameMatchers.All(m => m.Matches(s.Metric.MetricName));

        var infoSeries = SelectInfoSeries(c.Args[0], baseMatrix.Where(s => !Ignored(s)).ToList(), matchers);
        var dataLabelNames = dataMatchers.Select(static m => m.Name).ToHashSet();
        var allDataMatchersMatchEmpty = dataMatchers.All(static m => m.Matches(""));
        var infoNames = infoSeries.Select(static s => s.Labels.MetricName).Distinct().ToList();
        return RangeEval([baseMatrix], (ts, v, output) =>
        {
            var step = StepIndex(ts);

            // The newest info sample per signature (info metric name and identifying labels).
            var bySignature = new Dictionary<string, (InfoSeries Series, long Time)>();
            foreach (var info in infoSeries)
            {
                if (info.SampleTimes[step] is not { } t)
                {
                    continue;
                }

                if (bySignature.TryGetValue(info.Signature, out var existing))
                {
                    if (existing.Time == t)
                    {
                        throw new PromQLQueryException($"found duplicate series for info metric: existing {existing.Series.Labels} @ {existing.Time}, new {info.Labels} @ {t}");
                    }

                    if (existing.Time > t)
                    {
                        continue;
                    }
                }

                bySignature[info.Signature] = (info, t);
            }

            foreach (var bs in v[0])
            {
                var series = new Series(bs.Metric);
                if (Ignored(series))
                {
                    output.Add(bs);
                    continue;
                }

                var added = new LabelsBuilder();
                var matched = false;
                foreach (var infoName in infoNames)
                {
                    if (!bySignature.TryGetValue(InfoSignature(infoName, bs.Metric), out var match))
                    {
                        continue;
                    }

                    matched = true;
                    foreach (var label in match.Series.Labels)
                    {
                        if (label.Name == LabelNames.MetricName || (dataLabelNames.Count > 0 && !dataLabelNames.Contains(label.Name)))
                        {
                            continue;
                        }

                        var current = added.Get(label.Name);
                        if (current.Length > 0 && current != label.Value)
                        {
                            throw new PromQLQueryException($"conflicting label: {label.Name}");
                        }

                        if (!bs.Metric.Has(label.Name))
                        {
                            added.Set(label.Name, label.Value);
                        }
                    }
                }

                if (!matched && !allDataMatchersMatchEmpty)
                {
                    continue;
                }

                var enriched = new LabelsBuilder(bs.Metric);
                foreach (var label in added.ToLabels())
                {
                    enriched.Set(label.Name, label.Value);
                }

                output.Add(bs with { Metric = enriched.ToLabels() });
            }
        });
    }

    /// <summary>The info metric name with the identifying labels the series has.</summary>
    private static string InfoSignature(string infoName, Labels labels)
    {
        var sb = new System.Text.StringBuilder(infoName);
        foreach (var name in IdentifyingLabels)
        {
            var value = labels.Get(name);
            if (value.Length > 0)
            {
                sb.Append('\xff').Append(name).Append('=').Append(value);
            }
        }

        return sb.ToString();
    }

    /// <summary>Selects the info series sharing identifying label values with the base series, looked up like an instant selector.</summary>
    private List<InfoSeries> SelectInfoSeries(Expr baseExpr, List<Series> baseSeries, IReadOnlyList<Matcher> selectorMatchers)
    {
        var values = IdentifyingLabels.ToDictionary(static l => l, static _ => new HashSet<string>());
        foreach (var s in baseSeries)
        {
            foreach (var l in IdentifyingLabels)
            {
                var value = s.Metric.Get(l);
                if (value.Length > 0)
                {
                    values[l].Add(value);
                }
            }
        }

        var result = new List<InfoSeries>();
        if (values.Values.All(static v => v.Count == 0))
        {
            return result;
        }

        var matchers = new List<Matcher>(selectorMatchers);
        var nameMatchers = selectorMatchers.Where(static m => m.Name == LabelNames.MetricName).ToList();
        if (nameMatchers.Count == 0 || !nameMatchers.Any(static m => m.Type is MatchType.Equal or MatchType.Regex))
        {
            // Without a name to look for, target_info is the info metric; negative name matchers alone narrow the
            // info metrics (names ending in _info) rather than select every other series.
            matchers.Add(nameMatchers.Count == 0 ? new Matcher(MatchType.Equal, LabelNames.MetricName, "target_info") : new Matcher(MatchType.Regex, LabelNames.MetricName, ".+_info"));
        }

        // The info series are looked up at the times of the base selector (its @ and offset).
        var baseSelector = ExprTree.Descendants(baseExpr).OfType<VectorSelector>().FirstOrDefault();
        var offset = baseSelector is null ? 0 : DurationMs(baseSelector.OffsetMs, baseSelector.OffsetExpr);
        var at = baseSelector is null ? null : AtMs(baseSelector.TimestampMs, baseSelector.At);
        var lookback = _query.LookbackMs;
        var selector = new VectorSelector { Matchers = [.. matchers] };
        var raw = Select(selector, (at ?? StartMs) - offset - lookback + 1, (at ?? EndMs) - offset, 0);
        foreach (var r in raw)
        {
            if (IdentifyingLabels.Any(l => r.Labels.Get(l) is { Length: > 0 } value && !values[l].Contains(value)))
            {
                continue;
            }

            if (r.Histograms.Count > 0)
            {
                throw new PromQLQueryException("info sample should be float");
            }

            var times = new long?[StepCount];
            var fi = -1;
            for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
            {
                var refT = (at ?? ts) - offset;
                while (fi + 1 < r.Floats.Count && r.Floats[fi + 1].TimestampMs <= refT)
                {
                    fi++;
                }

                if (fi >= 0 && r.Floats[fi].TimestampMs > refT - lookback && !StaleMarker.IsStaleNaN(r.Floats[fi].Value))
                {
                    times[StepIndex(ts)] = r.Floats[fi].TimestampMs;
                }
            }

            result.Add(new InfoSeries(r.Labels, InfoSignature(r.Labels.MetricName, r.Labels), times));
        }

        return result;
    }
}
