using System.Collections.Frozen;

namespace Pharos.PromQL.Parser;

internal sealed partial class Parser
{
    private static readonly FrozenSet<string> Keywords = new[]
    {
        "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "start", "end",
        "anchored", "smoothed",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> WordOperators =
        new[] { "and", "or", "unless", "atan2" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Keywords that can never start an expression, so they are not accepted as metric names either.
    private static readonly FrozenSet<string> ReservedInExpressions =
        new[] { "on", "ignoring", "group_left", "group_right", "bool" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>A token as upstream's error messages describe it: <c>&lt;by&gt;</c>, <c>&lt;op:+&gt;</c>, <c>identifier "foo"</c>, <c>end of input</c>.</summary>
    private static string Describe(Token token)
    {
        switch (token.Kind)
        {
            case TokenKind.Eof:
                return "end of input";
            case TokenKind.Error:
                return token.Text;
            case TokenKind.Identifier or TokenKind.MetricIdentifier:
                if (token.Kind == TokenKind.Identifier)
                {
                    if (WordOperators.Contains(token.Text))
                    {
                        return $"<op:{token.Text}>";
                    }

                    if (AggregationOps.TryParse(token.Text, out _))
                    {
                        return $"<aggr:{token.Text}>";
                    }

                    if (Keywords.Contains(token.Text))
                    {
                        return $"<{token.Text}>";
                    }

                    if (token.Text.Equals("inf", StringComparison.OrdinalIgnoreCase) || token.Text.Equals("nan", StringComparison.OrdinalIgnoreCase))
                    {
                        return "number " + ShortQuote(token.Text);
                    }

                    return "identifier " + GoFormat.Quote(token.Text);
                }

                return "metric identifier " + GoFormat.Quote(token.Text);
            case TokenKind.Number:
                return "number " + ShortQuote(token.Text);
            case TokenKind.Duration:
                return "duration " + ShortQuote(token.Text);
            case TokenKind.String:
                return "string " + ShortQuote(token.Text);
            case TokenKind.Add or TokenKind.Sub or TokenKind.Mul or TokenKind.Div or TokenKind.Mod or TokenKind.Pow
                or TokenKind.EqlC or TokenKind.Neq or TokenKind.Lss or TokenKind.Lte or TokenKind.Gtr or TokenKind.Gte
                or TokenKind.EqlRegex or TokenKind.NeqRegex or TokenKind.At or TokenKind.TrimUpper or TokenKind.TrimLower:
                return $"<op:{token.Text}>";
            default:
                return ShortQuote(token.Text);
        }
    }

    // Go's "%.10q...": values longer than ten characters are cut.
    private static string ShortQuote(string text) =>
        text.Length > 10 ? GoFormat.Quote(text[..10]) + "..." : GoFormat.Quote(text);
}
