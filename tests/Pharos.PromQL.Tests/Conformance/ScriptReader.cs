using System.Globalization;
using Pharos.Model;
using Pharos.PromQL.Parser;

namespace Pharos.PromQL.Tests.Conformance;

/// <summary>Reads a PromQL <c>.test</c> script into commands, following the DSL specification in the shared test data.</summary>
internal static class ScriptReader
{
    public static List<ScriptCommand> Read(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim(' ', '\t', '\r')).Select(l => l.StartsWith('#') ? "" : l).ToArray();
        var commands = new List<ScriptCommand>();
        var i = 0;
        while (i < lines.Length)
        {
            if (lines[i].Length == 0)
            {
                i++;
                continue;
            }

            var header = lines[i];
            var headerLine = i + 1;
            var body = new List<(string Text, int Line)>();
            i++;
            if (header.Equals("clear", StringComparison.OrdinalIgnoreCase))
            {
                // clear has no body: a command may follow on the next line.
                commands.Add(new ClearCommand(headerLine));
                continue;
            }

            while (i < lines.Length && lines[i].Length > 0)
            {
                body.Add((lines[i], i + 1));
                i++;
            }

            var keyword = FirstWord(header).ToLowerInvariant();
            if (keyword.StartsWith("load", StringComparison.Ordinal))
            {
                commands.Add(ReadLoad(header, headerLine, body));
            }
            else if (keyword.StartsWith("eval", StringComparison.Ordinal))
            {
                var (eval, rest) = ReadEval(header, headerLine, body);
                commands.Add(eval);

                // A scalar line ends the body; what follows is read as further commands.
                if (rest.Count > 0)
                {
                    throw Error(rest[0].Line, $"invalid command \"{rest[0].Text}\"");
                }
            }
            else
            {
                throw Error(headerLine, $"invalid command \"{header}\"");
            }
        }

