using Pharos.Model;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.PromQL.Parser;

internal sealed partial class Parser
{
    private const string MetricNameLabel = "__name__";

    /// <summary>Parses <c>name</c>, <c>name{…}</c> or <c>{…}</c>; <paramref name="nameToken"/> is the already consumed name.</summary>
    private VectorSelector ParseVectorSelector(Token? nameToken)
    {
        var name = nameToken?.Text ?? "";
        var start = nameToken?.Start ?? Current.Start;
        var end = nameToken?.End ?? Current.End;
        var matchers = new List<Matcher>();
        if (Current.Kind == TokenKind.LeftBrace)
        {
            Advance();
            var bracedName = ParseMatchers(matchers);
            end = _lastClosing;
            if (name.Length == 0 && bracedName is not null)
            {
                name = bracedName;
            }
        }

        if (nameToken is not null)
        {
            matchers.Add(new Matcher(MatchType.Equal, MetricNameLabel, name));
        }

        return new VectorSelector { Name = name, Matchers = [.. matchers], Position = new PositionRange(start, end) };
    }

    /// <summary>Parses matchers up to and including <c>}</c>; returns the first bare quoted metric name, if any.</summary>
    private string? ParseMatchers(List<Matcher> matchers)
    {
        string? bareName = null;
        while (Current.Kind != TokenKind.RightBrace)
        {
            var label = Current;
            string labelName;
            if (label.Kind == TokenKind.Identifier)
            {
                labelName = label.Text;
            }
            else if (label.Kind == TokenKind.String)
            {
                labelName = label.StringValue!;
            }
            else
            {
                throw Unexpected("label matching", "identifier or \"}\"");
            }

            Advance();
            MatchType? type = Current.Kind switch
            {
                TokenKind.Assign => MatchType.Equal,
                TokenKind.Neq => MatchType.NotEqual,
                TokenKind.EqlRegex => MatchType.Regex,
                TokenKind.NeqRegex => MatchType.NotRegex,
                _ => null,
            };

            if (type is null)
            {
                if (label.Kind != TokenKind.String)
                {
                    throw Unexpected("label matching", "label matching operator");
                }

                // A bare quoted string is the metric name: {"my.metric"}.
                bareName ??= labelName;
                matchers.Add(new Matcher(MatchType.Equal, MetricNameLabel, labelName));
            }
            else
            {
                Advance();
                if (Current.Kind != TokenKind.String)
                {
                    throw Unexpected("label matching", "string");
                }

                var value = Advance();
                if (Matcher.TryCreate(type.Value, labelName, value.StringValue!, out var matcher, out var error))
                {
                    matchers.Add(matcher);
                }
                else
                {
                    AddError(new PositionRange(label.Start, value.End), "error parsing regexp: " + error.Message);
                    matchers.Add(new Matcher(MatchType.Equal, labelName, value.StringValue!));
                }
            }

            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (Current.Kind != TokenKind.RightBrace)
            {
                throw Unexpected("label matching", "\",\" or \"}\"");
            }
        }

        Advance();
        return bareName;
    }

    private Expr ParseRangeOrSubquery(Expr expr)
    {
        var open = Advance();
        if (!StartsDuration(Current))
        {
            throw Unexpected("subquery selector", "duration");
        }

        var (rangeMs, rangeExpr) = ParseDurationValue(ParseDurationExpr(0, offsetAtom: false));
        if (Current.Kind == TokenKind.RightBracket)
        {
            var close = Advance();
            string? error = expr switch
            {
                VectorSelector { OffsetMs: not 0 } or VectorSelector { OffsetExpr: not null } => "no offset modifiers allowed before range",
                VectorSelector { TimestampMs: not null } or VectorSelector { At: not AtModifier.None } => "no @ modifiers allowed before range",
                VectorSelector => null,
                _ => "ranges only allowed for vector selectors",
            };

            if (error is not null)
            {
                AddError(new PositionRange(open.Start, close.End), error);
            }

            if (expr is not VectorSelector vs)
            {
                return expr;
            }

            return new MatrixSelector
            {
                VectorSelector = vs,
                RangeMs = rangeMs,
                RangeExpr = rangeExpr,
                Position = new PositionRange(vs.Position.Start, close.End),
            };
        }

        if (Current.Kind != TokenKind.Colon)
        {
            throw Unexpected("subquery or range", "\":\" or \"]\"");
        }

        Advance();
        long stepMs = 0;
        DurationExpr? stepExpr = null;
        if (Current.Kind != TokenKind.RightBracket)
        {
            if (!StartsDuration(Current))
            {
                throw Unexpected("subquery selector", "duration or \"]\"");
            }

            (stepMs, stepExpr) = ParseDurationValue(ParseDurationExpr(0, offsetAtom: false));
            if (Current.Kind != TokenKind.RightBracket)
            {
                throw Unexpected("subquery selector", "\"]\"");
            }
        }

        var end = Advance();
        return new SubqueryExpr
        {
            Expr = expr,
            RangeMs = rangeMs,
            RangeExpr = rangeExpr,
            StepMs = stepMs,
            StepExpr = stepExpr,
            Position = new PositionRange(expr.Position.Start, end.End),
        };
    }

