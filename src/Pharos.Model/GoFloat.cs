using System.Globalization;

namespace Pharos.Model;

/// <summary>
/// Formats doubles as Go's <c>%g</c> verb does with the shortest precision: round-trip digits, exponent form
/// below 1e-4 and from 1e+06 up, <c>+Inf</c>/<c>-Inf</c>/<c>NaN</c>. Used where output must match Prometheus.
/// </summary>
internal static class GoFloat
{
    public static string FormatG(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0";
        }

        var (digits, exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        if (exponent < -4 || exponent >= 6)
        {
            var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):D2}");
        }

        if (exponent < 0)
        {
            return $"{sign}0.{new string('0', -exponent - 1)}{digits}";
        }

        var integerPart = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
        var fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "";
        return fraction.Length > 0 ? $"{sign}{integerPart}.{fraction}" : sign + integerPart;
    }

    // Splits a positive round-trip string ("123.45", "1E-05", "1.5E+21") into significant digits and the decimal
    // exponent of the first digit.
    private static (string Digits, int Exponent) Decompose(string roundTrip)
    {
        var e = roundTrip.IndexOf('E');
        if (e >= 0)
        {
            var exponent = int.Parse(roundTrip.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return (Trim(roundTrip[..e].Replace(".", "", StringComparison.Ordinal)), exponent);
        }

        var point = roundTrip.IndexOf('.');
        var integerPart = point < 0 ? roundTrip : roundTrip[..point];
        var fraction = point < 0 ? "" : roundTrip[(point + 1)..];
        if (integerPart != "0")
        {
            return (Trim(integerPart + fraction), integerPart.Length - 1);
        }

        var zeros = fraction.Length - fraction.TrimStart('0').Length;
        return (Trim(fraction[zeros..]), -(zeros + 1));
    }

    private static string Trim(string digits) => digits.TrimEnd('0') is { Length: > 0 } trimmed ? trimmed : "0";
}