        return commands;
    }

    private static FormatException Error(int line, string message) => new($"line {line}: {message}");

    private static string FirstWord(string s)
    {
        var end = s.IndexOfAny([' ', '\t']);
        return end < 0 ? s : s[..end];
    }

    private static LoadCommand ReadLoad(string header, int line, List<(string Text, int Line)> body)
    {
        var parts = header.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var keyword = parts[0].ToLowerInvariant();
        if (parts.Length != 2 || keyword is not ("load" or "load_with_nhcb"))
        {
            throw Error(line, $"invalid load command \"{header}\"");
        }

        var interval = ParseDuration(parts[1]);
        var byLabels = new Dictionary<Labels, SeriesLine>();
        var order = new List<Labels>();
        var hasSt = false;
        foreach (var (text, bodyLine) in body)
        {
            if (FirstWord(text).EndsWith("@st", StringComparison.Ordinal))
            {
                hasSt = true;
                continue;
            }

            var series = ParseSeriesLine(text, bodyLine);
            if (!byLabels.ContainsKey(series.Labels))
            {
                order.Add(series.Labels);
            }

            byLabels[series.Labels] = series;
        }

        return new LoadCommand(line, interval, keyword == "load_with_nhcb", hasSt, [.. order.Select(l => byLabels[l])]);
    }

    private static (EvalCommand Eval, List<(string Text, int Line)> Remaining) ReadEval(string header, int line, List<(string Text, int Line)> body)
    {
        var keyword = FirstWord(header).ToLowerInvariant();
        var rest = header[keyword.Length..].TrimStart();
        EvalCommand eval;
        var mode = FirstWord(rest);
        rest = rest[mode.Length..].TrimStart();
        if (mode == "instant")
        {
            if (FirstWord(rest) != "at")
            {
                throw Error(line, "instant eval needs 'at <time>'");
            }

            rest = rest[2..].TrimStart();
            var time = FirstWord(rest);
            eval = new EvalCommand(line) { Expr = rest[time.Length..].Trim(), AtMs = ParseDuration(time) };
        }
        else if (mode == "range")
        {
            var words = rest.Split([' ', '\t'], 7, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 7 || words[0] != "from" || words[2] != "to" || words[4] != "step")
            {
                throw Error(line, $"invalid range eval \"{header}\"");
            }

            eval = new EvalCommand(line)
            {
                IsRange = true,
                StartMs = ParseDuration(words[1]),
                EndMs = ParseDuration(words[3]),
                StepMs = ParseDuration(words[5]),
                Expr = words[6].Trim(),
            };
            if (eval.EndMs < eval.StartMs)
            {
                throw Error(line, "range end before start");
            }
        }
        else
        {
            throw Error(line, $"invalid eval \"{header}\"");
        }

        switch (keyword)
        {
            case "eval":
                break;
            case "eval_fail":
                eval.LegacyFail = true;
                break;
            case "eval_warn":
                eval.LegacyWarn = true;
                break;
            case "eval_info":
                eval.LegacyInfo = true;
                break;
            case "eval_ordered":
                eval.Ordered = true;
                break;
            default:
                throw Error(line, $"invalid command \"{keyword}\"");
        }

        var orderIndex = 0;
        for (var b = 0; b < body.Count; b++)
        {
            var (text, bodyLine) = body[b];
            if (eval.LegacyFail && text.StartsWith("expected_fail_message ", StringComparison.Ordinal))
            {
                eval.FailMessage = text["expected_fail_message ".Length..].Trim();
                return (eval, body[(b + 1)..]);
            }

            if (eval.LegacyFail && text.StartsWith("expected_fail_regexp ", StringComparison.Ordinal))
            {
                eval.FailRegex = text["expected_fail_regexp ".Length..].Trim();
                return (eval, body[(b + 1)..]);
            }

            if (text.StartsWith("expect range vector ", StringComparison.Ordinal))
            {
                var w = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (w.Length != 9 || w[3] != "from" || w[5] != "to" || w[7] != "step")
                {
                    throw Error(bodyLine, $"invalid expect range vector \"{text}\"");
                }

                eval.ExpectRangeVector = (ParseDuration(w[4]), ParseDuration(w[6]), ParseDuration(w[8]));
                eval.AtMs = eval.ExpectRangeVector.Value.EndMs;
                continue;
            }

            if (text.StartsWith("expect string", StringComparison.Ordinal))
            {
                var literal = text["expect string".Length..];
                if (literal.Length < 3 || literal[0] != ' ')
                {
                    throw Error(bodyLine, "expect string needs a quoted literal");
                }

                eval.ExpectedString = ((StringLiteral)PromQLParser.ParseExpr(literal[1..])).Value;
                continue;
            }

            if (FirstWord(text) == "expect")
            {
                eval.Expects.Add(ParseExpect(text, bodyLine));
                if (eval.Expects[^1].Kind == ExpectKind.Ordered)
                {
                    eval.Ordered = true;
                }

                continue;
            }

            orderIndex++;
            if (TryParseScalar(text, out var scalar))
            {
                eval.ExpectedScalar = scalar;
                return (eval, body[(b + 1)..]);
            }

            var series = ParseSeriesLine(text, bodyLine);
            if (!eval.IsRange && eval.ExpectRangeVector is null && series.Positions.Length != 1)
            {
                throw Error(bodyLine, "instant eval expects exactly one value per series");
            }

            eval.ExpectedSeries[series.Labels] = (series.Positions, orderIndex);
        }

        return (eval, []);
    }

    private static Expectation ParseExpect(string text, int line)
    {
        var rest = text["expect".Length..].TrimStart();
        var kindWord = FirstWord(rest);
        var kind = kindWord switch
        {
            "fail" => ExpectKind.Fail,
            "warn" => ExpectKind.Warn,
            "info" => ExpectKind.Info,
            "no_warn" => ExpectKind.NoWarn,
            "no_info" => ExpectKind.NoInfo,
            "ordered" => ExpectKind.Ordered,
            _ => throw Error(line, $"invalid expect kind \"{kindWord}\""),
        };
        rest = rest[kindWord.Length..].TrimStart();
        if (rest.Length == 0)
        {
            return new Expectation(kind, null, null);
        }

        if (rest.StartsWith("msg:", StringComparison.Ordinal))
        {
            return new Expectation(kind, rest[4..].Trim(), null);
        }

        if (rest.StartsWith("regex:", StringComparison.Ordinal))
        {
            return new Expectation(kind, null, rest[6..].Trim());
        }

        throw Error(line, $"invalid expect line \"{text}\"");
    }

    /// <summary>Parses a duration such as <c>1m30s</c> or <c>0</c> into milliseconds.</summary>
    public static long ParseDuration(string text)
    {
        if (text == "0")
        {
            return 0;
        }

        ReadOnlySpan<(string Unit, long Ms)> units =
        [
            ("y", 365L * 86_400_000), ("w", 7L * 86_400_000), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
        ];
        long total = 0;
        var pos = 0;
        var nextUnit = 0;
        if (text.Length == 0)
        {
            throw new FormatException("empty duration");
        }

        while (pos < text.Length)
        {
            var start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            if (pos == start)
            {
                throw new FormatException($"invalid duration \"{text}\"");
            }

            var n = long.Parse(text.AsSpan(start, pos - start), CultureInfo.InvariantCulture);
            var unitStart = pos;
            while (pos < text.Length && char.IsAsciiLetter(text[pos]))
            {
                pos++;
            }

            var unit = text[unitStart..pos];
            var found = false;
            for (var u = nextUnit; u < units.Length; u++)
            {
                if (units[u].Unit == unit)
                {
                    total += n * units[u].Ms;
                    nextUnit = u + 1;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                throw new FormatException($"invalid duration \"{text}\"");
            }
        }

        return total;
    }

    private static bool TryParseScalar(string text, out double value)
    {
        var s = text.Replace("_", "", StringComparison.Ordinal);
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(s[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            value = hex;
            return true;
        }

        if (TryParseNumber(text, out value))
        {
            return true;
        }

        if (text.Equals("infinity", StringComparison.OrdinalIgnoreCase) || text.Equals("+infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text.Equals("-infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return false;
    }

    /// <summary>Parses a Go-style float: decimal with optional sign and exponent, or Inf/NaN in any case.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, out double value)
    {
        var body = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        var negative = text.Length > 0 && text[0] == '-';
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        foreach (var c in body)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
            {
                value = 0;
                return false;
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a series description line: metric identifier, then the value sequence.</summary>
    public static SeriesLine ParseSeriesLine(string text, int line)
    {
        var end = MetricEnd(text);
        var metric = text[..end];
        var labels = ParseMetric(metric, line);
        var values = text[end..].Trim();
        return new SeriesLine(labels, ExpandValues(values, line));
    }

    private static int MetricEnd(string text)
    {
        var i = 0;
        while (i < text.Length && text[i] != '{' && text[i] != ' ' && text[i] != '\t')
        {
            i++;
        }

        if (i < text.Length && text[i] == '{')
        {
            char quote = '\0';
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quote != '\0')
                {
                    if (c == '\\' && quote != '`')
                    {
                        i++;
                    }
                    else if (c == quote)
                    {
                        quote = '\0';
                    }
                }
                else if (c is '"' or '\'' or '`')
                {
                    quote = c;
                }
                else if (c == '}')
                {
                    return i + 1;
                }
            }
        }

        return i;
    }

    private static Labels ParseMetric(string metric, int line)
    {
        if (metric.Replace(" ", "", StringComparison.Ordinal) == "{}")
        {
            return Labels.Empty;
        }

        Matcher[] matchers;
        try
        {
            matchers = PromQLParser.ParseMetricSelector(metric);
        }
        catch (PromQLParseException e)
        {
            throw Error(line, $"invalid series \"{metric}\": {e.Message}");
        }

        var builder = new LabelsBuilder();
        foreach (var m in matchers)
        {
            if (m.Type != Pharos.Model.MatchType.Equal)
            {
                throw Error(line, $"invalid series \"{metric}\": only = matchers");
            }

            if (m.Value.Length > 0)
            {
                builder.Set(m.Name, m.Value);
            }
        }

        return builder.ToLabels();
    }

    private static Position[] ExpandValues(string values, int line)
    {
        var result = new List<Position>();
        var i = 0;
        while (i < values.Length)
        {
            if (values[i] is ' ' or '\t')
            {
                i++;
                continue;
            }

            if (values.AsSpan(i).StartsWith("{{"))
            {
                var (h, hint, next) = ReadHistogram(values, i, line);
                i = next;
                if (i < values.Length && values[i] == 'x')
                {
                    var n = ReadCount(values, ref i, line);
                    for (var k = 0; k <= n; k++)
                    {
                        result.Add(new Position(false, 0, h.Copy(), hint));
                    }
                }
                else if (i < values.Length && values[i] is '+' or '-')
                {
                    var sign = values[i] == '+' ? 1 : -1;
                    var (d, dHint, after) = ReadHistogram(values, i + 1, line);
                    i = after;
                    if (i >= values.Length || values[i] != 'x')
                    {
                        throw Error(line, "histogram series needs a repetition count");
                    }

                    var n = ReadCount(values, ref i, line);
                    var current = h;
                    for (var k = 0; k <= n; k++)
                    {
                        result.Add(new Position(false, 0, current, dHint));
                        current = HistogramArithmetic.Combine(current, d, sign);
                    }
                }
                else
                {
                    result.Add(new Position(false, 0, h, hint));
                }

                continue;
            }

            var start = i;
            while (i < values.Length && values[i] is not (' ' or '\t'))
            {
                i++;
            }

            ExpandItem(values[start..i], result, line);
        }

        return [.. result];
    }

    private static int ReadCount(string values, ref int i, int line)
    {
        i++; // 'x'
        var start = i;
        while (i < values.Length && char.IsAsciiDigit(values[i]))
        {
            i++;
        }

        if (i == start)
        {
            throw Error(line, "missing repetition count");
        }

        return int.Parse(values.AsSpan(start, i - start), CultureInfo.InvariantCulture);
    }

    private static void ExpandItem(string item, List<Position> result, int line)
    {
        if (item == "_")
        {
            result.Add(Position.Skip);
            return;
        }

        if (item == "stale")
        {
            result.Add(new Position(false, Storage.StaleMarker.StaleNaN, null));
            return;
        }

        if (item.StartsWith("_x", StringComparison.Ordinal))
        {
            var n = int.Parse(item.AsSpan(2), CultureInfo.InvariantCulture);
            for (var k = 0; k < n; k++)
            {
                result.Add(Position.Skip);
            }

            return;
        }

        var x = item.LastIndexOf('x');
        if (x < 0)
        {
            result.Add(new Position(false, Number(item, line), null));
            return;
        }

        var count = int.Parse(item.AsSpan(x + 1), CultureInfo.InvariantCulture);
        var baseText = item[..x];
        var op = -1;
        for (var k = 1; k < baseText.Length; k++)
        {
            if (baseText[k] is '+' or '-' && baseText[k - 1] is not ('e' or 'E'))
            {
                op = k;
                break;
            }
        }

        double a, b = 0;
        if (op < 0)
        {
            a = Number(baseText, line);
        }
        else
        {
            a = Number(baseText[..op], line);
            b = Number(baseText[(op + 1)..], line);
            if (baseText[op] == '-')
            {
                b = -b;
            }
        }

        for (var k = 0; k <= count; k++)
        {
            result.Add(new Position(false, a + (k * b), null));
        }
    }

    private static double Number(string text, int line) =>
        TryParseNumber(text, out var v) ? v : throw Error(line, $"invalid number \"{text}\"");

    private static (FloatHistogram Histogram, bool HintSpecified, int Next) ReadHistogram(string values, int start, int line)
    {
        var close = values.IndexOf("}}", start, StringComparison.Ordinal);
        if (!values.AsSpan(start).StartsWith("{{") || close < 0)
        {
            throw Error(line, "unterminated histogram");
        }

        var inner = values[(start + 2)..close];
        var (h, hint) = HistogramLiteral.Parse(inner, line);
        return (h, hint, close + 2);
    }
}
