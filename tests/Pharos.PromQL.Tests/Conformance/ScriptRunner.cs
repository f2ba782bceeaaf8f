using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Pharos.Model;
using Pharos.PromQL.Engine;
using Pharos.Storage;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.PromQL.Tests.Conformance;

internal enum EvalOutcome
{
    Passed,
    Failed,
    Skipped,
}

internal sealed record EvalReport(int Line, EvalOutcome Outcome, string Reason);

/// <summary>Runs the commands of one script against <see cref="MemoryStorage"/> and the engine.</summary>
internal sealed class ScriptRunner
{
    private static readonly EngineOptions Options = new()
    {
        LookbackDelta = TimeSpan.FromMinutes(5),
        MaxSamples = 10_000,
        Timeout = TimeSpan.FromSeconds(100),
        DefaultSubqueryStep = TimeSpan.FromMinutes(1),
        EnableDelayedNameRemoval = true,
    };

    private readonly PromQLEngine _engine = new(Options);
    private MemoryStorage _storage = new();
    private HashSet<Labels> _histogramSeries = [];
    private bool _startTimestamps;

    public List<EvalReport> Run(IEnumerable<ScriptCommand> commands)
    {
        var reports = new List<EvalReport>();
        foreach (var command in commands)
        {
            switch (command)
            {
                case ClearCommand:
                    _storage = new MemoryStorage();
                    _histogramSeries = [];
                    _startTimestamps = false;
                    break;
                case LoadCommand load:
                    Load(load);
                    break;
                case EvalCommand eval:
                    reports.Add(Evaluate(eval));
                    break;
            }
        }

        return reports;
    }

    private void Load(LoadCommand load)
    {
        _startTimestamps |= load.HasStartTimestamps;
        foreach (var series in load.Series)
        {
            var samples = new List<SeriesSample>();
            for (var i = 0; i < series.Positions.Length; i++)
            {
                var p = series.Positions[i];
                if (p.Omitted)
                {
                    continue;
                }

                var t = i * load.IntervalMs;
                samples.Add(p.Histogram is { } h ? SeriesSample.Of(t, h) : SeriesSample.Float(t, p.Value));
            }

            if (samples.Any(s => s.FloatHistogram is not null))
            {
                _histogramSeries.Add(series.Labels);
            }

            if (samples.Count > 0)
            {
                _storage.Load(series.Labels, samples);
            }
        }

        if (load.WithNhcb)
        {
            foreach (var (labels, samples) in Nhcb.Convert(load))
            {
                _histogramSeries.Add(labels);
                _storage.Load(labels, samples);
            }
        }
    }

    private EvalReport Evaluate(EvalCommand eval)
    {
        if (_startTimestamps)
        {
            return new EvalReport(eval.Line, EvalOutcome.Skipped, "needs start timestamps");
        }

        var tracking = new TrackingQueryable(_storage, _histogramSeries);
        string? failure;
        try
        {
            failure = RunAndCompare(eval, tracking);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = "engine crashed: " + e.GetType().Name + ": " + e.Message;
        }

        if (failure is null)
        {
            return new EvalReport(eval.Line, EvalOutcome.Passed, "");
        }

        if (eval.ExpectsHistogram || tracking.TouchedHistograms)
        {
            return new EvalReport(eval.Line, EvalOutcome.Skipped, "needs native histograms: " + failure);
        }

        return new EvalReport(eval.Line, EvalOutcome.Failed, failure);
    }

    private string? RunAndCompare(EvalCommand eval, IQueryable queryable)
    {
        QueryResult result;
        try
        {
            result = eval.IsRange
                ? _engine.RangeQuery(queryable, eval.Expr, eval.StartMs, eval.EndMs, eval.StepMs)
                : _engine.InstantQuery(queryable, eval.Expr, eval.AtMs);
        }
        catch (Pharos.PromQL.Parser.PromQLParseException e)
        {
            return eval.ExpectsFail ? CheckFailMessage(eval, e.Message) : "unexpected parse error: " + e.Message;
        }

        if (result.Error is { } error)
        {
            return eval.ExpectsFail ? CheckFailMessage(eval, error.Message) : "unexpected error: " + error.Message;
        }

        if (eval.ExpectsFail)
        {
            return "expected failure, got success";
        }

        return CheckAnnotations(eval, result.Annotations) ?? CheckValue(eval, result.Value!);
    }

    private static string? CheckFailMessage(EvalCommand eval, string message)
    {
        var expect = eval.Expects.FirstOrDefault(e => e.Kind == ExpectKind.Fail);
        var exact = expect?.Message ?? eval.FailMessage;
        var regex = expect?.Regex ?? eval.FailRegex;
        if (exact is not null && exact != message)
        {
            return $"expected error \"{exact}\", got \"{message}\"";
        }

        if (regex is not null && !Regex.IsMatch(message, regex))
        {
            return $"expected error matching /{regex}/, got \"{message}\"";
        }

        return null;
    }

