using Pharos.PromQL.Parser;
using Xunit;

namespace Pharos.PromQL.Tests.Parser;

public sealed class ParserTableTests
{
    public static TheoryData<string, string> ValidExpressions => new()
    {
        // Literals.
        { "1", "1" },
        { "1.5", "1.5" },
        { ".5", "0.5" },
        { "2.", "2" },
        { "0x1F", "31" },
        { "0X1f", "31" },
        { "010", "8" },
        { "1_000", "1000" },
        { "12.34e6", "12340000" },
        { "12.34e-6", "0.00001234" },
        { "1e100", "1" + new string('0', 100) },
        { "Inf", "+Inf" },
        { "-inF", "-Inf" },
        { "NaN", "NaN" },
        { "nan", "NaN" },
        { "-1", "-1" },
        { "+1", "1" },
        { "- - 1", "1" },
        { "5m", "5m" },
        { "1h30m", "1h30m" },
        { "\"foo\"", "\"foo\"" },
        { "'foo'", "\"foo\"" },
        { "`a\\b`", "\"a\\\\b\"" },
        { "\"\\u00e9\\x41\\101\\n\"", "\"éAA\\n\"" },
        { "'it\\'s'", "\"it's\"" },
        { "\"a\\xc5z\"", "\"a\\xc5z\"" },

        // Selectors.
        { "foo", "foo" },
        { "foo:bar", "foo:bar" },
        { "foo{}", "foo" },
        { "foo{a=\"b\"}", "foo{a=\"b\"}" },
        { "foo{b!=\"x\", a=~\"y.*\", c!~'z',}", "foo{a=~\"y.*\",b!=\"x\",c!~\"z\"}" },
        { "{__name__=\"foo\"}", "{__name__=\"foo\"}" },
        { "{__name__=~\"foo|bar\", job=\"x\"}", "{__name__=~\"foo|bar\",job=\"x\"}" },
        { "{\"my.metric\"}", "{\"my.metric\"}" },
        { "{\"my.metric\", \"a.b\"=\"c\"}", "{\"my.metric\",\"a.b\"=\"c\"}" },
        { "{\"foo\"}", "foo" },
        { "sum_over_time{a=\"b\"}", "sum_over_time{a=\"b\"}" },
        { "offset", "offset" },
        { "foo offset 5m", "foo offset 5m" },
        { "foo offset -5m", "foo offset -5m" },
        { "foo offset 90s", "foo offset 1m30s" },
        { "foo offset 1.5", "foo offset 1s500ms" },
        { "foo @ 1603774568", "foo @ 1603774568.000" },
        { "foo @ -100.5", "foo @ -100.500" },
        { "foo @ 100s", "foo @ 100.000" },
        { "foo offset 5m @ start()", "foo @ start() offset 5m" },
        { "foo @ end()", "foo @ end()" },
        { "foo[5m]", "foo[5m]" },
        { "foo[90]", "foo[1m30s]" },
        { "foo[1h30m] offset 1d", "foo[1h30m] offset 1d" },
        { "foo[5m] @ 10 offset -1m", "foo[5m] @ 10.000 offset -1m" },
        { "foo[336h]", "foo[2w]" },
        { "foo[5m+1m]", "foo[5m + 1m]" },
        { "foo[-5m+35m]", "foo[-5m + 35m]" },
        { "foo[step()]", "foo[step()]" },
        { "foo[min_of(step()+1,1h)]", "foo[min_of(step() + 1, 1h)]" },
        { "foo offset (2*1m)", "foo offset (2 * 1m)" },
        { "foo offset -step()*2", "foo offset -step() * 2" },
        { "foo offset 100 + 2", "foo offset 1m40s + 2" },
        { "foo[3m] anchored", "foo[3m] anchored" },
        { "foo smoothed", "foo smoothed" },
        { "foo @ 100 smoothed", "foo @ 100.000 smoothed" },

        // Subqueries.
        { "foo[1h:5m]", "foo[1h:5m]" },
        { "foo[1h:]", "foo[1h:]" },
        { "rate(foo[5m])[1h:] offset 1m", "rate(foo[5m])[1h:] offset 1m" },
        { "sum(foo)[30m:1m] @ end()", "sum(foo)[30m:1m] @ end()" },
        { "foo[29s+1s:5s+5s]", "foo[29s + 1s:5s + 5s]" },

        // Operators, precedence and associativity.
        { "1 + 2 * 3", "1 + 2 * 3" },
        { "(1 + 2) * 3", "(1 + 2) * 3" },
        { "2 ^ 3 ^ 2", "2 ^ 3 ^ 2" },
        { "-2 ^ 2", "-2 ^ 2" },
        { "-foo ^ 2", "-foo ^ 2" },
        { "1 - -1", "1 - -1" },
        { "a or b and c unless d", "a or b and c unless d" },
        { "a + b > bool c", "a + b > bool c" },
        { "1 == bool 1", "1 == bool 1" },
        { "foo atan2 bar", "foo atan2 bar" },
        { "a * on(b, c) group_left(d) e", "a * on (b, c) group_left (d) e" },
        { "a / ignoring(b) group_right e", "a / ignoring (b) group_right () e" },
        { "a + on() b", "a + on () b" },
        { "a and on(x) b", "a and on (x) b" },
        { "a AND b", "a and b" },
        { "foo + fill(0) bar", "foo + fill(0) bar" },
        { "foo + fill_left(5) fill_right(7) bar", "foo + fill_left(5) fill_right(7) bar" },
        { "foo + on(a) group_left fill_right(-Inf) bar", "foo + on (a) group_left () fill_right(-Inf) bar" },
        { "other + fill", "other + fill" },
        { "h </ 1.5", "h </ 1.5" },
        { "h >/ 0", "h >/ 0" },

        // Aggregations.
        { "sum(foo)", "sum(foo)" },
        { "sum by (a, b) (foo)", "sum by (a, b) (foo)" },
        { "sum(foo) by (a)", "sum by (a) (foo)" },
        { "SUM without(a)(foo)", "sum without (a) (foo)" },
        { "sum without () (foo)", "sum without () (foo)" },
        { "sum by () (foo)", "sum(foo)" },
        { "sum by (\"a.b\", c) (foo)", "sum by (\"a.b\", c) (foo)" },
        { "foo{a=\"b\"}[5m]", "foo{a=\"b\"}[5m]" },
        { "topk(3, foo)", "topk(3, foo)" },
        { "count_values(\"v\", foo)", "count_values(\"v\", foo)" },
        { "quantile by (le) (0.9, foo)", "quantile by (le) (0.9, foo)" },
        { "limitk(2, foo)", "limitk(2, foo)" },
        { "limit_ratio(0.5, foo)", "limit_ratio(0.5, foo)" },
        { "group(foo)", "group(foo)" },

        // Functions.
        { "rate(foo[5m])", "rate(foo[5m])" },
        { "histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))", "histogram_quantile(0.99, sum by (le) (rate(h_bucket[5m])))" },
        { "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")", "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")" },
        { "label_join(up, \"a\", \",\", \"b\", \"c\", \"d\")", "label_join(up, \"a\", \",\", \"b\", \"c\", \"d\")" },
        { "round(foo)", "round(foo)" },
        { "time()", "time()" },
        { "day_of_week()", "day_of_week()" },
        { "vector(step())", "vector(step())" },
        { "info(metric, {data=~\".*\"})", "info(metric, {data=~\".*\"})" },
        { "# comment\nfoo # trailing\n", "foo" },
    };

    public static TheoryData<string, string> InvalidExpressions => new()
    {
        { "", "1:1: parse error: no expression found in input" },
        { "sum by", "1:7: parse error: unexpected end of input in grouping opts, expected \"(\"" },
        { "foo by (a)", "1:5: parse error: unexpected <by>" },
        { "1 +", "1:4: parse error: unexpected end of input" },
        { "1 == 1", "1:3: parse error: comparisons between scalars must use BOOL modifier" },
        { "1 and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression" },
        { "{}", "1:1: parse error: vector selector must contain at least one non-empty matcher" },
        { "{a=\"\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher" },
        { "{a=~\".*\"}", "1:1: parse error: vector selector must contain at least one non-empty matcher" },
        { "foo{__name__=\"bar\"}", "1:1: parse error: metric name must not be set twice: \"foo\" or \"bar\"" },
        { "rate(foo)", "1:6: parse error: expected type range vector in call to function \"rate\", got instant vector" },
        { "abs(foo[5m])", "1:5: parse error: expected type instant vector in call to function \"abs\", got range vector" },
        { "foo[5m] + 1", "1:1: parse error: binary expression must contain only scalar and instant vector types" },
        { "-\"a\"", "1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"string\"" },
        { "rate(foo[5m], 1)", "1:1: parse error: expected 1 argument(s) in call to \"rate\", got 2" },
        { "round()", "1:1: parse error: expected at least 1 argument(s) in call to \"round\", got 0" },
        { "round(foo, 1, 2)", "1:1: parse error: expected at most 2 argument(s) in call to \"round\", got 3" },
        { "unknown_fn(foo)", "1:1: parse error: unknown function with name \"unknown_fn\"" },
        { "rate(foo[5m],)", "1:13: parse error: trailing commas not allowed in function call args" },
        { "topk(foo)", "1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1" },
        { "sum()", "1:1: parse error: no arguments for aggregate expression provided" },
        { "topk(\"a\", foo)", "1:6: parse error: expected type scalar in aggregation parameter, got string" },
        { "count_values(1, foo)", "1:14: parse error: expected type string in aggregation parameter, got scalar" },
        { "sum(foo[5m])", "1:5: parse error: expected type instant vector in aggregation expression, got range vector" },
        { "foo offset 1m offset 2m", "1:15: parse error: offset may not be set multiple times" },
        { "foo @ 1 @ 2", "1:9: parse error: @ <timestamp> may not be set multiple times" },
        { "foo offset 1m[5m]", "1:14: parse error: no offset modifiers allowed before range" },
        { "foo @ 1[5m]", "1:8: parse error: no @ modifiers allowed before range" },
        { "(foo)[5m]", "1:6: parse error: ranges only allowed for vector selectors" },
        { "sum(foo) offset 5m", "1:10: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery" },
        { "foo[5m][5m:1m]", "1:1: parse error: subquery is only allowed on instant vector, got range vector instead" },
        { "foo and 1", "1:1: parse error: set operator \"and\" not allowed in binary scalar expression" },
        { "foo + bool bar", "1:5: parse error: bool modifier can only be used on comparison operators" },
        { "foo and on(a) group_left bar", "1:1: parse error: no grouping allowed for \"and\" operation" },
        { "foo * on(a) group_left(a) bar", "1:5: parse error: label \"a\" must not occur in ON and GROUP clause at once" },
        { "1 + on(a) foo", "1:1: parse error: vector matching only allowed between instant vectors" },
        { "foo * group_left bar", "1:7: parse error: unexpected <group_left>" },
        { "foo{a=\"b\" c=\"d\"}", "1:11: parse error: unexpected identifier \"c\" in label matching, expected \",\" or \"}\"" },
        { "foo{a}", "1:6: parse error: unexpected \"}\" in label matching, expected label matching operator" },
        { "foo{a=b}", "1:7: parse error: unexpected identifier \"b\" in label matching, expected string" },
        { "foo{", "1:5: parse error: unexpected end of input inside braces" },
        { "foo}", "1:4: parse error: unexpected right brace '}'" },
        { "(foo", "1:5: parse error: unclosed left parenthesis" },
        { "foo)", "1:4: parse error: unexpected right parenthesis ')'" },
        { "foo[5m", "1:7: parse error: unclosed left bracket" },
        { "foo[]", "1:5: parse error: unexpected \"]\" in subquery selector, expected duration" },
        { "foo[5m 1m]", "1:8: parse error: unexpected duration \"1m\" in subquery or range, expected \":\" or \"]\"" },
        { "\"abc", "1:1: parse error: unterminated quoted string" },
        { "`abc", "1:1: parse error: unterminated raw string" },
        { "\"\\q\"", "1:1: parse error: unknown escape sequence U+0071 'q'" },
        { "1a", "1:1: parse error: bad number or duration syntax: \"1\"" },
        { "foo =~ bar", "1:5: parse error: unexpected character after '=': '~'" },
        { "foo ! bar", "1:5: parse error: unexpected character after '!': ' '" },
        { "foo $ bar", "1:5: parse error: unexpected character: '$'" },
        { "foo{a=~\"(\"}", "1:5: parse error: error parsing regexp: " },
        { "foo offset", "1:11: parse error: unexpected end of input in offset, expected number or duration" },
        { "foo @ bar", "1:7: parse error: unexpected identifier \"bar\" in @, expected timestamp" },
        { "sum(foo) by", "1:12: parse error: unexpected end of input in grouping opts, expected \"(\"" },
        { "sum by (a b) (foo)", "1:11: parse error: unexpected identifier \"b\" in grouping opts, expected \",\" or \")\"" },
        { "sum by (a:b) (foo)", "1:9: parse error: unexpected metric identifier \"a:b\" in grouping opts, expected label" },
        { "sum by (1) (foo)", "1:9: parse error: unexpected number \"1\" in grouping opts, expected label" },
        { "foo[5m1h]", "1:5: parse error: not a valid duration string: \"5m1h\"" },
        { "\n\n  {}", "3:3: parse error: vector selector must contain at least one non-empty matcher" },
    };

    [Theory]
    [MemberData(nameof(ValidExpressions))]
    public void Valid_expression_prints_in_canonical_form_and_round_trips(string input, string canonical)
    {
        var expr = PromQLParser.ParseExpr(input);
        Assert.Equal(canonical, expr.ToString());
        var reparsed = PromQLParser.ParseExpr(canonical);
        Assert.Equal(canonical, reparsed.ToString());
        Assert.Equal(expr.Type, reparsed.Type);
    }

    [Theory]
    [MemberData(nameof(InvalidExpressions))]
    public void Invalid_expression_fails_with_upstream_message_and_position(string input, string message)
    {
        var e = Assert.Throws<PromQLParseException>(() => PromQLParser.ParseExpr(input));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.NotEmpty(e.Errors);
    }
}
