using System.Globalization;

namespace Pharos.Templating.Parse;

/// <summary>Pipelines, commands and operands; token helpers and error reporting.</summary>
internal sealed partial class Parser
{
    private PipeNode Pipeline(string context, TokenKind end)
    {
        var start = PeekNonSpace();
        var pipe = new PipeNode(start.Pos, [], false, []);
        var isAssign = false;

        // Declarations: "$x :=", "$x =", or in range "$i, $v :=".
        if (start.Kind == TokenKind.Variable)
        {
            var saved = _index;
            var v = Next();
            var after = PeekNonSpace();
            switch (after.Kind)
            {
                case TokenKind.Declare or TokenKind.Assign:
                    Next();
                    isAssign = after.Kind == TokenKind.Assign;
                    pipe.Decl.Add(v.Value);
                    if (!isAssign)
                    {
                        _vars.Add(v.Value);
                    }
                    else if (!_vars.Contains(v.Value))
                    {
                        Error($"undefined variable \"{v.Value}\"", v.Pos, v.Line);
                    }

                    break;
                case TokenKind.Comma when context == "range":
                    Next();
                    pipe.Decl.Add(v.Value);
                    _vars.Add(v.Value);
                    var second = NextNonSpace();
                    if (second.Kind != TokenKind.Variable)
                    {
                        Error($"missing variable in {context}", second.Pos, second.Line);
                    }

                    var op = NextNonSpace();
                    if (op.Kind is not (TokenKind.Declare or TokenKind.Assign))
                    {
                        Error($"too many declarations in {context}", op.Pos, op.Line);
                    }

                    isAssign = op.Kind == TokenKind.Assign;
                    pipe.Decl.Add(second.Value);
                    _vars.Add(second.Value);
                    break;
                case TokenKind.Comma:
                    Error($"too many declarations in {context}", after.Pos, after.Line);
                    break;
                default:
                    _index = saved;
                    break;
            }
        }

        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                if (pipe.Commands.Count == 0)
                {
                    Error($"missing value for {context}", token.Pos, token.Line);
                }

                var source = _input[start.Pos..token.Pos].Trim();
                return pipe with { IsAssign = isAssign, Source = source };
            }

            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.Char or TokenKind.Dot or TokenKind.Field or TokenKind.Identifier
                    or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String
                    or TokenKind.Variable or TokenKind.LeftParen:
                    Backup(token);
                    pipe.Commands.Add(Command());
                    break;
                case TokenKind.Error:
                    Error(token.Value, token.Pos, token.Line);
                    break;
                default:
                    Unexpected(token, context);
                    break;
            }
        }
    }

    private CommandNode Command()
    {
        var start = PeekNonSpace();
        var command = new CommandNode(start.Pos, []);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                command.Args.Add(operand);
            }

            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Space:
                    continue;
                case TokenKind.RightDelim or TokenKind.RightParen:
                    Backup(token);
                    break;
                case TokenKind.Pipe:
                    break;
                case TokenKind.Error:
                    Error(token.Value, token.Pos, token.Line);
                    break;
                default:
                    Unexpected(token, "operand");
                    break;
            }

            break;
        }

        if (command.Args.Count == 0)
        {
            Error("empty command", start.Pos, start.Line);
        }

        var endPos = Peek().Pos;
        return command with { Source = _input[start.Pos..Math.Max(start.Pos, endPos)].Trim().TrimEnd('|').Trim() };
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null)
        {
            return null;
        }

        if (Peek().Kind != TokenKind.Field)
        {
            return node;
        }

        var fields = new List<string>();
        var end = node.Pos;
        while (Peek().Kind == TokenKind.Field)
        {
            var f = Next();
            fields.Add(f.Value[1..]);
            end = f.Pos + f.Value.Length;
        }

        var source = _input[node.Pos..end];
        switch (node)
        {
            case FieldNode field:
                return new FieldNode(node.Pos, [.. field.Idents, .. fields]) { Source = source };
            case VariableNode variable:
                return new VariableNode(node.Pos, [.. variable.Idents, .. fields]) { Source = source };
            case BoolNode or StringNode or NumberNode or NilNode or DotNode:
                Error($"unexpected . after term \"{node.Source}\"", node.Pos);
                return null;
            default:
                return new ChainNode(node.Pos, node, [.. fields]) { Source = source };
        }
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_isFunction(token.Value))
                {
                    Error($"function \"{token.Value}\" not defined", token.Pos, token.Line);
                }

                return new IdentifierNode(token.Pos, token.Value) { Source = token.Value };
            case TokenKind.Dot:
                return new DotNode(token.Pos) { Source = "." };
            case TokenKind.Nil:
                return new NilNode(token.Pos) { Source = "nil" };
            case TokenKind.Variable:
                if (!_vars.Contains(token.Value))
                {
                    Error($"undefined variable \"{token.Value}\"", token.Pos, token.Line);
                }

                return new VariableNode(token.Pos, [token.Value]) { Source = token.Value };
            case TokenKind.Field:
                return new FieldNode(token.Pos, [token.Value[1..]]) { Source = token.Value };
            case TokenKind.Bool:
                return new BoolNode(token.Pos, token.Value == "true") { Source = token.Value };
            case TokenKind.Char or TokenKind.Number:
                return new NumberNode(token.Pos, ParseNumber(token)) { Source = token.Value };
            case TokenKind.LeftParen:
                EnterNesting(token);
                var pipe = Pipeline("parenthesized pipeline", TokenKind.RightParen);
                _depth--;
                return pipe with { Source = "(" + pipe.Source + ")" };
            case TokenKind.String or TokenKind.RawString:
                string text;
                try
                {
                    text = Unquote(token);
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
                {
                    Error("invalid syntax", token.Pos, token.Line);
                    return null;
                }

                return new StringNode(token.Pos, text) { Source = token.Value };
            default:
                Backup(token);
                return null;
        }
    }

    private object ParseNumber(Token token)
    {
        var text = token.Value;
        if (token.Kind == TokenKind.Char)
        {
            try
            {
                var s = UnquoteInterpreted(text[1..^1], '\'');
                if (s.Length == 0 || (s.Length > 1 && !char.IsSurrogatePair(s, 0)) || s.Length > 2)
                {
                    throw new FormatException();
                }

                return (long)char.ConvertToUtf32(s, 0);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
            {
                Error($"malformed character constant: {text}", token.Pos, token.Line);
            }
        }

        if (text.EndsWith('i'))
        {
            Error($"complex numbers are not supported: {text}", token.Pos, token.Line);
        }

        var clean = text.Replace("_", "", StringComparison.Ordinal);
        var negative = clean.StartsWith('-');
        var unsigned = clean.TrimStart('+', '-');
        var isHex = unsigned.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var looksFloat = !isHex && unsigned.AsSpan().IndexOfAny(".eE") >= 0;
        if (!looksFloat && TryParseInteger(unsigned, out var magnitude))
        {
            return negative ? -magnitude : magnitude;
        }

        if (!isHex && double.TryParse(unsigned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d))
        {
            d = negative ? -d : d;
            return d;
        }

        Error($"illegal number syntax: \"{text}\"", token.Pos, token.Line);
        return 0L;
    }

    private static bool TryParseInteger(string s, out long value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var (digits, radix) = s.Length > 1 && s[0] == '0' ? char.ToLowerInvariant(s[1]) switch
        {
            'x' => (s[2..], 16),
            'o' => (s[2..], 8),
            'b' => (s[2..], 2),
            _ => (s[1..], 8),
        } : (s, 10);
        if (digits.Length == 0)
        {
            return radix == 8;
        }

        try
        {
            ulong acc = 0;
            foreach (var c in digits)
            {
                var v = c switch
                {
                    >= '0' and <= '9' => c - '0',
                    >= 'a' and <= 'f' => c - 'a' + 10,
                    >= 'A' and <= 'F' => c - 'A' + 10,
                    _ => 99,
                };
                if (v >= radix)
                {
                    return false;
                }

                acc = checked((acc * (ulong)radix) + (ulong)v);
            }

            if (acc > long.MaxValue)
            {
                return false;
            }

            value = (long)acc;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private Token Next() => _tokens[Math.Min(_index++, _tokens.Count - 1)];

    private Token Peek() => _tokens[Math.Min(_index, _tokens.Count - 1)];

    private void Backup(Token token)
    {
        _ = token;
        _index--;
    }

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Kind == TokenKind.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup(token);
        return token;
    }

    private void Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            Unexpected(token, context);
        }
    }

    private void Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error)
        {
            Error(token.Value, token.Pos, token.Line);
        }

        Error($"unexpected {token} in {context}", token.Pos, token.Line);
    }

    private void Error(string message, int pos, int line = 0)
    {
        if (line == 0)
        {
            line = 1;
            for (var i = 0; i < pos && i < _input.Length; i++)
            {
                if (_input[i] == '\n')
                {
                    line++;
                }
            }
        }

        throw new TemplateException($"template: {_name}:{line}: {message}");
    }
}
