namespace Pharos.PromQL.Functions;

/// <summary>Quantile estimation over plain values and over classic histogram buckets, with upstream's numerics.</summary>
internal static class Quantiles
{
    /// <summary>Upstream's tolerance for treating adjacent cumulative bucket counts as equal.</summary>
    private const double SmallDeltaTolerance = 1e-12;

    /// <summary>The φ-quantile of <paramref name="values"/> by linear interpolation between closest ranks; sorts the span in place.</summary>
    public static double Quantile(double q, Span<double> values)
    {
        if (values.Length == 0 || double.IsNaN(q))
        {
            return double.NaN;
        }

        if (q < 0)
        {
            return double.NegativeInfinity;
        }

        if (q > 1)
        {
            return double.PositiveInfinity;
        }

        values.Sort(static (a, b) => a.CompareTo(b));
        var n = values.Length;
        var rank = q * (n - 1);
        var lower = Math.Max(0, (int)Math.Floor(rank));
        var upper = Math.Min(n - 1, lower + 1);
        var weight = rank - Math.Floor(rank);
        return (values[lower] * (1 - weight)) + (values[upper] * weight);
    }

    /// <summary>Whether two floats are equal within a relative tolerance (upstream <c>almost.Equal</c>).</summary>
    public static bool AlmostEqual(double a, double b, double epsilon)
    {
        const double MinNormal = 2.2250738585072014e-308;
        if (a == b)
        {
            return true;
        }

        var absSum = Math.Abs(a) + Math.Abs(b);
        var diff = Math.Abs(a - b);
        if (a == 0 || b == 0 || absSum < MinNormal)
        {
            return diff < epsilon * MinNormal;
        }

        return diff / Math.Min(absSum, double.MaxValue) < epsilon;
    }

    /// <summary>
    /// The quantile of classic histogram buckets (upper bound, cumulative count), as upstream's <c>BucketQuantile</c>.
    /// Sorts and repairs the list in place.
    /// </summary>
    /// <returns>The value, whether monotonicity had to be forced, and whether NaN observations were present.</returns>
    public static (double Value, bool ForcedMonotonic, bool FixedPrecision) BucketQuantile(double q, List<(double UpperBound, double Count)> buckets)
    {
        if (double.IsNaN(q))
        {
            return (double.NaN, false, false);
        }

        if (q < 0)
        {
            return (double.NegativeInfinity, false, false);
        }

        if (q > 1)
        {
            return (double.PositiveInfinity, false, false);
        }

        buckets.Sort(static (a, b) => a.UpperBound.CompareTo(b.UpperBound));
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].UpperBound))
        {
            return (double.NaN, false, false);
        }

        Coalesce(buckets);
        var (forced, fixedPrecision) = EnsureMonotonic(buckets);
        if (buckets.Count < 2)
        {
            return (double.NaN, forced, fixedPrecision);
        }

        var observations = buckets[^1].Count;
        if (observations == 0)
        {
            return (double.NaN, forced, fixedPrecision);
        }

        var rank = q * observations;
        var b = 0;
        while (b < buckets.Count - 1 && !(buckets[b].Count >= rank))
        {
            b++;
        }

        if (b == buckets.Count - 1)
        {
            return (buckets[^2].UpperBound, forced, fixedPrecision);
        }

        if (b == 0 && buckets[0].UpperBound <= 0)
        {
            return (buckets[0].UpperBound, forced, fixedPrecision);
        }

        var bucketStart = 0.0;
        var bucketEnd = buckets[b].UpperBound;
        var count = buckets[b].Count;
        if (b > 0)
        {
            bucketStart = buckets[b - 1].UpperBound;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }

        return (bucketStart + ((bucketEnd - bucketStart) * (rank / count)), forced, fixedPrecision);
    }

    /// <summary>
    /// The estimated fraction of the observations of classic histogram buckets (upper bound, cumulative count) that
    /// lie between <paramref name="lower"/> and <paramref name="upper"/>, interpolating linearly inside a bucket. The
    /// lowest bucket starts at zero when its upper bound is positive. A bucket of infinite width counts fully when the
    /// range extends to that infinity and not at all otherwise. Sorts and repairs the list in place.
    /// </summary>
    /// <returns>The fraction and whether monotonicity had to be forced.</returns>
    public static (double Value, bool ForcedMonotonic) BucketFraction(double lower, double upper, List<(double UpperBound, double Count)> buckets)
    {
        buckets.Sort(static (a, b) => a.UpperBound.CompareTo(b.UpperBound));
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].UpperBound))
        {
            return (double.NaN, false);
        }

        Coalesce(buckets);
        var (forced, _) = EnsureMonotonic(buckets);
        var total = buckets[^1].Count;
        if (double.IsNaN(lower) || double.IsNaN(upper) || total == 0)
        {
            return (double.NaN, forced);
        }

        if (lower >= upper)
        {
            return (0, forced);
        }

        var inRange = 0.0;
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucketUpper = buckets[i].UpperBound;
            var bucketLower = i > 0 ? buckets[i - 1].UpperBound : bucketUpper > 0 ? 0 : double.NegativeInfinity;
            var count = buckets[i].Count - (i > 0 ? buckets[i - 1].Count : 0);
            if (count == 0)
            {
                continue;
            }

            if (double.IsNegativeInfinity(bucketLower) || double.IsPositiveInfinity(bucketUpper))
            {
                var covers = double.IsNegativeInfinity(bucketLower) ? double.IsNegativeInfinity(lower) && upper >= bucketUpper : double.IsPositiveInfinity(upper);
                inRange += covers ? count : 0;
                continue;
            }

            var overlap = Math.Min(upper, bucketUpper) - Math.Max(lower, bucketLower);
            if (overlap > 0)
            {
                inRange += count * (overlap / (bucketUpper - bucketLower));
            }
        }

        return (inRange / total, forced);
    }

    private static void Coalesce(List<(double UpperBound, double Count)> buckets)
    {
        var last = 0;
        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i].UpperBound == buckets[last].UpperBound)
            {
                buckets[last] = (buckets[last].UpperBound, buckets[last].Count + buckets[i].Count);
            }
            else
            {
                buckets[++last] = buckets[i];
            }
        }

        buckets.RemoveRange(last + 1, buckets.Count - last - 1);
    }

    private static (bool Forced, bool FixedPrecision) EnsureMonotonic(List<(double UpperBound, double Count)> buckets)
    {
        bool forced = false, fixedPrecision = false;
        var prev = buckets[0].Count;
        for (var i = 1; i < buckets.Count; i++)
        {
            var curr = buckets[i].Count;
            if (curr == prev)
            {
                continue;
            }

            if (AlmostEqual(prev, curr, SmallDeltaTolerance))
            {
                buckets[i] = (buckets[i].UpperBound, prev);
                fixedPrecision = true;
                continue;
            }

            if (curr < prev)
            {
                buckets[i] = (buckets[i].UpperBound, prev);
                forced = true;
                continue;
            }

            prev = curr;
        }

        return (forced, fixedPrecision);
    }
}
