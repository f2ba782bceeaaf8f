using Pharos.Model;
using Pharos.PromQL.Functions;
using Pharos.PromQL.Parser;

namespace Pharos.PromQL.Engine;

internal sealed partial class Evaluator
{
    private object EvalVectorFunction(Call c)
    {
        var name = c.Function.Name;
        if (MathFunctions.IsTimeFunction(name) && c.Args.Length == 0)
        {
            var f = MathFunctions.Get(name)!;
            var s = new Series(Labels.Empty);
            for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
            {
                s.Floats.Add(new FPoint(ts, f(ts / 1000.0)));
            }

            return new List<Series> { s };
        }

        if (MathFunctions.Get(name) is { } math)
        {
            return RangeEval(c.Args, (_, v, output) =>
            {
                foreach (var s in v[0])
                {
                    if (s.Histogram is null)
                    {
                        output.Add(Dropped(s, math(s.Value)));
                    }
                }
            });
        }

        switch (name)
        {
            case "vector":
                return RangeEval(c.Args, (ts, v, output) => output.Add(new Sample(Labels.Empty, ts, v[0].Count > 0 ? v[0][0].Value : double.NaN)));
            case "scalar":
                {
                    var vectors = RangeEval(c.Args, (ts, v, output) =>
                        output.Add(new Sample(Labels.Empty, ts, v[0].Count == 1 && v[0][0].Histogram is null ? v[0][0].Value : double.NaN)));
                    return vectors.Count > 0 ? vectors : ConstantScalar(double.NaN);
                }

            case "absent":
                {
                    var labels = AbsentLabels(c.Args[0]);
                    return RangeEval(c.Args, (ts, v, output) =>
                    {
                        if (v[0].Count == 0)
                        {
                            output.Add(new Sample(labels, ts, 1));
                        }
                    });
                }

            case "timestamp":
                return RangeEval(c.Args, (ts, v, output) =>
                {
                    foreach (var s in v[0])
                    {
                        output.Add(Dropped(s, ts / 1000.0));
                    }
                });
            case "clamp":
            case "clamp_min":
            case "clamp_max":
                return RangeEval(c.Args, (ts, v, output) =>
                {
                    double min = double.NegativeInfinity, max = double.PositiveInfinity;
                    if (name == "clamp")
                    {
                        (min, max) = (v[1][0].Value, v[2][0].Value);
                        if (max < min)
                        {
                            return;
                        }
                    }
                    else if (name == "clamp_min")
                    {
                        min = v[1][0].Value;
                    }
                    else
                    {
                        max = v[1][0].Value;
                    }

                    foreach (var s in v[0])
                    {
                        if (s.Histogram is null)
                        {
                            output.Add(Dropped(s, double.IsNaN(s.Value) || double.IsNaN(min) || double.IsNaN(max) ? double.NaN : Math.Max(min, Math.Min(max, s.Value))));
                        }
                    }
                });
            case "round":
                return RangeEval(c.Args, (ts, v, output) =>
                {
                    var toNearest = v.Length > 1 ? v[1][0].Value : 1;
                    foreach (var s in v[0])
                    {
                        if (s.Histogram is null)
                        {
                            output.Add(Dropped(s, MathFunctions.Round(s.Value, toNearest)));
                        }
                    }
                });
            case "sort":
            case "sort_desc":
                return EvalSort(c, (a, b) => CompareForSort(a.Value, b.Value, name == "sort_desc"));
            case "sort_by_label":
            case "sort_by_label_desc":
                {
                    var labels = c.Args.Skip(1).Select(a => ((StringLiteral)Unwrap(a)).Value).ToArray();
                    var desc = name == "sort_by_label_desc";
                    return EvalSort(c, (a, b) =>
                    {
                        foreach (var l in labels)
                        {
                            var r = NaturalSort.Compare(a.Metric.Get(l), b.Metric.Get(l));
                            if (r != 0)
                            {
                                return desc ? -r : r;
                            }
                        }

                        var cmp = a.Metric.CompareTo(b.Metric);
                        return desc ? -cmp : cmp;
                    });
                }

            case "label_replace":
                return EvalLabelReplace(c);
            case "label_join":
                return EvalLabelJoin(c);
            case "histogram_quantile":
                return EvalHistogramQuantile(c);
            case "histogram_quantiles":
                return EvalHistogramQuantiles(c);
            case "histogram_fraction":
                return EvalHistogramFraction(c);
            case "info":
                return EvalInfo(c);
            default:
                if (name.StartsWith("histogram_", StringComparison.Ordinal))
                {
                    // Native-histogram functions ignore float samples; histograms are not supported yet.
                    return RangeEval(c.Args, static (_, _, _) => { });
                }

                throw new PromQLQueryException($"function {name} is not implemented");
        }
    }

    private Sample Dropped(in Sample s, double value)
    {
        if (_query.DelayedNameRemoval)
        {
            return new Sample(s.Metric, s.TimestampMs, value, null, true);
        }

        return new Sample(WithoutName(s.Metric), s.TimestampMs, value);
    }

