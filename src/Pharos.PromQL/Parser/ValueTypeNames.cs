namespace Pharos.PromQL.Parser;

/// <summary>The names upstream uses for value types in messages and in the HTTP API.</summary>
public static class ValueTypeNames
{
    /// <summary>The name used in error messages: <c>instant vector</c>, <c>range vector</c>, <c>scalar</c>, <c>string</c>.</summary>
    /// <param name="type">The value type.</param>
    /// <returns>The documented name.</returns>
    public static string Documented(ValueType type) => type switch
    {
        ValueType.Scalar => "scalar",
        ValueType.Vector => "instant vector",
        ValueType.Matrix => "range vector",
        ValueType.String => "string",
        _ => "none",
    };

    /// <summary>The name used in the HTTP API's <c>resultType</c>: <c>vector</c>, <c>matrix</c>, <c>scalar</c>, <c>string</c>.</summary>
    /// <param name="type">The value type.</param>
    /// <returns>The API name.</returns>
    public static string Api(ValueType type) => type switch
    {
        ValueType.Scalar => "scalar",
        ValueType.Vector => "vector",
        ValueType.Matrix => "matrix",
        ValueType.String => "string",
        _ => "none",
    };
}
