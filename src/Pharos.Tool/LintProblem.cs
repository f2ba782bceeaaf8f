namespace Pharos.Tool;

/// <summary>A finding of <c>check metrics</c>: the family it concerns and what is wrong, in promlint's wording.</summary>
/// <param name="Metric">The metric family name.</param>
/// <param name="Text">The problem.</param>
public readonly record struct LintProblem(string Metric, string Text);
