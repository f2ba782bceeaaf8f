namespace Pharos.PromQL.Parser;

/// <summary>A binary operator.</summary>
public enum BinaryOp : byte
{
    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Sub,

    /// <summary><c>*</c></summary>
    Mul,

    /// <summary><c>/</c></summary>
    Div,

    /// <summary><c>%</c></summary>
    Mod,

    /// <summary><c>^</c> (right-associative)</summary>
    Pow,

    /// <summary><c>atan2</c></summary>
    Atan2,

    /// <summary><c>==</c></summary>
    Eql,

    /// <summary><c>!=</c></summary>
    Neq,

    /// <summary><c>&gt;</c></summary>
    Gtr,

    /// <summary><c>&lt;</c></summary>
    Lss,

    /// <summary><c>&gt;=</c></summary>
    Gte,

    /// <summary><c>&lt;=</c></summary>
    Lte,

    /// <summary><c>and</c></summary>
    And,

    /// <summary><c>or</c></summary>
    Or,

    /// <summary><c>unless</c></summary>
    Unless,

    /// <summary><c>&lt;/</c>: trims native histogram buckets above the operand.</summary>
    TrimUpper,

    /// <summary><c>&gt;/</c>: trims native histogram buckets below the operand.</summary>
    TrimLower,
}
