using System.Globalization;
using Pharos.Storage;

namespace Pharos.Tool.Rules;

/// <summary>
/// promtool's expanding series notation: <c>a</c>, <c>a+bxn</c> / <c>a-bxn</c> (n further samples stepping by b),
/// <c>axn</c> (a, n+1 times), <c>_</c> (no sample), <c>_xn</c> (n missing samples), <c>stale</c> (a stale marker).
/// </summary>
internal static class SeriesNotation
{
    /// <summary>Expands <paramref name="values"/> into one entry per step; null means no sample at that step.</summary>
    /// <exception cref="FormatException">A token is not valid notation.</exception>
    public static List<double?> Expand(string values)
    {
        var result = new List<double?>();
        foreach (var token in values.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "_")
            {
                result.Add(null);
                continue;
            }

            if (token == "stale")
            {
                result.Add(StaleMarker.StaleNaN);
                continue;
            }

            var x = token.LastIndexOf('x');
            if (x > 0 && x < token.Length - 1 && int.TryParse(token.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                var head = token[..x];
                if (head == "_")
                {
                    result.AddRange(Enumerable.Repeat<double?>(null, n));
                    continue;
                }

                if (head == "stale")
                {
                    result.AddRange(Enumerable.Repeat<double?>(StaleMarker.StaleNaN, n));
                    continue;
                }

                var (start, step) = SplitStep(head, token);
                for (var i = 0; i <= n; i++)
                {
                    result.Add(start + (i * step));
                }

                continue;
            }

            result.Add(ParseNumber(token, token));
        }

        return result;
    }

    // "a+b" or "a-b"; the operator is the first sign after the first character that is not an exponent's sign.
    private static (double Start, double Step) SplitStep(string head, string token)
    {
        for (var i = 1; i < head.Length; i++)
        {
            if (head[i] is '+' or '-' && head[i - 1] is not ('e' or 'E'))
            {
                var start = ParseNumber(head[..i], token);
                var step = ParseNumber(head[(i + 1)..], token);
                return (start, head[i] == '-' ? -step : step);
            }
        }

        return (ParseNumber(head, token), 0);
    }

    private static double ParseNumber(string text, string token)
    {
        switch (text.ToLowerInvariant())
        {
            case "inf" or "+inf":
                return double.PositiveInfinity;
            case "-inf":
                return double.NegativeInfinity;
            case "nan":
                return double.NaN;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"invalid value \"{token}\" in series values");
    }
}
