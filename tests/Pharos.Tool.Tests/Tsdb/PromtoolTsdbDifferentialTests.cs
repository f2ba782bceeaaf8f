using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pharos.Testing;
using Pharos.Tool.Tsdb;
using Xunit;
using Xunit.Abstractions;

namespace Pharos.Tool.Tests.Tsdb;

/// <summary>
/// <c>pharos tool tsdb</c> against Debian's <c>promtool tsdb</c> (Prometheus 2.42) on the same directories: the
/// same list table, dump lines and analyze report, and blocks from our backfill that promtool dumps exactly as its own.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PromtoolTsdbDifferentialTests : IDisposable
{
    private const string Promtool = "/usr/bin/promtool";
    private readonly ITestOutputHelper _output;
    private readonly string _root = Directory.CreateTempSubdirectory("pharos-tool-tsdb-").FullName;
    private readonly string _input;
    private readonly string _theirs;

    public PromtoolTsdbDifferentialTests(ITestOutputHelper output)
    {
        _output = output;
        _input = Path.Combine(_root, "input.om");
        File.WriteAllText(_input, OpenMetricsInput(seed: 11));
        _theirs = Path.Combine(_root, "theirs");
        RunPromtool("tsdb", "create-blocks-from", "openmetrics", _input, _theirs);

        // promtool's dump opens a whole database, which has a WAL directory.
        Directory.CreateDirectory(Path.Combine(_theirs, "wal"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void List_prints_the_same_table_as_promtool(bool humanReadable)
    {
        string[] args = humanReadable ? ["tsdb", "list", "-r", _theirs] : ["tsdb", "list", _theirs];
        var ours = Capture(o => TsdbInspection.List(_theirs, humanReadable, o));
        Assert.Equal(RunPromtool(args), ours);
    }

    [Fact]
    public void Dump_prints_the_same_lines_as_promtool()
    {
        var ours = Capture(o => TsdbInspection.Dump(_theirs, long.MinValue, long.MaxValue, [], o));
        var theirs = RunPromtool("tsdb", "dump", _theirs);
        Assert.True(ours.Length > 10_000, $"only {ours.Length} characters dumped");
        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Analyze_reports_the_same_counts_as_promtool()
    {
        var ours = Capture(o => TsdbInspection.Analyze(_theirs, null, 20, o));
        var theirs = RunPromtool("tsdb", "analyze", _theirs);

        // promtool lists ties in map order, so each section is compared as a set of lines.
        Assert.Equal(Sections(theirs), Sections(ours));
        Assert.Equal(theirs.Split('\n').Length, ours.Split('\n').Length);
    }

    [Fact]
    public void Backfilled_blocks_match_promtools_own_backfill_of_the_same_file()
    {
        var ours = Path.Combine(_root, "ours");
        var table = Capture(o => OpenMetricsBackfill.Run(_input, ours, OpenMetricsBackfill.DefaultBlockDuration, humanReadable: false, quiet: false, o));
        Assert.StartsWith("BLOCK ULID", table, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(ours, "wal"));
        Assert.Equal(RunPromtool("tsdb", "dump", _theirs), RunPromtool("tsdb", "dump", ours));

        // Same ranges, sample and series counts block by block. ULIDs and sizes differ by nature; chunk counts may too:
        // like Prometheus since 2.47 (not 2.42), our head also cuts a chunk once it passes 1 KiB.
        Assert.Equal(BlockRows(RunPromtool("tsdb", "list", _theirs)), BlockRows(RunPromtool("tsdb", "list", ours)));
    }

    [Fact]
    public void Backfill_of_a_sample_without_timestamp_fails_with_the_file_and_series()
    {
        var bad = Path.Combine(_root, "bad.om");
        File.WriteAllText(bad, "# TYPE a gauge\na{x=\"1\"} 1\n# EOF\n");
        var error = Assert.Throws<InvalidDataException>(() => OpenMetricsBackfill.Run(bad, Path.Combine(_root, "bad"), OpenMetricsBackfill.DefaultBlockDuration, false, true, TextWriter.Null));
        Assert.Equal($"{bad}: expected timestamp for series {{__name__=\"a\", x=\"1\"}}", error.Message);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string OpenMetricsInput(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("# HELP tool_test A test gauge.\n# TYPE tool_test gauge\n");
        double[] specials = [0.1, 1e-7, 1.5e10, 123456789, -42.25, 1e6, 999999, 0.0001, 3.0e-5, 2.5];
        for (var s = 0; s < 12; s++)
        {
            // Five hours at 20 s: three 2h windows; some series stop early, which the churn lists notice.
            var steps = s % 4 == 0 ? 400 : 900;
            for (var i = 0; i < steps; i++)
            {
                var seconds = 1_700_000_000L + (i * 20);
                var value = i % 7 == 0 ? specials[random.Next(specials.Length)] : Math.Round(random.NextDouble() * 1000, random.Next(4));
                text.Append(CultureInfo.InvariantCulture, $"tool_test{{instance=\"h{s}\",job=\"j{s % 3}\",quote=\"a\\\"b\"}} {value.ToString("R", CultureInfo.InvariantCulture)} {seconds}\n");
            }
        }

        return text.Append("# EOF\n").ToString();
    }

    private static SortedSet<string>[] Sections(string report) =>
        [.. report.Split("\n\n").Select(section => new SortedSet<string>(section.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal))];

    private static string[] BlockRows(string list) =>
        [.. list.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(row =>
        {
            var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', columns[1..5]) + " " + columns[6];
        })];

    private static string Capture(Action<TextWriter> action)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        action(writer);
        return writer.ToString();
    }

    private string RunPromtool(params string[] args)
    {
        var start = new ProcessStartInfo(Promtool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"promtool {string.Join(' ', args)} did not finish in 2 minutes");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"promtool {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        _output.WriteLine($"$ promtool {string.Join(' ', args)}: {stdout.Result.Length} characters");
        return stdout.Result;
    }
}
