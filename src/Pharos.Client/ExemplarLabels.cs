namespace Pharos.Client;

/// <summary>
/// The labels of an exemplar, usually a trace id, attached to a counter increment or a histogram observation.
/// OpenMetrics limits the names and values together to 128 characters.
/// </summary>
public readonly struct ExemplarLabels
{
    /// <summary>The most characters OpenMetrics allows across an exemplar's label names and values.</summary>
    public const int MaxRunes = 128;

    private ExemplarLabels(string[] names, string[] values)
    {
        Names = names;
        Values = values;
    }

    /// <summary>An empty label set: the observation carries no exemplar.</summary>
    public static ExemplarLabels None => default;

    /// <summary>True when this value carries no labels.</summary>
    public bool IsEmpty => Names is null || Names.Length == 0;

    internal string[]? Names { get; }

    internal string[]? Values { get; }

    /// <summary>Creates a one-label exemplar, for example <c>ExemplarLabels.From("trace_id", id)</c>.</summary>
    /// <param name="name">The label name.</param>
    /// <param name="value">The label value.</param>
    /// <returns>The validated label set.</returns>
    public static ExemplarLabels From(string name, string value) => Create([name], [value]);

    /// <summary>Creates a two-label exemplar.</summary>
    /// <param name="name1">The first label name.</param>
    /// <param name="value1">The first label value.</param>
    /// <param name="name2">The second label name.</param>
    /// <param name="value2">The second label value.</param>
    /// <returns>The validated label set.</returns>
    public static ExemplarLabels From(string name1, string value1, string name2, string value2) => Create([name1, name2], [value1, value2]);

    /// <summary>Creates an exemplar from any number of label pairs.</summary>
    /// <param name="labels">The label pairs, in exposition order.</param>
    /// <returns>The validated label set.</returns>
    public static ExemplarLabels From(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var list = labels.ToList();
        return Create([.. list.Select(p => p.Key)], [.. list.Select(p => p.Value)]);
    }

    private static ExemplarLabels Create(string[] names, string[] values)
    {
        var runes = 0;
        for (var i = 0; i < names.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(values[i]);
            if (!MetricNames.IsValidLabelName(names[i]))
            {
                MetricNames.ThrowInvalid($"'{names[i]}' is not a valid exemplar label name.", nameof(names));
            }

            runes += CountRunes(names[i]) + CountRunes(values[i]);
        }

        if (runes > MaxRunes)
        {
            MetricNames.ThrowInvalid($"Exemplar labels are {runes} characters long; OpenMetrics allows at most {MaxRunes}.", nameof(names));
        }

        return new ExemplarLabels(names, values);
    }

    private static int CountRunes(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            n++;
        }

        return n;
    }
}
