namespace Pharos.PromQL.Parser;

/// <summary>
/// The PromQL lexer, over the query text. It tracks brace, bracket and parenthesis nesting as upstream's does
/// (inside braces only label-matcher tokens exist; <c>:</c> is a colon only inside brackets). The first lexical
/// error becomes an <see cref="TokenKind.Error"/> token and ends the stream.
/// </summary>
internal ref partial struct Lexer
{
    private readonly ReadOnlySpan<char> _input;
    private int _pos;
    private int _parenDepth;
    private bool _braceOpen;
    private bool _bracketOpen;

    private Lexer(ReadOnlySpan<char> input)
    {
        _input = input;
    }

    /// <summary>Splits <paramref name="input"/> into tokens, ending with <see cref="TokenKind.Eof"/> or <see cref="TokenKind.Error"/>.</summary>
    public static List<Token> Tokenize(ReadOnlySpan<char> input)
    {
        var lexer = new Lexer(input);
        var tokens = new List<Token>(Math.Max(4, input.Length / 3));
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind is TokenKind.Eof or TokenKind.Error)
            {
                return tokens;
            }
        }
    }

    private static bool IsAlpha(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsAlphaNumeric(char c) => IsAlpha(c) || char.IsAsciiDigit(c);

    private readonly char Peek(int ahead = 0) => _pos + ahead < _input.Length ? _input[_pos + ahead] : '\0';

    private readonly bool AtEnd => _pos >= _input.Length;

    private readonly Token Make(TokenKind kind, int start) => new(kind, start, _pos, _input[start.._pos].ToString());

    private readonly Token Error(int start, string message) => new(TokenKind.Error, start, Math.Max(_pos, start), message);

    private Token Next()
    {
        SkipWhitespaceAndComments();
        if (AtEnd)
        {
            if (_braceOpen)
            {
                return Error(_pos, "unexpected end of input inside braces");
            }

            if (_parenDepth != 0)
            {
                return Error(_pos, "unclosed left parenthesis");
            }

            if (_bracketOpen)
            {
                return Error(_pos, "unclosed left bracket");
            }

            return new Token(TokenKind.Eof, _input.Length, _input.Length, "");
        }

        return _braceOpen ? NextInsideBraces() : NextStatement();
    }

    private void SkipWhitespaceAndComments()
    {
        while (!AtEnd)
        {
            var c = _input[_pos];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                _pos++;
            }
            else if (c == '#')
            {
                while (!AtEnd && _input[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private Token NextStatement()
    {
        var start = _pos;
        var c = _input[_pos];
        switch (c)
        {
            case ',':
                _pos++;
                return Make(TokenKind.Comma, start);
            case '*':
                _pos++;
                return Make(TokenKind.Mul, start);
            case '/':
                _pos++;
                return Make(TokenKind.Div, start);
            case '%':
                _pos++;
                return Make(TokenKind.Mod, start);
            case '+':
                _pos++;
                return Make(TokenKind.Add, start);
            case '-':
                _pos++;
                return Make(TokenKind.Sub, start);
            case '^':
                _pos++;
                return Make(TokenKind.Pow, start);
            case '@':
                _pos++;
                return Make(TokenKind.At, start);
            case '=':
                _pos++;
                if (Peek() == '=')
                {
                    _pos++;
                    return Make(TokenKind.EqlC, start);
                }

                if (Peek() == '~')
                {
                    return Error(start, $"unexpected character after '=': {GoFormat.QuoteRune('~')}");
                }

                return Make(TokenKind.Assign, start);
            case '!':
                _pos++;
                if (Peek() == '=')
                {
                    _pos++;
                    return Make(TokenKind.Neq, start);
                }

                return Error(start, $"unexpected character after '!': {GoFormat.QuoteRune(Peek())}");
            case '<':
                _pos++;
                if (Peek() == '=')
                {
                    _pos++;
                    return Make(TokenKind.Lte, start);
                }

                if (Peek() == '/')
                {
                    _pos++;
                    return Make(TokenKind.TrimUpper, start);
                }

                return Make(TokenKind.Lss, start);
            case '>':
                _pos++;
                if (Peek() == '=')
                {
                    _pos++;
                    return Make(TokenKind.Gte, start);
                }

                if (Peek() == '/')
                {
                    _pos++;
                    return Make(TokenKind.TrimLower, start);
                }

                return Make(TokenKind.Gtr, start);
            case '"' or '\'':
                return LexString(c);
            case '`':
                return LexRawString();
            case '(':
                _pos++;
                _parenDepth++;
                return Make(TokenKind.LeftParen, start);
            case ')':
                _pos++;
                _parenDepth--;
                if (_parenDepth < 0)
                {
                    return Error(start, $"unexpected right parenthesis {GoFormat.QuoteRune(c)}");
                }

                return Make(TokenKind.RightParen, start);
            case '{':
                _pos++;
                _braceOpen = true;
                return Make(TokenKind.LeftBrace, start);
            case '}':
                _pos++;
                return Error(start, $"unexpected right brace {GoFormat.QuoteRune(c)}");
            case '[':
                _pos++;
                if (_bracketOpen)
                {
                    return Error(start, $"unexpected left bracket {GoFormat.QuoteRune(c)}");
                }

                _bracketOpen = true;
                return Make(TokenKind.LeftBracket, start);
            case ']':
                _pos++;
                if (!_bracketOpen)
                {
                    return Error(start, $"unexpected right bracket {GoFormat.QuoteRune(c)}");
                }

                _bracketOpen = false;
                return Make(TokenKind.RightBracket, start);
            case ':' when _bracketOpen:
                _pos++;
                return Make(TokenKind.Colon, start);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return LexNumberOrDuration();
        }

        if (IsAlpha(c) || c == ':')
        {
            var hasColon = false;
            while (!AtEnd && (IsAlphaNumeric(_input[_pos]) || (_input[_pos] == ':' && !_bracketOpen)))
            {
                hasColon |= _input[_pos] == ':';
                _pos++;
            }

            return Make(hasColon ? TokenKind.MetricIdentifier : TokenKind.Identifier, start);
        }

        _pos++;
        if (char.IsHighSurrogate(c) && char.IsLowSurrogate(Peek()))
        {
            _pos++;
        }

        return Error(start, $"unexpected character: {GoFormat.QuoteRune(_input[start.._pos])}");
    }

    private Token NextInsideBraces()
    {
        var start = _pos;
        var c = _input[_pos];
        switch (c)
        {
            case ',':
                _pos++;
                return Make(TokenKind.Comma, start);
            case '"' or '\'':
                return LexString(c);
            case '`':
                return LexRawString();
            case '=':
                _pos++;
                if (Peek() == '~')
                {
                    _pos++;
                    return Make(TokenKind.EqlRegex, start);
                }

                return Make(TokenKind.Assign, start);
            case '!':
                _pos++;
                if (Peek() == '~')
                {
                    _pos++;
                    return Make(TokenKind.NeqRegex, start);
                }

                if (Peek() == '=')
                {
                    _pos++;
                    return Make(TokenKind.Neq, start);
                }

                return Error(start, $"unexpected character after '!' inside braces: {GoFormat.QuoteRune(Peek())}");
            case '{':
                _pos++;
                return Error(start, $"unexpected left brace {GoFormat.QuoteRune(c)}");
            case '}':
                _pos++;
                _braceOpen = false;
                return Make(TokenKind.RightBrace, start);
        }

        if (IsAlpha(c))
        {
            while (!AtEnd && IsAlphaNumeric(_input[_pos]))
            {
                _pos++;
            }

            return Make(TokenKind.Identifier, start);
        }

        _pos++;
        if (char.IsHighSurrogate(c) && char.IsLowSurrogate(Peek()))
        {
            _pos++;
        }

        return Error(start, $"unexpected character inside braces: {GoFormat.QuoteRune(_input[start.._pos])}");
    }
}