    private static string? CheckAnnotations(EvalCommand eval, Annotations annotations) =>
        CheckKind(eval, annotations.Warnings, ExpectKind.Warn, ExpectKind.NoWarn, eval.LegacyWarn, "warning")
        ?? CheckKind(eval, annotations.Infos, ExpectKind.Info, ExpectKind.NoInfo, eval.LegacyInfo, "info");

    private static string? CheckKind(EvalCommand eval, IReadOnlyList<string> actual, ExpectKind kind, ExpectKind noKind, bool legacy, string what)
    {
        var expects = eval.Expects.Where(e => e.Kind == kind).ToList();
        if (eval.Expects.Any(e => e.Kind == noKind) && actual.Count > 0)
        {
            return $"expected no {what}, got: {string.Join(" | ", actual)}";
        }

        if (legacy && actual.Count == 0)
        {
            return $"expected a {what}, got none";
        }

        if (expects.Count == 0)
        {
            return null;
        }

        if (actual.Count == 0)
        {
            return $"expected a {what}, got none";
        }

        static bool Matches(Expectation e, string text) =>
            e.Message is not null ? e.Message == text : e.Regex is null || Regex.IsMatch(text, e.Regex);

        foreach (var e in expects)
        {
            if (!actual.Any(a => Matches(e, a)))
            {
                return $"expected {what} \"{e.Message ?? e.Regex}\", got: {string.Join(" | ", actual)}";
            }
        }

        foreach (var a in actual)
        {
            if (!expects.Any(e => Matches(e, a)))
            {
                return $"unexpected {what} \"{a}\"";
            }
        }

        return null;
    }

    private static string? CheckValue(EvalCommand eval, QueryValue value)
    {
        switch (value)
        {
            case ScalarValue s:
                if (eval.ExpectedScalar is not { } expected)
                {
                    return $"got scalar {Format(s.Value)}, expected {(eval.ExpectedString is null ? "series" : "a string")}";
                }

                return Close(expected, s.Value) ? null : $"expected scalar {Format(expected)}, got {Format(s.Value)}";
            case StringValue str:
                return eval.ExpectedString == str.Value ? null : $"expected string \"{eval.ExpectedString}\", got \"{str.Value}\"";
            case VectorValue v:
                return eval.ExpectedScalar is not null || eval.ExpectedString is not null
                    ? $"got vector of {v.Samples.Count}, expected a scalar or string"
                    : CheckVector(eval, v);
            case MatrixValue m:
                return eval.ExpectedScalar is not null || eval.ExpectedString is not null || eval.Ordered
                    ? "got matrix, expected a scalar, string or ordered vector"
                    : CheckMatrix(eval, m);
            default:
                return "unknown result type";
        }
    }

    private static string? CheckVector(EvalCommand eval, VectorValue v)
    {
        var seen = new HashSet<Labels>();
        for (var k = 0; k < v.Samples.Count; k++)
        {
            var s = v.Samples[k];
            if (!eval.ExpectedSeries.TryGetValue(s.Metric, out var exp))
            {
                return $"unexpected series {s.Metric} {Format(s)}; expected {ExpectedList(eval)}";
            }

            seen.Add(s.Metric);
            var p = exp.Positions[0];
            if (eval.Ordered && exp.OrderIndex != k + 1)
            {
                return $"series {s.Metric} at position {k + 1}, expected {exp.OrderIndex}";
            }

            if (CheckPoint(p, s.Value, s.Histogram) is { } error)
            {
                return $"series {s.Metric}: {error}";
            }
        }

        foreach (var labels in eval.ExpectedSeries.Keys)
        {
            if (!seen.Contains(labels))
            {
                return $"missing series {labels}; got {string.Join(", ", v.Samples.Select(s => s.Metric.ToString()))}";
            }
        }

        return null;
    }

