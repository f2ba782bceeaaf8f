using System.Diagnostics;
using System.Net;
using System.Text;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Pushgateway.Tests;

/// <summary>
/// Runs <c>pharos pushgateway</c> as a real process: a clean restart keeps every group, and a SIGKILL loses at most
/// the pushes of the last persistence interval.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class PersistenceProcessTests : IDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-pg-persist-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Clean_restart_keeps_all_groups()
    {
        var file = Path.Combine(_dir, "pg.data");
        int port;
        using (var first = Start(file, "5m", out port))
        {
            for (var i = 0; i < 20; i++)
            {
                await PushAsync(port, $"metrics/job/j{i}/instance/i{i}", $"v {i}\n");
            }

            Terminate(first);
        }

        using var second = Start(file, "5m", out port);
        var body = await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        for (var i = 0; i < 20; i++)
        {
            Assert.Contains($"v{{instance=\"i{i}\",job=\"j{i}\"}} {i}", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sigkill_loses_at_most_one_interval()
    {
        var file = Path.Combine(_dir, "pg.data");
        int port;
        using (var first = Start(file, "1s", out port))
        {
            await PushAsync(port, "metrics/job/early", "early 1\n");

            // Two intervals later the early push is on disk whatever the timer phase.
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            await PushAsync(port, "metrics/job/late", "late 1\n");
            first.Dispose();
        }

        using var second = Start(file, "1s", out port);
        var body = await Http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        Assert.Contains("early{job=\"early\"} 1", body, StringComparison.Ordinal);
    }

    private static async Task PushAsync(int port, string path, string body)
    {
        using var response = await Http.PutAsync($"http://127.0.0.1:{port}/{path}", new StringContent(body, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static PeerProcess Start(string file, string interval, out int port)
    {
        port = FreePort.Next();
        var peer = DotnetHost.Start(
            PharosDll(),
            ["pushgateway", $"--web.listen-address=127.0.0.1:{port}", $"--persistence.file={file}", $"--persistence.interval={interval}"],
            name: "pharos-pushgateway");
        try
        {
            peer.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{port}/-/ready"), TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    // SIGTERM, then wait for the graceful exit that writes the file.
    private static void Terminate(PeerProcess peer)
    {
        using var kill = Process.Start("kill", ["-TERM", peer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        var deadline = Stopwatch.StartNew();
        while (!peer.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(50);
        }

        Assert.True(peer.HasExited, peer.Describe("did not exit on SIGTERM"));
    }

    private static string PharosDll()
    {
        // tests/Pharos.Pushgateway.Tests/bin/<configuration>/<tfm>/ → src/Pharos.Cli/bin/<configuration>/<tfm>/pharos.dll
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfmDir.Parent!.Name;
        return RepositoryPaths.InRepository("src", "Pharos.Cli", "bin", configuration, tfmDir.Name, "pharos.dll");
    }
}
