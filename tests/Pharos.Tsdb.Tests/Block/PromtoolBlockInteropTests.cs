using System.Diagnostics;
using System.Globalization;
using Pharos.Testing;
using Pharos.Tsdb.Block;
using Xunit;
using Xunit.Abstractions;

namespace Pharos.Tsdb.Tests.Block;

/// <summary>
/// Blocks both ways with Debian's <c>promtool</c> (Prometheus 2.42): it lists, analyzes and dumps the blocks we write,
/// and we read the blocks its backfiller writes.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public class PromtoolBlockInteropTests(ITestOutputHelper output)
{
    private const string Promtool = "/usr/bin/promtool";
    private const long TwoHoursMs = 2 * 60 * 60 * 1000;

    [Fact]
    public void Promtool_lists_analyzes_and_dumps_exactly_the_samples_of_our_block()
    {
        var head = BlockFixtures.NewHead(steps: 1000);
        using var dir = new TempDirectory();
        var mint = BlockFixtures.T0 - (BlockFixtures.T0 % TwoHoursMs) + TwoHoursMs;
        var meta = BlockWriter.Write(head, dir.Path, mint, mint + TwoHoursMs)!;
        var expected = BlockFixtures.ReadAll(head, mint, mint + TwoHoursMs - 1);

        var list = Run("tsdb", "list", dir.Path);
        var row = list.Split('\n').Single(l => l.StartsWith(meta.Ulid, StringComparison.Ordinal));
        var columns = row.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);

        // BLOCK ULID, MIN TIME, MAX TIME, DURATION, NUM SAMPLES, NUM CHUNKS, NUM SERIES, SIZE.
        Assert.Equal(mint.ToString(CultureInfo.InvariantCulture), columns[1]);
        Assert.Equal((mint + TwoHoursMs).ToString(CultureInfo.InvariantCulture), columns[2]);
        Assert.Equal(expected.Sum(s => s.Samples.Count).ToString(CultureInfo.InvariantCulture), columns[4]);
        Assert.Equal(meta.Stats.NumChunks.ToString(CultureInfo.InvariantCulture), columns[5]);
        Assert.Equal("4", columns[6]);

        var analyze = Run("tsdb", "analyze", dir.Path);
        Assert.Contains(meta.Ulid, analyze, StringComparison.Ordinal);

        AssertDumpEquals(dir.Path, expected);
    }

    [Fact]
    public void Block_backfilled_by_promtool_reads_back_with_every_sample()
    {
        using var dir = new TempDirectory();
        var input = dir.Combine("input.om");
        var expected = new SortedDictionary<string, List<(long T, double V)>>(StringComparer.Ordinal);
        using (var writer = new StreamWriter(input))
        {
            writer.Write("# HELP backfill_test A test gauge.\n# TYPE backfill_test gauge\n");
            foreach (var (series, labelText) in new[] { ("a", "instance=\"a\",job=\"j\""), ("b", "instance=\"b\",job=\"j\"") })
            {
                for (var i = 0; i < 300; i++)
                {
                    var seconds = 1_700_000_000 + (i * 30);
                    var value = series == "a" ? i * 0.25 : 1000 - i;
                    writer.Write($"backfill_test{{{labelText}}} {value.ToString("R", CultureInfo.InvariantCulture)} {seconds}\n");
                    var key = $"{{__name__=\"backfill_test\", instance=\"{series}\", job=\"j\"}}";
                    if (!expected.TryGetValue(key, out var list))
                    {
                        expected[key] = list = [];
                    }

                    list.Add((seconds * 1000L, value));
                }
            }

            writer.Write("# EOF\n");
        }

        var data = dir.Combine("data");
        Run("tsdb", "create-blocks-from", "openmetrics", input, data);

        var actual = new SortedDictionary<string, List<(long T, double V)>>(StringComparer.Ordinal);
        var blocks = Directory.GetDirectories(data).Where(d => Ulid.TryParse(Path.GetFileName(d), out _)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(blocks);
        foreach (var blockDir in blocks)
        {
            using var block = Pharos.Tsdb.Block.Block.Open(blockDir);
            foreach (var (labels, samples) in BlockFixtures.ReadAll(block, long.MinValue, long.MaxValue))
            {
                var key = "{" + string.Join(", ", labels.Span.ToArray().Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";
                if (!actual.TryGetValue(key, out var list))
                {
                    actual[key] = list = [];
                }

                list.AddRange(samples);
            }
        }

        output.WriteLine($"{blocks.Count} blocks from promtool");
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var key in expected.Keys)
        {
            Assert.Equal(expected[key], actual[key]);
        }
    }

    [Theory]
    [InlineData(7)]
    public void Promtool_dumps_a_block_of_many_random_series_exactly(int seed)
    {
        var head = BlockFixtures.NewRandomHead(seed);
        using var dir = new TempDirectory();
        var mint = BlockFixtures.RandomT0;
        var meta = BlockWriter.Write(head, dir.Path, mint, mint + TwoHoursMs)!;
        Run("tsdb", "analyze", dir.Path);
        AssertDumpEquals(dir.Path, BlockFixtures.ReadAll(head, mint, mint + TwoHoursMs - 1));
        Assert.Contains(meta.Ulid, Run("tsdb", "list", dir.Path), StringComparison.Ordinal);
    }

    /// <summary>Runs <c>promtool tsdb dump</c> and compares every printed sample with <paramref name="expected"/>.</summary>
    private void AssertDumpEquals(string dataDirectory, List<(Pharos.Model.Labels Labels, List<(long T, double V)> Samples)> expected)
    {
        // promtool's dump opens the directory as a whole database, which (as every data directory) has a WAL.
        Directory.CreateDirectory(Path.Combine(dataDirectory, "wal"));
        var dumped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Run("tsdb", "dump", dataDirectory).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // {__name__="x", a="b"} 1.5 1700000000000
            var close = line.LastIndexOf("} ", StringComparison.Ordinal);
            var parts = line[(close + 2)..].Split(' ');
            var value = double.Parse(parts[0], CultureInfo.InvariantCulture);
            Assert.True(dumped.Add($"{line[..(close + 1)]} {value.ToString("R", CultureInfo.InvariantCulture)} {parts[1]}"), line);
        }

        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (labels, samples) in expected)
        {
            var text = "{" + string.Join(", ", labels.Span.ToArray().Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";
            foreach (var (t, v) in samples)
            {
                written.Add($"{text} {v.ToString("R", CultureInfo.InvariantCulture)} {t.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        output.WriteLine($"promtool dumped {dumped.Count} samples; we wrote {written.Count}");
        Assert.Equal(written.Order(StringComparer.Ordinal), dumped.Order(StringComparer.Ordinal));
    }

    private string Run(params string[] args)
    {
        var start = new ProcessStartInfo(Promtool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "promtool did not finish");
        var error = stderr.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"promtool {string.Join(' ', args)} exited {process.ExitCode}: {error}\n{stdout}");
        output.WriteLine($"$ promtool {string.Join(' ', args)}\n{(stdout.Length > 2000 ? stdout[..2000] : stdout)}{error}");
        return stdout;
    }
}
