namespace Pharos.PromQL.Parser;

/// <summary>The type a PromQL expression evaluates to.</summary>
public enum ValueType : byte
{
    /// <summary>No value (an invalid or unchecked node).</summary>
    None,

    /// <summary>A single number.</summary>
    Scalar,

    /// <summary>An instant vector: one sample per series.</summary>
    Vector,

    /// <summary>A range vector: a window of samples per series.</summary>
    Matrix,

    /// <summary>A string.</summary>
    String,
}
