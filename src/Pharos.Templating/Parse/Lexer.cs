namespace Pharos.Templating.Parse;

/// <summary>
/// Splits a template into tokens with Go's rules: text outside <c>{{ }}</c>, trim markers <c>{{- </c> and
/// <c> -}}</c> that eat adjacent white space, comments <c>{{/* */}}</c>, and the operands inside actions. The whole
/// template is tokenised up front; an error becomes a final <see cref="TokenKind.Error"/> token.
/// </summary>
internal sealed class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "block", "break", "continue", "define", "else", "end", "if", "range", "nil", "template", "with",
    };

    private readonly string _input;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _parenDepth;

    private Lexer(string input) => _input = input;

    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (_pos <= _input.Length)
        {
            if (!LexText())
            {
                return;
            }

            if (!LexInsideAction())
            {
                return;
            }
        }
    }

    // Lexes text up to the next left delimiter. Returns false at end of input.
    private bool LexText()
    {
        var start = _pos;
        var idx = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (idx < 0)
        {
            if (_input.Length > start)
            {
                Emit(TokenKind.Text, _input[start..], start);
            }

            Emit(TokenKind.Eof, "", _input.Length);
            return false;
        }

        var end = idx;
        var trimLeft = HasLeftTrimMarker(idx + LeftDelim.Length);
        if (trimLeft)
        {
            while (end > start && IsSpace(_input[end - 1]))
            {
                end--;
            }
        }

        if (end > start)
        {
            Emit(TokenKind.Text, _input[start..end], start);
        }

        AdvanceLines(start, idx);
        _pos = idx;
        return true;
    }

    private bool HasLeftTrimMarker(int at) =>
        at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarker(int at) =>
        at >= 1 && _input[at] == '-' && IsSpace(_input[at - 1]) &&
        string.CompareOrdinal(_input, at + 1, RightDelim, 0, RightDelim.Length) == 0;

    // Lexes from a left delimiter through its right delimiter. Returns false when lexing must stop.
    private bool LexInsideAction()
    {
        var delimPos = _pos;
        _pos += LeftDelim.Length;
        if (HasLeftTrimMarker(_pos))
        {
            _pos += 2;
        }

        // A comment must follow the delimiter (and trim marker) immediately.
        if (string.CompareOrdinal(_input, _pos, "/*", 0, 2) == 0)
        {
            return LexComment(delimPos);
        }

        Emit(TokenKind.LeftDelim, LeftDelim, delimPos);
        _parenDepth = 0;
        while (true)
        {
            if (_pos >= _input.Length)
            {
                return Fail("unclosed action");
            }

            if (HasRightTrimMarker(_pos) && _parenDepth == 0)
            {
                Emit(TokenKind.RightDelim, RightDelim, _pos);
                _pos += 1 + RightDelim.Length;
                SkipLeadingSpace();
                return true;
            }

            if (string.CompareOrdinal(_input, _pos, RightDelim, 0, RightDelim.Length) == 0)
            {
                if (_parenDepth > 0)
                {
                    return Fail("unclosed left paren");
                }

                Emit(TokenKind.RightDelim, RightDelim, _pos);
                _pos += RightDelim.Length;
                return true;
            }

            if (!LexOperand())
            {
                return false;
            }
        }
    }

    private bool LexComment(int delimPos)
    {
        var end = _input.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            _pos = delimPos;
            return Fail("unclosed comment");
        }

        var after = end + 2;
        AdvanceLines(_pos, after);
        if (HasRightTrimMarker(after + 1) && _input[after] == ' ')
        {
            _pos = after + 2 + RightDelim.Length;
            SkipLeadingSpace();
            return true;
        }

        if (string.CompareOrdinal(_input, after, RightDelim, 0, RightDelim.Length) != 0)
        {
            _pos = after;
            return Fail("comment ends before closing delimiter");
        }

        _pos = after + RightDelim.Length;
        return true;
    }

    private void SkipLeadingSpace()
    {
        var start = _pos;
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            _pos++;
        }

        AdvanceLines(start, _pos);
    }

    private bool LexOperand()
    {
        var c = _input[_pos];
        var start = _pos;
        switch (c)
        {
            case ' ' or '\t' or '\r' or '\n':
                while (_pos < _input.Length && IsSpace(_input[_pos]) && !HasRightTrimMarker(_pos + 1 < _input.Length ? _pos + 1 : _pos))
                {
                    _pos++;
                }

                // A run of spaces followed by " -}}" leaves the last space for the trim marker check.
                if (_pos == start)
                {
                    _pos++;
                }

                Emit(TokenKind.Space, _input[start.._pos], start);
                AdvanceLines(start, _pos);
                return true;
            case '=':
                _pos++;
                Emit(TokenKind.Assign, "=", start);
                return true;
            case ':':
                if (_pos + 1 < _input.Length && _input[_pos + 1] == '=')
                {
                    _pos += 2;
                    Emit(TokenKind.Declare, ":=", start);
                    return true;
                }

                return Fail("expected :=");
            case '|':
                _pos++;
                Emit(TokenKind.Pipe, "|", start);
                return true;
            case '"':
                return LexQuoted(start);
            case '`':
                return LexRawQuote(start);
            case '\'':
                return LexChar(start);
            case '$':
                return LexVariableOrField(start, TokenKind.Variable);
            case '.':
                if (_pos + 1 < _input.Length && char.IsAsciiDigit(_input[_pos + 1]))
                {
                    return LexNumber(start);
                }

                return LexVariableOrField(start, TokenKind.Field);
            case '(':
                _pos++;
                _parenDepth++;
                Emit(TokenKind.LeftParen, "(", start);
                return true;
            case ')':
                _pos++;
                _parenDepth--;
                if (_parenDepth < 0)
                {
                    return Fail("unexpected right paren");
                }

                Emit(TokenKind.RightParen, ")", start);
                return true;
            case ',':
                _pos++;
                Emit(TokenKind.Comma, ",", start);
                return true;
            default:
                if (c is '+' or '-' || char.IsAsciiDigit(c))
                {
                    return LexNumber(start);
                }

                if (IsAlphaNumeric(c))
                {
                    return LexIdentifier(start);
                }

                _pos++;
                return Fail($"unrecognized character in action: {QuoteRune(c)}");
        }
    }

    private bool LexIdentifier(int start)
    {
        while (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }

        var word = _input[start.._pos];
        if (!AtTerminator())
        {
            return Fail($"bad character {QuoteRune(_input[_pos])}");
        }

        var kind = word switch
        {
            "true" or "false" => TokenKind.Bool,
            "nil" => TokenKind.Nil,
            _ when Keywords.Contains(word) => TokenKind.Keyword,
            _ => TokenKind.Identifier,
        };
        Emit(kind, word, start);
        return true;
    }

    private bool LexVariableOrField(int start, TokenKind kind)
    {
        _pos++;
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot, _input[start.._pos], start);
            return true;
        }

        while (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }

        if (!AtTerminator())
        {
            return Fail($"bad character {QuoteRune(_input[_pos])}");
        }

        Emit(kind, _input[start.._pos], start);
        return true;
    }

    private bool AtTerminator()
    {
        if (_pos >= _input.Length)
        {
            return true;
        }

        var c = _input[_pos];
        return IsSpace(c) || c is '.' or ',' or '|' or ':' or ')' or '(' or '=' ||
            string.CompareOrdinal(_input, _pos, RightDelim, 0, RightDelim.Length) == 0;
    }

    private bool LexNumber(int start)
    {
        // Accept Go's number syntax loosely here; the parser validates the literal.
        if (_input[_pos] is '+' or '-')
        {
            _pos++;
        }

        var digits = "0123456789_";
        if (_pos + 1 < _input.Length && _input[_pos] == '0' && _input[_pos + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            _pos += 2;
            digits = "0123456789abcdefABCDEF_";
        }

        Accept(digits);
        if (_pos < _input.Length && _input[_pos] == '.')
        {
            _pos++;
            Accept(digits);
        }

        if (_pos < _input.Length && (digits.Length == 11 ? _input[_pos] is 'e' or 'E' : _input[_pos] is 'p' or 'P'))
        {
            _pos++;
            if (_pos < _input.Length && _input[_pos] is '+' or '-')
            {
                _pos++;
            }

            Accept("0123456789_");
        }

        if (_pos < _input.Length && _input[_pos] == 'i')
        {
            _pos++;
        }

        if (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
            return Fail($"bad number syntax: \"{_input[start.._pos]}\"");
        }

        Emit(TokenKind.Number, _input[start.._pos], start);
        return true;
    }

    private void Accept(string valid)
    {
        while (_pos < _input.Length && valid.Contains(_input[_pos], StringComparison.Ordinal))
        {
            _pos++;
        }
    }

    private bool LexQuoted(int start)
    {
        _pos++;
        while (true)
        {
            if (_pos >= _input.Length || _input[_pos] == '\n')
            {
                return Fail("unterminated quoted string");
            }

            var c = _input[_pos++];
            if (c == '\\')
            {
                if (_pos >= _input.Length || _input[_pos] == '\n')
                {
                    return Fail("unterminated quoted string");
                }

                _pos++;
            }
            else if (c == '"')
            {
                break;
            }
        }

        Emit(TokenKind.String, _input[start.._pos], start);
        return true;
    }

    private bool LexRawQuote(int start)
    {
        var end = _input.IndexOf('`', _pos + 1);
        if (end < 0)
        {
            return Fail("unterminated raw quoted string");
        }

        _pos = end + 1;
        Emit(TokenKind.RawString, _input[start.._pos], start);
        AdvanceLines(start, _pos);
        return true;
    }

    private bool LexChar(int start)
    {
        _pos++;
        while (true)
        {
            if (_pos >= _input.Length || _input[_pos] == '\n')
            {
                return Fail("unterminated character constant");
            }

            var c = _input[_pos++];
            if (c == '\\')
            {
                if (_pos >= _input.Length || _input[_pos] == '\n')
                {
                    return Fail("unterminated character constant");
                }

                _pos++;
            }
            else if (c == '\'')
            {
                break;
            }
        }

        Emit(TokenKind.Char, _input[start.._pos], start);
        return true;
    }

    private bool Fail(string message)
    {
        _tokens.Add(new Token(TokenKind.Error, message, _pos, _line));
        return false;
    }

    private void Emit(TokenKind kind, string value, int pos) => _tokens.Add(new Token(kind, value, pos, _line));

    private void AdvanceLines(int from, int to)
    {
        for (var i = from; i < to && i < _input.Length; i++)
        {
            if (_input[i] == '\n')
            {
                _line++;
            }
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static string QuoteRune(char c) => c switch
    {
        '\'' => @"'\''",
        _ when char.IsControl(c) => $"'\\x{(int)c:x2}'",
        _ => $"U+{(int)c:X4} '{c}'",
    };
}
