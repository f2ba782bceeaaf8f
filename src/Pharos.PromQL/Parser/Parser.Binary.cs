namespace Pharos.PromQL.Parser;

internal sealed partial class Parser
{
    private bool TryPeekBinaryOp(out BinaryOp op)
    {
        var token = Current;
        op = token.Kind switch
        {
            TokenKind.Add => BinaryOp.Add,
            TokenKind.Sub => BinaryOp.Sub,
            TokenKind.Mul => BinaryOp.Mul,
            TokenKind.Div => BinaryOp.Div,
            TokenKind.Mod => BinaryOp.Mod,
            TokenKind.Pow => BinaryOp.Pow,
            TokenKind.EqlC => BinaryOp.Eql,
            TokenKind.Neq => BinaryOp.Neq,
            TokenKind.Lss => BinaryOp.Lss,
            TokenKind.Lte => BinaryOp.Lte,
            TokenKind.Gtr => BinaryOp.Gtr,
            TokenKind.Gte => BinaryOp.Gte,
            TokenKind.TrimUpper => BinaryOp.TrimUpper,
            TokenKind.TrimLower => BinaryOp.TrimLower,
            _ => (BinaryOp)255,
        };

        if ((byte)op != 255)
        {
            return true;
        }

        if (token.Kind == TokenKind.Identifier)
        {
            switch (token.Text.ToLowerInvariant())
            {
                case "and": op = BinaryOp.And; return true;
                case "or": op = BinaryOp.Or; return true;
                case "unless": op = BinaryOp.Unless; return true;
                case "atan2": op = BinaryOp.Atan2; return true;
            }
        }

        return false;
    }

    /// <summary>Parses the operator token, its modifiers and the right operand.</summary>
    private Expr ParseBinaryRest(Expr lhs, BinaryOp op)
    {
        Advance();
        var returnBool = false;
        if (IsWord(Current, "bool"))
        {
            Advance();
            returnBool = true;
        }

        var matching = new VectorMatching { Card = VectorMatchCardinality.OneToOne };
        if (IsWord(Current, "on") || IsWord(Current, "ignoring"))
        {
            var on = IsWord(Current, "on");
            Advance();
            matching = matching with { On = on, MatchingLabels = ParseGroupingLabels() };
            if (IsWord(Current, "group_left") || IsWord(Current, "group_right"))
            {
                var left = IsWord(Current, "group_left");
                Advance();
                var include = Current.Kind == TokenKind.LeftParen ? ParseGroupingLabels() : [];
                matching = matching with
                {
                    Card = left ? VectorMatchCardinality.ManyToOne : VectorMatchCardinality.OneToMany,
                    Include = include,
                };
            }
        }

        while (PeekToken().Kind == TokenKind.LeftParen
               && (IsWord(Current, "fill") || IsWord(Current, "fill_left") || IsWord(Current, "fill_right")))
        {
            var word = Advance();
            if (!_options.EnableBinopFillModifiers)
            {
                AddError(word.Range, "binary operator fill modifiers are experimental and not enabled");
            }

            var value = ParseFillValue();
            var kind = word.Text.ToLowerInvariant();
            matching = matching with
            {
                FillLeft = kind is "fill" or "fill_left" ? value : matching.FillLeft,
                FillRight = kind is "fill" or "fill_right" ? value : matching.FillRight,
            };
        }

        if (Current.Kind == TokenKind.Eof)
        {
            throw Unexpected("", "");
        }

        var rhs = ParseExpr(op.IsRightAssociative() ? op.Precedence() : op.Precedence() + 1);
        return new BinaryExpr
        {
            Op = op,
            Lhs = lhs,
            Rhs = rhs,
            ReturnBool = returnBool,
            VectorMatching = matching,
            Position = PositionRange.Merge(lhs.Position, rhs.Position),
        };
    }

    private double ParseFillValue()
    {
        Expect(TokenKind.LeftParen, "fill modifier", "\"(\"");
        var negative = false;
        if (Current.Kind is TokenKind.Add or TokenKind.Sub)
        {
            negative = Advance().Kind == TokenKind.Sub;
        }

        double value;
        if (Current.Kind == TokenKind.Number
            || (Current.Kind == TokenKind.Identifier && (IsWord(Current, "inf") || IsWord(Current, "nan"))))
        {
            value = ParseNumber(Advance());
        }
        else
        {
            throw Unexpected("fill modifier", "number");
        }

        Expect(TokenKind.RightParen, "fill modifier", "\")\"");
        return negative ? -value : value;
    }

    /// <summary>Parses <c>(a, b, "c.d")</c> after <c>by</c>, <c>without</c>, <c>on</c>, <c>ignoring</c>, <c>group_left</c>, <c>group_right</c>.</summary>
    private string[] ParseGroupingLabels()
    {
        if (Current.Kind != TokenKind.LeftParen)
        {
            throw Unexpected("grouping opts", "\"(\"");
        }

        Advance();
        var labels = new List<string>();
        if (Current.Kind == TokenKind.RightParen)
        {
            Advance();
            return [];
        }

        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Identifier && !IsWord(token, "inf") && !IsWord(token, "nan"))
            {
                labels.Add(token.Text);
            }
            else if (token.Kind == TokenKind.String)
            {
                labels.Add(token.StringValue!);
            }
            else
            {
                throw Unexpected("grouping opts", "label");
            }

            Advance();
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                if (Current.Kind == TokenKind.RightParen)
                {
                    Advance();
                    return [.. labels];
                }

                continue;
            }

            if (Current.Kind == TokenKind.RightParen)
            {
                Advance();
                return [.. labels];
            }

            throw Unexpected("grouping opts", "\",\" or \")\"");
        }
    }

    private PositionRange OperatorRange(BinaryExpr node)
    {
        var start = Math.Clamp(node.Lhs.Position.End, 0, _input.Length);
        while (start < _input.Length && char.IsWhiteSpace(_input[start]))
        {
            start++;
        }

        var end = Math.Clamp(node.Rhs.Position.Start - 1, 0, Math.Max(0, _input.Length - 1));
        while (end > start && char.IsWhiteSpace(_input[end]))
        {
            end--;
        }

        return new PositionRange(start, Math.Max(start, end));
    }
}
