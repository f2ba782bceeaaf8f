namespace Pharos.PromQL.Engine;

/// <summary>A query failed while it was evaluated. The message reads as upstream's.</summary>
public sealed class PromQLQueryException : Exception
{
    /// <summary>Creates an execution error.</summary>
    public PromQLQueryException()
        : this(QueryErrorKind.Execution, "query failed")
    {
    }

    /// <summary>Creates an execution error.</summary>
    /// <param name="message">The message.</param>
    public PromQLQueryException(string message)
        : this(QueryErrorKind.Execution, message)
    {
    }

    /// <summary>Creates an execution error wrapping another.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PromQLQueryException(string message, Exception innerException)
        : base(message, innerException) => Kind = QueryErrorKind.Execution;

    /// <summary>Creates an error of a given kind.</summary>
    /// <param name="kind">The class of failure.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, or null.</param>
    public PromQLQueryException(QueryErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException) => Kind = kind;

    /// <summary>The class of failure.</summary>
    public QueryErrorKind Kind { get; }
}
