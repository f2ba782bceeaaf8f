using Pharos.Model;

namespace Pharos.Tool;

/// <summary>
/// The naming and metadata rules of promtool's metrics linter (client_golang's promlint), one family at a time.
/// The wording of every problem is promlint's, so scripts that grep promtool's output keep working.
/// </summary>
public static class MetricsLintRules
{
    // Known units and the base unit each should be expressed in.
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["amperes"] = "amperes",
        ["bytes"] = "bytes",
        ["celsius"] = "celsius",
        ["grams"] = "grams",
        ["joules"] = "joules",
        ["kelvin"] = "kelvin",
        ["meters"] = "meters",
        ["metres"] = "metres",
        ["seconds"] = "seconds",
        ["volts"] = "volts",
        ["minutes"] = "seconds",
        ["hours"] = "seconds",
        ["days"] = "seconds",
        ["weeks"] = "seconds",
        ["kelvins"] = "kelvin",
        ["fahrenheit"] = "celsius",
        ["rankine"] = "celsius",
        ["inches"] = "meters",
        ["yards"] = "meters",
        ["miles"] = "meters",
        ["bits"] = "bytes",
        ["calories"] = "joules",
        ["pounds"] = "grams",
        ["ounces"] = "grams",
    };

    private static readonly string[] UnitPrefixes =
        ["pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega", "mibi", "giga", "gibi", "tera", "tebi", "peta", "pebi"];

    private static readonly string[] UnitAbbreviations = ["s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d"];

    // The protobuf type names promlint checks for in metric names (every type but untyped).
    private static readonly string[] TypeNames = ["counter", "gauge", "summary", "histogram", "gauge_histogram"];

    /// <summary>All problems of one family.</summary>
    /// <param name="name">The family name.</param>
    /// <param name="type">The declared type (unknown when untyped).</param>
    /// <param name="hasHelp">Whether a HELP line was present.</param>
    /// <param name="labelNames">Label names used by the family's series, without <c>__name__</c> and the type's own <c>le</c>/<c>quantile</c> handling.</param>
    /// <returns>The problems, unsorted.</returns>
    public static IEnumerable<LintProblem> Check(string name, MetricType type, bool hasHelp, IReadOnlyCollection<string> labelNames)
    {
        if (!hasHelp)
        {
            yield return new(name, "no help text");
        }

        if (TryFindUnit(name, out var unit, out var baseUnit) && unit != baseUnit)
        {
            yield return new(name, $"use base unit \"{baseUnit}\" instead of \"{unit}\"");
        }

        var isCounter = type == MetricType.Counter;
        var isUntyped = type == MetricType.Unknown;
        var hasTotal = name.EndsWith("_total", StringComparison.Ordinal);
        if (isCounter && !hasTotal)
        {
            yield return new(name, "counter metrics should have \"_total\" suffix");
        }
        else if (!isUntyped && !isCounter && hasTotal)
        {
            yield return new(name, "non-counter metrics should not have \"_total\" suffix");
        }

        if (!isUntyped)
        {
            var isHistogram = type == MetricType.Histogram;
            var isSummary = type == MetricType.Summary;
            if (!isHistogram && name.EndsWith("_bucket", StringComparison.Ordinal))
            {
                yield return new(name, "non-histogram metrics should not have \"_bucket\" suffix");
            }

            if (!isHistogram && !isSummary && name.EndsWith("_count", StringComparison.Ordinal))
            {
                yield return new(name, "non-histogram and non-summary metrics should not have \"_count\" suffix");
            }

            if (!isHistogram && !isSummary && name.EndsWith("_sum", StringComparison.Ordinal))
            {
                yield return new(name, "non-histogram and non-summary metrics should not have \"_sum\" suffix");
            }

            if (!isHistogram && labelNames.Contains(LabelNames.BucketUpperBound))
            {
                yield return new(name, "non-histogram metrics should not have \"le\" label");
            }

            if (!isSummary && labelNames.Contains(LabelNames.Quantile))
            {
                yield return new(name, "non-summary metrics should not have \"quantile\" label");
            }
        }

        var lower = name.ToLowerInvariant();
        foreach (var typeName in TypeNames)
        {
            if (ContainsWord(lower, typeName))
            {
                yield return new(name, $"metric name should not include type '{typeName}'");
            }
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            yield return new(name, "metric names should not contain ':'");
        }

        if (IsCamelCase(name))
        {
            yield return new(name, "metric names should be written in 'snake_case' not 'camelCase'");
        }

        foreach (var label in labelNames)
        {
            if (IsCamelCase(label))
            {
                yield return new(name, "label names should be written in 'snake_case' not 'camelCase'");
            }
        }

        foreach (var abbreviation in UnitAbbreviations)
        {
            if (ContainsWord(lower, abbreviation))
            {
                yield return new(name, "metric names should not contain abbreviated units");
            }
        }
    }

    private static bool ContainsWord(string lowerName, string word) =>
        lowerName.Contains("_" + word + "_", StringComparison.Ordinal) || lowerName.EndsWith("_" + word, StringComparison.Ordinal);

    private static bool IsCamelCase(string name)
    {
        for (var i = 1; i < name.Length; i++)
        {
            if (char.IsAsciiLetterLower(name[i - 1]) && char.IsAsciiLetterUpper(name[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryFindUnit(string name, out string unit, out string baseUnit)
    {
        foreach (var part in name.Split('_'))
        {
            if (Units.TryGetValue(part, out baseUnit!))
            {
                unit = part;
                return true;
            }

            foreach (var prefix in UnitPrefixes)
            {
                if (part.StartsWith(prefix, StringComparison.Ordinal) && Units.TryGetValue(part[prefix.Length..], out baseUnit!))
                {
                    unit = part;
                    return true;
                }
            }
        }

        unit = baseUnit = string.Empty;
        return false;
    }
}
