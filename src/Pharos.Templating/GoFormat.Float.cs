using System.Globalization;
using System.Numerics;
using System.Text;

namespace Pharos.Templating;

/// <summary>Go's <c>strconv.FormatFloat</c> for the <c>e</c>, <c>f</c> and <c>g</c> formats.</summary>
internal static partial class GoFormat
{
    /// <summary>Formats like <c>strconv.FormatFloat(v, fmt, prec, 64)</c>; precision -1 means shortest.</summary>
    public static string FormatFloat(double value, char format, int precision)
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
        var abs = Math.Abs(value);
        switch (format)
        {
            case 'f':
                return sign + (precision < 0 ? FormatShortestFixed(abs) : FormatFixed(abs, precision));
            case 'e':
                {
                    var (digits, exp) = precision < 0 ? Shortest(abs) : Rounded(abs, precision + 1);
                    return sign + ExpForm(digits, exp, precision < 0 ? digits.Length - 1 : precision);
                }

            default:
                {
                    var shortest = precision < 0;
                    var p = precision == 0 ? 1 : precision;
                    var (digits, exp) = shortest ? Shortest(abs) : Rounded(abs, p);
                    digits = digits.TrimEnd('0');
                    if (digits.Length == 0)
                    {
                        digits = "0";
                    }

                    if (abs == 0)
                    {
                        return sign + "0";
                    }

                    var eprec = p;
                    if (eprec > digits.Length && digits.Length >= exp + 1)
                    {
                        eprec = digits.Length;
                    }

                    if (shortest)
                    {
                        eprec = 6;
                    }

                    if (exp < -4 || exp >= eprec)
                    {
                        return sign + ExpForm(digits, exp, digits.Length - 1);
                    }

                    return sign + FixedForm(digits, exp);
                }
        }
    }

    // Decimal digits (no leading zeros) and the exponent of the first digit, shortest round-trip form.
    private static (string Digits, int Exp) Shortest(double abs)
    {
        if (abs == 0)
        {
            return ("0", 0);
        }

        var roundTrip = abs.ToString("R", CultureInfo.InvariantCulture);
        var ePos = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = ePos >= 0 ? roundTrip[..ePos] : roundTrip;
        var exp10 = ePos >= 0 ? int.Parse(roundTrip.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.TrimStart('0').TrimEnd('0');
        var exp = intPart.Length - 1 - leading + exp10;
        return (digits.Length == 0 ? "0" : digits, exp);
    }

    // Exactly rounded (half to even, as Go) to the given number of significant digits.
    private static (string Digits, int Exp) Rounded(double abs, int significant)
    {
        if (abs == 0)
        {
            return (new string('0', significant), 0);
        }

        var (digits, fraction) = Exact(abs);
        var exp = digits.Length - fraction - 1;
        var cut = digits.Length - significant;
        if (cut <= 0)
        {
            return (digits + new string('0', -cut), exp);
        }

        var kept = RoundHalfEven(digits, cut);
        if (kept.Length > significant)
        {
            // Rounding carried into a new leading digit (9.99 -> 10.0).
            kept = kept[..significant];
            exp++;
        }

        return (kept, exp);
    }

    private static string FormatFixed(double abs, int precision)
    {
        var (digits, fraction) = Exact(abs);
        if (fraction > precision)
        {
            digits = RoundHalfEven(digits, fraction - precision);
            fraction = precision;
        }
        else
        {
            digits += new string('0', precision - fraction);
            fraction = precision;
        }

        digits = digits.PadLeft(fraction + 1, '0');
        return fraction == 0 ? digits : digits[..^fraction] + "." + digits[^fraction..];
    }

    // The exact decimal expansion of a finite non-negative double: value = digits * 10^-fraction.
    private static (string Digits, int Fraction) Exact(double abs)
    {
        var bits = BitConverter.DoubleToInt64Bits(abs);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        if (exponent >= 0)
        {
            return ((new BigInteger(mantissa) << exponent).ToString(CultureInfo.InvariantCulture), 0);
        }

        var k = -exponent;
        var scaled = new BigInteger(mantissa) * BigInteger.Pow(5, k);
        return (scaled.ToString(CultureInfo.InvariantCulture), k);
    }

    // Drops the last cut digits, rounding half to even; the result may gain a digit on carry.
    private static string RoundHalfEven(string digits, int cut)
    {
        if (cut > digits.Length)
        {
            digits = digits.PadLeft(cut, '0');
        }

        var kept = digits[..^cut];
        var rest = digits[^cut..];
        var up = rest[0] > '5' || (rest[0] == '5' && (rest.AsSpan(1).ContainsAnyExcept('0') || (kept.Length > 0 && (kept[^1] - '0') % 2 == 1)));
        if (kept.Length == 0)
        {
            return up ? "1" : "0";
        }

        if (!up)
        {
            return kept;
        }

        var chars = kept.ToCharArray();
        var i = chars.Length - 1;
        while (i >= 0)
        {
            if (chars[i] == '9')
            {
                chars[i] = '0';
                i--;
                continue;
            }

            chars[i]++;
            return new string(chars);
        }

        return "1" + new string(chars);
    }

    private static string ExpForm(string digits, int exp, int decimals)
    {
        var sb = new StringBuilder();
        sb.Append(digits[0]);
        if (decimals > 0)
        {
            sb.Append('.');
            sb.Append(digits.AsSpan(1, Math.Min(decimals, digits.Length - 1)));
            sb.Append('0', Math.Max(0, decimals - (digits.Length - 1)));
        }

        sb.Append('e').Append(exp < 0 ? '-' : '+');
        var e = Math.Abs(exp);
        if (e < 10)
        {
            sb.Append('0');
        }

        return sb.Append(e.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static string FixedForm(string digits, int exp)
    {
        if (exp < 0)
        {
            return "0." + new string('0', -exp - 1) + digits;
        }

        if (digits.Length <= exp + 1)
        {
            return digits + new string('0', exp + 1 - digits.Length);
        }

        return digits[..(exp + 1)] + "." + digits[(exp + 1)..];
    }

    private static string FormatShortestFixed(double abs)
    {
        var (digits, exp) = Shortest(abs);
        return FixedForm(digits, exp);
    }
}
