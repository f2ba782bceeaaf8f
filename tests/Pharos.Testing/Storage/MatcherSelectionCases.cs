using Pharos.Model;
using Xunit;

namespace Pharos.Testing.Storage;

/// <summary>
/// The selector semantics every storage is held to, on the series Prometheus's own querier tests use: a label a
/// series lacks matches as the empty string, so matchers that accept "" also select series without the label.
/// </summary>
public static class MatcherSelectionCases
{
    /// <summary>The series, by the short id the expectations use.</summary>
    public static IReadOnlyDictionary<string, Labels> Series { get; } = new Dictionary<string, Labels>
    {
        ["1"] = Labels.FromStrings("n", "1"),
        ["1a"] = Labels.FromStrings("n", "1", "i", "a"),
        ["1b"] = Labels.FromStrings("n", "1", "i", "b"),
        ["1nl"] = Labels.FromStrings("n", "1", "i", "\n"),
        ["2"] = Labels.FromStrings("n", "2"),
        ["2.5"] = Labels.FromStrings("n", "2.5"),
    };

    /// <summary>Rows of (matchers in PromQL selector syntax, space-separated ids of the expected series).</summary>
    /// <returns>The theory data.</returns>
    public static TheoryData<string, string> Rows() => new()
    {
        { """n="1" """, "1 1a 1b 1nl" },
        { """n="1",i="a" """, "1a" },
        { """n="missing" """, "" },
        { """n="1",i!="a" """, "1 1b 1nl" },
        { """n!="1" """, "2 2.5" },
        { """n="1",i="" """, "1" },
        { """n="1",i!="" """, "1a 1b 1nl" },
        { """i="" """, "1 2 2.5" },
        { """i!="" """, "1a 1b 1nl" },
        { """n="1",i=~"a" """, "1a" },
        { """n="1",i=~"a|b" """, "1a 1b" },
        { """n="1",i=~"a|" """, "1 1a" },
        { """n="1",i=~".*" """, "1 1a 1b 1nl" },
        { """n="1",i=~".+" """, "1a 1b 1nl" },
        { """n="1",i=~"^.*$" """, "1 1a 1b 1nl" },
        { """n="1",i=~"" """, "1" },
        { """n="1",i=~"c" """, "" },
        { """n="1",i!~"a" """, "1 1b 1nl" },
        { """n="1",i!~"a|b" """, "1 1nl" },
        { """n="1",i!~"a|" """, "1b 1nl" },
        { """n="1",i!~".*" """, "" },
        { """n="1",i!~".+" """, "1" },
        { """n="1",i!~"" """, "1a 1b 1nl" },
        { """n=~"2.*" """, "2 2.5" },
        { """n=~"2\..*" """, "2.5" },
        { """n=~"1|2" """, "1 1a 1b 1nl 2" },
        { """n=~".*" """, "1 1a 1b 1nl 2 2.5" },
        { """n=~".+",i=~".+" """, "1a 1b 1nl" },
        { """n!~"1|2.5" """, "2" },
        { """n="1",missing="" """, "1 1a 1b 1nl" },
        { """n="1",missing!="x" """, "1 1a 1b 1nl" },
        { """n="1",missing=~".*" """, "1 1a 1b 1nl" },
        { """n="1",missing!~"x" """, "1 1a 1b 1nl" },
        { """missing="x" """, "" },
        { """n="1",missing!="" """, "" },
        { """n="1",missing=~".+" """, "" },
        { """n="1",missing!~".*" """, "" },
        { """n="1",i=~"(?i)A" """, "1a" },
        { """n=~"1|2",i=~"a|b" """, "1a 1b" },
        { """n!="2",i!~"a" """, "1 1b 1nl 2.5" },
        { """n=~"2.+" """, "2.5" },
        { "", "" },
    };

    /// <summary>The expected series of a row, sorted as a sorted select returns them.</summary>
    /// <param name="ids">Space-separated ids.</param>
    /// <returns>The label sets.</returns>
    public static List<Labels> Expected(string ids) =>
        [.. ids.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => Series[id]).Order()];
}
