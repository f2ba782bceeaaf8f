namespace Pharos.PromQL.Engine;

/// <summary>The class of a query failure, mapped to upstream's error types (and HTTP API <c>errorType</c>).</summary>
public enum QueryErrorKind : byte
{
    /// <summary>An evaluation error such as a matching cardinality violation (upstream <c>execution</c>).</summary>
    Execution,

    /// <summary>The query ran longer than its timeout (upstream <c>ErrQueryTimeout</c>).</summary>
    Timeout,

    /// <summary>The query was cancelled by the caller (upstream <c>ErrQueryCanceled</c>).</summary>
    Canceled,

    /// <summary>The query would load more samples than allowed (upstream <c>ErrTooManySamples</c>).</summary>
    TooManySamples,

    /// <summary>The storage failed (upstream <c>ErrStorage</c>).</summary>
    Storage,
}
