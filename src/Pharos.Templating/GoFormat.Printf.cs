using System.Globalization;
using System.Text;
using Pharos.Templating.Values;

namespace Pharos.Templating;

/// <summary><c>Sprintf</c>: verbs, flags, width and precision.</summary>
internal static partial class GoFormat
{
    private ref struct Spec
    {
        public bool Minus;
        public bool Plus;
        public bool Space;
        public bool Zero;
        public bool Sharp;
        public int Width;
        public int Precision;
    }

    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var argIndex = 0;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                i++;
                continue;
            }

            i++;
            var spec = new Spec { Width = -1, Precision = -1 };
            while (i < format.Length)
            {
                switch (format[i])
                {
                    case '-': spec.Minus = true; spec.Zero = false; i++; continue;
                    case '+': spec.Plus = true; i++; continue;
                    case ' ': spec.Space = true; i++; continue;
                    case '0': spec.Zero = !spec.Minus; i++; continue;
                    case '#': spec.Sharp = true; i++; continue;
                    default: break;
                }

                break;
            }

            spec.Width = ReadNumberOrStar(format, ref i, args, ref argIndex);
            if (i < format.Length && format[i] == '.')
            {
                i++;
                spec.Precision = ReadNumberOrStar(format, ref i, args, ref argIndex);
                if (spec.Precision < 0)
                {
                    spec.Precision = 0;
                }
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i++];
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argIndex >= args.Count)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var formatted = FormatOne(verb, args[argIndex++], ref spec);
            Pad(sb, formatted, ref spec, verb);
        }

        if (argIndex < args.Count)
        {
            sb.Append("%!(EXTRA ");
            for (var k = argIndex; k < args.Count; k++)
            {
                if (k > argIndex)
                {
                    sb.Append(", ");
                }

                sb.Append(GoValues.TypeName(args[k])).Append('=');
                AppendValue(sb, args[k]);
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    private static int ReadNumberOrStar(string format, ref int i, IReadOnlyList<object?> args, ref int argIndex)
    {
        if (i < format.Length && format[i] == '*')
        {
            i++;
            return argIndex < args.Count && GoValues.IsInt(args[argIndex]) ? (int)GoValues.ToInt64(args[argIndex++]) : -1;
        }

        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : -1;
    }

    private static void Pad(StringBuilder sb, string s, ref Spec spec, char verb)
    {
        var width = spec.Width;
        var length = s.EnumerateRunes().Count();
        if (width <= length)
        {
            sb.Append(s);
            return;
        }

        var padding = width - length;
        if (spec.Minus)
        {
            sb.Append(s).Append(' ', padding);
        }
        else if (spec.Zero && verb is not ('s' or 'q' or 'v' or 't') || (spec.Zero && verb == 'v' && s.Length > 0 && (char.IsAsciiDigit(s[^1]) || s[^1] == '.')))
        {
            // Zero padding goes after the sign.
            var signLength = s.Length > 0 && s[0] is '+' or '-' or ' ' ? 1 : 0;
            sb.Append(s, 0, signLength).Append('0', padding).Append(s, signLength, s.Length - signLength);
        }
        else
        {
            sb.Append(' ', padding).Append(s);
        }
    }

    private static string FormatOne(char verb, object? arg, ref Spec spec)
    {
        if (verb == 'T')
        {
            return GoValues.TypeName(arg);
        }

        switch (arg)
        {
            case null:
                return verb == 'v' ? "<nil>" : BadVerb(verb, arg);
            case bool b:
                return verb is 'v' or 't' ? (b ? "true" : "false") : BadVerb(verb, arg);
            case string or SafeHtml or SafeUrl:
                return FormatString(verb, arg.ToString()!, ref spec) ?? BadVerb(verb, arg);
            case double or float:
                var d = Convert.ToDouble(arg, CultureInfo.InvariantCulture);
                return FormatFloatVerb(verb, d, ref spec) ?? BadVerb(verb, arg);
            case TimeSpan ts:
                return verb switch
                {
                    'v' or 's' => GoTime.FormatDuration(ts),
                    'd' => FormatInteger('d', ts.Ticks * 100, ref spec)!,
                    _ => BadVerb(verb, arg),
                };
            default:
                if (GoValues.IsInt(arg))
                {
                    return FormatInteger(verb, GoValues.ToInt64(arg), ref spec) ?? BadVerb(verb, arg);
                }

                if (verb is 'v' or 's')
                {
                    var text = FormatValue(arg);
                    return spec.Precision >= 0 && verb == 's' && text.Length > spec.Precision ? text[..spec.Precision] : text;
                }

                return BadVerb(verb, arg);
        }
    }

    private static string? FormatString(char verb, string s, ref Spec spec)
    {
        if (spec.Precision >= 0 && verb is 's' or 'v' or 'q')
        {
            var runes = s.EnumerateRunes().Take(spec.Precision);
            s = string.Concat(runes.Select(r => r.ToString()));
        }

        switch (verb)
        {
            case 's' or 'v':
                return s;
            case 'q':
                if (spec.Sharp && !s.Contains('`', StringComparison.Ordinal))
                {
                    return "`" + s + "`";
                }

                var sb = new StringBuilder();
                AppendQuoted(sb, s);
                return sb.ToString();
            case 'x' or 'X':
                var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(s));
                return verb == 'x' ? hex.ToLowerInvariant() : hex;
            default:
                return null;
        }
    }

    private static string? FormatInteger(char verb, long value, ref Spec spec)
    {
        var negative = value < 0;
        var magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        string digits;
        switch (verb)
        {
            case 'd' or 'v':
                digits = magnitude.ToString(CultureInfo.InvariantCulture);
                break;
            case 'x':
                digits = (spec.Sharp ? "0x" : "") + magnitude.ToString("x", CultureInfo.InvariantCulture);
                break;
            case 'X':
                digits = (spec.Sharp ? "0X" : "") + magnitude.ToString("X", CultureInfo.InvariantCulture);
                break;
            case 'o':
                digits = (spec.Sharp ? "0" : "") + Convert.ToString((long)magnitude, 8);
                break;
            case 'O':
                digits = "0o" + Convert.ToString((long)magnitude, 8);
                break;
            case 'b':
                digits = Convert.ToString((long)magnitude, 2);
                break;
            case 'c':
                return char.ConvertFromUtf32((int)value);
            case 'q':
                return "'" + char.ConvertFromUtf32((int)value) + "'";
            case 'U':
                return "U+" + magnitude.ToString("X4", CultureInfo.InvariantCulture);
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G':
                return null;
            default:
                return null;
        }

        if (spec.Precision >= 0 && digits.Length < spec.Precision)
        {
            digits = new string('0', spec.Precision - digits.Length) + digits;
        }

        return (negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : "") + digits;
    }

    private static string? FormatFloatVerb(char verb, double d, ref Spec spec)
    {
        var text = verb switch
        {
            'v' => FormatFloat(d, 'g', spec.Precision),
            'f' or 'F' => FormatFloat(d, 'f', spec.Precision < 0 ? 6 : spec.Precision),
            'e' or 'E' => FormatFloat(d, 'e', spec.Precision < 0 ? 6 : spec.Precision),
            'g' or 'G' => FormatFloat(d, 'g', spec.Precision),
            _ => null,
        };
        if (text is null)
        {
            return null;
        }

        if (verb is 'E' or 'G')
        {
            text = text.ToUpperInvariant();
        }

        if (!text.StartsWith('-') && !text.StartsWith('+'))
        {
            if (spec.Plus)
            {
                text = "+" + text;
            }
            else if (spec.Space)
            {
                text = " " + text;
            }
        }
        else if (text == "+Inf" && !spec.Plus)
        {
            text = spec.Space ? " Inf" : "+Inf";
        }

        // Infinities and NaN are never zero-padded.
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            spec.Zero = false;
        }

        return text;
    }

    private static string BadVerb(char verb, object? arg)
    {
        var sb = new StringBuilder("%!").Append(verb).Append('(');
        if (arg is null)
        {
            sb.Append("<nil>");
        }
        else
        {
            sb.Append(GoValues.TypeName(arg)).Append('=');
            AppendValue(sb, arg);
        }

        return sb.Append(')').ToString();
    }
}
