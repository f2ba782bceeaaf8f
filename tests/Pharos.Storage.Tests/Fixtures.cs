using System.Text.RegularExpressions;
using Pharos.Model;

namespace Pharos.Storage.Tests;

/// <summary>Small helpers shared by the storage tests.</summary>
internal static partial class Fixtures
{
    public static Labels L(params string[] pairs) => Labels.FromStrings(pairs);

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
            var samples = new List<(long, double)>();
            while (it.Next() != SampleType.None)
            {
                samples.Add(it.At());
            }

            Assert.Null(it.Error);
            result.Add((set.Current.Labels, samples));
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

        return samples;
    }

    public static void Append(IAppendable storage, Labels labels, params (long T, double V)[] samples)
    {
        var app = storage.CreateAppender();
        var reference = SeriesRef.None;
        foreach (var (t, v) in samples)
        {
            Assert.Equal(AppendStatus.Ok, app.Append(ref reference, labels, t, v));
        }

        app.Commit();
    }

    [GeneratedRegex("""([A-Za-z_][A-Za-z0-9_]*)(=~|!~|!=|=)"([^"]*)"\s*(,|$)""", RegexOptions.Singleline)]
    private static partial Regex MatcherSyntax();
}
