namespace Pharos.Web.Api;

/// <summary>The <c>errorType</c> values of the HTTP API, each with its upstream HTTP status.</summary>
public enum ApiErrorType : byte
{
    /// <summary><c>bad_data</c>, 400: a parameter is missing or malformed.</summary>
    BadData,

    /// <summary><c>execution</c>, 422: the query failed while it ran.</summary>
    Execution,

    /// <summary><c>timeout</c>, 503: the query ran out of time.</summary>
    Timeout,

    /// <summary><c>canceled</c>, 503: the query was cancelled.</summary>
    Canceled,

    /// <summary><c>internal</c>, 500: a storage or server failure.</summary>
    Internal,

    /// <summary><c>unavailable</c>, 503: the feature is switched off or not ready.</summary>
    Unavailable,

    /// <summary><c>not_found</c>, 404.</summary>
    NotFound,
}
