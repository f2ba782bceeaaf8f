using System.Globalization;
using System.Text;

namespace Pharos.PromQL.Engine;

/// <summary>Go's <c>%g</c> float formatting (shortest digits; exponent form below 1e-4 or from 1e21), used in upstream's messages.</summary>
internal static class GoNumberFormat
{
    public static string FormatG(double v)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "+Inf" : "-Inf";
        }

        if (v == 0)
        {
            return double.IsNegative(v) ? "-0" : "0";
        }

        // Shortest round-trip digits and the decimal exponent of the first digit.
        var e = v.ToString("E16", CultureInfo.InvariantCulture);
        var shortest = v.ToString("R", CultureInfo.InvariantCulture);
        var negative = v < 0;
        var exp = int.Parse(e.AsSpan(e.IndexOf('E') + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var digits = new StringBuilder();
        foreach (var ch in shortest.Split('E')[0])
        {
            if (char.IsAsciiDigit(ch))
            {
                digits.Append(ch);
            }
        }

        var d = digits.ToString().TrimStart('0').TrimEnd('0');
        if (d.Length == 0)
        {
            d = "0";
        }

        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        if (exp < -4 || exp >= 21)
        {
            sb.Append(d[0]);
            if (d.Length > 1)
            {
                sb.Append('.').Append(d, 1, d.Length - 1);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        if (exp < 0)
        {
            sb.Append("0.").Append('0', -exp - 1).Append(d);
        }
        else if (d.Length <= exp + 1)
        {
            sb.Append(d).Append('0', exp + 1 - d.Length);
        }
        else
        {
            sb.Append(d, 0, exp + 1).Append('.').Append(d, exp + 1, d.Length - exp - 1);
        }

        return sb.ToString();
    }
}
