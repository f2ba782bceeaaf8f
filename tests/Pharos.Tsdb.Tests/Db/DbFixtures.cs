using Pharos.Model;

using Pharos.Tsdb.Db;
using Pharos.Tsdb.Head;
using Pharos.Tsdb.Tests.Head;
using Pharos.Tsdb.Wal;
using Xunit;

namespace Pharos.Tsdb.Tests.Db;

/// <summary>Helpers shared by the database tests.</summary>
internal static class DbFixtures
{
    /// <summary>Few stripes, and two-page WAL segments so a few hundred commits span several segments.</summary>
    public static TsdbOptions SmallOptions { get; } = new()
    {
        Head = new HeadOptions { StripeSize = 64 },
        Wal = new WalOptions { SegmentSizeBytes = 2 * WalFormat.PageSize },
        WalCompression = false,
    };

    /// <summary>Every series and its samples, sorted by labels.</summary>
    public static List<(Labels Labels, List<(long T, double V)> Samples)> Dump(Pharos.Storage.IQueryable storage)
    {
        using var q = storage.CreateQuerier(long.MinValue, long.MaxValue);
        var all = HeadFixtures.Drain(q.Select(true, null, [new Matcher(Pharos.Model.MatchType.Regex, "__name__", ".+")]));
        return [.. all.Where(s => s.Samples.Count > 0).OrderBy(s => s.Labels.ToString(), StringComparer.Ordinal)];
    }

    public static void AssertSameContents(Pharos.Storage.IQueryable expected, Pharos.Storage.IQueryable actual)
    {
        var want = Dump(expected);
        var got = Dump(actual);
        Assert.Equal(want.Count, got.Count);
        for (var i = 0; i < want.Count; i++)
        {
            Assert.Equal(want[i].Labels, got[i].Labels);
            Assert.Equal(want[i].Samples, got[i].Samples);
        }
    }
}
