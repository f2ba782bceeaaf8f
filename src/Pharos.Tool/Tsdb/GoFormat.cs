using System.Globalization;
using System.Text;

namespace Pharos.Tool.Tsdb;

/// <summary>
/// The few Go formatting rules promtool's TSDB output depends on, so our output matches it character for character:
/// <c>%g</c> of a float64, <c>time.Duration</c>, <c>time.Time</c> in UTC, <c>units.Base2Bytes</c> and
/// <c>strconv.Quote</c>.
/// </summary>
public static class GoFormat
{
    private static readonly string[] ByteUnits = ["", "K", "M", "G", "T", "P", "E"];

    /// <summary>Go's <c>%g</c> (shortest representation; exponent form below 1e-4 and from 1e+06 on).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, e.g. <c>0.25</c>, <c>1e+06</c>, <c>NaN</c>, <c>+Inf</c>.</returns>
    public static string Float(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var (negative, digits, pointPosition) = ShortestDigits(value);
        var exponent = pointPosition - 1;
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        if (exponent < -4 || exponent >= 6)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(exponent < 0 ? '-' : '+');
            sb.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        if (pointPosition <= 0)
        {
            sb.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            sb.Append(digits).Append('0', pointPosition - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }

        return sb.ToString();
    }

    /// <summary>Go's <c>time.Duration.String</c> for a whole number of milliseconds: <c>2h0m0s</c>, <c>1m30.5s</c>, <c>250ms</c>.</summary>
    /// <param name="milliseconds">The duration.</param>
    /// <returns>The text.</returns>
    public static string Duration(long milliseconds)
    {
        if (milliseconds == 0)
        {
            return "0s";
        }

        var sign = milliseconds < 0 ? "-" : "";
        var ms = Math.Abs(milliseconds);
        if (ms < 1000)
        {
            return $"{sign}{ms.ToString(CultureInfo.InvariantCulture)}ms";
        }

        var hours = ms / 3_600_000;
        var minutes = ms / 60_000 % 60;
        var seconds = ms / 1000 % 60;
        var fraction = ms % 1000;
        var text = new StringBuilder(sign);
        if (hours > 0)
        {
            text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        text.Append(seconds.ToString(CultureInfo.InvariantCulture));
        if (fraction > 0)
        {
            text.Append('.').Append(fraction.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        return text.Append('s').ToString();
    }

    /// <summary>Go's <c>time.Unix(ms/1000, 0).UTC().String()</c>: <c>2023-11-14 22:13:20 +0000 UTC</c>.</summary>
    /// <param name="unixMilliseconds">The time.</param>
    /// <returns>The text.</returns>
    public static string UtcTime(long unixMilliseconds)
    {
        // Go truncates toward zero when dividing.
        var time = DateTimeOffset.FromUnixTimeSeconds(unixMilliseconds / 1000);
        return time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC";
    }

    /// <summary><c>units.Base2Bytes.String</c>: every non-zero 1024-power component, largest first: <c>1KiB512B</c>.</summary>
    /// <param name="bytes">The size.</param>
    /// <returns>The text.</returns>
    public static string Base2Bytes(long bytes)
    {
        var parts = new string?[ByteUnits.Length];
        var n = bytes;
        for (var i = 0; i < ByteUnits.Length; i++)
        {
            if (n % 1024 != 0 || (i == 0 && n == 0))
            {
                parts[ByteUnits.Length - 1 - i] = $"{(n % 1024).ToString(CultureInfo.InvariantCulture)}{ByteUnits[i]}{(i == 0 ? "B" : "iB")}";
            }

            n /= 1024;
            if (n == 0)
            {
                break;
            }
        }

        return string.Concat(parts);
    }

    /// <summary>The shortest round-trip decimal digits of a finite non-zero value, and where the decimal point goes.</summary>
    private static (bool Negative, string Digits, int PointPosition) ShortestDigits(double value)
    {
        // "R" gives the shortest round-trip form, e.g. "1.2345E+20", "0.001", "123.5".
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? text.Length : dot;
        var all = text.Replace(".", "", StringComparison.Ordinal);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        return (value < 0, digits, integerDigits - leadingZeros + exponent);
    }
}
