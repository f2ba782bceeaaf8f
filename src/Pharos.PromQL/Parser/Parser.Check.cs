namespace Pharos.PromQL.Parser;

internal sealed partial class Parser
{
    /// <summary>
    /// Type-checks the tree as upstream's <c>checkAST</c> (children first) and returns it normalised: set
    /// operators become many-to-many, vector matching is dropped where an operand is not an instant vector, the
    /// second argument of <c>info</c> may match empty.
    /// </summary>
    private Expr Check(Expr expr)
    {
        switch (expr)
        {
            case ParenExpr p:
                {
                    var inner = Check(p.Expr);
                    return ReferenceEquals(inner, p.Expr) ? p : p with { Expr = inner };
                }

            case UnaryExpr u:
                {
                    var inner = Check(u.Expr);
                    if (inner.Type is not (ValueType.Scalar or ValueType.Vector))
                    {
                        AddError(u.Position, $"unary expression only allowed on expressions of type scalar or instant vector, got {GoFormat.Quote(ValueTypeNames.Documented(inner.Type))}");
                    }

                    return ReferenceEquals(inner, u.Expr) ? u : u with { Expr = inner };
                }

            case SubqueryExpr s:
                {
                    var inner = Check(s.Expr);
                    if (inner.Type != ValueType.Vector)
                    {
                        AddError(s.Position, $"subquery is only allowed on instant vector, got {ValueTypeNames.Documented(inner.Type)} instead");
                    }

                    return ReferenceEquals(inner, s.Expr) ? s : s with { Expr = inner };
                }

            case MatrixSelector m:
                CheckVectorSelector(m.VectorSelector);
                return m;
            case VectorSelector v:
                CheckVectorSelector(v);
                return v;
            case Call c:
                return CheckCall(c);
            case AggregateExpr a:
                return CheckAggregate(a);
            case BinaryExpr b:
                return CheckBinary(b);
            default:
                return expr;
        }
    }

    private void CheckVectorSelector(VectorSelector v)
    {
        if (v.Name.Length > 0)
        {
            var nameMatchers = 0;
            Pharos.Model.Matcher? inner = null;
            for (var i = 0; i < v.Matchers.Length; i++)
            {
                if (v.Matchers[i].Name == MetricNameLabel)
                {
                    nameMatchers++;
                    if (i < v.Matchers.Length - 1)
                    {
                        inner ??= v.Matchers[i];
                    }
                }
            }

            if (nameMatchers > 1)
            {
                AddError(v.Position, $"metric name must not be set twice: {GoFormat.Quote(v.Name)} or {GoFormat.Quote((inner ?? v.Matchers[0]).Value)}");
            }

            return;
        }

        if (v.BypassEmptyMatcherCheck)
        {
            return;
        }

        foreach (var m in v.Matchers)
        {
            if (!m.MatchesEmpty)
            {
                return;
            }
        }

        AddError(v.Position, "vector selector must contain at least one non-empty matcher");
    }

    private Call CheckCall(Call c)
    {
        var f = c.Function;
        var n = c.Args.Length;
        if (f.Variadic == 0)
        {
            if (n != f.ArgTypes.Length)
            {
                AddError(c.Position, $"expected {f.ArgTypes.Length} argument(s) in call to {GoFormat.Quote(f.Name)}, got {n}");
            }
        }
        else if (n < f.MinArgs)
        {
            AddError(c.Position, $"expected at least {f.MinArgs} argument(s) in call to {GoFormat.Quote(f.Name)}, got {n}");
        }
        else if (n > f.MaxArgs)
        {
            AddError(c.Position, $"expected at most {f.MaxArgs} argument(s) in call to {GoFormat.Quote(f.Name)}, got {n}");
        }

        var args = c.Args;
        if (f.Name == "info" && args.Length > 1)
        {
            if (args[1] is VectorSelector selector)
            {
                if (selector.Name.Length > 0)
                {
                    AddError(selector.Position, "expected label selectors only, got vector selector instead");
                }

                args = [.. args];
                args[1] = selector with { BypassEmptyMatcherCheck = true };
            }
            else
            {
                AddError(args[1].Position, "expected label selectors only");
            }
        }

        Expr[]? rewritten = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = Check(args[i]);
            if (!ReferenceEquals(arg, args[i]) || !ReferenceEquals(args, c.Args))
            {
                rewritten ??= [.. args];
                rewritten[i] = arg;
            }

            if (f.ArgTypes.Length == 0 || (i >= f.ArgTypes.Length && f.Variadic == 0))
            {
                continue;
            }

            var want = f.ArgType(i);
            if (arg.Type != want)
            {
                AddError(arg.Position, $"expected type {ValueTypeNames.Documented(want)} in call to function {GoFormat.Quote(f.Name)}, got {ValueTypeNames.Documented(arg.Type)}");
            }
        }

