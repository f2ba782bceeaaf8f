using Pharos.Templating.Functions;

namespace Pharos.Templating.Prometheus;

/// <summary>
/// Expands alerting-rule annotation and label templates as Prometheus's rule evaluation does: the text is prefixed
/// with the variable definitions (<c>$labels</c>, <c>$externalLabels</c>, <c>$externalURL</c>, <c>$value</c>), parsed
/// under the name <c>__alert_RULENAME</c> with <c>missingkey=zero</c>, and a failure becomes the annotation text
/// <c>&lt;error expanding template: …&gt;</c> rather than an exception.
/// </summary>
public static class AlertTemplateExpander
{
    /// <summary>The definitions Prometheus puts before every alert template, on the template's first line.</summary>
    public const string VariableDefinitions =
        "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    /// <summary>The template name Prometheus uses for a rule's templates.</summary>
    /// <param name="ruleName">The alerting rule's name.</param>
    /// <returns><c>__alert_</c> followed by the rule name.</returns>
    public static string TemplateName(string ruleName) => "__alert_" + ruleName;

    /// <summary>Parses an annotation or label template as <c>promtool check rules</c> does.</summary>
    /// <param name="ruleName">The alerting rule's name.</param>
    /// <param name="text">The template text, without the variable definitions.</param>
    /// <param name="functions">The function table; Prometheus's functions without a query function when null.</param>
    /// <param name="error">The parse error worded as Prometheus words it, when parsing fails.</param>
    /// <returns>Whether the template parses.</returns>
    public static bool TryParse(string ruleName, string text, TemplateFunctions? functions, out string? error)
    {
        var name = TemplateName(ruleName);
        try
        {
            Template.Parse(name, VariableDefinitions + text, Options(functions));
            error = null;
            return true;
        }
        catch (TemplateException ex)
        {
            error = $"error parsing template {name}: {ex.Message}";
            return false;
        }
    }

    /// <summary>Expands <paramref name="text"/>; on failure returns the error text Prometheus puts in the annotation.</summary>
    /// <param name="ruleName">The alerting rule's name.</param>
    /// <param name="text">The template text, without the variable definitions.</param>
    /// <param name="data">The alert's labels, value and the server's external labels and URL.</param>
    /// <param name="functions">The function table, typically from <see cref="PrometheusFunctions.Create"/>.</param>
    /// <param name="cancellationToken">Bounds the expansion.</param>
    /// <returns>The expansion, or <c>&lt;error expanding template: …&gt;</c>.</returns>
    public static string Expand(string ruleName, string text, RuleTemplateData data, TemplateFunctions? functions, CancellationToken cancellationToken = default) =>
        TryExpand(ruleName, text, data, functions, out var result, out var error, cancellationToken)
            ? result
            : $"<error expanding template: {error}>";

    /// <summary>Expands <paramref name="text"/>, reporting failure through <paramref name="error"/>.</summary>
    /// <param name="ruleName">The alerting rule's name.</param>
    /// <param name="text">The template text, without the variable definitions.</param>
    /// <param name="data">The alert's labels, value and the server's external labels and URL.</param>
    /// <param name="functions">The function table.</param>
    /// <param name="result">The expansion, empty on failure.</param>
    /// <param name="error">Prometheus's wording of the failure.</param>
    /// <param name="cancellationToken">Bounds the expansion.</param>
    /// <returns>Whether expansion succeeded.</returns>
    public static bool TryExpand(string ruleName, string text, RuleTemplateData data, TemplateFunctions? functions, out string result, out string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = TemplateName(ruleName);
        result = "";
        Template template;
        try
        {
            template = Template.Parse(name, VariableDefinitions + text, Options(functions));
        }
        catch (TemplateException ex)
        {
            error = $"error parsing template {name}: {ex.Message}";
            return false;
        }

        try
        {
            result = template.Execute(data, cancellationToken);
            error = null;
            return true;
        }
        catch (TemplateException ex)
        {
            error = $"error executing template {name}: {ex.Message}";
            return false;
        }
    }

    private static TemplateOptions Options(TemplateFunctions? functions) => new()
    {
        Functions = functions ?? PrometheusFunctions.Create(new PrometheusTemplateContext()),
        MissingKey = MissingKeyOption.Zero,
    };
}
