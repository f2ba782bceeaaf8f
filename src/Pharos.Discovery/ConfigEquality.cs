using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Pharos.Discovery;

/// <summary>
/// Structural equality of configuration objects, as upstream compares configurations with <c>reflect.DeepEqual</c>
/// to keep unchanged providers running across reloads. Works on any mechanism's configuration type without it
/// implementing equality: public readable properties, lists and tuples are compared recursively.
/// </summary>
internal static class ConfigEquality
{
    // Deeper than any configuration; stops a cycle from recursing forever.
    private const int MaxDepth = 32;

    public static bool AreEqual(object? a, object? b) => Equal(a, b, 0);

    private static bool Equal(object? a, object? b, int depth)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.GetType() != b.GetType() || depth > MaxDepth)
        {
            return false;
        }

        var type = a.GetType();
        if (type.IsPrimitive || type.IsEnum || a is string or decimal or TimeSpan or DateTime or DateTimeOffset or Uri)
        {
            return a.Equals(b);
        }

        if (a is ITuple ta && b is ITuple tb)
        {
            return ItemsEqual(Enumerable.Range(0, ta.Length).Select(i => ta[i]), Enumerable.Range(0, tb.Length).Select(i => tb[i]), depth);
        }

        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            return ItemsEqual(ea.Cast<object?>(), eb.Cast<object?>(), depth);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            var key = type.GetProperty("Key")!;
            var value = type.GetProperty("Value")!;
            return Equal(key.GetValue(a), key.GetValue(b), depth + 1) && Equal(value.GetValue(a), value.GetValue(b), depth + 1);
        }

        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            if (!Equal(property.GetValue(a), property.GetValue(b), depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ItemsEqual(IEnumerable<object?> a, IEnumerable<object?> b, int depth)
    {
        using var ia = a.GetEnumerator();
        using var ib = b.GetEnumerator();
        while (true)
        {
            var hasA = ia.MoveNext();
            var hasB = ib.MoveNext();
            if (hasA != hasB)
            {
                return false;
            }

            if (!hasA)
            {
                return true;
            }

            if (!Equal(ia.Current, ib.Current, depth + 1))
            {
                return false;
            }
        }
    }
}
