using System.Text;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Block;
using Pharos.Tsdb.Tombstones;
using Xunit;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Tsdb.Tests.Block;

public class BlockTests
{
    private const long TwoHoursMs = 2 * 60 * 60 * 1000;

    [Fact]
    public void Block_cut_from_the_head_reads_back_every_sample_in_its_range()
    {
        var head = BlockFixtures.NewHead(steps: 1000); // ~4 h: chunks straddle both block edges.
        using var dir = new TempDirectory();
        var mint = BlockFixtures.T0 + (10 * BlockFixtures.StepMs) + 1;
        var maxt = mint + TwoHoursMs;
        var meta = BlockWriter.Write(head, dir.Path, mint, maxt);
        Assert.NotNull(meta);
        Assert.True(Directory.Exists(dir.Combine(meta.Ulid)));
        Assert.False(Directory.Exists(dir.Combine(meta.Ulid + BlockWriter.TempSuffix)));

        var expected = BlockFixtures.ReadAll(head, mint, maxt - 1);
        using var block = Pharos.Tsdb.Block.Block.Open(dir.Combine(meta.Ulid));
        var actual = BlockFixtures.ReadAll(block, long.MinValue, long.MaxValue);

        Assert.Equal(expected.Select(s => s.Labels), actual.Select(s => s.Labels));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Samples, actual[i].Samples);
        }

        Assert.Equal(4, actual.Count);
        Assert.Equal((ulong)actual.Sum(s => s.Samples.Count), meta.Stats.NumSamples);
        Assert.Equal(4UL, meta.Stats.NumSeries);
        Assert.All(actual.SelectMany(s => s.Samples), s => Assert.InRange(s.T, mint, maxt - 1));

        // Samples match the generator exactly, and the first in range is the first step at or after mint.
        var up = actual.Single(s => s.Labels.MetricName == "up").Samples;
        Assert.Equal(BlockFixtures.T0 + (11 * BlockFixtures.StepMs), up[0].T);
        var kitchen = actual.Single(s => s.Labels.MetricName == "temperature_celsius").Samples;
        Assert.Equal(BlockFixtures.T0 + (100 * BlockFixtures.StepMs), kitchen[0].T);
        Assert.Equal(BlockFixtures.Value(3, 100), kitchen[0].V);
    }

    [Fact]
    public void Block_querier_selects_by_matchers_and_range_like_the_head()
    {
        var head = BlockFixtures.NewHead(steps: 400);
        using var dir = new TempDirectory();
        var meta = BlockWriter.Write(head, dir.Path, BlockFixtures.T0, BlockFixtures.T0 + TwoHoursMs)!;
        using var block = Pharos.Tsdb.Block.Block.Open(dir.Combine(meta.Ulid));

        Matcher[][] cases =
        [
            [new(MatchType.Equal, "job", "api")],
            [new(MatchType.Equal, "__name__", "http_requests_total"), new(MatchType.NotEqual, "code", "200")],
            [new(MatchType.Regex, "job", "api|prometheus"), new(MatchType.NotRegex, "code", "5..")],
            [new(MatchType.Equal, "room", "")],
            [new(MatchType.Equal, "nope", "x")],
        ];
        var from = BlockFixtures.T0 + (50 * BlockFixtures.StepMs);
        var to = BlockFixtures.T0 + (150 * BlockFixtures.StepMs);
        foreach (var matchers in cases)
        {
            using var hq = head.CreateQuerier(from, to);
            using var bq = block.CreateQuerier(from, to);
            Assert.Equal(Drain(hq.Select(true, null, matchers)), Drain(bq.Select(true, null, matchers)));
        }

        using var q = block.CreateQuerier(long.MinValue, long.MaxValue);
        Assert.Equal(["__name__", "code", "instance", "job", "room"], q.LabelNames(null, []).Values);
        Assert.Equal(["200", "500"], q.LabelValues("code", null, []).Values);
        Assert.Equal(["api"], q.LabelValues("job", null, [new Matcher(MatchType.Equal, "code", "500")]).Values);
    }

    [Fact]
    public void Empty_range_writes_no_block()
    {
        var head = BlockFixtures.NewHead(steps: 10);
        using var dir = new TempDirectory();
        Assert.Null(BlockWriter.Write(head, dir.Path, 0, 1000));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Meta_json_has_upstreams_fields()
    {
        var head = BlockFixtures.NewHead(steps: 10);
        using var dir = new TempDirectory();
        var meta = BlockWriter.Write(head, dir.Path, BlockFixtures.T0, BlockFixtures.T0 + TwoHoursMs)!;
        var json = File.ReadAllText(dir.Combine(meta.Ulid, "meta.json"));
        var expected = $$"""
            {
            	"ulid": "{{meta.Ulid}}",
            	"minTime": {{BlockFixtures.T0}},
            	"maxTime": {{BlockFixtures.T0 + TwoHoursMs}},
            	"stats": {
            		"numSamples": 30,
            		"numSeries": 3,
            		"numChunks": 3
            	},
            	"compaction": {
            		"level": 1,
            		"sources": [
            			"{{meta.Ulid}}"
            		]
            	},
            	"version": 1
            }
            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), json.ReplaceLineEndings("\n"));
        Assert.Equal(meta, BlockMeta.Parse(Encoding.UTF8.GetBytes(json)) with { Stats = meta.Stats, Compaction = meta.Compaction });
        Assert.Equal(TombstoneFile.Encode(new Dictionary<ulong, IReadOnlyList<TombstoneInterval>>()), File.ReadAllBytes(dir.Combine(meta.Ulid, "tombstones")));
    }

    [Fact]
    public void Damaged_chunk_is_reported_with_the_segment_file_name()
    {
        var head = BlockFixtures.NewHead(steps: 10);
        using var dir = new TempDirectory();
        var meta = BlockWriter.Write(head, dir.Path, BlockFixtures.T0, BlockFixtures.T0 + TwoHoursMs)!;
        var segment = dir.Combine(meta.Ulid, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        bytes[12] ^= 0x10; // Inside the first chunk's data: header 8, length 1, encoding 1.
        File.WriteAllBytes(segment, bytes);

        using var block = Pharos.Tsdb.Block.Block.Open(dir.Combine(meta.Ulid));
        using var q = block.CreateQuerier(long.MinValue, long.MaxValue);
        var set = q.Select(true, null, [new Matcher(MatchType.Regex, "__name__", ".+")]);
        Assert.False(set.Next());
        Assert.IsType<InvalidDataException>(set.Error);
        Assert.Contains(segment, set.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_index_or_meta_fails_open_naming_the_file()
    {
        var head = BlockFixtures.NewHead(steps: 10);
        using var dir = new TempDirectory();
        var meta = BlockWriter.Write(head, dir.Path, BlockFixtures.T0, BlockFixtures.T0 + TwoHoursMs)!;
        var blockDir = dir.Combine(meta.Ulid);
        var index = Path.Combine(blockDir, "index");
        var bytes = File.ReadAllBytes(index);
        bytes[12] ^= 0x01; // Inside the symbol table.
        File.WriteAllBytes(index, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Pharos.Tsdb.Block.Block.Open(blockDir));
        Assert.StartsWith(index, e.Message, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(blockDir, "meta.json"), "{ not json");
        e = Assert.Throws<InvalidDataException>(() => Pharos.Tsdb.Block.Block.Open(blockDir));
        Assert.StartsWith(Path.Combine(blockDir, "meta.json"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tombstones_hide_deleted_samples()
    {
        var head = BlockFixtures.NewHead(steps: 10);
        using var dir = new TempDirectory();
        var meta = BlockWriter.Write(head, dir.Path, BlockFixtures.T0, BlockFixtures.T0 + TwoHoursMs)!;
        var blockDir = dir.Combine(meta.Ulid);
        ulong upRef;
        using (var block = Pharos.Tsdb.Block.Block.Open(blockDir))
        {
            upRef = Pharos.Tsdb.Postings.PostingsIterator.Expand(block.Index.Postings("__name__", "up")).Single();
        }

        var deleted = new TombstoneInterval(BlockFixtures.T0 + BlockFixtures.StepMs, BlockFixtures.T0 + (3 * BlockFixtures.StepMs));
        TombstoneFile.Write(Path.Combine(blockDir, "tombstones"), new Dictionary<ulong, IReadOnlyList<TombstoneInterval>> { [upRef] = [deleted] });
        using (var block = Pharos.Tsdb.Block.Block.Open(blockDir))
        {
            var up = BlockFixtures.ReadAll(block, long.MinValue, long.MaxValue).Single(s => s.Labels.MetricName == "up").Samples;
            Assert.Equal([0, 4, 5, 6, 7, 8, 9], up.Select(s => (int)((s.T - BlockFixtures.T0) / BlockFixtures.StepMs)));
        }
    }

    [Fact]
    public void Tombstones_file_round_trips_and_an_empty_one_has_upstreams_bytes()
    {
        var empty = TombstoneFile.Encode(new Dictionary<ulong, IReadOnlyList<TombstoneInterval>>());
        Assert.Equal("0130BA300100000000", Convert.ToHexString(empty));

        var tombstones = new Dictionary<ulong, IReadOnlyList<TombstoneInterval>>
        {
            [7] = [new(-5, 10), new(100, 200)],
            [2] = [new(1_700_000_000_000, long.MaxValue)],
        };
        var decoded = TombstoneFile.Decode(TombstoneFile.Encode(tombstones));
        Assert.Equal([2UL, 7UL], decoded.Keys.Order());
        Assert.Equal(tombstones[7], decoded[7]);
        Assert.Equal(tombstones[2], decoded[2]);

        var damaged = TombstoneFile.Encode(tombstones);
        damaged[6] ^= 1;
        Assert.Throws<InvalidDataException>(() => TombstoneFile.Decode(damaged));
    }

    [Fact]
    public void Ulids_encode_their_time_and_round_trip()
    {
        var ulid = Ulid.FromParts(1_469_918_176_385, new byte[10]);
        Assert.Equal("01ARYZ6S410000000000000000", ulid.ToString());
        Assert.True(Ulid.TryParse(ulid.ToString(), out var parsed));
        Assert.Equal(ulid, parsed);
        var random = Ulid.NewUlid(BlockFixtures.T0);
        Assert.Equal(BlockFixtures.T0, random.TimestampMs);
        Assert.True(Ulid.TryParse(random.ToString().ToLowerInvariant(), out parsed));
        Assert.Equal(random, parsed);
        Assert.False(Ulid.TryParse("81ARYZ6S410000000000000000", out _));
        Assert.True(string.CompareOrdinal(Ulid.NewUlid(1000).ToString(), Ulid.NewUlid(1001).ToString()) < 0);
    }

    /// <summary>Each series as one line of text, so whole results compare by value.</summary>
    private static List<string> Drain(ISeriesSet set)
    {
        var result = new List<string>();
        while (set.Next())
        {
            var it = set.Current.Iterator(null);
            var samples = new List<(long, double)>();
            while (it.Next() != SampleType.None)
            {
                samples.Add(it.At());
            }

            result.Add($"{set.Current.Labels} {string.Join(' ', samples)}");
        }

        Assert.Null(set.Error);
        return result;
    }
}
