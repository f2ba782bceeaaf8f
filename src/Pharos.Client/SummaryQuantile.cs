namespace Pharos.Client;

/// <summary>A quantile estimate of a custom collector's summary point.</summary>
/// <param name="Quantile">The quantile, in [0, 1].</param>
/// <param name="Value">The estimate.</param>
public readonly record struct SummaryQuantile(double Quantile, double Value);
