using System.Runtime.CompilerServices;
using Pharos.Model;
using Pharos.Templating.Functions;

namespace Pharos.Rules;

/// <summary>
/// What a rule evaluation needs from its group: the query, offset, limit and template settings. <see cref="EvalTime"/>
/// holds the time of the evaluation in progress, for the templates' <c>query</c> function.
/// </summary>
internal sealed record EvalContext(
    QueryFunc Query,
    TimeSpan QueryOffset,
    int Limit,
    Labels ExternalLabels,
    string ExternalUrl,
    TemplateFunctions Functions,
    StrongBox<DateTimeOffset> EvalTime);
