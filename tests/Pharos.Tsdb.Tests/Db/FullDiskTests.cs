using System.Diagnostics;
using Pharos.Model;
using Pharos.Storage;
using Pharos.Testing;
using Pharos.Tsdb.Db;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Db;

/// <summary>A data directory on a 1 MiB tmpfs (needs root, as the test environment has): the disk fills up.</summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public class FullDiskTests
{
    [Fact]
    public void A_full_disk_fails_the_commit_with_an_error_and_committed_data_stays_readable()
    {
        using var dir = new TempDirectory();
        Mount(dir.Path);
        TsdbDatabase? db = null;
        try
        {
            db = TsdbDatabase.Open(dir.Path, DbFixtures.SmallOptions);
            var labels = L("__name__", "fill", "pad", new string('x', 200));
            var committed = new List<(long T, double V)>();
            IOException? failure = null;
            for (var batch = 0; batch < 100_000 && failure is null; batch++)
            {
                var app = db.CreateAppender();
                var pending = new List<(long, double)>();
                for (var i = 0; i < 50; i++)
                {
                    var t = ((batch * 50) + i) * 1000L;
                    var reference = SeriesRef.None;
                    Assert.Equal(AppendStatus.Ok, app.Append(ref reference, Labels.FromStrings("__name__", "fill", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "pad", labels.Get("pad")), t, batch));
                    pending.Add((t, batch));
                }

                try
                {
                    app.Commit();
                    committed.Add((batch, batch));
                }
                catch (IOException e)
                {
                    failure = e;
                }
            }

            Assert.NotNull(failure);
            Assert.Contains("space", failure.Message, StringComparison.OrdinalIgnoreCase);
            Assert.NotEmpty(committed);

            // Every batch that committed is still readable from the head.
            var series0 = Read(db, Labels.FromStrings("__name__", "fill", "i", "0", "pad", labels.Get("pad")));
            Assert.Equal(committed.Select(c => c.V), series0.Take(committed.Count).Select(s => s.V));
        }
        finally
        {
            try
            {
                // The shutdown's final WAL flush may itself meet the full disk.
                db?.Dispose();
            }
            catch (IOException)
            {
            }

            Unmount(dir.Path);
        }
    }

    private static void Mount(string path) => Run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", path);

    private static void Unmount(string path) => Run("umount", "--lazy", path);

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} did not finish in 30 s");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}: {error.Result}");
    }
}