    private Expr ParseOffset(Expr expr)
    {
        var keyword = Advance();
        if (!StartsDuration(Current))
        {
            throw Unexpected("offset", "number or duration");
        }

        var (offsetMs, offsetExpr) = ParseDurationValue(ParseDurationAtomWithSign());
        var range = new PositionRange(keyword.Start, _tokens[Math.Max(0, _index - 1)].End);
        var end = range.End;
        switch (expr)
        {
            case VectorSelector vs:
                if (vs.OffsetMs != 0 || vs.OffsetExpr is not null)
                {
                    AddError(range, "offset may not be set multiple times");
                }

                return vs with { OffsetMs = offsetMs, OffsetExpr = offsetExpr, Position = vs.Position with { End = end } };
            case MatrixSelector ms:
                if (ms.VectorSelector.OffsetMs != 0 || ms.VectorSelector.OffsetExpr is not null)
                {
                    AddError(range, "offset may not be set multiple times");
                }

                return ms with
                {
                    VectorSelector = ms.VectorSelector with { OffsetMs = offsetMs, OffsetExpr = offsetExpr },
                    Position = ms.Position with { End = end },
                };
            case SubqueryExpr sq:
                if (sq.OffsetMs != 0 || sq.OffsetExpr is not null)
                {
                    AddError(range, "offset may not be set multiple times");
                }

                return sq with { OffsetMs = offsetMs, OffsetExpr = offsetExpr, Position = sq.Position with { End = end } };
            default:
                AddError(range, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
                return expr;
        }
    }

    private Expr ParseAt(Expr expr)
    {
        var at = Advance();
        long? timestampMs = null;
        var preprocessor = AtModifier.None;
        if ((IsWord(Current, "start") || IsWord(Current, "end")) && PeekToken().Kind == TokenKind.LeftParen)
        {
            preprocessor = IsWord(Current, "start") ? AtModifier.Start : AtModifier.End;
            Advance();
            Advance();
            Expect(TokenKind.RightParen, "@", "\")\"");
        }
        else
        {
            var negative = false;
            if (Current.Kind is TokenKind.Add or TokenKind.Sub)
            {
                negative = Advance().Kind == TokenKind.Sub;
            }

            double seconds;
            if (Current.Kind == TokenKind.Number || IsWord(Current, "inf") || IsWord(Current, "nan"))
            {
                seconds = ParseNumber(Advance());
            }
            else if (Current.Kind == TokenKind.Duration)
            {
                seconds = ParseDurationSeconds(Advance());
            }
            else
            {
                throw Unexpected("@", "timestamp");
            }

            if (negative)
            {
                seconds = -seconds;
            }

            var ms = Math.Round(seconds * 1000, MidpointRounding.AwayFromZero);
            if (double.IsNaN(ms) || double.IsInfinity(ms) || ms >= long.MaxValue || ms <= long.MinValue)
            {
                AddError(new PositionRange(at.Start, _tokens[_index - 1].End), $"timestamp out of bounds for @ modifier: {FormatGoF(seconds)}");
                ms = 0;
            }

            timestampMs = (long)ms;
        }

        var range = new PositionRange(at.Start, _tokens[Math.Max(0, _index - 1)].End);
        const string Twice = "@ <timestamp> may not be set multiple times";
        switch (expr)
        {
            case VectorSelector vs:
                if (vs.TimestampMs is not null || vs.At != AtModifier.None)
                {
                    AddError(range, Twice);
                }

                return vs with { TimestampMs = timestampMs, At = preprocessor, Position = vs.Position with { End = range.End } };
            case MatrixSelector ms:
                if (ms.VectorSelector.TimestampMs is not null || ms.VectorSelector.At != AtModifier.None)
                {
                    AddError(range, Twice);
                }

                return ms with
                {
                    VectorSelector = ms.VectorSelector with { TimestampMs = timestampMs, At = preprocessor },
                    Position = ms.Position with { End = range.End },
                };
            case SubqueryExpr sq:
                if (sq.TimestampMs is not null || sq.At != AtModifier.None)
                {
                    AddError(range, Twice);
                }

                return sq with { TimestampMs = timestampMs, At = preprocessor, Position = sq.Position with { End = range.End } };
            default:
                AddError(range, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
                return expr;
        }
    }

    private Expr ParseRangeModifier(Expr expr)
    {
        var word = Advance();
        var anchored = word.Text.Equals("anchored", StringComparison.OrdinalIgnoreCase);
        var name = anchored ? "anchored" : "smoothed";
        if (!_options.EnableExtendedRangeSelectors)
        {
            AddError(word.Range, $"{name} modifier is experimental and not enabled");
        }

        switch (expr)
        {
            case VectorSelector vs:
                return vs with { Anchored = vs.Anchored || anchored, Smoothed = vs.Smoothed || !anchored, Position = vs.Position with { End = word.End } };
            case MatrixSelector ms:
                return ms with
                {
                    VectorSelector = ms.VectorSelector with { Anchored = ms.VectorSelector.Anchored || anchored, Smoothed = ms.VectorSelector.Smoothed || !anchored },
                    Position = ms.Position with { End = word.End },
                };
            default:
                AddError(word.Range, $"{name} modifier must be preceded by an instant vector selector or range vector selector");
                return expr;
        }
    }

    // Go's %f: six decimals, +Inf/-Inf/NaN spelled as Go does.
    private static string FormatGoF(double v) => double.IsNaN(v) ? "NaN"
        : double.IsPositiveInfinity(v) ? "+Inf"
        : double.IsNegativeInfinity(v) ? "-Inf"
        : v.ToString("F6", System.Globalization.CultureInfo.InvariantCulture);
}
