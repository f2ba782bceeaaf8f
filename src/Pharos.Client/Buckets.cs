namespace Pharos.Client;

/// <summary>Histogram bucket layouts.</summary>
public static class Buckets
{
    /// <summary>The upstream default buckets, sized for request latencies in seconds: .005 to 10.</summary>
    public static IReadOnlyList<double> Default { get; } = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10];

    /// <summary>Creates <paramref name="count"/> buckets, the first at <paramref name="start"/>, each <paramref name="width"/> wider.</summary>
    /// <param name="start">The first upper bound.</param>
    /// <param name="width">The distance between bounds; positive.</param>
    /// <param name="count">How many bounds; positive.</param>
    /// <returns>The bounds, without +Inf.</returns>
    public static double[] Linear(double start, double width, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = start + (i * width);
        }

        return result;
    }

    /// <summary>Creates <paramref name="count"/> buckets, the first at <paramref name="start"/>, each <paramref name="factor"/> times the previous.</summary>
    /// <param name="start">The first upper bound; positive.</param>
    /// <param name="factor">The growth factor; greater than 1.</param>
    /// <param name="count">How many bounds; positive.</param>
    /// <returns>The bounds, without +Inf.</returns>
    public static double[] Exponential(double start, double factor, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(start);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1);
        var result = new double[count];
        var bound = start;
        for (var i = 0; i < count; i++)
        {
            result[i] = bound;
            bound *= factor;
        }

        return result;
    }

    /// <summary>Validates bounds and returns them with +Inf last.</summary>
    internal static double[] Normalize(IReadOnlyList<double>? bounds, string metricName)
    {
        var source = bounds is null || bounds.Count == 0 ? Default : bounds;
        var list = new List<double>(source.Count + 1);
        for (var i = 0; i < source.Count; i++)
        {
            var b = source[i];
            if (double.IsNaN(b) || (i > 0 && !(b > source[i - 1])))
            {
                MetricNames.ThrowInvalid($"Histogram '{metricName}' buckets must be in strictly increasing order and not NaN.", nameof(bounds));
            }

            list.Add(b);
        }

        if (!double.IsPositiveInfinity(list[^1]))
        {
            list.Add(double.PositiveInfinity);
        }

        return [.. list];
    }
}
