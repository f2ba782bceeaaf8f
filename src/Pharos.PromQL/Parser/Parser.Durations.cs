namespace Pharos.PromQL.Parser;

internal sealed partial class Parser
{
    private bool StartsDuration(Token token) =>
        token.Kind is TokenKind.Number or TokenKind.Duration or TokenKind.Add or TokenKind.Sub or TokenKind.LeftParen
        || IsDurationFunction(token);

    private bool IsDurationFunction(Token token) =>
        (IsWord(token, "step") || IsWord(token, "range") || IsWord(token, "min_of") || IsWord(token, "max_of"))
        && PeekToken().Kind == TokenKind.LeftParen;

    /// <summary>
    /// Parses a duration expression (ranges and subquery steps): numbers are seconds, durations, <c>step()</c>,
    /// <c>range()</c>, <c>min_of</c>, <c>max_of</c>, parentheses and <c>+ - * / % ^</c> with PromQL precedence.
    /// </summary>
    private Expr ParseDurationExpr(int minPrecedence, bool offsetAtom)
    {
        Enter();
        var left = ParseDurationUnary(offsetAtom);
        while (TryPeekDurationOp(out var op, out var binary) && binary.Precedence() >= minPrecedence)
        {
            Advance();
            var right = ParseDurationExpr(binary.IsRightAssociative() ? binary.Precedence() : binary.Precedence() + 1, offsetAtom);
            left = new DurationExpr { Op = op, Lhs = left, Rhs = right, Position = PositionRange.Merge(left.Position, right.Position) };
        }

        Leave();
        return left;
    }

    /// <summary>An offset takes a single operand with an optional sign: <c>offset -step() * 2</c> multiplies the selector.</summary>
    private Expr ParseDurationAtomWithSign() => ParseDurationUnary(offsetAtom: true);

    private Expr ParseDurationUnary(bool offsetAtom)
    {
        var token = Current;
        if (token.Kind is not (TokenKind.Add or TokenKind.Sub))
        {
            return ParseDurationAtom();
        }

        Advance();
        var operand = offsetAtom ? ParseDurationAtom() : ParseDurationExpr(UnaryOperandPrecedence, offsetAtom);
        var range = new PositionRange(token.Start, operand.Position.End);
        if (token.Kind == TokenKind.Add)
        {
            return operand;
        }

        if (operand is NumberLiteral number)
        {
            return number with { Value = -number.Value, Position = range };
        }

        return new DurationExpr { Op = DurationOp.Sub, Rhs = operand, Position = range };
    }

    private Expr ParseDurationAtom()
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
            case TokenKind.LeftParen:
                {
                    Advance();
                    var inner = ParseDurationExpr(0, offsetAtom: false);
                    if (Current.Kind != TokenKind.RightParen)
                    {
                        throw Unexpected("duration expression", "\")\"");
                    }

                    var close = Advance();
                    var range = new PositionRange(token.Start, close.End);
                    RequireDurationExpressions(range);
                    return inner is DurationExpr d ? d with { Wrapped = true, Position = range } : inner;
                }

            case TokenKind.Identifier when PeekToken().Kind == TokenKind.LeftParen:
                {
                    var name = token.Text.ToLowerInvariant();
                    if (name is "step" or "range")
                    {
                        Advance();
                        Advance();
                        Expect(TokenKind.RightParen, "duration expression", "\")\"");
                        var range = new PositionRange(token.Start, _lastClosing);
                        RequireDurationExpressions(range);
                        return new DurationExpr { Op = name == "step" ? DurationOp.Step : DurationOp.Range, Position = range };
                    }

                    if (name is "min_of" or "max_of")
                    {
                        Advance();
                        Advance();
                        var a = ParseDurationExpr(0, offsetAtom: false);
                        Expect(TokenKind.Comma, "duration expression", "\",\"");
                        var b = ParseDurationExpr(0, offsetAtom: false);
                        Expect(TokenKind.RightParen, "duration expression", "\")\"");
                        var range = new PositionRange(token.Start, _lastClosing);
                        RequireDurationExpressions(range);
                        return new DurationExpr { Op = name == "min_of" ? DurationOp.MinOf : DurationOp.MaxOf, Lhs = a, Rhs = b, Position = range };
                    }

                    throw Unexpected("duration expression", "");
                }

            default:
                throw Unexpected("duration expression", "");
        }
    }

    private bool TryPeekDurationOp(out DurationOp op, out BinaryOp binary)
    {
        (op, binary) = Current.Kind switch
        {
            TokenKind.Add => (DurationOp.Add, BinaryOp.Add),
            TokenKind.Sub => (DurationOp.Sub, BinaryOp.Sub),
            TokenKind.Mul => (DurationOp.Mul, BinaryOp.Mul),
            TokenKind.Div => (DurationOp.Div, BinaryOp.Div),
            TokenKind.Mod => (DurationOp.Mod, BinaryOp.Mod),
            TokenKind.Pow => (DurationOp.Pow, BinaryOp.Pow),
            _ => ((DurationOp)255, (BinaryOp)255),
        };

        if ((byte)op == 255)
        {
            return false;
        }

        RequireDurationExpressions(Current.Range);
        return true;
    }

    private void RequireDurationExpressions(PositionRange range)
    {
        if (!_options.EnableDurationExpressions)
        {
            AddError(range, "experimental duration expression is not enabled");
        }
    }

    /// <summary>Milliseconds of a literal (truncated as upstream), or the expression plus its value when constant.</summary>
    private static (long Ms, DurationExpr? Expr) ParseDurationValue(Expr expr)
    {
        static long ToMs(double seconds)
        {
            // Durations are held as seconds: 1001ms is 1.001 s, which times 1000 falls just below 1001. Snap values
            // that are whole milliseconds up to floating-point error; truncate genuine fractions as upstream does.
            var ms = seconds * 1000;
            var rounded = Math.Round(ms);
            if (Math.Abs(ms - rounded) < Math.Max(1e-6, Math.Abs(ms) * 1e-15))
            {
                ms = rounded;
            }

            return double.IsNaN(ms) ? 0 : ms >= long.MaxValue ? long.MaxValue : ms <= long.MinValue ? long.MinValue : (long)ms;
        }

        return expr switch
        {
            NumberLiteral n => (ToMs(n.Value), null),
            DurationExpr d => (d.IsConstant ? ToMs(d.EvaluateSeconds(0, 0)) : 0, d),
            _ => (0, null),
        };
    }
}
