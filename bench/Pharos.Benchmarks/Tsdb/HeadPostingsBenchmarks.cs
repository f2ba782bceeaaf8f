using System.Globalization;
using BenchmarkDotNet.Attributes;
using Pharos.Model;
using Pharos.Tsdb.Postings;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Benchmarks.Tsdb;

/// <summary>
/// Selection over the postings of 1M series (100 metric names × 1,000 instances × 10 series each), as the head
/// resolves a selector before reading any chunk. Each benchmark expands the resulting postings.
/// </summary>
[MemoryDiagnoser]
public class HeadPostingsBenchmarks
{
    private const int SeriesCount = 1_000_000;

    private readonly Matcher[] _intersection =
    [
        new(MatchType.Equal, "__name__", "metric_7"),
        new(MatchType.Equal, "job", "job_3"),
    ];

    private readonly Matcher[] _intersectionWithNot =
    [
        new(MatchType.Equal, "__name__", "metric_7"),
        new(MatchType.NotEqual, "job", "job_3"),
    ];

    private readonly Matcher[] _regexPrefix =
    [
        new(MatchType.Equal, "__name__", "metric_7"),
        new(MatchType.Regex, "instance", "host-12.*"),
    ];

    private readonly Matcher[] _regexSet =
    [
        new(MatchType.Regex, "instance", "host-1|host-20|host-300"),
    ];

    private readonly Matcher[] _regexScan =
    [
        new(MatchType.Equal, "job", "job_1"),
        new(MatchType.Regex, "instance", ".*-1.*5"),
    ];

    private MemPostings _postings = null!;

    /// <summary>Indexes the series.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _postings = new MemPostings();
        for (var i = 0; i < SeriesCount; i++)
        {
            var labels = Labels.FromStrings(
                "__name__", "metric_" + (i % 100).ToString(CultureInfo.InvariantCulture),
                "id", (i % 10).ToString(CultureInfo.InvariantCulture),
                "instance", "host-" + (i / 100 % 1000).ToString(CultureInfo.InvariantCulture),
                "job", "job_" + (i / 100 % 10).ToString(CultureInfo.InvariantCulture));
            _postings.Add((ulong)i + 1, labels);
        }
    }

    /// <summary>Two equality matchers: 10k ∩ 100k postings.</summary>
    [Benchmark]
    public int Intersect() => Count(_intersection);

    /// <summary>An equality minus a not-equal: 10k \ 100k postings.</summary>
    [Benchmark]
    public int IntersectWithout() => Count(_intersectionWithNot);

    /// <summary>A regex with a literal prefix, looked up in the sorted values.</summary>
    [Benchmark]
    public int RegexPrefix() => Count(_regexPrefix);

    /// <summary>A literal alternation, looked up value by value.</summary>
    [Benchmark]
    public int RegexSet() => Count(_regexSet);

    /// <summary>A regex that must test every value of the label.</summary>
    [Benchmark]
    public int RegexScan() => Count(_regexScan);

    private int Count(Matcher[] matchers)
    {
        var it = PostingsForMatchers.Select(_postings, matchers);
        var n = 0;
        while (it.Next())
        {
            n++;
        }

        return n;
    }
}
