using System.Collections;
using Pharos.Model;
using Pharos.Templating.Functions;

namespace Pharos.Templating.Values;

/// <summary>
/// Go's view of the C# values a template sees: <see cref="long"/> and <see cref="int"/> are Go ints,
/// <see cref="double"/> is <c>float64</c>, dictionaries are maps, other enumerables are slices,
/// <see cref="TimeSpan"/> is <c>time.Duration</c>, <see cref="DateTimeOffset"/> is <c>time.Time</c>.
/// </summary>
internal static class GoValues
{
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        SafeHtml h => h.Value.Length > 0,
        SafeUrl u => u.Value.Length > 0,
        int i => i != 0,
        long l => l != 0,
        double d => d != 0,
        float f => f != 0,
        TimeSpan t => t != TimeSpan.Zero,
        Labels labels => labels.Count > 0,
        ICollection c => c.Count > 0,
        IEnumerable e => e.GetEnumerator().MoveNext(),
        _ => true,
    };

    public static bool IsInt(object? value) => value is long or int or short or byte or sbyte or uint or ushort;

    public static bool IsFloat(object? value) => value is double or float;

    public static long ToInt64(object? value) => value switch
    {
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        uint u => u,
        ushort us => us,
        _ => throw new InvalidCastException(),
    };

    public static bool IsMap(object? value) => value is IDictionary or Labels or IReadOnlyDictionary<string, string>;

    public static bool IsList(object? value) =>
        value is not string and not IDictionary and not Labels and not IReadOnlyDictionary<string, string> and IEnumerable;

    /// <summary>The map's entries with keys in Go's sort order, or null when the value is not a map.</summary>
    public static List<KeyValuePair<object, object?>>? SortedEntries(object? value)
    {
        List<KeyValuePair<object, object?>> entries = [];
        switch (value)
        {
            case Labels labels:
                foreach (var l in labels)
                {
                    entries.Add(new(l.Name, l.Value));
                }

                return entries;
            case IDictionary dict:
                foreach (DictionaryEntry e in dict)
                {
                    entries.Add(new(e.Key, e.Value));
                }

                break;
            case IReadOnlyDictionary<string, string> ro:
                foreach (var e in ro)
                {
                    entries.Add(new(e.Key, e.Value));
                }

                break;
            default:
                return null;
        }

        entries.Sort((a, b) => CompareKeys(a.Key, b.Key));
        return entries;
    }

    private static int CompareKeys(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        _ when IsInt(a) && IsInt(b) => ToInt64(a).CompareTo(ToInt64(b)),
        (double x, double y) => x.CompareTo(y),
        _ => string.CompareOrdinal(a.ToString(), b.ToString()),
    };

    /// <summary>Looks a key up in a map. Returns false when the value is not a map.</summary>
    public static bool TryMapIndex(object? map, object? key, out bool found, out object? value)
    {
        found = false;
        value = null;
        switch (map)
        {
            case Labels labels:
                value = "";
                if (key is string name && labels.Has(name))
                {
                    found = true;
                    value = labels.Get(name);
                }

                return true;
            case IDictionary dict:
                if (ZeroIsEmptyString(map))
                {
                    value = "";
                }

                if (key is not null && dict.Contains(key))
                {
                    found = true;
                    value = dict[key];
                }

                return true;
            case IReadOnlyDictionary<string, string> ro:
                value = "";
                if (key is string k && ro.TryGetValue(k, out var v))
                {
                    found = true;
                    value = v;
                }

                return true;
            default:
                return false;
        }
    }

    // A map[string]string yields "" for a missing key; a map[string]interface{} yields no value.
    private static bool ZeroIsEmptyString(object map) =>
        map is IDictionary<string, string> or IReadOnlyDictionary<string, string>;

    public static List<object?>? AsList(object? value)
    {
        if (!IsList(value))
        {
            return null;
        }

        if (value is IList<object?> ready)
        {
            return [.. ready];
        }

        var list = new List<object?>();
        foreach (var item in (IEnumerable)value!)
        {
            list.Add(item);
        }

        return list;
    }

    public static int Length(object? value) => value switch
    {
        string s => System.Text.Encoding.UTF8.GetByteCount(s),
        SafeHtml h => System.Text.Encoding.UTF8.GetByteCount(h.Value),
        Labels labels => labels.Count,
        ICollection c => c.Count,
        IReadOnlyCollection<KeyValuePair<string, string>> ro => ro.Count,
        IEnumerable e => e.Cast<object?>().Count(),
        _ => -1,
    };

    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        int or long => "int",
        double => "float64",
        float => "float32",
        uint => "uint",
        TimeSpan => "time.Duration",
        DateTimeOffset or DateTime => "time.Time",
        SafeHtml => "template.HTML",
        SafeUrl => "template.URL",
        ITemplateObject o => o.TypeName,
        Labels => "map[string]string",
        IDictionary<string, string> or IReadOnlyDictionary<string, string> => "map[string]string",
        IDictionary => "map[string]interface {}",
        IEnumerable<string> => "[]string",
        IEnumerable => "[]interface {}",
        TemplateFunction => "func",
        _ => value.GetType().Name,
    };
}
