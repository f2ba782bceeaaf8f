using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Pharos.Testing;
using Pharos.Testing.Peers;
using Pharos.Tsdb.Db;
using Xunit;
using Xunit.Abstractions;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Db;

/// <summary>A child process commits and is killed with SIGKILL; every commit it reported is there after reopening.</summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public partial class CrashSafetyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(300)]
    [InlineData(3000)]
    public async Task Every_commit_reported_before_sigkill_survives_reopening(int minimumCommits)
    {
        using var dir = new TempDirectory();
        var data = dir.Combine("data");
        var lastReported = -1;
        var host = DotnetHost.Start(typeof(CrashHost).Assembly.Location, ["crash-host", data], name: "crash-host");
        try
        {
            var clock = Stopwatch.StartNew();
            while (lastReported < minimumCommits)
            {
                Assert.False(host.HasExited, host.Describe("exited before it was killed"));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), host.Describe($"reported only {lastReported} commits in 90 s"));
                await Task.Delay(20);
                lastReported = LastCommitted(host.Output);
            }
        }
        finally
        {
            // SIGKILL to the whole tree, bounded wait; then the last report is read again (it can only grow).
            host.Dispose();
        }

        lastReported = Math.Max(lastReported, LastCommitted(host.Output));
        output.WriteLine($"killed after {lastReported + 1} reported commits");
        using var reopened = TsdbDatabase.Open(data, DbFixtures.SmallOptions);
        for (var i = 0; i < CrashHost.SeriesPerBatch; i++)
        {
            var samples = Read(reopened, CrashHost.SeriesLabels(i));
            Assert.True(samples.Count >= lastReported + 1, $"series {i}: {samples.Count} samples, {lastReported + 1} commits reported");

            // Every commit is there in order and complete: the prefix property of the WAL.
            for (var batch = 0; batch < samples.Count; batch++)
            {
                Assert.Equal((batch * 1000L, batch + (i / 10.0)), samples[batch]);
            }
        }
    }

    private static int LastCommitted(string output)
    {
        var last = -1;
        foreach (Match m in CommittedLine().Matches(output))
        {
            last = Math.Max(last, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return last;
    }

    [GeneratedRegex(@"committed (\d+)")]
    private static partial Regex CommittedLine();
}
