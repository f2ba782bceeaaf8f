namespace Pharos.PromQL.Functions;

/// <summary>Kahan–Babuška compensated summation, as upstream's <c>kahanSumInc</c>.</summary>
internal static class KahanSum
{
    /// <summary>Adds <paramref name="inc"/> to the running sum, updating the compensation.</summary>
    public static double Inc(double inc, double sum, ref double c)
    {
        var t = sum + inc;
        if (double.IsInfinity(t))
        {
            // Compensation would turn into NaN against an infinite sum; upstream resets it.
            c = 0;
        }
        else if (Math.Abs(sum) >= Math.Abs(inc))
        {
            c += (sum - t) + inc;
        }
        else
        {
            c += (inc - t) + sum;
        }

        return t;
    }
}
