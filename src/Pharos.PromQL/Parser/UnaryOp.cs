namespace Pharos.PromQL.Parser;

/// <summary>A unary operator.</summary>
public enum UnaryOp : byte
{
    /// <summary><c>-</c>: negation.</summary>
    Minus,

    /// <summary><c>+</c>: identity.</summary>
    Plus,
}
