using System.Collections.Frozen;

namespace Pharos.PromQL.Parser;

/// <summary>
/// Every function of Prometheus 3.14 with its signature: the single source of truth for the parser's type checks
/// and for the engine's dispatch table. Experimental entries need
/// <see cref="PromQLParserOptions.EnableExperimentalFunctions"/>.
/// </summary>
public static class PromQLFunctions
{
    private static readonly FrozenDictionary<string, PromQLFunction> ByName = new PromQLFunction[]
    {
        F("abs", [ValueType.Vector], 0, ValueType.Vector, false),
        F("absent", [ValueType.Vector], 0, ValueType.Vector, false),
        F("absent_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("acos", [ValueType.Vector], 0, ValueType.Vector, false),
        F("acosh", [ValueType.Vector], 0, ValueType.Vector, false),
        F("asin", [ValueType.Vector], 0, ValueType.Vector, false),
        F("asinh", [ValueType.Vector], 0, ValueType.Vector, false),
        F("atan", [ValueType.Vector], 0, ValueType.Vector, false),
        F("atanh", [ValueType.Vector], 0, ValueType.Vector, false),
        F("avg_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("ceil", [ValueType.Vector], 0, ValueType.Vector, false),
        F("changes", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("clamp", [ValueType.Vector, ValueType.Scalar, ValueType.Scalar], 0, ValueType.Vector, false),
        F("clamp_max", [ValueType.Vector, ValueType.Scalar], 0, ValueType.Vector, false),
        F("clamp_min", [ValueType.Vector, ValueType.Scalar], 0, ValueType.Vector, false),
        F("cos", [ValueType.Vector], 0, ValueType.Vector, false),
        F("cosh", [ValueType.Vector], 0, ValueType.Vector, false),
        F("count_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("day_of_month", [ValueType.Vector], 1, ValueType.Vector, false),
        F("day_of_week", [ValueType.Vector], 1, ValueType.Vector, false),
        F("day_of_year", [ValueType.Vector], 1, ValueType.Vector, false),
        F("days_in_month", [ValueType.Vector], 1, ValueType.Vector, false),
        F("deg", [ValueType.Vector], 0, ValueType.Vector, false),
        F("delta", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("deriv", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("double_exponential_smoothing", [ValueType.Matrix, ValueType.Scalar, ValueType.Scalar], 0, ValueType.Vector, true),
        F("end", [], 0, ValueType.Scalar, true),
        F("exp", [ValueType.Vector], 0, ValueType.Vector, false),
        F("first_over_time", [ValueType.Matrix], 0, ValueType.Vector, true),
        F("floor", [ValueType.Vector], 0, ValueType.Vector, false),
        F("histogram_avg", [ValueType.Vector], 0, ValueType.Vector, false),
        F("histogram_count", [ValueType.Vector], 0, ValueType.Vector, false),
        F("histogram_fraction", [ValueType.Scalar, ValueType.Scalar, ValueType.Vector], 0, ValueType.Vector, false),
        F("histogram_quantile", [ValueType.Scalar, ValueType.Vector], 0, ValueType.Vector, false),
        F("histogram_quantiles", [ValueType.Vector, ValueType.String, ValueType.Scalar, ValueType.Scalar], 9, ValueType.Vector, true),
        F("histogram_stddev", [ValueType.Vector], 0, ValueType.Vector, false),
        F("histogram_stdvar", [ValueType.Vector], 0, ValueType.Vector, false),
        F("histogram_sum", [ValueType.Vector], 0, ValueType.Vector, false),
        F("hour", [ValueType.Vector], 1, ValueType.Vector, false),
        F("idelta", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("increase", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("info", [ValueType.Vector, ValueType.Vector], 1, ValueType.Vector, true),
        F("integral", [ValueType.Matrix, ValueType.Scalar], 1, ValueType.Vector, true),
        F("irate", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("label_join", [ValueType.Vector, ValueType.String, ValueType.String, ValueType.String], -1, ValueType.Vector, false),
        F("label_replace", [ValueType.Vector, ValueType.String, ValueType.String, ValueType.String, ValueType.String], 0, ValueType.Vector, false),
        F("last_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("ln", [ValueType.Vector], 0, ValueType.Vector, false),
        F("log10", [ValueType.Vector], 0, ValueType.Vector, false),
        F("log2", [ValueType.Vector], 0, ValueType.Vector, false),
        F("mad_over_time", [ValueType.Matrix], 0, ValueType.Vector, true),
        F("max_of", [ValueType.Scalar, ValueType.Scalar], 0, ValueType.Scalar, true),
        F("max_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("min_of", [ValueType.Scalar, ValueType.Scalar], 0, ValueType.Scalar, true),
        F("min_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("minute", [ValueType.Vector], 1, ValueType.Vector, false),
        F("month", [ValueType.Vector], 1, ValueType.Vector, false),
        F("pi", [], 0, ValueType.Scalar, false),
        F("predict_linear", [ValueType.Matrix, ValueType.Scalar], 0, ValueType.Vector, false),
        F("present_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("quantile_over_time", [ValueType.Scalar, ValueType.Matrix], 0, ValueType.Vector, false),
        F("rad", [ValueType.Vector], 0, ValueType.Vector, false),
        F("range", [], 0, ValueType.Scalar, true),
        F("rate", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("resets", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("round", [ValueType.Vector, ValueType.Scalar], 1, ValueType.Vector, false),
        F("scalar", [ValueType.Vector], 0, ValueType.Scalar, false),
        F("sgn", [ValueType.Vector], 0, ValueType.Vector, false),
        F("sin", [ValueType.Vector], 0, ValueType.Vector, false),
        F("sinh", [ValueType.Vector], 0, ValueType.Vector, false),
        F("sort", [ValueType.Vector], 0, ValueType.Vector, false),
        F("sort_by_label", [ValueType.Vector, ValueType.String], -1, ValueType.Vector, true),
        F("sort_by_label_desc", [ValueType.Vector, ValueType.String], -1, ValueType.Vector, true),
        F("sort_desc", [ValueType.Vector], 0, ValueType.Vector, false),
        F("sqrt", [ValueType.Vector], 0, ValueType.Vector, false),
        F("start", [], 0, ValueType.Scalar, true),
        F("start_timestamp", [ValueType.Vector], 0, ValueType.Vector, true),
        F("stddev_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("stdvar_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("step", [], 0, ValueType.Scalar, true),
        F("sum_over_time", [ValueType.Matrix], 0, ValueType.Vector, false),
        F("tan", [ValueType.Vector], 0, ValueType.Vector, false),
        F("tanh", [ValueType.Vector], 0, ValueType.Vector, false),
        F("time", [], 0, ValueType.Scalar, false),
        F("timestamp", [ValueType.Vector], 0, ValueType.Vector, false),
        F("ts_of_first_over_time", [ValueType.Matrix], 0, ValueType.Vector, true),
        F("ts_of_last_over_time", [ValueType.Matrix], 0, ValueType.Vector, true),
        F("ts_of_max_over_time", [ValueType.Matrix], 0, ValueType.Vector, true),
        F("ts_of_min_over_time", [ValueType.Matrix], 0, ValueType.Vector, true),
        F("vector", [ValueType.Scalar], 0, ValueType.Vector, false),
        F("year", [ValueType.Vector], 1, ValueType.Vector, false),
    }.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PromQLFunction>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>All functions by name (names are case-sensitive).</summary>
    public static IReadOnlyDictionary<string, PromQLFunction> All => ByName;

    /// <summary>Looks a function up by name.</summary>
    /// <param name="name">The name as written.</param>
    /// <param name="function">The function, or null.</param>
    /// <returns>True when the function exists.</returns>
    public static bool TryGet(ReadOnlySpan<char> name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PromQLFunction? function) =>
        SpanLookup.TryGetValue(name, out function);

    private static PromQLFunction F(string name, ValueType[] args, int variadic, ValueType returns, bool experimental) =>
        new(name, args, variadic, returns, experimental);
}
