namespace Pharos.PromQL.Parser;

/// <summary>How series on the two sides of a binary operation are paired.</summary>
public enum VectorMatchCardinality : byte
{
    /// <summary>Each series matches at most one on the other side.</summary>
    OneToOne,

    /// <summary><c>group_left</c>: many left series per right series.</summary>
    ManyToOne,

    /// <summary><c>group_right</c>: many right series per left series.</summary>
    OneToMany,

    /// <summary>Set operators: any number on both sides.</summary>
    ManyToMany,
}
