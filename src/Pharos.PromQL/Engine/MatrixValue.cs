namespace Pharos.PromQL.Engine;

/// <summary>A range-vector result: series sorted by labels, as Prometheus returns range-query results.</summary>
/// <param name="series">The series.</param>
public sealed class MatrixValue(IReadOnlyList<Series> series) : QueryValue
{
    /// <summary>The series.</summary>
    public IReadOnlyList<Series> Series { get; } = series;

    /// <inheritdoc />
    public override Parser.ValueType Type => Parser.ValueType.Matrix;
}
