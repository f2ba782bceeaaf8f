namespace Pharos.Templating.Functions;

/// <summary>What a template function may use from the running execution. Valid only during the call.</summary>
/// <param name="CancellationToken">Cancels the execution; long-running functions (such as <c>query</c>) should honour it.</param>
/// <param name="TimeProvider">The clock for functions such as <c>since</c>.</param>
public sealed record TemplateCallContext(CancellationToken CancellationToken, TimeProvider TimeProvider);