    /// <summary>Sort order of <c>sort</c>/<c>sort_desc</c>: NaN always last.</summary>
    private static int CompareForSort(double a, double b, bool desc)
    {
        if (double.IsNaN(a))
        {
            return double.IsNaN(b) ? 0 : 1;
        }

        if (double.IsNaN(b))
        {
            return -1;
        }

        return desc ? b.CompareTo(a) : a.CompareTo(b);
    }

    private List<Series> EvalSort(Call c, Comparison<Sample> comparison)
    {
        if (_query.StepMs != 0)
        {
            Annotations.AddWarning("sort is ineffective for range queries since results are always ordered by labels");
        }

        return RangeEval([c.Args[0]], (_, v, output) =>
        {
            var sorted = v[0].ToList();
            MergeSort(sorted, comparison);
            output.AddRange(sorted);
        });
    }

    /// <summary>A stable sort, as Go's <c>sort.SliceStable</c>/<c>slices.SortStableFunc</c>.</summary>
    private static void MergeSort(List<Sample> list, Comparison<Sample> comparison)
    {
        var ordered = list.Select((s, i) => (s, i)).OrderBy(x => x, Comparer<(Sample S, int I)>.Create((x, y) =>
        {
            var r = comparison(x.S, y.S);
            return r != 0 ? r : x.I.CompareTo(y.I);
        })).Select(x => x.s).ToList();
        list.Clear();
        list.AddRange(ordered);
    }

    private List<Series> EvalLabelReplace(Call c)
    {
        var dst = StringArg(c.Args[1]);
        var replacement = StringArg(c.Args[2]);
        var src = StringArg(c.Args[3]);
        var pattern = StringArg(c.Args[4]);
        FastRegexMatcher regex;
        try
        {
            regex = new FastRegexMatcher("^(?s:" + pattern + ")$");
        }
        catch (Exception e) when (e is RegexSyntaxException or ArgumentException)
        {
            throw new PromQLQueryException($"invalid regular expression in label_replace(): {pattern}");
        }

        if (!IsValidLabelName(dst))
        {
            throw new PromQLQueryException($"invalid destination label name in label_replace(): {dst}");
        }

        var cache = new Dictionary<(Labels, bool), (Labels, bool)>();
        return RangeEval([c.Args[0]], (_, v, output) =>
        {
            foreach (var s in v[0])
            {
                if (!cache.TryGetValue((s.Metric, s.DropName), out var mapped))
                {
                    mapped = (s.Metric, s.DropName);
                    var value = s.Metric.Get(src);
                    var match = regex.Regex.Match(value);
                    if (match.Success)
                    {
                        var res = match.Result(ConvertReplacement(replacement));
                        var b = new LabelsBuilder(s.Metric);
                        if (res.Length == 0)
                        {
                            b.Delete(dst);
                        }
                        else
                        {
                            b.Set(dst, res);
                        }

                        mapped = (b.ToLabels(), s.DropName && dst != LabelNames.MetricName);
                    }

                    cache[(s.Metric, s.DropName)] = mapped;
                }

                output.Add(s with { Metric = mapped.Item1, DropName = mapped.Item2 });
            }
        });
    }

    private List<Series> EvalLabelJoin(Call c)
    {
        var dst = StringArg(c.Args[1]);
        var separator = StringArg(c.Args[2]);
        var sources = c.Args.Skip(3).Select(StringArg).ToArray();
        foreach (var src in sources)
        {
            if (!IsValidLabelName(src))
            {
                throw new PromQLQueryException($"invalid source label name in label_join(): {src}");
            }
        }

        if (!IsValidLabelName(dst))
        {
            throw new PromQLQueryException($"invalid destination label name in label_join(): {dst}");
        }

        return RangeEval([c.Args[0]], (_, v, output) =>
        {
            foreach (var s in v[0])
            {
                var joined = string.Join(separator, sources.Select(l => s.Metric.Get(l)));
                var b = new LabelsBuilder(s.Metric);
                if (joined.Length == 0)
                {
                    b.Delete(dst);
                }
                else
                {
                    b.Set(dst, joined);
                }

                output.Add(s with { Metric = b.ToLabels(), DropName = s.DropName && dst != LabelNames.MetricName });
            }
        });
    }

    private static bool IsValidLabelName(string name) => name.Length > 0 && Labels.FromStrings(name, "x").IsValid();

    private static string StringArg(Expr e) => Unwrap(e) is StringLiteral s ? s.Value : throw new PromQLQueryException($"expected a string literal, got {e}");

    /// <summary>Turns Go's <c>$1</c>/<c>${name}</c> expansion into .NET's, where a name not followed by braces is taken greedily as Go does.</summary>
    private static string ConvertReplacement(string template)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var ch = template[i];
            if (ch != '$')
            {
                sb.Append(ch);
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '$')
            {
                sb.Append("$$");
                i++;
                continue;
            }

            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i);
                if (close < 0)
                {
                    sb.Append("$$");
                    continue;
                }

                sb.Append("${").Append(template, i + 2, close - i - 2).Append('}');
                i = close;
                continue;
            }

            var j = i + 1;
            while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] == '_'))
            {
                j++;
            }

            if (j == i + 1)
            {
                sb.Append("$$");
                continue;
            }

            sb.Append("${").Append(template, i + 1, j - i - 1).Append('}');
            i = j - 1;
        }

        return sb.ToString();
    }
}
