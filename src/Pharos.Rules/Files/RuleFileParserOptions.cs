using Pharos.Model;

namespace Pharos.Rules.Files;

/// <summary>How strictly rule files are read.</summary>
public sealed record RuleFileParserOptions
{
    /// <summary>Which metric and label names are valid (Prometheus 3 default: UTF-8).</summary>
    public NameValidationScheme NameValidationScheme { get; init; } = NameValidationScheme.Utf8;

    /// <summary>
    /// Accept a Kubernetes <c>PrometheusRule</c> object and read its <c>spec</c> as the rule file (the operator does
    /// this when it writes rule files; Prometheus itself does not).
    /// </summary>
    public bool UnwrapPrometheusRule { get; init; }
}
