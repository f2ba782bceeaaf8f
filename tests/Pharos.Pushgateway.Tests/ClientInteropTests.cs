using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Client;
using Pharos.Client.Push;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Pushgateway.Tests;

/// <summary>Pushes from Pharos.Client and from Debian's Python client land; real Prometheus scrapes the result.</summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class ClientInteropTests : IAsyncLifetime
{
    private PushgatewayServer? _server;

    public async Task InitializeAsync() => _server = await PushgatewayServer.StartAsync(InProcess.Options(), NullLoggerFactory.Instance);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pharos_client_push_add_and_delete_land()
    {
        var registry = new MetricRegistry();
        registry.CreateGauge("batch_last_success_seconds", "Last success.").Set(1234);
        registry.CreateCounter("batch_records_total", "Records.", "table").WithLabels("users").Inc(42);
        var client = new PushgatewayClient(_server!.BaseAddress, "nightly").WithGrouping("instance", "db/1").WithGrouping("empty", string.Empty);
        await client.PushAsync(registry);
        var group = Assert.Single(_server.Store.Groups());
        Assert.Equal("{empty=\"\",instance=\"db/1\",job=\"nightly\"}", group.Key.ToString());
        Assert.Equal(1234, group.Families["batch_last_success_seconds"].Family.Points[0].Value);
        Assert.Equal(42, group.Families["batch_records_total"].Family.Points[0].Value);

        var more = new MetricRegistry();
        more.CreateGauge("batch_duration_seconds", "Duration.").Set(3);
        await new PushgatewayClient(_server.BaseAddress, "nightly") { Format = Pharos.Client.ExpositionFormat.PrometheusText }
            .WithGrouping("instance", "db/1").WithGrouping("empty", string.Empty).AddAsync(more);
        Assert.Equal(3, Assert.Single(_server.Store.Groups()).Families.Count);

        await client.DeleteAsync();
        Assert.Empty(_server.Store.Groups());
    }

    [Fact]
    public async Task Python_client_push_to_gateway_lands()
    {
        const string Python = "/usr/bin/python3";
        Assert.True(File.Exists(Python), "Debian's python3 is required (apt-get install python3-prometheus-client)");
        var script = $$"""
            from prometheus_client import CollectorRegistry, Gauge, Counter, push_to_gateway, pushadd_to_gateway
            r = CollectorRegistry()
            Gauge('py_job_last_success', 'Last success.', registry=r).set(7.5)
            Counter('py_rows', 'Rows.', ['table'], registry=r).labels('a').inc(3)
            push_to_gateway('{{_server!.BaseAddress.GetLeftPart(UriPartial.Authority)}}', job='py/batch', registry=r, grouping_key={'instance': 'worker-1'})
            """;
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);

        var group = Assert.Single(_server!.Store.Groups());
        Assert.Equal("py/batch", group.Key.Job);
        Assert.Equal("worker-1", group.Key.Get("instance"));
        Assert.Equal(7.5, group.Families["py_job_last_success"].Family.Points[0].Value);
        Assert.Equal(3, group.Families["py_rows_total"].Family.Points[0].Value);
    }

    [Fact]
    public async Task Prometheus_scrapes_with_honor_labels_and_sees_pushed_job_and_instance()
    {
        var registry = new MetricRegistry();
        registry.CreateGauge("pushed_value", "A pushed value.").Set(99);
        await new PushgatewayClient(_server!.BaseAddress, "cron-backup").WithGrouping("instance", "host-7").PushAsync(registry);

        var target = _server.BaseAddress.GetLeftPart(UriPartial.Authority)["http://".Length..];
        var config = PrometheusPeer.StaticScrapeConfig("pushgateway", [target], TimeSpan.FromSeconds(1))
            .Replace("    metrics_path:", "    honor_labels: true\n    metrics_path:", StringComparison.Ordinal);
        await using var prometheus = await PrometheusPeer.StartAsync(config);
        await prometheus.WaitForScrapesAsync(2, "pushgateway");
        Assert.Equal(99, await prometheus.QueryValueAsync("pushed_value{job=\"cron-backup\",instance=\"host-7\"}"));
        Assert.NotNull(await prometheus.QueryValueAsync("push_time_seconds{job=\"cron-backup\",instance=\"host-7\"}"));
    }
}
