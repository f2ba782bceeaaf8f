namespace Pharos.PromQL.Parser;

internal ref partial struct Lexer
{
    // Numbers: decimal with optional fraction and exponent, hex (0x…), '_' between digits, a leading '.'.
    // A number directly followed by a duration unit is a duration (1h30m, 500ms); the parser checks unit order.
    private Token LexNumberOrDuration()
    {
        var start = _pos;
        if (Peek() == '0' && Peek(1) is 'x' or 'X')
        {
            _pos += 2;
            while (!AtEnd && (char.IsAsciiHexDigit(_input[_pos]) || _input[_pos] == '_'))
            {
                _pos++;
            }
        }
        else
        {
            SkipDigits();
            if (Peek() == '.')
            {
                _pos++;
                SkipDigits();
            }

            if (Peek() is 'e' or 'E'
                && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
            {
                _pos += Peek(1) is '+' or '-' ? 2 : 1;
                SkipDigits();
            }
        }

        if (AtEnd || !IsAlphaNumeric(_input[_pos]))
        {
            return Make(TokenKind.Number, start);
        }

        // A duration: the digits so far must be followed by units and more digit/unit groups.
        if (AcceptDurationTail())
        {
            return Make(TokenKind.Duration, start);
        }

        return Error(start, $"bad number or duration syntax: {GoFormat.Quote(_input[start.._pos].ToString())}");
    }

    private void SkipDigits()
    {
        while (!AtEnd && (char.IsAsciiDigit(_input[_pos]) || _input[_pos] == '_'))
        {
            _pos++;
        }
    }

    private static bool IsUnitChar(char c) => c is 'n' or 's' or 'u' or 'µ' or 'm' or 'h' or 'd' or 'w' or 'y';

    private bool AcceptDurationTail()
    {
        if (AtEnd || !IsUnitChar(_input[_pos]))
        {
            return false;
        }

        _pos++;
        if (Peek() == 's')
        {
            _pos++;
        }

        while (char.IsAsciiDigit(Peek()))
        {
            while (char.IsAsciiDigit(Peek()))
            {
                _pos++;
            }

            if (!IsUnitChar(Peek()) || Peek() == 'y')
            {
                return false;
            }

            _pos++;
            if (Peek() == 's')
            {
                _pos++;
            }
        }

        return AtEnd || !IsAlphaNumeric(_input[_pos]);
    }
}
