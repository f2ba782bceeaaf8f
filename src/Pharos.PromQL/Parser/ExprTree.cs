namespace Pharos.PromQL.Parser;

/// <summary>Walks syntax trees: children of a node, pre-order traversal, depth.</summary>
public static class ExprTree
{
    /// <summary>The direct children of <paramref name="expr"/> in evaluation order (duration expressions included).</summary>
    /// <param name="expr">The node.</param>
    /// <returns>The children.</returns>
    public static IEnumerable<Expr> Children(Expr expr)
    {
        switch (expr)
        {
            case ParenExpr p:
                yield return p.Expr;
                break;
            case UnaryExpr u:
                yield return u.Expr;
                break;
            case BinaryExpr b:
                yield return b.Lhs;
                yield return b.Rhs;
                break;
            case AggregateExpr a:
                if (a.Param is not null)
                {
                    yield return a.Param;
                }

                yield return a.Expr;
                break;
            case Call c:
                foreach (var arg in c.Args)
                {
                    yield return arg;
                }

                break;
            case MatrixSelector m:
                yield return m.VectorSelector;
                if (m.RangeExpr is not null)
                {
                    yield return m.RangeExpr;
                }

                break;
            case SubqueryExpr s:
                yield return s.Expr;
                foreach (var d in new[] { s.RangeExpr, s.StepExpr, s.OffsetExpr })
                {
                    if (d is not null)
                    {
                        yield return d;
                    }
                }

                break;
            case VectorSelector v when v.OffsetExpr is not null:
                yield return v.OffsetExpr;
                break;
            case DurationExpr d:
                if (d.Lhs is not null)
                {
                    yield return d.Lhs;
                }

                if (d.Rhs is not null)
                {
                    yield return d.Rhs;
                }

                break;
        }
    }

    /// <summary>Every node of the tree in pre-order, without recursion.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The nodes.</returns>
    public static IEnumerable<Expr> Descendants(Expr root)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            foreach (var child in Children(e).Reverse())
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>The height of the tree (1 for a leaf), computed without recursion.</summary>
    /// <param name="root">The root.</param>
    /// <returns>The depth.</returns>
    public static int Depth(Expr root)
    {
        var max = 0;
        var stack = new Stack<(Expr Node, int Depth)>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (e, d) = stack.Pop();
            max = Math.Max(max, d);
            foreach (var child in Children(e))
            {
                stack.Push((child, d + 1));
            }
        }

        return max;
    }
}
