using System.Text;

namespace Pharos.PromQL.Parser;

/// <summary>One parse or type-check error with the position it refers to.</summary>
public sealed class ParseError
{
    /// <summary>Creates an error.</summary>
    /// <param name="position">Where in the query the error is.</param>
    /// <param name="message">The message without position or prefix, e.g. <c>unexpected &lt;by&gt;</c>.</param>
    /// <param name="query">The query text the position refers to.</param>
    public ParseError(PositionRange position, string message, string query)
    {
        Position = position;
        Message = message;
        Query = query;
    }

    /// <summary>Where in the query the error is.</summary>
    public PositionRange Position { get; }

    /// <summary>The bare message, e.g. <c>unexpected &lt;by&gt;</c>.</summary>
    public string Message { get; }

    /// <summary>The query text.</summary>
    public string Query { get; }

    /// <summary>
    /// The 1-based line and column of the start position as upstream prints them: the column counts UTF-8 bytes
    /// since the last line break.
    /// </summary>
    /// <returns>The line and column.</returns>
    public (int Line, int Column) LineAndColumn()
    {
        var start = Math.Clamp(Position.Start, 0, Query.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < start; i++)
        {
            if (Query[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = Encoding.UTF8.GetByteCount(Query.AsSpan(lineStart, start - lineStart)) + 1;
        return (line, column);
    }

    /// <summary>Formats as upstream does: <c>1:14: parse error: unexpected &lt;by&gt;</c>.</summary>
    /// <returns>The full message.</returns>
    public override string ToString()
    {
        var (line, column) = LineAndColumn();
        return $"{line}:{column}: parse error: {Message}";
    }
}
