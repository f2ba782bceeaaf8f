using Pharos.Templating.Values;

namespace Pharos.Templating.Functions;

/// <summary>
/// <c>eq</c>, <c>lt</c> and friends with Go's rules: only basic kinds (bool, int, float, string) compare; an int and
/// a float never do (<c>incompatible types for comparison</c>), as Go refuses <c>gt $value 1</c> for a float value.
/// </summary>
internal static partial class BuiltinFunctions
{
    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
    }

    private static Kind KindOf(object? v) => v switch
    {
        bool => Kind.Bool,
        string or SafeHtml or SafeUrl => Kind.String,
        double or float => Kind.Float,
        _ when GoValues.IsInt(v) => Kind.Int,
        _ => Kind.Invalid,
    };

    private static bool Eq(IReadOnlyList<object?> args)
    {
        var a = args[0];
        var ka = KindOf(a);
        if (args.Count == 1)
        {
            throw new TemplateFunctionException("missing argument for comparison");
        }

        for (var i = 1; i < args.Count; i++)
        {
            var b = args[i];
            var kb = KindOf(b);
            bool equal;
            if (ka == Kind.Invalid || kb == Kind.Invalid)
            {
                if (a is null || b is null)
                {
                    equal = a is null && b is null;
                }
                else if (a.GetType() == b.GetType() && a is not System.Collections.IEnumerable)
                {
                    equal = a.Equals(b);
                }
                else
                {
                    throw new TemplateFunctionException(a.GetType() == b.GetType() ? "invalid type for comparison" : "incompatible types for comparison");
                }
            }
            else if (ka != kb)
            {
                throw new TemplateFunctionException("incompatible types for comparison");
            }
            else
            {
                equal = ka switch
                {
                    Kind.Bool => (bool)a! == (bool)b!,
                    Kind.Int => GoValues.ToInt64(a) == GoValues.ToInt64(b),
                    Kind.Float => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture),
                    _ => string.Equals(a!.ToString(), b!.ToString(), StringComparison.Ordinal),
                };
            }

            if (equal)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Less(object? a, object? b)
    {
        var ka = KindOf(a);
        var kb = KindOf(b);
        if (ka is Kind.Invalid or Kind.Bool || kb is Kind.Invalid or Kind.Bool)
        {
            throw new TemplateFunctionException("invalid type for comparison");
        }

        if (ka != kb)
        {
            throw new TemplateFunctionException("incompatible types for comparison");
        }

        return ka switch
        {
            Kind.Int => GoValues.ToInt64(a) < GoValues.ToInt64(b),
            Kind.Float => Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture) < Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture),
            _ => string.CompareOrdinal(a!.ToString(), b!.ToString()) < 0,
        };
    }
}
