using System.Globalization;
using System.Text;

namespace Pharos.Templating.Parse;

/// <summary>
/// Recursive-descent parser over <see cref="Lexer"/> tokens, following the grammar and error wording of Go's
/// <c>text/template/parse</c>. Produces the main tree and any <c>define</c>d or <c>block</c> trees.
/// </summary>
internal sealed partial class Parser
{
    private const int MaxNestingDepth = 1000;

    private readonly string _name;
    private readonly string _input;
    private readonly List<Token> _tokens;
    private readonly Func<string, bool> _isFunction;
    private readonly Dictionary<string, ListNode> _definitions;
    private List<string> _vars = ["$"];
    private int _index;
    private int _rangeDepth;
    private int _depth;

    private Parser(string name, string input, Func<string, bool> isFunction, Dictionary<string, ListNode> definitions)
    {
        _name = name;
        _input = input;
        _tokens = Lexer.Tokenize(input);
        _isFunction = isFunction;
        _definitions = definitions;
    }

    /// <summary>Parses <paramref name="input"/>; adds <c>define</c>d templates to <paramref name="definitions"/>.</summary>
    /// <exception cref="TemplateException">The template is malformed.</exception>
    public static ListNode Parse(string name, string input, Func<string, bool> isFunction, Dictionary<string, ListNode> definitions)
    {
        var parser = new Parser(name, input, isFunction, definitions);
        return parser.ParseTop();
    }

    private ListNode ParseTop()
    {
        var root = new ListNode(0, []);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var saved = _index;
                Next();
                if (PeekNonSpace() is { Kind: TokenKind.Keyword, Value: "define" })
                {
                    NextNonSpace();
                    ParseDefinition();
                    continue;
                }

                _index = saved;
            }

            var node = TextOrAction();
            if (node is EndMarker or ElseMarker)
            {
                Error($"unexpected {node}", node.Pos);
            }

