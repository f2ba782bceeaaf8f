namespace Pharos.PromQL.Parser;

internal sealed partial class Parser
{
    private Expr ParseCall()
    {
        var name = Advance();
        if (!PromQLFunctions.TryGet(name.Text, out var function))
        {
            AddError(name.Range, $"unknown function with name {GoFormat.Quote(name.Text)}");
            function = new PromQLFunction(name.Text, [], -1, ValueType.Vector, false);
        }
        else if (function.Experimental && !_options.EnableExperimentalFunctions)
        {
            AddError(name.Range, $"function {GoFormat.Quote(name.Text)} is not enabled");
        }

        var args = ParseCallArgs();
        return new Call { Function = function, Args = args, Position = new PositionRange(name.Start, _lastClosing) };
    }

    private Expr[] ParseCallArgs()
    {
        Expect(TokenKind.LeftParen, "", "");
        var args = new List<Expr>();
        if (Current.Kind == TokenKind.RightParen)
        {
            Advance();
            return [];
        }

        while (true)
        {
            args.Add(ParseExpr(0));
            if (Current.Kind == TokenKind.Comma)
            {
                var comma = Advance();
                if (Current.Kind == TokenKind.RightParen)
                {
                    AddError(comma.Range, "trailing commas not allowed in function call args");
                    Advance();
                    return [.. args];
                }

                continue;
            }

            if (Current.Kind != TokenKind.RightParen)
            {
                throw Unexpected("", "");
            }

            Advance();
            return [.. args];
        }
    }

    private Expr ParseAggregate(AggregationOp op)
    {
        var name = Advance();
        if (op.IsExperimental() && !_options.EnableExperimentalFunctions)
        {
            AddError(name.Range, $"{op.Name()}() is experimental and must be enabled with --enable-feature=promql-experimental-functions");
        }

        string[]? grouping = null;
        var without = false;
        if (IsWord(Current, "by") || IsWord(Current, "without"))
        {
            without = IsWord(Current, "without");
            Advance();
            grouping = ParseGroupingLabels();
        }

        if (Current.Kind != TokenKind.LeftParen)
        {
            throw Unexpected("aggregation", "");
        }

        var args = ParseCallArgs();
        if (grouping is null && (IsWord(Current, "by") || IsWord(Current, "without")))
        {
            without = IsWord(Current, "without");
            Advance();
            grouping = ParseGroupingLabels();
        }

        var range = new PositionRange(name.Start, _lastClosing);
        Expr? param = null;
        Expr expr;
        if (args.Length == 0)
        {
            AddError(range, "no arguments for aggregate expression provided");
            expr = new NumberLiteral { Value = 0, Position = range };
        }
        else
        {
            var desired = op.HasParameter() ? 2 : 1;
            if (op.HasParameter())
            {
                param = args[0];
            }

            if (args.Length != desired)
            {
                AddError(range, $"wrong number of arguments for aggregate expression provided, expected {desired}, got {args.Length}");
            }

            expr = args[Math.Min(desired, args.Length) - 1];
        }

        return new AggregateExpr
        {
            Op = op,
            Expr = expr,
            Param = param,
            Grouping = grouping ?? [],
            Without = without,
            Position = range,
        };
    }
}