        return rewritten is null ? c : c with { Args = rewritten };
    }

    private AggregateExpr CheckAggregate(AggregateExpr a)
    {
        var inner = Check(a.Expr);
        ExpectType(inner, ValueType.Vector, "aggregation expression");
        var param = a.Param;
        if (param is not null)
        {
            param = Check(param);
            ExpectType(param, a.Op == AggregationOp.CountValues ? ValueType.String : ValueType.Scalar, "aggregation parameter");
        }

        return ReferenceEquals(inner, a.Expr) && ReferenceEquals(param, a.Param) ? a : a with { Expr = inner, Param = param };
    }

    private void ExpectType(Expr node, ValueType want, string context)
    {
        if (node.Type != want)
        {
            AddError(node.Position, $"expected type {ValueTypeNames.Documented(want)} in {context}, got {ValueTypeNames.Documented(node.Type)}");
        }
    }

    private BinaryExpr CheckBinary(BinaryExpr b)
    {
        var lhs = Check(b.Lhs);
        var rhs = Check(b.Rhs);
        var lt = lhs.Type;
        var rt = rhs.Type;
        var node = b with { Lhs = lhs, Rhs = rhs };
        var matching = b.VectorMatching ?? new VectorMatching();
        if (b.ReturnBool && !b.Op.IsComparison())
        {
            AddError(OperatorRange(node), "bool modifier can only be used on comparison operators");
        }

        if (b.Op.IsComparison() && !b.ReturnBool && lt == ValueType.Scalar && rt == ValueType.Scalar)
        {
            AddError(OperatorRange(node), "comparisons between scalars must use BOOL modifier");
        }

        if (b.Op.IsSetOperator() && matching.Card == VectorMatchCardinality.OneToOne)
        {
            matching = matching with { Card = VectorMatchCardinality.ManyToMany };
        }

        if (matching.On)
        {
            foreach (var l1 in matching.MatchingLabels)
            {
                if (matching.Include.Contains(l1))
                {
                    AddError(OperatorRange(node), $"label {GoFormat.Quote(l1)} must not occur in ON and GROUP clause at once");
                }
            }
        }

        if (lt is not (ValueType.Scalar or ValueType.Vector))
        {
            AddError(lhs.Position, "binary expression must contain only scalar and instant vector types");
        }

        if (rt is not (ValueType.Scalar or ValueType.Vector))
        {
            AddError(rhs.Position, "binary expression must contain only scalar and instant vector types");
        }

        VectorMatching? result = matching;
        if (lt != ValueType.Vector || rt != ValueType.Vector)
        {
            if (matching.MatchingLabels.Length > 0)
            {
                AddError(b.Position, "vector matching only allowed between instant vectors");
            }

            result = null;
        }
        else if (b.Op.IsSetOperator())
        {
            if (matching.Card is VectorMatchCardinality.OneToMany or VectorMatchCardinality.ManyToOne)
            {
                AddError(b.Position, $"no grouping allowed for \"{b.Op.Text()}\" operation");
            }

            if (matching.Card != VectorMatchCardinality.ManyToMany)
            {
                AddError(b.Position, "set operations must always be many-to-many");
            }
        }

        if ((lt == ValueType.Scalar || rt == ValueType.Scalar) && b.Op.IsSetOperator())
        {
            AddError(b.Position, $"set operator {GoFormat.Quote(b.Op.Text())} not allowed in binary scalar expression");
        }

        return node with { VectorMatching = result };
    }
}
