using Pharos.Templating.Values;

namespace Pharos.Templating.Prometheus;

/// <summary>One sample of a template <c>query</c> result, as Prometheus's template <c>sample</c>: <c>.Labels</c> and <c>.Value</c>.</summary>
/// <param name="Labels">The series labels, the metric name under <c>__name__</c>.</param>
/// <param name="Value">The sample value.</param>
public sealed record QuerySample(IReadOnlyDictionary<string, string> Labels, double Value) : ITemplateObject
{
    /// <inheritdoc/>
    public string TypeName => "*template.sample";

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "Labels" => (true, (object?)Labels),
            "Value" => (true, Value),
            _ => (false, null),
        };
        return found;
    }
}
