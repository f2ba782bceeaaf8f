namespace Pharos.PromQL.Engine;

/// <summary>An instant-vector result, in the order the engine produced it (which matters after <c>sort</c> or <c>topk</c>).</summary>
/// <param name="samples">The samples.</param>
public sealed class VectorValue(IReadOnlyList<Sample> samples) : QueryValue
{
    /// <summary>The samples.</summary>
    public IReadOnlyList<Sample> Samples { get; } = samples;

    /// <inheritdoc />
    public override Parser.ValueType Type => Parser.ValueType.Vector;
}
