namespace Pharos.PromQL.Functions;

/// <summary>Element-wise float functions of one value (<c>abs</c>, <c>ln</c>, trigonometry, time parts, …).</summary>
internal static class MathFunctions
{
    /// <summary>The per-value function for <paramref name="name"/>, or null when the function is not element-wise.</summary>
    public static Func<double, double>? Get(string name) => name switch
    {
        "abs" => Math.Abs,
        "ceil" => Math.Ceiling,
        "floor" => Math.Floor,
        "exp" => Math.Exp,
        "sqrt" => Math.Sqrt,
        "ln" => Math.Log,
        "log2" => Math.Log2,
        "log10" => Math.Log10,
        "sin" => Math.Sin,
        "cos" => Math.Cos,
        "tan" => Math.Tan,
        "asin" => Math.Asin,
        "acos" => Math.Acos,
        "atan" => Math.Atan,
        "sinh" => Math.Sinh,
        "cosh" => Math.Cosh,
        "tanh" => Math.Tanh,
        "asinh" => Math.Asinh,
        "acosh" => Math.Acosh,
        "atanh" => Math.Atanh,
        "rad" => static v => v * Math.PI / 180,
        "deg" => static v => v * 180 / Math.PI,
        "sgn" => static v => v > 0 ? 1 : v < 0 ? -1 : v,
        "day_of_month" => static v => Time(v, static t => t.Day),
        "day_of_week" => static v => Time(v, static t => (int)t.DayOfWeek),
        "day_of_year" => static v => Time(v, static t => t.DayOfYear),
        "days_in_month" => static v => Time(v, static t => DateTime.DaysInMonth(t.Year, t.Month)),
        "hour" => static v => Time(v, static t => t.Hour),
        "minute" => static v => Time(v, static t => t.Minute),
        "month" => static v => Time(v, static t => t.Month),
        "year" => static v => Time(v, static t => t.Year),
        _ => null,
    };

    /// <summary>Whether the function is one of the calendar functions that default to <c>vector(time())</c>.</summary>
    public static bool IsTimeFunction(string name) =>
        name is "day_of_month" or "day_of_week" or "day_of_year" or "days_in_month" or "hour" or "minute" or "month" or "year";

    private static double Time(double seconds, Func<DateTime, int> part)
    {
        if (double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            return double.NaN;
        }

        // Go's time.Unix(int64(v), 0): truncation toward zero, then UTC calendar fields.
        var t = DateTime.UnixEpoch.AddSeconds(Math.Truncate(seconds));
        return part(t);
    }

    /// <summary>Rounds to the nearest multiple of <paramref name="toNearest"/>, ties up (upstream <c>round</c>).</summary>
    public static double Round(double v, double toNearest)
    {
        var inverse = 1.0 / toNearest;
        return Math.Floor((v * inverse) + 0.5) / inverse;
    }
}
