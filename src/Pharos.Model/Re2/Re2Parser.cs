using System.Text;

namespace Pharos.Model.Re2;

/// <summary>
/// Parses RE2 syntax with the flags Prometheus uses (Perl classes and flags, <c>.</c> matching newline) into a
/// <see cref="ReNode"/> tree, rejecting exactly what RE2 rejects with RE2's wording of the error.
/// </summary>
internal sealed class Re2Parser
{
    private const int MaxRepeat = 1000;
    private const int MaxDepth = 1000;

    // RE2 limits compiled programs to 128 MiB of 40-byte instructions.
    private const long MaxSize = (128L << 20) / 40;

    private readonly string _pattern;
    private readonly List<string?> _groupNames = [null];
    private int _pos;
    private int _depth;

    private Re2Parser(string pattern) => _pattern = pattern;

    [Flags]
    private enum ReFlags : byte
    {
        None = 0,
        FoldCase = 1,
        DotNewline = 2,
        MultiLine = 4,
        Ungreedy = 8,
    }

    /// <summary>Parses <paramref name="pattern"/>.</summary>
    /// <param name="pattern">The RE2 pattern.</param>
    /// <param name="groupNames">Index 0 is the whole match; then one entry per capture group, null when unnamed.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="RegexSyntaxException">RE2 rejects the pattern.</exception>
    public static ReNode Parse(string pattern, out IReadOnlyList<string?> groupNames)
    {
        var parser = new Re2Parser(pattern);
        var root = parser.ParseAlternation(ReFlags.DotNewline);
        if (parser._pos < pattern.Length)
        {
            // ParseAlternation stops only at the end or at a ')' that closes nothing.
            throw parser.Error(parser._pos, "unexpected )", pattern);
        }

        if (root.Size > MaxSize)
        {
            throw parser.Error(0, "expression too large", pattern);
        }

        groupNames = parser._groupNames;
        return root;
    }

    /// <summary>Translates <paramref name="root"/> into an equivalent, fully anchored .NET pattern.</summary>
    public static string ToDotNet(ReNode root)
    {
        var sb = new StringBuilder(@"\A(?:");
        root.Emit(sb);
        return sb.Append(@")\z").ToString();
    }

    private RegexSyntaxException Error(int position, string reason, string fragment) => new(_pattern, position, reason, fragment);

    private bool More => _pos < _pattern.Length;

    private char Peek => _pattern[_pos];

    private ReNode ParseAlternation(ReFlags flags)
    {
        var branches = new List<ReNode>();
        while (true)
        {
            branches.Add(ParseConcat(ref flags));
            if (More && Peek == '|')
            {
                _pos++;
                continue;
            }

            break;
        }

        return branches.Count == 1 ? branches[0] : new AlternateNode(branches);
    }

    private ReNode ParseConcat(ref ReFlags flags)
    {
        var items = new List<ReNode>();
        while (More && Peek != '|' && Peek != ')')
        {
            if (Peek == '\\' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] == 'Q')
            {
                // \Q...\E: every character is literal, and a following repetition binds to the last one only.
                _pos += 2;
                var end = _pattern.IndexOf(@"\E", _pos, StringComparison.Ordinal);
                var text = end < 0 ? _pattern[_pos..] : _pattern[_pos..end];
                _pos = end < 0 ? _pattern.Length : end + 2;
                var runes = SplitRunes(text);
                for (var i = 0; i < runes.Count; i++)
                {
                    ReNode lit = new LiteralNode(runes[i], (flags & ReFlags.FoldCase) != 0);
                    if (i == runes.Count - 1)
                    {
                        lit = ParseRepetition(lit, flags);
                    }

                    items.Add(lit);
                }

                if (runes.Count == 0 && IsRepeatOperatorAt(_pos, out _, out _, out var len))
                {
                    throw Error(_pos, "missing argument to repetition operator", _pattern.Substring(_pos, len));
                }

                continue;
            }

            var atom = ParseAtom(ref flags);
            if (atom is null)
            {
                if (IsRepeatOperatorAt(_pos, out _, out _, out var len))
                {
                    throw Error(_pos, "missing argument to repetition operator", _pattern.Substring(_pos, len));
                }

                continue;
            }

            items.Add(ParseRepetition(atom, flags));
        }

