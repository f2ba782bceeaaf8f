using Pharos.Templating.Values;

namespace Pharos.Templating.Prometheus;

/// <summary>
/// The data an alerting rule's annotation and label templates see, as Prometheus's <c>AlertTemplateData</c>:
/// <c>.Labels</c>, <c>.ExternalLabels</c>, <c>.ExternalURL</c>, <c>.Value</c>.
/// </summary>
/// <param name="Labels">The alert's labels.</param>
/// <param name="ExternalLabels">The server's external labels.</param>
/// <param name="ExternalUrl">The server's external URL.</param>
/// <param name="Value">The sample value that triggered the alert.</param>
public sealed record RuleTemplateData(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> ExternalLabels,
    string ExternalUrl,
    double Value) : ITemplateObject
{
    /// <inheritdoc/>
    public string TypeName => "struct";

    /// <inheritdoc/>
    public bool TryGetField(string name, out object? value)
    {
        (var found, value) = name switch
        {
            "Labels" => (true, (object?)Labels),
            "ExternalLabels" => (true, ExternalLabels),
            "ExternalURL" => (true, ExternalUrl),
            "Value" => (true, Value),
            _ => (false, null),
        };
        return found;
    }
}
