using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Hosting.Web;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Server.Tests;

[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class FederationPeerTests
{
    [Fact]
    public async Task A_real_prometheus_federating_from_pharos_stores_the_series_with_external_labels()
    {
        using var dir = new TempDir();
        var port = FreePort.Next();
        var config = Path.Combine(dir.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              external_labels:
                cluster: pharos
            scrape_configs:
              - job_name: self
                static_configs:
                  - targets: ["127.0.0.1:{port}"]
            """);
        var options = new ServerOptions
        {
            ConfigFile = config,
            StoragePath = Path.Combine(dir.Path, "data"),
            Web = new WebOptions(ListenAddress.Parse($"127.0.0.1:{port}"), null, string.Empty, new Uri($"http://127.0.0.1:{port}/"), "/"),
        };
        await using var server = await PrometheusServer.StartAsync(options, NullLoggerFactory.Instance);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        await using var peer = await PrometheusPeer.StartAsync($$"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: federate
                honor_labels: true
                metrics_path: /federate
                params:
                  'match[]': ['{job="self"}']
                static_configs:
                  - targets: ["127.0.0.1:{{port}}"]
            """);
        var deadline = Stopwatch.StartNew();
        double? value = null;
        while (value is null && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(500);
            value = await peer.QueryValueAsync("up{job=\"self\",cluster=\"pharos\"}");
        }

        Assert.Equal(1.0, value);
        Assert.NotNull(await peer.QueryValueAsync("count(prometheus_build_info{job=\"self\",cluster=\"pharos\"})"));
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("pharos-federation-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