        return ConcatNode.Create(items);
    }

    private ReNode ParseRepetition(ReNode atom, ReFlags flags)
    {
        if (!IsRepeatOperatorAt(_pos, out var min, out var max, out var len))
        {
            return atom;
        }

        var opStart = _pos;
        var braces = _pattern[_pos] == '{';
        _pos += len;
        var lazy = false;
        if (More && Peek == '?')
        {
            lazy = true;
            _pos++;
        }

        if (braces && (min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min)))
        {
            throw Error(opStart, "invalid repeat count", _pattern[opStart..(opStart + len)]);
        }

        var node = new RepeatNode(atom, min, max, greedy: lazy == ((flags & ReFlags.Ungreedy) != 0), braces);
        if (braces && !RepeatIsValid(node, MaxRepeat))
        {
            throw Error(opStart, "invalid repeat count", _pattern[opStart..(opStart + len)]);
        }

        if (IsRepeatOperatorAt(_pos, out _, out _, out var nextLen))
        {
            throw Error(opStart, "invalid nested repetition operator", _pattern[opStart..(_pos + nextLen)]);
        }

        return node;
    }

    // RE2 bounds the product of nested {n,m} counts so that expansion stays small.
    private static bool RepeatIsValid(ReNode node, int budget)
    {
        switch (node)
        {
            case RepeatNode { Braces: true } r:
                var m = r.Max == -1 ? r.Min : r.Max;
                if (m == 0)
                {
                    return true;
                }

                if (m > budget)
                {
                    return false;
                }

                return RepeatIsValid(r.Sub, budget / m);
            case RepeatNode r:
                return RepeatIsValid(r.Sub, budget);
            case CaptureNode c:
                return RepeatIsValid(c.Sub, budget);
            case ConcatNode c:
                return c.Items.TrueForAll(i => RepeatIsValid(i, budget));
            case AlternateNode a:
                return a.Branches.TrueForAll(b => RepeatIsValid(b, budget));
            default:
                return true;
        }
    }

    private bool IsRepeatOperatorAt(int pos, out int min, out int max, out int length)
    {
        min = max = length = 0;
        if (pos >= _pattern.Length)
        {
            return false;
        }

        switch (_pattern[pos])
        {
            case '*': max = -1; length = 1; return true;
            case '+': min = 1; max = -1; length = 1; return true;
            case '?': max = 1; length = 1; return true;
            case '{': return TryParseBraces(pos, out min, out max, out length);
            default: return false;
        }
    }

    // {n}, {n,} or {n,m}; anything else (including {,m}) is a literal brace in RE2.
    private bool TryParseBraces(int pos, out int min, out int max, out int length)
    {
        min = max = length = 0;
        var i = pos + 1;
        if (!TryParseInt(ref i, out min))
        {
            return false;
        }

        max = min;
        if (i < _pattern.Length && _pattern[i] == ',')
        {
            i++;
            if (i < _pattern.Length && _pattern[i] == '}')
            {
                max = -1;
            }
            else if (!TryParseInt(ref i, out max))
            {
                return false;
            }
        }

        if (i >= _pattern.Length || _pattern[i] != '}')
        {
            return false;
        }

        length = i + 1 - pos;
        return true;
    }

    private bool TryParseInt(ref int i, out int value)
    {
        value = 0;
        var start = i;
        while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
        {
            // Saturate: RE2 reports an oversized count as an invalid repeat count, not an overflow.
            value = value > 100_000 ? 100_001 : (value * 10) + (_pattern[i] - '0');
            i++;
        }

        // RE2 rejects leading zeros such as {01}, treating the braces as literal text.
        return i > start && !(i - start > 1 && _pattern[start] == '0');
    }

    private ReNode? ParseAtom(ref ReFlags flags)
    {
        var c = Peek;
        switch (c)
        {
            case '(':
                return ParseGroup(ref flags);
            case '[':
                return ParseClass(flags);
            case '.':
                _pos++;
                return new AnyCharNode((flags & ReFlags.DotNewline) != 0);
            case '^':
                _pos++;
                return new AssertionNode((flags & ReFlags.MultiLine) != 0 ? AssertionKind.BeginLine : AssertionKind.BeginText);
            case '$':
                _pos++;
                return new AssertionNode((flags & ReFlags.MultiLine) != 0 ? AssertionKind.EndLine : AssertionKind.EndText);
            case '*' or '+' or '?':
                throw Error(_pos, "missing argument to repetition operator", c.ToString());
            case '{' when TryParseBraces(_pos, out _, out _, out var len):
                throw Error(_pos, "missing argument to repetition operator", _pattern.Substring(_pos, len));
            case '\\':
                return ParseEscapeAtom(flags);
            default:
                return new LiteralNode(ReadRune(), (flags & ReFlags.FoldCase) != 0);
        }
    }

    private string ReadRune()
    {
        var len = char.IsHighSurrogate(Peek) && _pos + 1 < _pattern.Length && char.IsLowSurrogate(_pattern[_pos + 1]) ? 2 : 1;
        var s = _pattern.Substring(_pos, len);
        _pos += len;
        return s;
    }

    private static List<string> SplitRunes(string text)
    {
        var runes = new List<string>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                runes.Add(text.Substring(i++, 2));
            }
            else
            {
                runes.Add(text[i].ToString());
            }
        }

        return runes;
    }

    private ReNode? ParseGroup(ref ReFlags flags)
    {
        var start = _pos;
        _pos++;
        if (++_depth > MaxDepth)
        {
            throw Error(start, "expression nests too deeply", _pattern);
        }

        try
        {
            if (!More || Peek != '?')
            {
                return FinishCapture(start, name: null, flags);
            }

            var rest = _pattern.AsSpan(_pos);
            if (rest.StartsWith("?P<") || (rest.StartsWith("?<") && !rest.StartsWith("?<=") && !rest.StartsWith("?<!")))
            {
                _pos += rest[1] == 'P' ? 3 : 2;
                var close = _pattern.IndexOf('>', _pos);
                if (close < 0)
                {
                    throw Error(start, "invalid named capture", _pattern[start..]);
                }

                var name = _pattern[_pos..close];
                if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(GroupNameChars))
                {
                    throw Error(start, "invalid named capture", _pattern[start..(close + 1)]);
                }

                if (_groupNames.Contains(name))
                {
                    throw Error(start, "duplicate capture group name", name);
                }

                _pos = close + 1;
                return FinishCapture(start, name, flags);
            }

            return ParseFlagGroup(start, ref flags);
        }
        finally
        {
            _depth--;
        }
    }

    private static readonly System.Buffers.SearchValues<char> GroupNameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private CaptureNode FinishCapture(int start, string? name, ReFlags flags)
    {
        var index = _groupNames.Count;
        _groupNames.Add(name);
        var sub = ParseAlternation(flags);
        ExpectClose(start);
        return new CaptureNode(sub, index, name);
    }

    private void ExpectClose(int start)
    {
        if (!More)
        {
            throw Error(start, "missing closing )", _pattern);
        }

        _pos++;
    }

    // (?flags) changes the flags of the enclosing group from here on; (?flags:re) scopes them to re.
    private ReNode? ParseFlagGroup(int start, ref ReFlags flags)
    {
        _pos++;
        var newFlags = flags;
        var negate = false;
        var sawFlag = false;
        var sawFlagAfterMinus = false;
        while (More)
        {
            var c = Peek;
            _pos++;
            ReFlags flag;
            switch (c)
            {
                case 'i': flag = ReFlags.FoldCase; break;
                case 'm': flag = ReFlags.MultiLine; break;
                case 's': flag = ReFlags.DotNewline; break;
                case 'U': flag = ReFlags.Ungreedy; break;
                case '-':
                    if (negate)
                    {
                        throw Unsupported(start);
                    }

                    negate = true;
                    continue;
                case ':':
                    // "(?:" is a plain group; "(?-:" names no flag to clear.
                    if (negate && !sawFlagAfterMinus)
                    {
                        throw Unsupported(start);
                    }

                    var sub = ParseAlternation(newFlags);
                    ExpectClose(start);
                    return sub;
                case ')':
                    // "(?)", "(?-)" and "(?i-)" name no flag.
                    if (!sawFlag || (negate && !sawFlagAfterMinus))
                    {
                        throw Unsupported(start);
                    }

                    flags = newFlags;
                    return null;
                default:
                    throw Unsupported(start);
            }

            newFlags = negate ? newFlags & ~flag : newFlags | flag;
            sawFlag = true;
            sawFlagAfterMinus = negate;
        }

        throw Error(start, "missing closing )", _pattern);
    }

    private RegexSyntaxException Unsupported(int start) =>
        Error(start, "invalid or unsupported Perl syntax", _pattern[start..Math.Min(_pos, _pattern.Length)]);

    private ReNode ParseEscapeAtom(ReFlags flags)
    {
        var start = _pos;
        if (_pos + 1 >= _pattern.Length)
        {
            throw Error(start, "trailing backslash at end of expression", "");
        }

        var c = _pattern[_pos + 1];
        var fold = (flags & ReFlags.FoldCase) != 0;
        switch (c)
        {
            case 'A': _pos += 2; return new AssertionNode(AssertionKind.BeginText);
            case 'z': _pos += 2; return new AssertionNode(AssertionKind.EndText);
            case 'b': _pos += 2; return new AssertionNode(AssertionKind.WordBoundary);
            case 'B': _pos += 2; return new AssertionNode(AssertionKind.NonWordBoundary);
            case 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                _pos += 2;
                return MakeClass(PerlClass(c), [], negated: false, fold);
            case 'p' or 'P':
                {
                    var ranges = new List<(int Lo, int Hi)>();
                    var props = new List<(string, bool)>();
                    ParseUnicodeClass(ranges, props);
                    return MakeClass(ranges, props, negated: false, fold);
                }

            default:
                return new LiteralNode(char.ConvertFromUtf32(ParseEscapeChar()), fold);
        }
    }

    // Single-character escapes, shared by atoms and classes.
    private int ParseEscapeChar()
    {
        var start = _pos;
        _pos++;
        if (!More)
        {
            throw Error(start, "trailing backslash at end of expression", "");
        }

        var c = Peek;
        _pos++;
        switch (c)
        {
            case >= '1' and <= '7':
                // A lone digit is a backreference, which RE2 does not support; \12 is octal.
                if (!More || !char.IsAsciiDigit(Peek))
                {
                    break;
                }

                goto case '0';
            case '0':
                {
                    var value = c - '0';
                    for (var i = 0; i < 2 && More && Peek is >= '0' and <= '7'; i++)
                    {
                        value = (value * 8) + (Peek - '0');
                        _pos++;
                    }

                    return value;
                }

            case 'x':
                return ParseHexEscape(start);
            case 'a': return '\a';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return '\v';
            default:
                if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
                {
                    return c;
                }

                break;
        }

        throw Error(start, "invalid escape sequence", _pattern[start..Math.Min(_pos, _pattern.Length)]);
    }

    private int ParseHexEscape(int start)
    {
        if (More && Peek == '{')
        {
            var close = _pattern.IndexOf('}', _pos);
            var digits = close < 0 ? "" : _pattern[(_pos + 1)..close];
            if (close < 0 || digits.Length == 0 || digits.Length > 8 ||
                !int.TryParse(digits, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var v) || v > ClassNode.MaxRune)
            {
                throw Error(start, "invalid escape sequence", _pattern[start..(close < 0 ? _pattern.Length : close + 1)]);
            }

            _pos = close + 1;
            return v;
        }

        if (_pos + 2 <= _pattern.Length && char.IsAsciiHexDigit(_pattern[_pos]) && char.IsAsciiHexDigit(_pattern[_pos + 1]))
        {
            var v = Convert.ToInt32(_pattern.Substring(_pos, 2), 16);
            _pos += 2;
            return v;
        }

        throw Error(start, "invalid escape sequence", _pattern[start..Math.Min(_pos + 2, _pattern.Length)]);
    }

    private ClassNode ParseClass(ReFlags flags)
    {
        var start = _pos;
        _pos++;
        var negated = false;
        if (More && Peek == '^')
        {
            negated = true;
            _pos++;
        }

        var ranges = new List<(int Lo, int Hi)>();
        var props = new List<(string, bool)>();
        var first = true;
        while (true)
        {
            if (!More)
            {
                throw Error(start, "missing closing ]", _pattern[start..]);
            }

            var c = Peek;
            if (c == ']' && !first)
            {
                _pos++;
                break;
            }

            first = false;
            if (c == '[' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] == ':' && TryParsePosixClass(ranges))
            {
                continue;
            }

            if (c == '\\' && _pos + 1 < _pattern.Length)
            {
                var e = _pattern[_pos + 1];
                if (e is 'd' or 'D' or 's' or 'S' or 'w' or 'W')
                {
                    ranges.AddRange(PerlClass(e));
                    _pos += 2;
                    continue;
                }

                if (e is 'p' or 'P')
                {
                    ParseUnicodeClass(ranges, props);
                    continue;
                }
            }

            var rangeStart = _pos;
            var lo = ParseClassChar(start);
            var hi = lo;
            if (More && Peek == '-' && _pos + 1 < _pattern.Length && _pattern[_pos + 1] != ']')
            {
                _pos++;
                hi = ParseClassChar(start);
                if (hi < lo)
                {
                    throw Error(rangeStart, "invalid character class range", _pattern[rangeStart.._pos]);
                }
            }

            ranges.Add((lo, hi));
        }

        return MakeClass(ranges, props, negated, (flags & ReFlags.FoldCase) != 0);
    }

    private int ParseClassChar(int classStart)
    {
        if (!More)
        {
            throw Error(classStart, "missing closing ]", _pattern[classStart..]);
        }

        if (Peek == '\\')
        {
            return ParseEscapeChar();
        }

        var rune = ReadRune();
        return rune.Length == 2 ? char.ConvertToUtf32(rune[0], rune[1]) : rune[0];
    }

    private ClassNode MakeClass(List<(int Lo, int Hi)> ranges, List<(string Name, bool Negated)> props, bool negated, bool fold)
    {
        if (fold)
        {
            ClassNode.AddCaseVariants(ranges);
        }

        var normalized = ClassNode.Normalize(ranges);
        if (props.Count == 0)
        {
            return new ClassNode(negated ? ClassNode.Complement(normalized) : normalized, props, negated: false, fold);
        }

        if (normalized.Exists(static r => r.Hi > 0xFFFF))
        {
            // NOTE: .NET classes cannot mix Unicode properties with characters outside the BMP; RE2 can.
            throw Error(_pos, "unsupported character class (Unicode property with characters above U+FFFF)", _pattern);
        }

        return new ClassNode(normalized, props, negated, fold);
    }

    private static List<(int Lo, int Hi)> PerlClass(char c)
    {
        List<(int, int)> ranges = char.ToLowerInvariant(c) switch
        {
            'd' => [('0', '9')],
            's' => [('\t', '\n'), ('\f', '\r'), (' ', ' ')],
            _ => [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
        };
        return char.IsUpper(c) ? ClassNode.Complement(ranges) : ranges;
    }

    private bool TryParsePosixClass(List<(int Lo, int Hi)> ranges)
    {
        var close = _pattern.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            return false;
        }

        var name = _pattern[(_pos + 2)..close];
        var negated = name.StartsWith('^');
        if (negated)
        {
            name = name[1..];
        }

        List<(int, int)>? set = name switch
        {
            "alnum" => [('0', '9'), ('A', 'Z'), ('a', 'z')],
            "alpha" => [('A', 'Z'), ('a', 'z')],
            "ascii" => [(0, 0x7F)],
            "blank" => [('\t', '\t'), (' ', ' ')],
            "cntrl" => [(0, 0x1F), (0x7F, 0x7F)],
            "digit" => [('0', '9')],
            "graph" => [('!', '~')],
            "lower" => [('a', 'z')],
            "print" => [(' ', '~')],
            "punct" => [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
            "space" => [('\t', '\r'), (' ', ' ')],
            "upper" => [('A', 'Z')],
            "word" => [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
            "xdigit" => [('0', '9'), ('A', 'F'), ('a', 'f')],
            _ => null,
        };
        if (set is null)
        {
            throw Error(_pos, "invalid character class range", _pattern[_pos..(close + 2)]);
        }

        ranges.AddRange(negated ? ClassNode.Complement(set) : set);
        _pos = close + 2;
        return true;
    }

    // \pL, \p{Greek}, \p{^Greek}, \PL.
    private void ParseUnicodeClass(List<(int Lo, int Hi)> ranges, List<(string Name, bool Negated)> props)
    {
        var start = _pos;
        var negated = _pattern[_pos + 1] == 'P';
        _pos += 2;
        if (!More)
        {
            throw Error(start, "invalid character class range", _pattern[start..]);
        }

        string name;
        if (Peek == '{')
        {
            var close = _pattern.IndexOf('}', _pos);
            if (close < 0)
            {
                throw Error(start, "invalid character class range", _pattern[start..]);
            }

            name = _pattern[(_pos + 1)..close];
            _pos = close + 1;
        }
        else
        {
            name = ReadRune();
        }

        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }

        if (name == "Any")
        {
            if (!negated)
            {
                ranges.Add((0, ClassNode.MaxRune));
            }

            return;
        }

        var netName = UnicodeClassName(name);
        if (netName is null)
        {
            throw Error(start, "invalid character class range", _pattern[start.._pos]);
        }

        if (netName.Length == 0)
        {
            throw Error(start, "unsupported Unicode class (RE2 accepts it, Pharos cannot translate it)", _pattern[start.._pos]);
        }

        props.Add((netName, negated));
    }

    // RE2's general categories map one to one. Scripts have no .NET equivalent; the common ones map to the
    // Unicode block of the same name, which is close but not identical (blocks include a few Common-script
    // characters). Returns null for names RE2 rejects and "" for valid scripts without a mapping.
    private static string? UnicodeClassName(string name) => name switch
    {
        "L" or "Lu" or "Ll" or "Lt" or "Lm" or "Lo" or "M" or "Mn" or "Mc" or "Me" or "N" or "Nd" or "Nl" or "No"
            or "P" or "Pc" or "Pd" or "Ps" or "Pe" or "Pi" or "Pf" or "Po" or "S" or "Sm" or "Sc" or "Sk" or "So"
            or "Z" or "Zs" or "Zl" or "Zp" or "C" or "Cc" or "Cf" or "Co" or "Cs" => name,
        "Greek" => "IsGreek",
        "Cyrillic" => "IsCyrillic",
        "Arabic" => "IsArabic",
        "Hebrew" => "IsHebrew",
        "Armenian" => "IsArmenian",
        "Georgian" => "IsGeorgian",
        "Devanagari" => "IsDevanagari",
        "Thai" => "IsThai",
        "Hiragana" => "IsHiragana",
        "Katakana" => "IsKatakana",
        "Han" => "IsCJKUnifiedIdeographs",
        "Hangul" => "IsHangulSyllables",
        _ when KnownScripts.Contains(name) => "",
        _ => null,
    };

    private static readonly HashSet<string> KnownScripts =
    [
        "Latin", "Common", "Inherited", "Bengali", "Gujarati", "Gurmukhi", "Kannada", "Malayalam", "Tamil", "Telugu",
        "Tibetan", "Mongolian", "Ethiopic", "Cherokee", "Khmer", "Lao", "Myanmar", "Sinhala", "Syriac", "Thaana",
        "Runic", "Ogham", "Braille", "Bopomofo", "Yi", "Gothic", "Coptic", "Glagolitic", "Tifinagh", "Javanese",
        "Balinese", "Sundanese", "Tagalog", "Buhid", "Hanunoo", "Tagbanwa", "Limbu", "Tai_Le", "Buginese", "Cham",
    ];
}
