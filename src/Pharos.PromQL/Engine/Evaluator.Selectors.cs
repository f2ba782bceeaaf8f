using System.Runtime.InteropServices;
using Pharos.Model;
using Pharos.PromQL.Parser;
using Pharos.Storage;

namespace Pharos.PromQL.Engine;

internal sealed partial class Evaluator
{
    /// <summary>The samples of one selected series, stale markers included, oldest first.</summary>
    private sealed record RawSeries(Labels Labels, List<FPoint> Floats, List<HPoint> Histograms);

    private long? AtMs(long? timestampMs, AtModifier at) => timestampMs ?? at switch
    {
        AtModifier.Start => _query.StartMs,
        AtModifier.End => _query.EndMs,
        _ => null,
    };

    private long DurationMs(long constantMs, DurationExpr? expr) =>
        expr is null ? constantMs : (long)Math.Round(expr.EvaluateSeconds(_query.StepMs / 1000.0, (_query.EndMs - _query.StartMs) / 1000.0) * 1000);

    /// <summary>Selects series and reads their samples in [minMs, maxMs].</summary>
    private List<RawSeries> Select(VectorSelector vs, long minMs, long maxMs, long rangeMs)
    {
        var hints = new SelectHints { StartMs = minMs, EndMs = maxMs, StepMs = IntervalMs, RangeMs = rangeMs };
        var set = _query.Querier.Select(false, hints, vs.Matchers, _query.CancellationToken);
        var result = new List<RawSeries>();
        ISampleIterator? it = null;
        long loaded = 0;
        // Samples are read into one scratch list and copied out at their exact size: growing a list per series would
        // allocate about twice the samples, and most series are only read to be folded into a smaller result.
        var scratch = new List<FPoint>();
        while (set.Next())
        {
            var series = set.Current;
            it = series.Iterator(it);
            scratch.Clear();
            var hists = new List<HPoint>();
            for (var type = it.Seek(minMs); type != SampleType.None; type = it.Next())
            {
                var t = it.AtTimestamp();
                if (t > maxMs)
                {
                    break;
                }

                if (type == SampleType.Float)
                {
                    scratch.Add(new FPoint(t, it.At().Value));
                }
                else
                {
                    hists.Add(new HPoint(t, it.AtFloatHistogram(null)));
                }
            }

            var floats = new List<FPoint>(scratch.Count);
            floats.AddRange(scratch);

            if (it.Error is { } itError)
            {
                throw new PromQLQueryException(QueryErrorKind.Storage, itError.Message, itError);
            }

            loaded += floats.Count + hists.Count;
            if (floats.Count + hists.Count > 0)
            {
                result.Add(new RawSeries(series.Labels, floats, hists));
            }
        }

        if (set.Error is { } error)
        {
            if (error is OperationCanceledException)
            {
                throw error;
            }

            throw new PromQLQueryException(QueryErrorKind.Storage, error.Message, error);
        }

        foreach (var w in set.Warnings)
        {
            Annotations.AddRawWarning(w);
        }

        _query.AddLoaded(loaded);
        return result;
    }

    /// <summary>Instant vector selector over all steps, series by series, with lookback and staleness.</summary>
    private List<Series> EvalVectorSelector(VectorSelector vs)
    {
        var offset = DurationMs(vs.OffsetMs, vs.OffsetExpr);
        var at = AtMs(vs.TimestampMs, vs.At);
        var lookback = _query.LookbackMs;
        var firstRef = (at ?? StartMs) - offset;
        var lastRef = (at ?? EndMs) - offset;
        var raw = Select(vs, firstRef - lookback + 1, lastRef + (vs.Smoothed ? lookback : 0), 0);
        var result = new List<Series>(raw.Count);
        foreach (var r in raw)
        {
            if (vs.Smoothed && r.Histograms.Count == 0)
            {
                var smoothed = SmoothedSeries(r, at, offset);
                if (smoothed.PointCount > 0)
                {
                    _query.AddSamples(smoothed.PointCount);
                    CountPoints(smoothed);
                    result.Add(smoothed);
                }

                continue;
            }

            var s = new Series(r.Labels);
            int fi = -1, hi = -1;
            for (var ts = StartMs; ts <= EndMs; ts += IntervalMs)
            {
                var refT = (at ?? ts) - offset;
                while (fi + 1 < r.Floats.Count && r.Floats[fi + 1].TimestampMs <= refT)
                {
                    fi++;
                }

                while (hi + 1 < r.Histograms.Count && r.Histograms[hi + 1].TimestampMs <= refT)
                {
                    hi++;
                }

                var ft = fi >= 0 ? r.Floats[fi].TimestampMs : long.MinValue;
                var ht = hi >= 0 ? r.Histograms[hi].TimestampMs : long.MinValue;
                if (ft >= ht && fi >= 0 && ft > refT - lookback)
                {
                    var v = r.Floats[fi].Value;
                    if (!StaleMarker.IsStaleNaN(v))
                    {
                        s.Floats.Add(new FPoint(ts, v));
                    }
                }
                else if (ht > ft && ht > refT - lookback)
                {
                    var h = r.Histograms[hi].Histogram;
                    if (!StaleMarker.IsStaleNaN(h.Sum))
                    {
                        s.Histograms.Add(new HPoint(ts, h));
                    }
                }
            }

            if (s.PointCount > 0)
            {
                _query.AddSamples(s.PointCount);
                CountPoints(s);
                result.Add(s);
            }
        }

        return result;
    }

