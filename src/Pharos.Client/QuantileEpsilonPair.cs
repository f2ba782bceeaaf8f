namespace Pharos.Client;

/// <summary>A quantile to track and the rank error allowed for it: 0.99 with 0.001 means a rank in [0.989, 0.991].</summary>
/// <param name="Quantile">The quantile, in [0, 1].</param>
/// <param name="Epsilon">The allowed absolute rank error, in [0, 1].</param>
public readonly record struct QuantileEpsilonPair(double Quantile, double Epsilon);
