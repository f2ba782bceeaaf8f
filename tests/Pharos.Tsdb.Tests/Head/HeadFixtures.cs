using System.Text.RegularExpressions;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Head;
using Xunit;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Tsdb.Tests.Head;

/// <summary>Small helpers shared by the head tests.</summary>
internal static partial class HeadFixtures
{
    public static Labels L(params string[] pairs) => Labels.FromStrings(pairs);

    /// <summary>A head with few stripes, so tests do not pay for 16k of them.</summary>
    public static Pharos.Tsdb.Head.Head NewHead(HeadOptions? options = null) =>
        new((options ?? new HeadOptions()) with { StripeSize = 64 });

    /// <summary>Parses <c>a="x",b!~"y"</c> into matchers (values are taken verbatim, no escapes).</summary>
    public static Matcher[] Matchers(string text)
    {
        var result = new List<Matcher>();
        foreach (Match m in MatcherSyntax().Matches(text))
        {
            var type = m.Groups[2].Value switch
            {
                "=" => MatchType.Equal,
                "!=" => MatchType.NotEqual,
                "=~" => MatchType.Regex,
                _ => MatchType.NotRegex,
            };
            result.Add(new Matcher(type, m.Groups[1].Value, m.Groups[3].Value));
        }

        return [.. result];
    }

    public static List<(Labels Labels, List<(long T, double V)> Samples)> Drain(ISeriesSet set)
    {
        var result = new List<(Labels, List<(long, double)>)>();
        ISampleIterator? it = null;
        while (set.Next())
        {
            it = set.Current.Iterator(it);
            result.Add((set.Current.Labels, Samples(it)));
        }

        Assert.Null(set.Error);
        return result;
    }

    public static List<(long T, double V)> Samples(ISampleIterator it)
    {
        var samples = new List<(long, double)>();
        while (it.Next() != SampleType.None)
        {
            samples.Add(it.At());
        }

        Assert.Null(it.Error);
        return samples;
    }

    public static SeriesRef Append(IAppendable storage, Labels labels, params (long T, double V)[] samples)
    {
        var app = storage.CreateAppender();
        var reference = SeriesRef.None;
        foreach (var (t, v) in samples)
        {
            Assert.Equal(AppendStatus.Ok, app.Append(ref reference, labels, t, v));
        }

        app.Commit();
        return reference;
    }

    public static List<(long T, double V)> Read(Pharos.Storage.IQueryable storage, Labels labels, long mint = long.MinValue, long maxt = long.MaxValue)
    {
        using var q = storage.CreateQuerier(mint, maxt);
        var matchers = labels.Select(l => new Matcher(MatchType.Equal, l.Name, l.Value)).ToArray();
        var series = Drain(q.Select(false, null, matchers));
        return series.Count == 0 ? [] : Assert.Single(series).Samples;
    }

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_]*)(=~|!~|!=|=)"([^"]*)"\s*(,|$)""", RegexOptions.Singleline)]
    private static partial Regex MatcherSyntax();
}
