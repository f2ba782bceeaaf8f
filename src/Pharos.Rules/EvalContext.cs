using Pharos.Model;
using Pharos.Templating.Functions;

namespace Pharos.Rules;

/// <summary>What a rule evaluation needs from its group: the query, offset, limit and template settings.</summary>
internal sealed record EvalContext(
    QueryFunc Query,
    TimeSpan QueryOffset,
    int Limit,
    Labels ExternalLabels,
    string ExternalUrl,
    TemplateFunctions Functions);
