namespace Pharos.Web.Api;

/// <summary>An API call failed in a way the client is told about with <c>"status":"error"</c>.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates a <c>bad_data</c> error.</summary>
    public ApiException()
        : this(ApiErrorType.Internal, "internal error")
    {
    }

    /// <summary>Creates a <c>bad_data</c> error.</summary>
    /// <param name="message">The message.</param>
    public ApiException(string message)
        : this(ApiErrorType.BadData, message)
    {
    }

    /// <summary>Creates an internal error wrapping another.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ApiException(string message, Exception innerException)
        : base(message, innerException) => Type = ApiErrorType.Internal;

    /// <summary>Creates an error of a given type.</summary>
    /// <param name="type">The error type.</param>
    /// <param name="message">The message as the client sees it.</param>
    public ApiException(ApiErrorType type, string message)
        : base(message) => Type = type;

    /// <summary>The error type.</summary>
    public ApiErrorType Type { get; }

    /// <summary>The upstream wire name of an error type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>For example <c>bad_data</c>.</returns>
    public static string WireName(ApiErrorType type) => type switch
    {
        ApiErrorType.BadData => "bad_data",
        ApiErrorType.Execution => "execution",
        ApiErrorType.Timeout => "timeout",
        ApiErrorType.Canceled => "canceled",
        ApiErrorType.Unavailable => "unavailable",
        ApiErrorType.NotFound => "not_found",
        _ => "internal",
    };

    /// <summary>The HTTP status upstream answers an error type with.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The status code.</returns>
    public static int StatusCode(ApiErrorType type) => type switch
    {
        ApiErrorType.BadData => 400,
        ApiErrorType.Execution => 422,
        ApiErrorType.Timeout or ApiErrorType.Canceled or ApiErrorType.Unavailable => 503,
        ApiErrorType.NotFound => 404,
        _ => 500,
    };

    /// <summary>An <c>invalid parameter "name": cause</c> error, as upstream's <c>invalidParamError</c>.</summary>
    /// <param name="parameter">The parameter name.</param>
    /// <param name="cause">What is wrong.</param>
    /// <returns>The exception.</returns>
    public static ApiException InvalidParameter(string parameter, string cause) =>
        new(ApiErrorType.BadData, $"invalid parameter \"{parameter}\": {cause}");
}