    /// <summary>A matrix selector as a query result (only valid for instant queries): the raw window at the evaluation time.</summary>
    private List<Series> EvalMatrixSelectorAsResult(MatrixSelector ms)
    {
        if (StartMs != EndMs)
        {
            throw new PromQLQueryException("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
        }

        var windows = SelectWindows(ms);
        var result = new List<Series>();
        foreach (var w in windows)
        {
            var (lo, hi) = WindowBounds(w.Floats, StartMs, w);
            var (hlo, hhi) = WindowBounds(w.Histograms, StartMs, w);
            var s = new Series(w.Labels);
            for (var i = lo; i < hi; i++)
            {
                s.Floats.Add(w.Floats[i]);
            }

            for (var i = hlo; i < hhi; i++)
            {
                s.Histograms.Add(w.Histograms[i]);
            }

            if (s.PointCount > 0)
            {
                _query.AddSamples(s.PointCount);
                CountSamples(StartMs, s.PointCount);
                result.Add(s);
            }
        }

        return result;
    }

    /// <summary>The series of a range argument (matrix selector or subquery), with how to place windows on them.</summary>
    private sealed record WindowSeries(Labels Labels, List<FPoint> Floats, List<HPoint> Histograms, long RangeMs, long OffsetMs, long? AtMs, bool DropName)
    {
        /// <summary>The window of the experimental <c>anchored</c> modifier: the last sample before it is its start value.</summary>
        public bool Anchored { get; init; }

        /// <summary>The window of the experimental <c>smoothed</c> modifier: its ends are interpolated.</summary>
        public bool Smoothed { get; init; }
    }

    /// <summary>Selects a matrix selector's series over the whole query range, stale markers removed.</summary>
    private List<WindowSeries> SelectWindows(MatrixSelector ms)
    {
        var vs = ms.VectorSelector;
        var range = DurationMs(ms.RangeMs, ms.RangeExpr);
        var offset = DurationMs(vs.OffsetMs, vs.OffsetExpr);
        var at = AtMs(vs.TimestampMs, vs.At);
        var firstRef = (at ?? StartMs) - offset;
        var lastRef = (at ?? EndMs) - offset;
        // Extended windows look back (and, smoothed, ahead) one lookback delta for the samples around their ends.
        var extended = vs.Anchored || vs.Smoothed;
        var lookback = extended ? _query.LookbackMs : 0;
        var raw = Select(vs, firstRef - range - lookback + 1, lastRef + (vs.Smoothed ? lookback : 0), range);
        var result = new List<WindowSeries>(raw.Count);
        foreach (var r in raw)
        {
            r.Floats.RemoveAll(static p => StaleMarker.IsStaleNaN(p.Value));
            r.Histograms.RemoveAll(static p => StaleMarker.IsStaleNaN(p.Histogram.Sum));
            result.Add(new WindowSeries(r.Labels, r.Floats, r.Histograms, range, offset, at, false) { Anchored = vs.Anchored, Smoothed = vs.Smoothed });
        }

        return result;
    }

    /// <summary>Index range [lo, hi) of the points inside the window (refTime − range, refTime] of step <paramref name="ts"/>.</summary>
    private static (int Lo, int Hi) WindowBounds(List<FPoint> points, long ts, WindowSeries w)
    {
        var refT = (w.AtMs ?? ts) - w.OffsetMs;
        return (UpperBound(points, refT - w.RangeMs), UpperBound(points, refT));
    }

    /// <inheritdoc cref="WindowBounds(List{FPoint}, long, WindowSeries)"/>
    private static (int Lo, int Hi) WindowBounds(List<HPoint> points, long ts, WindowSeries w)
    {
        var refT = (w.AtMs ?? ts) - w.OffsetMs;
        return (UpperBound(points, refT - w.RangeMs), UpperBound(points, refT));
    }

    /// <summary>
    /// Moves the window [lo, hi) forward to the points in (<paramref name="fromMs"/>, <paramref name="toMs"/>]; both
    /// bounds only grow, so one pass over a series serves all its steps.
    /// </summary>
    private static void Slide<T>(ReadOnlySpan<T> points, long fromMs, long toMs, ref int lo, ref int hi)
        where T : struct, ITimestamped
    {
        while (lo < points.Length && points[lo].TimestampMs <= fromMs)
        {
            lo++;
        }

        hi = Math.Max(hi, lo);
        while (hi < points.Length && points[hi].TimestampMs <= toMs)
        {
            hi++;
        }
    }

    /// <summary>The first index whose timestamp is greater than <paramref name="t"/>.</summary>
    private static int UpperBound(List<FPoint> points, long t)
    {
        // Non-generic over the span: the search runs per step and window, so it must not box or copy.
        var span = CollectionsMarshal.AsSpan(points);
        int lo = 0, hi = span.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (span[mid].TimestampMs <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <inheritdoc cref="UpperBound(List{FPoint}, long)"/>
    private static int UpperBound(List<HPoint> points, long t)
    {
        var span = CollectionsMarshal.AsSpan(points);
        int lo = 0, hi = span.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (span[mid].TimestampMs <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Evaluates a subquery's inner expression at its own aligned steps.</summary>
    private List<WindowSeries> EvalSubqueryWindows(SubqueryExpr sq)
    {
        var range = DurationMs(sq.RangeMs, sq.RangeExpr);
        var offset = DurationMs(sq.OffsetMs, sq.OffsetExpr);
        var step = DurationMs(sq.StepMs, sq.StepExpr);
        if (step == 0)
        {
            step = (long)_query.Options.DefaultSubqueryStep.TotalMilliseconds;
        }

        var at = AtMs(sq.TimestampMs, sq.At);
        var outerStart = (at ?? StartMs) - offset - range;
        var outerEnd = (at ?? EndMs) - offset;

        // Inner steps are absolute multiples of the step: the first one after the window start.
        var innerStart = step * (outerStart / step);
        if (innerStart <= outerStart)
        {
            innerStart += step;
        }

        var result = new List<WindowSeries>();
        if (innerStart > outerEnd)
        {
            return result;
        }

        var inner = new Evaluator(_query, innerStart, outerEnd, step);
        var matrix = inner.EvalMatrix(sq.Expr);

        // As upstream, what the subquery processed counts at the last step of the query that reads it.
        CountSamples(EndMs, inner.QueryableSamples);
        foreach (var s in matrix)
        {
            result.Add(new WindowSeries(s.Metric, s.Floats, s.Histograms, range, offset, at, s.DropName));
        }

        return result;
    }

    private List<Series> EvalSubqueryAsResult(SubqueryExpr sq)
    {
        if (StartMs != EndMs)
        {
            throw new PromQLQueryException("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector");
        }

        var result = new List<Series>();
        foreach (var w in EvalSubqueryWindows(sq))
        {
            var (lo, hi) = WindowBounds(w.Floats, StartMs, w);
            var (hlo, hhi) = WindowBounds(w.Histograms, StartMs, w);
            var s = new Series(w.Labels) { DropName = w.DropName };
            s.Floats.AddRange(w.Floats.Skip(lo).Take(hi - lo));
            s.Histograms.AddRange(w.Histograms.Skip(hlo).Take(hhi - hlo));
            if (s.PointCount > 0)
            {
                result.Add(s);
            }
        }

        return result;
    }
}