            root.Nodes.Add(node);
        }

        return root;
    }

    private void ParseDefinition()
    {
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            Unexpected(nameToken, "define clause");
        }

        var name = UnquoteName(nameToken);
        Expect(TokenKind.RightDelim, "define clause");
        var saved = _vars;
        _vars = ["$"];
        var (list, end) = ItemList();
        if (end is not EndMarker)
        {
            Error($"unexpected {end} in define clause", end.Pos);
        }

        _vars = saved;
        _definitions[name] = list;
    }

    // Parses nodes up to {{end}} or {{else}}, returning the list and the terminating marker.
    private (ListNode List, Node End) ItemList()
    {
        var list = new ListNode(Peek().Pos, []);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is EndMarker or ElseMarker)
            {
                return (list, node);
            }

            list.Nodes.Add(node);
        }

        Error("unexpected EOF", _input.Length);
        return default;
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Pos, token.Value);
            case TokenKind.LeftDelim:
                return Action();
            case TokenKind.Error:
                Error(token.Value, token.Pos, token.Line);
                return null!;
            default:
                Unexpected(token, "input");
                return null!;
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        if (token.Kind == TokenKind.Keyword)
        {
            switch (token.Value)
            {
                case "block":
                    return BlockControl(token);
                case "break":
                    return BreakOrContinue(token, isBreak: true);
                case "continue":
                    return BreakOrContinue(token, isBreak: false);
                case "else":
                    return ElseControl(token);
                case "end":
                    Expect(TokenKind.RightDelim, "end");
                    return new EndMarker(token.Pos);
                case "if":
                    return Control(token, BranchKind.If, "if");
                case "range":
                    return Control(token, BranchKind.Range, "range");
                case "template":
                    return TemplateControl(token);
                case "with":
                    return Control(token, BranchKind.With, "with");
                default:
                    break;
            }
        }

        Backup(token);
        var pipe = Pipeline("command", TokenKind.RightDelim);
        return new ActionNode(token.Pos, pipe) { Source = pipe.Source };
    }

    private Node BreakOrContinue(Token token, bool isBreak)
    {
        var keyword = isBreak ? "break" : "continue";
        var next = NextNonSpace();
        if (next.Kind != TokenKind.RightDelim)
        {
            Unexpected(next, "{{" + keyword + "}}");
        }

        if (_rangeDepth == 0)
        {
            Error($"{{{{{keyword}}}}} outside {{{{range}}}}", token.Pos, token.Line);
        }

        return isBreak ? new BreakNode(token.Pos) : new ContinueNode(token.Pos);
    }

    private Node ElseControl(Token token)
    {
        // "else if" and "else with" chain into a nested branch as Go does.
        var peek = PeekNonSpace();
        if (peek is { Kind: TokenKind.Keyword, Value: "if" or "with" })
        {
            return new ElseMarker(token.Pos, peek.Value);
        }

        Expect(TokenKind.RightDelim, "else");
        return new ElseMarker(token.Pos, null);
    }

    private BranchNode Control(Token token, BranchKind kind, string context)
    {
        EnterNesting(token);
        try
        {
            return ControlBody(token, kind, context);
        }
        finally
        {
            _depth--;
        }
    }

    private BranchNode ControlBody(Token token, BranchKind kind, string context)
    {
        var saved = _vars.Count;
        var pipe = Pipeline(context, TokenKind.RightDelim);
        if (kind == BranchKind.Range)
        {
            _rangeDepth++;
        }

        var (list, next) = ItemList();
        if (kind == BranchKind.Range)
        {
            _rangeDepth--;
        }

        ListNode? elseList = null;
        if (next is ElseMarker elseMarker)
        {
            if (elseMarker.Chained is not null)
            {
                if ((kind == BranchKind.If && elseMarker.Chained != "if") || (kind == BranchKind.With && elseMarker.Chained != "with") || kind == BranchKind.Range)
                {
                    Error($"unexpected {{{{else {elseMarker.Chained}}}}}", elseMarker.Pos);
                }

                // The nested branch consumes the shared {{end}}.
                var keyword = NextNonSpace();
                var nested = Control(keyword, kind, context);
                elseList = new ListNode(nested.Pos, [nested]);
                _vars.RemoveRange(saved, _vars.Count - saved);
                return new BranchNode(token.Pos, kind, pipe, list, elseList) { Source = $"{{{{{context} {pipe.Source}}}}}" };
            }

            (elseList, next) = ItemList();
            if (next is not EndMarker)
            {
                Error($"expected end; found {next}", next.Pos);
            }
        }

        _vars.RemoveRange(saved, _vars.Count - saved);
        return new BranchNode(token.Pos, kind, pipe, list, elseList) { Source = $"{{{{{context} {pipe.Source}}}}}" };
    }

    private TemplateNode TemplateControl(Token token)
    {
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            Unexpected(nameToken, "template clause");
        }

        var name = UnquoteName(nameToken);
        PipeNode? pipe = null;
        if (NextNonSpace() is var next && next.Kind != TokenKind.RightDelim)
        {
            Backup(next);
            pipe = Pipeline("template clause", TokenKind.RightDelim);
        }

        return new TemplateNode(token.Pos, name, pipe) { Source = $"{{{{template {Quote(name)}}}}}" };
    }

    private TemplateNode BlockControl(Token token)
    {
        var nameToken = NextNonSpace();
        if (nameToken.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            Unexpected(nameToken, "block clause");
        }

        var name = UnquoteName(nameToken);
        var pipe = Pipeline("block clause", TokenKind.RightDelim);
        var saved = _vars;
        _vars = ["$"];
        var (list, end) = ItemList();
        if (end is not EndMarker)
        {
            Error($"unexpected {end} in block clause", end.Pos);
        }

        _vars = saved;
        _definitions[name] = list;
        return new TemplateNode(token.Pos, name, pipe) { Source = $"{{{{template {Quote(name)}}}}}" };
    }

    // Markers returned by Action for {{end}} and {{else}}; never part of a finished tree.
    private sealed record EndMarker(int Pos) : Node(Pos)
    {
        public override string ToString() => "{{end}}";
    }

    private sealed record ElseMarker(int Pos, string? Chained) : Node(Pos)
    {
        public override string ToString() => "{{else}}";
    }

    // Bounds recursion so a hostile template cannot overflow the stack; Go limits expression depth the same way.
    private void EnterNesting(Token token)
    {
        if (++_depth > MaxNestingDepth)
        {
            Error("max expression depth exceeded", token.Pos, token.Line);
        }
    }

    private string UnquoteName(Token token)
    {
        try
        {
            return Unquote(token);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            Error("invalid syntax", token.Pos, token.Line);
            return "";
        }
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder();
        GoFormat.AppendQuoted(sb, s);
        return sb.ToString();
    }

    private static string Unquote(Token token) => token.Kind == TokenKind.RawString
        ? token.Value[1..^1].Replace("\r", "", StringComparison.Ordinal)
        : UnquoteInterpreted(token.Value[1..^1], '"');

    private static string UnquoteInterpreted(string body, char quote)
    {
        if (!body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var sb = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            var e = body[++i];
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case 'x':
                    sb.Append((char)int.Parse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                case 'u':
                    sb.Append(char.ConvertFromUtf32(int.Parse(body.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i += 4;
                    break;
                case 'U':
                    sb.Append(char.ConvertFromUtf32(int.Parse(body.AsSpan(i + 1, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i += 8;
                    break;
                case >= '0' and <= '7':
                    sb.Append((char)Convert.ToInt32(body.Substring(i, 3), 8));
                    i += 2;
                    break;
                default:
                    if (e != quote)
                    {
                        throw new FormatException("invalid syntax");
                    }

                    sb.Append(e);
                    break;
            }
        }

        return sb.ToString();
    }
}
