using Xunit;

namespace Pharos.Model.Tests;

public class RegexMatcherTests
{
    [Theory]
    // Literals and anchoring: Prometheus regexes match the whole value.
    [InlineData("foo", "foo", true)]
    [InlineData("foo", "foobar", false)]
    [InlineData("foo", "xfoo", false)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("foo|bar", "bar", true)]
    [InlineData("foo|bar", "foobar", false)]
    [InlineData("fo+", "foo", true)]
    [InlineData("fo+", "f", false)]
    [InlineData("a.c", "abc", true)]
    [InlineData("a.c", "a\nc", true)]
    [InlineData("(?-s)a.c", "a\nc", false)]
    [InlineData("(?-s:a.)c", "a\nc", false)]
    [InlineData(".*", "", true)]
    [InlineData(".*", "anything\nat all", true)]
    [InlineData(".+", "", false)]
    [InlineData(".+", "x", true)]
    [InlineData("foo.*", "foobar", true)]
    [InlineData("foo.*", "barfoo", false)]
    [InlineData(".*foo", "barfoo", true)]
    [InlineData(".*foo", "foobar", false)]
    [InlineData(".*foo.*", "xxfooxx", true)]
    [InlineData(".*foo.*", "xxfoxx", false)]
    [InlineData("foo.+bar", "foobar", false)]
    [InlineData("foo.+bar", "foo-bar", true)]
    [InlineData("ab.*ba", "aba", false)]
    [InlineData("ab.*ba", "abba", true)]
    [InlineData(".*-.*-.*", "a-b-c", true)]
    [InlineData(".*-.*-.*", "a-bc", false)]
    [InlineData(".*(foo|bar).*", "xbarx", true)]
    [InlineData(".*(foo|bar).*", "xbazx", false)]
    [InlineData("foo(bar|baz)", "foobaz", true)]
    [InlineData("foo(bar|baz)", "foobax", false)]
    [InlineData("x[12]", "x2", true)]
    [InlineData("x[12]", "x3", false)]
    // $ and ^ anchor at the text edges only, even before a trailing newline.
    [InlineData("foo$", "foo\n", false)]
    [InlineData("^foo$", "foo", true)]
    [InlineData("(?m)foo$\n^bar", "foo\nbar", true)]
    [InlineData(@"a\z", "a", true)]
    [InlineData(@"\Aa", "a", true)]
    // Perl classes are ASCII in RE2.
    [InlineData(@"\d+", "123", true)]
    [InlineData(@"\d", "٣", false)]
    [InlineData(@"\w+", "a_1", true)]
    [InlineData(@"\w", "é", false)]
    [InlineData(@"\s", "\u00a0", false)]
    [InlineData(@"\S+", "ab", true)]
    [InlineData(@"[\d\s]+", "1 2", true)]
    [InlineData(@"[^\d]", "a", true)]
    [InlineData(@"[^\d]", "1", false)]
    [InlineData(@"[^a]", "\n", true)]
    // POSIX classes.
    [InlineData("[[:alpha:]]+", "abcXYZ", true)]
    [InlineData("[[:alpha:]]", "1", false)]
    [InlineData("[[:^alpha:]]", "1", true)]
    [InlineData("[[:digit:][:upper:]]+", "A1", true)]
    [InlineData("[[:punct:]]", "!", true)]
    [InlineData("[[:xdigit:]]+", "09afAF", true)]
    [InlineData("[[:word:]]+", "a_1", true)]
    // Unicode classes.
    [InlineData(@"\pL+", "héllo", true)]
    [InlineData(@"\p{Lu}", "A", true)]
    [InlineData(@"\p{Lu}", "a", false)]
    [InlineData(@"\PL", "1", true)]
    [InlineData(@"\p{^L}", "a", false)]
    [InlineData(@"\p{Greek}+", "αβγ", true)]
    [InlineData(@"\p{Greek}", "a", false)]
    [InlineData(@"[\p{N}x]+", "1x2", true)]
    [InlineData(@"\p{Any}", "😀", true)]
    // Escapes.
    [InlineData(@"a\.b", "a.b", true)]
    [InlineData(@"a\.b", "axb", false)]
    [InlineData(@"\x41", "A", true)]
    [InlineData(@"\x{1F600}", "😀", true)]
    [InlineData(@"\101", "A", true)]
    [InlineData(@"\0", "\0", true)]
    [InlineData(@"\t\n", "\t\n", true)]
    [InlineData(@"\Qa.b*\E", "a.b*", true)]
    [InlineData(@"\Qa.b*\E", "axb", false)]
    [InlineData(@"\Qab\E+", "abbb", true)]
    [InlineData(@"[\-a]", "-", true)]
    [InlineData(@"[]a]", "]", true)]
    [InlineData(@"[^]a]", "b", true)]
    [InlineData(@"[a-]", "-", true)]
    // Code points, not UTF-16 units.
    [InlineData(".", "😀", true)]
    [InlineData("..", "😀", false)]
    [InlineData("[^a]", "😀", true)]
    [InlineData("[😀-😂]", "😁", true)]
    // Flags.
    [InlineData("(?i)foo", "FoO", true)]
    [InlineData("(?i:f)oo", "Foo", true)]
    [InlineData("(?i:f)oo", "FOO", false)]
    [InlineData("(?i)[^a]", "A", false)]
    [InlineData("(?i)[a-c]+", "AbC", true)]
    [InlineData("a(?i)b|c", "C", true)]
    [InlineData("(?U)a+", "aaa", true)]
    // Repetition.
    [InlineData("a{2}", "aa", true)]
    [InlineData("a{2}", "aaa", false)]
    [InlineData("a{2,}", "aaaa", true)]
    [InlineData("a{1,2}", "aaa", false)]
    [InlineData("a{,2}", "a{,2}", true)]
    [InlineData("a{x}", "a{x}", true)]
    [InlineData("a{1000}", "a", false)]
    [InlineData("a*?b", "aab", true)]
    [InlineData("(a|b)*c", "ababc", true)]
    // Named groups in both spellings.
    [InlineData("(?P<x>a)b", "ab", true)]
    [InlineData("(?<x>a)b", "ab", true)]
    [InlineData(@"\bfoo\b", "foo", true)]
    [InlineData("(?:ab)+", "abab", true)]
    [InlineData("(?i-s:a.)", "A\n", false)]
    [InlineData("(?is)a.", "A\n", true)]
    [InlineData("(?i)(?-i)a", "A", false)]
    [InlineData("a{0}b", "b", true)]
    [InlineData("(a{10}){100}", "", false)]
    [InlineData("[a-c]{2}|x", "bc", true)]
    [InlineData("^", "", true)]
    [InlineData("$*", "", true)]
    public void Regex_matches_like_Prometheus(string pattern, string input, bool expected)
    {
        var matcher = new FastRegexMatcher(pattern);
        Assert.Equal(expected, matcher.Matches(input));
        Assert.Equal(expected, matcher.Matches(input.AsSpan()));
        Assert.Equal(expected, matcher.Regex.IsMatch(input));
    }

