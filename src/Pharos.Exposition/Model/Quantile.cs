namespace Pharos.Exposition.Model;

/// <summary>One quantile of a summary: the rank (0..1) and the observed value at that rank.</summary>
/// <param name="Rank">The quantile, the value of the <c>quantile</c> label.</param>
/// <param name="Value">The observed value.</param>
public readonly record struct Quantile(double Rank, double Value);
