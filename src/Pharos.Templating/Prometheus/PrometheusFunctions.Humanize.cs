namespace Pharos.Templating.Prometheus;

/// <summary>The humanizing functions, with Prometheus's prefixes and <c>%.4g</c> precision.</summary>
public static partial class PrometheusFunctions
{
    private static readonly string[] BigPrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
    private static readonly string[] SmallPrefixes = ["m", "u", "n", "p", "f", "a", "z", "y"];
    private static readonly string[] BinaryPrefixes = ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"];

    private static string G4(double v, string suffix = "") => GoFormat.Sprintf("%.4g", [v]) + suffix;

    private static string Humanize(double v)
    {
        if (v == 0 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }

        var prefix = "";
        if (Math.Abs(v) >= 1)
        {
            foreach (var p in BigPrefixes)
            {
                if (Math.Abs(v) < 1000)
                {
                    break;
                }

                prefix = p;
                v /= 1000;
            }

            return G4(v, prefix);
        }

        foreach (var p in SmallPrefixes)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }

            prefix = p;
            v *= 1000;
        }

        return G4(v, prefix);
    }

    private static string Humanize1024(double v)
    {
        if (Math.Abs(v) <= 1 || double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }

        var prefix = "";
        foreach (var p in BinaryPrefixes)
        {
            if (Math.Abs(v) < 1024)
            {
                break;
            }

            prefix = p;
            v /= 1024;
        }

        return G4(v, prefix);
    }

    internal static string HumanizeDuration(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }

        if (v == 0)
        {
            return G4(v, "s");
        }

        if (Math.Abs(v) >= 1)
        {
            var sign = v < 0 ? "-" : "";
            v = Math.Abs(v);
            var duration = (long)v;
            var seconds = duration % 60;
            var minutes = duration / 60 % 60;
            var hours = duration / 60 / 60 % 24;
            var days = duration / 60 / 60 / 24;
            if (days != 0)
            {
                return $"{sign}{days}d {hours}h {minutes}m {seconds}s";
            }

            if (hours != 0)
            {
                return $"{sign}{hours}h {minutes}m {seconds}s";
            }

            if (minutes != 0)
            {
                return $"{sign}{minutes}m {seconds}s";
            }

            return sign + G4(v, "s");
        }

        var prefix = "";
        foreach (var p in SmallPrefixes)
        {
            if (Math.Abs(v) >= 1)
            {
                break;
            }

            prefix = p;
            v *= 1000;
        }

        return G4(v, prefix + "s");
    }

    private static string HumanizeTimestamp(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            return G4(v);
        }

        return GoTime.FormatTime(ToTime(v));
    }

    // As Prometheus, via model.Time: millisecond precision, UTC.
    private static DateTimeOffset ToTime(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            throw new TemplateFunctionException("value is NaN or Inf");
        }

        var nanos = v * 1e9;
        if (nanos >= long.MaxValue || nanos <= long.MinValue)
        {
            throw new TemplateFunctionException($"{GoFormat.FormatValue(v)} cannot be represented as a nanoseconds timestamp since it overflows int64");
        }

        var ms = (long)nanos / 1_000_000;
        return DateTimeOffset.UnixEpoch.AddMilliseconds(ms);
    }

    private static TimeSpan ToDuration(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            throw new TemplateFunctionException("value is NaN or Inf");
        }

        return TimeSpan.FromTicks((long)(v * 1e7));
    }
}
