namespace Pharos.Templating.Prometheus;

/// <summary>
/// Runs an instant PromQL query for the template <c>query</c> function at the evaluation time the host chose. Throw
/// to report a query error; it reaches the template as the function's error.
/// </summary>
/// <param name="query">The PromQL expression.</param>
/// <param name="cancellationToken">Cancels the query with the template execution.</param>
/// <returns>The resulting vector (a scalar as one sample without labels).</returns>
public delegate IReadOnlyList<QuerySample> TemplateQueryFunc(string query, CancellationToken cancellationToken);
