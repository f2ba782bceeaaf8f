namespace Pharos.PromQL.Parser;

internal sealed partial class Parser
{
    // Unary operators bind looser than '^' and tighter than '*' (upstream gives them MUL precedence).
    private const int UnaryOperandPrecedence = 6;

    /// <summary>Parses an expression whose binary operators all have at least <paramref name="minPrecedence"/>.</summary>
    private Expr ParseExpr(int minPrecedence)
    {
        Enter();
        var left = ParseUnary();
        var chain = 0;
        while (TryPeekBinaryOp(out var op) && op.Precedence() >= minPrecedence)
        {
            if (++chain + _depth > MaxDepth)
            {
                AddError(Current.Range, "query is nested too deeply");
                throw new PromQLParseException(_errors);
            }

            left = ParseBinaryRest(left, op);
        }

        Leave();
        return left;
    }

    private Expr ParseUnary()
    {
        var token = Current;
        if (token.Kind is not (TokenKind.Add or TokenKind.Sub))
        {
            return ParsePostfix(ParsePrimary());
        }

        Advance();
        if (Current.Kind == TokenKind.Eof)
        {
            throw Unexpected("", "");
        }

        var operand = ParseExpr(UnaryOperandPrecedence);
        var range = new PositionRange(token.Start, operand.Position.End);
        if (operand is NumberLiteral number)
        {
            return number with
            {
                Value = token.Kind == TokenKind.Sub ? -number.Value : number.Value,
                Position = range,
            };
        }

        return new UnaryExpr { Op = token.Kind == TokenKind.Sub ? UnaryOp.Minus : UnaryOp.Plus, Expr = operand, Position = range };
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberLiteral { Value = ParseNumber(token), Position = token.Range };
            case TokenKind.Duration:
                Advance();
                return new NumberLiteral { Value = ParseDurationSeconds(token), IsDuration = true, Position = token.Range };
            case TokenKind.String:
                Advance();
                return new StringLiteral { Value = token.StringValue!, Position = token.Range };
            case TokenKind.LeftParen:
                {
                    Advance();
                    var inner = ParseExpr(0);
                    if (Current.Kind != TokenKind.RightParen)
                    {
                        throw Unexpected("", "");
                    }

                    var close = Advance();
                    return new ParenExpr { Expr = inner, Position = new PositionRange(token.Start, close.End) };
                }

            case TokenKind.LeftBrace:
                return ParseVectorSelector(null);
            case TokenKind.Identifier:
                if (token.Text.Equals("inf", StringComparison.OrdinalIgnoreCase) || token.Text.Equals("nan", StringComparison.OrdinalIgnoreCase))
                {
                    Advance();
                    return new NumberLiteral { Value = ParseNumber(token), Position = token.Range };
                }

                if (AggregationOps.TryParse(token.Text, out var aggregation))
                {
                    return ParseAggregate(aggregation);
                }

                if (PeekToken().Kind == TokenKind.LeftParen)
                {
                    return ParseCall();
                }

                if (ReservedInExpressions.Contains(token.Text))
                {
                    throw Unexpected("", "");
                }

                Advance();
                return ParseVectorSelector(token);
            case TokenKind.MetricIdentifier:
                Advance();
                return ParseVectorSelector(token);
            default:
                throw Unexpected("", "");
        }
    }

    /// <summary>Applies the postfix modifiers that follow an operand: ranges, subqueries, <c>offset</c>, <c>@</c>, <c>anchored</c>, <c>smoothed</c>.</summary>
    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.LeftBracket)
            {
                expr = ParseRangeOrSubquery(expr);
            }
            else if (token.Kind == TokenKind.At)
            {
                expr = ParseAt(expr);
            }
            else if (IsWord(token, "offset"))
            {
                expr = ParseOffset(expr);
            }
            else if (IsWord(token, "anchored") || IsWord(token, "smoothed"))
            {
                expr = ParseRangeModifier(expr);
            }
            else
            {
                return expr;
            }
        }
    }
}
