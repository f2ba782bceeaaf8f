using System.Globalization;
using System.Runtime.CompilerServices;

namespace Pharos.PromQL.Parser;

/// <summary>
/// A hand-written recursive-descent (Pratt) parser following upstream's grammar. Syntax errors stop the parse;
/// errors upstream raises in grammar actions are collected and parsing goes on; type checks run afterwards only
/// when there were none, as upstream's <c>checkAST</c>. Single-use.
/// </summary>
internal sealed partial class Parser
{
    // Deeper trees are rejected so that no input can overflow the stack of the parser, the checker or the printer.
    private const int MaxDepth = 1000;

    private readonly string _input;
    private readonly List<Token> _tokens;
    private readonly PromQLParserOptions _options;
    private readonly List<ParseError> _errors = [];
    private int _index;
    private int _lastClosing;
    private int _depth;

    public Parser(string input, PromQLParserOptions options)
    {
        _input = input;
        _options = options;
        _tokens = Lexer.Tokenize(input);
    }

    private Token Current => _tokens[_index];

    private Token PeekToken(int ahead = 1) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    public Expr ParseExpression()
    {
        Expr expr;
        try
        {
            if (Current.Kind == TokenKind.Eof)
            {
                AddError(default, "no expression found in input");
                throw new PromQLParseException(_errors);
            }

            expr = ParseExpr(0);
            if (Current.Kind != TokenKind.Eof)
            {
                throw Unexpected("", "");
            }
        }
        catch (InsufficientExecutionStackException)
        {
            AddError(Current.Range, "query is nested too deeply");
            throw new PromQLParseException(_errors);
        }

        if (_errors.Count == 0 && ExprTree.Depth(expr) > MaxDepth)
        {
            AddError(expr.Position, "query is nested too deeply");
        }

        if (_errors.Count == 0)
        {
            expr = Check(expr);
        }

        if (_errors.Count > 0)
        {
            throw new PromQLParseException(_errors);
        }

        return expr;
    }

    private Token Advance()
    {
        var token = _tokens[_index];
        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        if (token.Kind is TokenKind.RightParen or TokenKind.RightBracket or TokenKind.RightBrace)
        {
            _lastClosing = token.End;
        }

        return token;
    }

    private void AddError(PositionRange range, string message) => _errors.Add(new ParseError(range, message, _input));

    /// <summary>Records the current token as unexpected (or the lexer's error it carries); the caller throws the result.</summary>
    private PromQLParseException Unexpected(string context, string expected)
    {
        var token = Current;
        if (token.Kind == TokenKind.Error)
        {
            AddError(token.Range, token.Text);
            return new PromQLParseException(_errors);
        }

        var message = "unexpected " + Describe(token);
        if (context.Length > 0)
        {
            message += " in " + context;
        }

        if (expected.Length > 0)
        {
            message += ", expected " + expected;
        }

        AddError(token.Range, message);
        return new PromQLParseException(_errors);
    }

    private void Expect(TokenKind kind, string context, string expected)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(context, expected);
        }

        Advance();
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            AddError(Current.Range, "query is nested too deeply");
            throw new PromQLParseException(_errors);
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private void Leave() => _depth--;

    private bool IsWord(Token token, string word) =>
        token.Kind == TokenKind.Identifier && token.Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    private double ParseNumber(Token token)
    {
        if (TryParseGoNumber(token.Text, out var value))
        {
            return value;
        }

        AddError(token.Range, $"error parsing number: strconv.ParseFloat: parsing {GoFormat.Quote(token.Text)}: invalid syntax");
        return 0;
    }

    private double ParseDurationSeconds(Token token)
    {
        if (Pharos.Model.PrometheusDuration.TryParse(token.Text, out var duration, out var error))
        {
            return duration.TotalMilliseconds / 1000.0;
        }

        AddError(token.Range, error ?? $"not a valid duration string: {GoFormat.Quote(token.Text)}");
        return 0;
    }

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c> then <c>strconv.ParseFloat(s, 64)</c>, as upstream reads numbers.</summary>
    internal static bool TryParseGoNumber(string text, out double value)
    {
        value = 0;
        var s = text;
        if (s.Equals("inf", StringComparison.OrdinalIgnoreCase) || s.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (!UnderscoresOk(s))
        {
            return false;
        }

        var clean = s.Replace("_", "", StringComparison.Ordinal);
        if (clean.Length > 2 && clean[0] == '0' && clean[1] is 'x' or 'X')
        {
            if (clean.AsSpan(2).ContainsAnyExcept("0123456789abcdefABCDEF"))
            {
                return false;
            }

            value = HexToDouble(clean.AsSpan(2));
            return true;
        }

        if (clean.Length > 2 && clean[0] == '0' && clean[1] is 'o' or 'O' or 'b' or 'B')
        {
            var radix = clean[1] is 'o' or 'O' ? 8 : 2;
            double v = 0;
            foreach (var ch in clean.AsSpan(2))
            {
                var d = ch - '0';
                if (d < 0 || d >= radix)
                {
                    return false;
                }

                v = (v * radix) + d;
            }

            value = v;
            return true;
        }

        // A leading 0 makes an integer octal in Go (010 == 8); non-octal digits fall through to float parsing.
        if (clean.Length > 1 && clean[0] == '0' && !clean.AsSpan().ContainsAnyExcept("01234567"))
        {
            double v = 0;
            foreach (var ch in clean.AsSpan(1))
            {
                v = (v * 8) + (ch - '0');
            }

            value = v;
            return true;
        }

        if (clean.Length == 0 || clean.AsSpan().ContainsAnyExcept("0123456789.eE+-"))
        {
            return false;
        }

        return double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static double HexToDouble(ReadOnlySpan<char> hex)
    {
        double v = 0;
        foreach (var ch in hex)
        {
            v = (v * 16) + (char.IsAsciiDigit(ch) ? ch - '0' : (char.ToLowerInvariant(ch) - 'a' + 10));
        }

        return v;
    }

    // Go accepts '_' only between digits (after an optional base prefix).
    private static bool UnderscoresOk(string s)
    {
        if (!s.Contains('_', StringComparison.Ordinal))
        {
            return true;
        }

        var i = 0;
        var hex = false;
        var saw = '^';
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
        {
            hex = char.ToLowerInvariant(s[1]) == 'x';
            i = 2;
            saw = '0';
        }

        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c) || (hex && char.IsAsciiHexDigit(c)))
            {
                saw = '0';
                continue;
            }

            if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
                continue;
            }

            if (saw == '_')
            {
                return false;
            }

            saw = '!';
        }

        return saw != '_';
    }
}
