namespace Pharos.PromQL.Parser;

/// <summary>Parses PromQL text into an <see cref="Expr"/> tree. Thread-safe; every call is independent.</summary>
public static class PromQLParser
{
    /// <summary>Parses and type-checks a PromQL expression.</summary>
    /// <param name="query">The query text.</param>
    /// <param name="options">Feature switches; <see cref="PromQLParserOptions.Default"/> when null.</param>
    /// <returns>The checked syntax tree.</returns>
    /// <exception cref="PromQLParseException">The query is malformed or ill-typed; the only exception thrown for any input.</exception>
    public static Expr ParseExpr(string query, PromQLParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new Parser(query, options ?? PromQLParserOptions.Default).ParseExpression();
    }

    /// <summary>Parses and type-checks a PromQL expression.</summary>
    /// <param name="query">The query text.</param>
    /// <param name="options">Feature switches; <see cref="PromQLParserOptions.Default"/> when null.</param>
    /// <returns>The checked syntax tree.</returns>
    /// <exception cref="PromQLParseException">The query is malformed or ill-typed.</exception>
    public static Expr ParseExpr(ReadOnlySpan<char> query, PromQLParserOptions? options = null) =>
        new Parser(query.ToString(), options ?? PromQLParserOptions.Default).ParseExpression();

    /// <summary>Parses without throwing.</summary>
    /// <param name="query">The query text.</param>
    /// <param name="expr">The tree, or null.</param>
    /// <param name="error">The failure, or null.</param>
    /// <param name="options">Feature switches.</param>
    /// <returns>True on success.</returns>
    public static bool TryParseExpr(
        string query,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Expr? expr,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out PromQLParseException? error,
        PromQLParserOptions? options = null)
    {
        try
        {
            expr = ParseExpr(query, options);
            error = null;
            return true;
        }
        catch (PromQLParseException e)
        {
            expr = null;
            error = e;
            return false;
        }
    }

    /// <summary>
    /// Parses a series selector as used by <c>match[]</c> API parameters (<c>up{job="x"}</c>): a vector selector
    /// without offset or <c>@</c>.
    /// </summary>
    /// <param name="selector">The selector text.</param>
    /// <returns>The matchers, the name matcher included.</returns>
    /// <exception cref="PromQLParseException">The text is not a bare vector selector.</exception>
    public static Pharos.Model.Matcher[] ParseMetricSelector(string selector)
    {
        var expr = ParseExpr(selector);
        if (expr is VectorSelector { OffsetMs: 0, OffsetExpr: null, TimestampMs: null, At: AtModifier.None } vs)
        {
            return vs.Matchers;
        }

        throw new PromQLParseException([new ParseError(expr.Position, "expected a vector selector", selector)]);
    }
}
