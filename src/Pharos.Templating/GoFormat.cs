using System.Collections;
using System.Globalization;
using System.Text;
using Pharos.Model;
using Pharos.Templating.Values;

namespace Pharos.Templating;

/// <summary>
/// Go's <c>fmt</c> printing rules for template values: <c>Sprint</c>, <c>Sprintln</c>, <c>Sprintf</c> with the common
/// verbs, flags, width and precision, and the <c>%!verb(type=value)</c> error forms.
/// </summary>
internal static partial class GoFormat
{
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            // As fmt.Sprint: a space between operands when neither is a string.
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                sb.Append(' ');
            }

            AppendValue(sb, args[i]);
        }

        return sb.ToString();
    }

    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            AppendValue(sb, args[i]);
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>Formats a value as <c>%v</c> does.</summary>
    public static string FormatValue(object? value)
    {
        var sb = new StringBuilder();
        AppendValue(sb, value);
        return sb.ToString();
    }

    public static void AppendValue(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("<nil>");
                break;
            case string s:
                sb.Append(s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                sb.Append(FormatFloat(d, 'g', -1));
                break;
            case float f:
                sb.Append(FormatFloat(f, 'g', -1));
                break;
            case TimeSpan t:
                sb.Append(GoTime.FormatDuration(t));
                break;
            case DateTimeOffset dto:
                sb.Append(GoTime.FormatTime(dto));
                break;
            case DateTime dt:
                sb.Append(GoTime.FormatTime(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc))));
                break;
            case ITemplateObject o:
                sb.Append(o.ToString());
                break;
            case Labels or IDictionary or IReadOnlyDictionary<string, string>:
                sb.Append("map[");
                var first = true;
                foreach (var e in GoValues.SortedEntries(value)!)
                {
                    if (!first)
                    {
                        sb.Append(' ');
                    }

                    first = false;
                    AppendValue(sb, e.Key);
                    sb.Append(':');
                    AppendValue(sb, e.Value);
                }

                sb.Append(']');
                break;
            case IEnumerable e:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in e)
                {
                    if (!firstItem)
                    {
                        sb.Append(' ');
                    }

                    firstItem = false;
                    AppendValue(sb, item);
                }

                sb.Append(']');
                break;
            case IFormattable f:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(value.ToString());
                break;
        }
    }

    /// <summary>Appends <paramref name="s"/> quoted as Go's <c>strconv.Quote</c> does.</summary>
    public static void AppendQuoted(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsControl(c) || char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