    [Theory]
    [InlineData(@"(a)\1", "invalid escape sequence", @"\1")]
    [InlineData("(?=a)", "invalid or unsupported Perl syntax", "(?=")]
    [InlineData("(?!a)", "invalid or unsupported Perl syntax", "(?!")]
    [InlineData("(?<=a)b", "invalid or unsupported Perl syntax", "(?<")]
    [InlineData("(?<!a)b", "invalid or unsupported Perl syntax", "(?<")]
    [InlineData("(?>a)", "invalid or unsupported Perl syntax", "(?>")]
    [InlineData("(?(1)a|b)", "invalid or unsupported Perl syntax", "(?(")]
    [InlineData("(?#comment)", "invalid or unsupported Perl syntax", "(?#")]
    [InlineData("(?x)a", "invalid or unsupported Perl syntax", "(?x")]
    [InlineData("(?)", "invalid or unsupported Perl syntax", "(?)")]
    [InlineData("(?P=x)", "invalid or unsupported Perl syntax", "(?P")]
    [InlineData("a++", "invalid nested repetition operator", "++")]
    [InlineData("a**", "invalid nested repetition operator", "**")]
    [InlineData("a*?+", "invalid nested repetition operator", "*?+")]
    [InlineData("a{2}{3}", "invalid nested repetition operator", "{2}{3}")]
    [InlineData("*a", "missing argument to repetition operator", "*")]
    [InlineData("a|+", "missing argument to repetition operator", "+")]
    [InlineData("(?i)*", "missing argument to repetition operator", "*")]
    [InlineData("{2}", "missing argument to repetition operator", "{2}")]
    [InlineData("a{1001}", "invalid repeat count", "{1001}")]
    [InlineData("a{2,1}", "invalid repeat count", "{2,1}")]
    [InlineData("(a{100}){11}", "invalid repeat count", "{11}")]
    [InlineData(@"a\Z", "invalid escape sequence", @"\Z")]
    [InlineData(@"\Ga", "invalid escape sequence", @"\G")]
    [InlineData(@"\C", "invalid escape sequence", @"\C")]
    [InlineData(@"\e", "invalid escape sequence", @"\e")]
    [InlineData(@"\u0041", "invalid escape sequence", @"\u")]
    [InlineData(@"\k<x>", "invalid escape sequence", @"\k")]
    [InlineData(@"\8", "invalid escape sequence", @"\8")]
    [InlineData(@"\x{110000}", "invalid escape sequence", @"\x{110000}")]
    [InlineData(@"\xZZ", "invalid escape sequence", @"\xZZ")]
    [InlineData(@"a\", "trailing backslash at end of expression", "")]
    [InlineData("(a", "missing closing )", "(a")]
    [InlineData("a)", "unexpected )", "a)")]
    [InlineData("[a", "missing closing ]", "[a")]
    [InlineData("[]", "missing closing ]", "[]")]
    [InlineData("[z-a]", "invalid character class range", "z-a")]
    [InlineData(@"[a-\d]", "invalid escape sequence", @"\d")]
    [InlineData("[[:foo:]]", "invalid character class range", "[:foo:]")]
    [InlineData(@"\p{Foo}", "invalid character class range", @"\p{Foo}")]
    [InlineData("(?P<>a)", "invalid named capture", "(?P<>")]
    [InlineData("(?P<a-b>x)", "invalid named capture", "(?P<a-b>")]
    [InlineData("(?P<x>a)(?P<x>b)", "duplicate capture group name", "x")]
    public void Regex_that_RE2_rejects_is_rejected(string pattern, string reason, string fragment)
    {
        var e = Assert.Throws<RegexSyntaxException>(() => new FastRegexMatcher(pattern));
        Assert.Equal(reason, e.Reason);
        Assert.Equal(fragment, e.Fragment);
        Assert.Equal(pattern, e.Pattern);
        Assert.Contains("position", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Regex_with_backreference_is_rejected()
    {
        var e = Assert.Throws<RegexSyntaxException>(() => new Matcher(MatchType.Regex, "a", @"(x)\1"));
        Assert.Equal(3, e.Position);
    }

    [Theory]
    [InlineData("foo|bar|baz", new[] { "foo", "bar", "baz" })]
    [InlineData("foo", new[] { "foo" })]
    [InlineData("", new string[0])]
    [InlineData("foo|", new[] { "foo", "" })]
    [InlineData("(foo|bar)", new[] { "foo", "bar" })]
    [InlineData("foo(bar|baz)", new[] { "foobar", "foobaz" })]
    [InlineData("(a|b)(c|d)", new[] { "ac", "ad", "bc", "bd" })]
    [InlineData("x[12]", new[] { "x1", "x2" })]
    [InlineData("foo.*", new string[0])]
    [InlineData("(?i)foo|bar", new string[0])]
    [InlineData("[a-z]+", new string[0])]
    public void Alternation_of_literals_exposes_its_set(string pattern, string[] expected)
    {
        Assert.Equal(expected, new FastRegexMatcher(pattern).SetMatches());
    }

    [Theory]
    [InlineData("foo[0-9]+bar", "foo", "bar")]
    [InlineData("foo.*", "", "")]
    [InlineData("abc[xy]+", "abc", "")]
    [InlineData("[xy]+abc", "", "abc")]
    public void Literal_prefix_and_suffix_are_extracted(string pattern, string prefix, string suffix)
    {
        var matcher = new FastRegexMatcher(pattern);
        Assert.Equal(prefix, matcher.Prefix);
        Assert.Equal(suffix, matcher.Suffix);
        Assert.True(matcher.IsOptimized);
    }

    [Theory]
    [InlineData("(a)(?P<name>b)(c)", new string?[] { null, null, "name", null })]
    [InlineData("(?:a)(b)", new string?[] { null, null })]
    public void Capture_groups_are_numbered_left_to_right_like_RE2(string pattern, string?[] names)
    {
        var matcher = new FastRegexMatcher(pattern);
        Assert.Equal(names, matcher.GroupNames);
        var match = matcher.Regex.Match("abc");
        if (names.Length == 4)
        {
            Assert.Equal("c", match.Groups[3].Value);
            Assert.Equal("b", match.Groups[2].Value);
        }
    }

    [Fact]
    public void Ungreedy_flag_swaps_greediness_for_captures()
    {
        Assert.Equal("a", new FastRegexMatcher("(?U)(a+)a*").Regex.Match("aaa").Groups[1].Value);
        Assert.Equal("aaa", new FastRegexMatcher("(?U)(a+?)a*").Regex.Match("aaa").Groups[1].Value);
    }

    [Fact]
    public void Cached_matchers_are_shared()
    {
        Assert.Same(FastRegexMatcher.Get("shared.*cache"), FastRegexMatcher.Get("shared.*cache"));
    }
}
