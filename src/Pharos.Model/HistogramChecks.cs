using System.Globalization;

namespace Pharos.Model;

/// <summary>The structural checks shared by <see cref="Histogram"/> and <see cref="FloatHistogram"/>, worded as Prometheus words them.</summary>
internal static class HistogramChecks
{
    public static string? Spans(ReadOnlySpan<HistogramSpan> spans, int bucketCount, string side)
    {
        long needed = 0;
        for (var i = 0; i < spans.Length; i++)
        {
            if (i > 0 && spans[i].Offset < 0)
            {
                return Format($"{side} side: span number {i + 1} with offset {spans[i].Offset}: histogram has a span whose offset is negative");
            }

            needed += spans[i].Length;
        }

        return needed != bucketCount
            ? Format($"{side} side: spans need {needed} buckets, have {bucketCount} buckets: histogram spans specify different number of buckets than provided")
            : null;
    }

    public static string? CustomBounds(ReadOnlySpan<double> bounds, ReadOnlySpan<HistogramSpan> spans, int bucketCount)
    {
        for (var i = 0; i < bounds.Length; i++)
        {
            if (double.IsNaN(bounds[i]))
            {
                return "custom buckets: histogram custom bounds must not be NaN";
            }

            if (i > 0 && bounds[i] <= bounds[i - 1])
            {
                return Format($"custom buckets: previous bound is {bounds[i - 1]} and current is {bounds[i]}: histogram custom bounds must be in strictly increasing order");
            }
        }

        if (bounds.Length > 0 && double.IsPositiveInfinity(bounds[^1]))
        {
            return "custom buckets: last +Inf bound must not be explicitly defined: histogram custom bounds must be finite";
        }

        long needed = 0;
        long covered = 0;
        for (var i = 0; i < spans.Length; i++)
        {
            if (spans[i].Offset < 0)
            {
                return Format($"custom buckets: span number {i + 1} with offset {spans[i].Offset}: histogram has a span whose offset is negative");
            }

            needed += spans[i].Length;
            covered += spans[i].Length + spans[i].Offset;
        }

        if (needed != bucketCount)
        {
            return Format($"custom buckets: spans need {needed} buckets, have {bucketCount} buckets: histogram spans specify different number of buckets than provided");
        }

        return bounds.Length + 1 < covered
            ? Format($"custom buckets: only {bounds.Length} custom bounds defined which is insufficient to cover total span length of {covered}: histogram custom bounds are too few")
            : null;
    }

    // The layout rules of a custom-bucket histogram shared by the integer and the float form: valid bounds, and no
    // zero bucket or negative side.
    public static string? CustomBuckets(
        ReadOnlySpan<double> bounds, ReadOnlySpan<HistogramSpan> positiveSpans, int positiveBucketCount,
        bool hasZeroCount, double zeroThreshold, int negativeSpanCount, int negativeBucketCount)
    {
        if (CustomBounds(bounds, positiveSpans, positiveBucketCount) is { } e)
        {
            return e;
        }

        if (hasZeroCount)
        {
            return "custom buckets: must have zero count of 0";
        }

        if (zeroThreshold != 0)
        {
            return "custom buckets: must have zero threshold of 0";
        }

        if (negativeSpanCount > 0)
        {
            return "custom buckets: must not have negative spans";
        }

        return negativeBucketCount > 0 ? "custom buckets: must not have negative buckets" : null;
    }

    public static string InvalidSchema(int schema) => Format(
        $"histogram has an invalid schema, which must be between {HistogramSchema.ExponentialSchemaMin} and {HistogramSchema.ExponentialSchemaMax} for exponential buckets, or {HistogramSchema.CustomBuckets} for custom buckets, got schema {schema}");

    public static string Format(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Spans equal after dropping empty spans (their offsets carry into the next span), as Prometheus compares them.</summary>
    public static bool SpansMatch(ReadOnlySpan<HistogramSpan> a, ReadOnlySpan<HistogramSpan> b)
    {
        int i = 0, j = 0;
        while (true)
        {
            var (x, hasX) = NextNonEmpty(a, ref i);
            var (y, hasY) = NextNonEmpty(b, ref j);
            if (!hasX || !hasY)
            {
                return hasX == hasY;
            }

            if (x != y)
            {
                return false;
            }
        }
    }

    private static (HistogramSpan Span, bool Found) NextNonEmpty(ReadOnlySpan<HistogramSpan> spans, ref int i)
    {
        var offset = 0;
        while (i < spans.Length)
        {
            var span = spans[i++];
            offset += span.Offset;
            if (span.Length > 0)
            {
                return (new HistogramSpan(offset, span.Length), true);
            }
        }

        return (default, false);
    }

    /// <summary>Bitwise equality, so NaN equals NaN and 0 differs from -0, as Prometheus compares stored values.</summary>
    public static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    public static bool SameBits(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(b));
}