    private static string? CheckMatrix(EvalCommand eval, MatrixValue m)
    {
        long start, step;
        if (eval.IsRange)
        {
            (start, step) = (eval.StartMs, eval.StepMs);
        }
        else if (eval.ExpectRangeVector is { } rv)
        {
            (start, step) = (rv.StartMs, rv.StepMs);
        }
        else
        {
            return "got a range vector, expected an instant result";
        }

        for (var k = 1; k < m.Series.Count; k++)
        {
            if (m.Series[k - 1].Metric.CompareTo(m.Series[k].Metric) > 0)
            {
                return "matrix is not sorted by labels";
            }
        }

        var seen = new HashSet<Labels>();
        foreach (var series in m.Series)
        {
            if (!eval.ExpectedSeries.TryGetValue(series.Metric, out var exp))
            {
                return $"unexpected series {series.Metric} with {series.PointCount} points; expected {ExpectedList(eval)}";
            }

            seen.Add(series.Metric);
            var floats = new List<(long T, double V)>();
            var hists = new List<(long T, Position P)>();
            for (var i = 0; i < exp.Positions.Length; i++)
            {
                var p = exp.Positions[i];
                if (p.Omitted)
                {
                    continue;
                }

                var t = start + (i * step);
                if (p.Histogram is null)
                {
                    floats.Add((t, p.Value));
                }
                else
                {
                    hists.Add((t, p));
                }
            }

            if (floats.Count != series.Floats.Count || hists.Count != series.Histograms.Count)
            {
                return $"series {series.Metric}: expected {floats.Count} floats and {hists.Count} histograms, got {series.Floats.Count} and {series.Histograms.Count}: "
                    + string.Join(" ", series.Floats.Select(f => $"{Format(f.Value)}@{f.TimestampMs / 1000.0}"));
            }

            for (var k = 0; k < floats.Count; k++)
            {
                var actual = series.Floats[k];
                if (actual.TimestampMs != floats[k].T || !Close(floats[k].V, actual.Value))
                {
                    return $"series {series.Metric}: expected {Format(floats[k].V)}@{floats[k].T / 1000.0}, got {Format(actual.Value)}@{actual.TimestampMs / 1000.0}";
                }
            }

            for (var k = 0; k < hists.Count; k++)
            {
                var actual = series.Histograms[k];
                if (actual.TimestampMs != hists[k].T || HistogramMismatch(hists[k].P, actual.Histogram) is { } e)
                {
                    return $"series {series.Metric}: histogram at {hists[k].T / 1000.0} differs";
                }
            }
        }

        foreach (var labels in eval.ExpectedSeries.Keys)
        {
            if (!seen.Contains(labels))
            {
                return $"missing series {labels}";
            }
        }

        return null;
    }

    private static string? CheckPoint(Position p, double value, FloatHistogram? histogram)
    {
        if (p.Histogram is not null)
        {
            return histogram is null ? $"expected a histogram, got {Format(value)}" : HistogramMismatch(p, histogram);
        }

        if (histogram is not null)
        {
            return $"expected {Format(p.Value)}, got a histogram";
        }

        return Close(p.Value, value) ? null : $"expected {Format(p.Value)}, got {Format(value)}";
    }

    private static string? HistogramMismatch(Position expected, FloatHistogram actual)
    {
        var e = expected.Histogram!;
        if (e.Schema != actual.Schema || !Close(e.Count, actual.Count) || !Close(e.Sum, actual.Sum) || !Close(e.ZeroCount, actual.ZeroCount)
            || e.ZeroThreshold != actual.ZeroThreshold)
        {
            return "histogram header differs";
        }

        if (e.Schema == -53 && !e.CustomValues.AsSpan().SequenceEqual(actual.CustomValues))
        {
            return "custom bounds differ";
        }

        foreach (var positive in new[] { true, false })
        {
            var a = HistogramLiteral.Buckets(e, positive).Where(b => b.Count != 0).ToList();
            var b = HistogramLiteral.Buckets(actual, positive).Where(b => b.Count != 0).ToList();
            if (a.Count != b.Count || a.Zip(b).Any(x => x.First.Index != x.Second.Index || !Close(x.First.Count, x.Second.Count)))
            {
                return "buckets differ";
            }
        }

        if (expected.HintSpecified && e.CounterResetHint != actual.CounterResetHint)
        {
            return "counter reset hint differs";
        }

        return null;
    }

    private static string ExpectedList(EvalCommand eval) =>
        eval.ExpectedSeries.Count == 0 ? "no series" : string.Join(", ", eval.ExpectedSeries.Keys.Select(l => l.ToString()));

    private static string Format(Sample s) => s.Histogram is null ? Format(s.Value) : "{{histogram}}";

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The DSL's float tolerance: relative 1e-6, exact around zero, stale NaN only equal to itself.</summary>
    public static bool Close(double a, double b)
    {
        const double Epsilon = 1e-6;
        const double MinNormal = 2.2250738585072014e-308;
        var aStale = StaleMarker.IsStaleNaN(a);
        var bStale = StaleMarker.IsStaleNaN(b);
        if (aStale || bStale)
        {
            return aStale && bStale;
        }

        if (double.IsNaN(a) && double.IsNaN(b))
        {
            return true;
        }

        if (a == b)
        {
            return true;
        }

        var diff = Math.Abs(a - b);
        var sum = Math.Abs(a) + Math.Abs(b);
        if (a == 0 || b == 0 || sum < MinNormal)
        {
            return diff < Epsilon * MinNormal;
        }

        return diff / Math.Min(sum, double.MaxValue) < Epsilon;
    }

    /// <summary>Prints an outcome summary line for a file.</summary>
    public static string Summary(string file, IReadOnlyList<EvalReport> reports)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{file}: {reports.Count(r => r.Outcome == EvalOutcome.Passed)} passed, ");
        sb.Append(CultureInfo.InvariantCulture, $"{reports.Count(r => r.Outcome == EvalOutcome.Failed)} failed, ");
        sb.Append(CultureInfo.InvariantCulture, $"{reports.Count(r => r.Outcome == EvalOutcome.Skipped)} skipped");
        return sb.ToString();
    }
}
