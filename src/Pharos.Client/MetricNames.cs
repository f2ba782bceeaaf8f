using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Pharos.Client;

/// <summary>Validation of metric and label names against the legacy Prometheus character set.</summary>
internal static class MetricNames
{
    /// <summary>True when <paramref name="name"/> matches <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>.</summary>
    public static bool IsValidMetricName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="name"/> matches <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsValidLabelName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static void ValidateMetricName(string name, [CallerArgumentExpression(nameof(name))] string? parameter = null)
    {
        if (!IsValidMetricName(name))
        {
            ThrowInvalid($"'{name}' is not a valid metric name: it must match [a-zA-Z_:][a-zA-Z0-9_:]*.", parameter);
        }
    }

    /// <summary>Checks label names: legacy charset, no <c>__</c> prefix (reserved for Prometheus), no duplicates, none in <paramref name="reserved"/>.</summary>
    public static string[] ValidateLabelNames(IReadOnlyList<string>? names, string metricName, params ReadOnlySpan<string> reserved)
    {
        if (names is null || names.Count == 0)
        {
            return [];
        }

        var result = new string[names.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var name = names[i];
            if (!IsValidLabelName(name))
            {
                ThrowInvalid($"'{name}' is not a valid label name for metric '{metricName}': it must match [a-zA-Z_][a-zA-Z0-9_]*.", nameof(names));
            }

            if (name.StartsWith("__", StringComparison.Ordinal))
            {
                ThrowInvalid($"Label name '{name}' on metric '{metricName}' is reserved: names starting with '__' belong to Prometheus.", nameof(names));
            }

            foreach (var r in reserved)
            {
                if (name == r)
                {
                    ThrowInvalid($"Label name '{name}' is reserved on metric '{metricName}'.", nameof(names));
                }
            }

            for (var j = 0; j < i; j++)
            {
                if (result[j] == name)
                {
                    ThrowInvalid($"Label name '{name}' appears twice on metric '{metricName}'.", nameof(names));
                }
            }

            result[i] = name;
        }

        return result;
    }

    [DoesNotReturn]
    public static void ThrowInvalid(string message, string? parameter) => throw new ArgumentException(message, parameter);
}
