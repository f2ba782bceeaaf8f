namespace Pharos.PromQL.Engine;

/// <summary>The value of a query: one of <see cref="ScalarValue"/>, <see cref="StringValue"/>, <see cref="VectorValue"/> or <see cref="MatrixValue"/>.</summary>
public abstract class QueryValue
{
    /// <summary>The PromQL type of the value.</summary>
    public abstract Parser.ValueType Type { get; }
}
