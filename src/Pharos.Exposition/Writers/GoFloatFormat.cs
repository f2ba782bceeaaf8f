using System.Buffers.Text;
using System.Globalization;

namespace Pharos.Exposition.Writers;

/// <summary>
/// Formats doubles the way Go's <c>strconv.AppendFloat(f, 'g', -1, 64)</c> does, which is what Prometheus's
/// exposition writers use: the shortest digits that round-trip, in plain notation when the decimal exponent is in
/// [-4, 6) and in <c>d.ddde±XX</c> notation (at least two exponent digits) otherwise.
/// </summary>
internal static class GoFloatFormat
{
    /// <summary>Longest output: sign, 17 digits, point, "e-308" plus slack.</summary>
    public const int MaxLength = 32;

    /// <summary>Writes <paramref name="value"/> in Go's shortest 'g' form; special values as +Inf, -Inf, NaN.</summary>
    /// <param name="value">The number.</param>
    /// <param name="destination">At least <see cref="MaxLength"/> bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int Format(double value, Span<byte> destination)
    {
        if (double.IsNaN(value))
        {
            "NaN"u8.CopyTo(destination);
            return 3;
        }

        if (double.IsPositiveInfinity(value))
        {
            "+Inf"u8.CopyTo(destination);
            return 4;
        }

        if (double.IsNegativeInfinity(value))
        {
            "-Inf"u8.CopyTo(destination);
            return 4;
        }

        if (value == 0)
        {
            // The upstream writers special-case zero before formatting, so negative zero prints as "0" too.
            destination[0] = (byte)'0';
            return 1;
        }

        // Integers of moderate size print identically in both worlds and are the common case for counters.
        if (value == Math.Floor(value) && Math.Abs(value) < 1e6)
        {
            Utf8Formatter.TryFormat((long)value, destination, out var n);
            return n;
        }

        // .NET's "R" yields the shortest round-trip digits (since .NET Core 3.0); only the layout differs from Go.
        Span<byte> raw = stackalloc byte[MaxLength];
        value.TryFormat(raw, out var rawLength, "R", CultureInfo.InvariantCulture);
        raw = raw[..rawLength];

        Span<byte> digits = stackalloc byte[24];
        var digitCount = 0;
        var negative = false;
        var pointPosition = -1; // number of digits (including leading zeros) before the '.'
        var exponent = 0;
        var leadingZeros = 0;
        var seenNonZero = false;
        var i = 0;
        if (raw[0] == '-')
        {
            negative = true;
            i = 1;
        }

        var mantissaDigits = 0;
        for (; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '.')
            {
                pointPosition = mantissaDigits;
            }
            else if (c is (byte)'E' or (byte)'e')
            {
                Utf8Parser.TryParse(raw[(i + 1)..], out exponent, out _);
                break;
            }
            else
            {
                mantissaDigits++;
                if (!seenNonZero && c == '0')
                {
                    leadingZeros++;
                    continue;
                }

                seenNonZero = true;
                digits[digitCount++] = c;
            }
        }

        if (pointPosition < 0)
        {
            pointPosition = mantissaDigits;
        }

        while (digitCount > 1 && digits[digitCount - 1] == '0')
        {
            digitCount--;
        }

        // Value = 0.d1d2...dn × 10^dp.
        var dp = pointPosition - leadingZeros + exponent;
        return Layout(negative, digits[..digitCount], dp, destination);
    }

    private static int Layout(bool negative, ReadOnlySpan<byte> digits, int dp, Span<byte> destination)
    {
        var pos = 0;
        if (negative)
        {
            destination[pos++] = (byte)'-';
        }

        var exp = dp - 1;
        if (exp < -4 || exp >= 6)
        {
            destination[pos++] = digits[0];
            if (digits.Length > 1)
            {
                destination[pos++] = (byte)'.';
                digits[1..].CopyTo(destination[pos..]);
                pos += digits.Length - 1;
            }

            destination[pos++] = (byte)'e';
            destination[pos++] = exp < 0 ? (byte)'-' : (byte)'+';
            var abs = Math.Abs(exp);
            if (abs < 10)
            {
                destination[pos++] = (byte)'0';
            }

            Utf8Formatter.TryFormat(abs, destination[pos..], out var n);
            return pos + n;
        }

        if (dp <= 0)
        {
            destination[pos++] = (byte)'0';
            destination[pos++] = (byte)'.';
            for (var z = 0; z < -dp; z++)
            {
                destination[pos++] = (byte)'0';
            }

            digits.CopyTo(destination[pos..]);
            return pos + digits.Length;
        }

        if (dp >= digits.Length)
        {
            digits.CopyTo(destination[pos..]);
            pos += digits.Length;
            for (var z = digits.Length; z < dp; z++)
            {
                destination[pos++] = (byte)'0';
            }

            return pos;
        }

        digits[..dp].CopyTo(destination[pos..]);
        pos += dp;
        destination[pos++] = (byte)'.';
        digits[dp..].CopyTo(destination[pos..]);
        return pos + digits.Length - dp;
    }
}
