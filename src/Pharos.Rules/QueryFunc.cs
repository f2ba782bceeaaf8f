using Pharos.PromQL.Engine;

namespace Pharos.Rules;

/// <summary>
/// Runs an instant query for a rule (upstream <c>rules.QueryFunc</c>). A scalar result comes back as one sample
/// without labels; a string result is an error. Throw to report a failed query: the rule's health becomes <c>err</c>.
/// </summary>
/// <param name="expr">The rule's PromQL expression.</param>
/// <param name="time">The evaluation time (already shifted back by the group's query offset).</param>
/// <param name="cancellationToken">Cancels the query when the group stops.</param>
/// <returns>The samples of the resulting vector.</returns>
public delegate ValueTask<IReadOnlyList<Sample>> QueryFunc(string expr, DateTimeOffset time, CancellationToken cancellationToken);
