using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Hosting.Web;

namespace Pharos.Alertmanager.Tests;

/// <summary>Debian's <c>amtool</c> drives Pharos through API v2: alerts, silences, import.</summary>
[Trait("Category", "Integration")]
public sealed class AmtoolClientTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-amtool-client-").FullName;
    private AlertmanagerServer? _server;

    public async Task InitializeAsync()
    {
        var config = Path.Combine(_dir, "am.yml");
        File.WriteAllText(config, "route: {receiver: r, group_wait: 1h}\nreceivers: [{name: r}]\n");
        _server = await AlertmanagerServer.StartAsync(
            new AlertmanagerOptions
            {
                Web = new WebOptions(ListenAddress.Parse("127.0.0.1:0"), null, string.Empty, new Uri("http://127.0.0.1/"), "/"),
                ConfigFile = config,
                StoragePath = Path.Combine(_dir, "data"),
            },
            NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Alert_add_and_query_with_matchers()
    {
        Amtool("alert", "add", "alertname=Disk", "instance=a", "severity=page", "--annotation=summary=full");
        Amtool("alert", "add", "alertname=Cpu", "instance=b");
        var all = JsonDocument.Parse(Amtool("alert", "query", "-o", "json")).RootElement;
        Assert.Equal(2, all.GetArrayLength());
        var disk = JsonDocument.Parse(Amtool("alert", "query", "-o", "json", "alertname=~\"D.*\"")).RootElement;
        Assert.Equal("full", disk.EnumerateArray().Single().GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Contains("Cpu", Amtool("alert", "query", "instance=b"), StringComparison.Ordinal);
    }

    [Fact]
    public void Silence_add_query_expire_and_import()
    {
        var id = Amtool("silence", "add", "alertname=Disk", "-c", "maintenance", "-a", "ops", "-d", "1h").Trim();
        Assert.Equal(36, id.Length);
        Assert.Equal(id, Amtool("silence", "query", "-q").Trim());
        Amtool("alert", "add", "alertname=Disk");
        Assert.DoesNotContain("Disk", Amtool("alert", "query"), StringComparison.Ordinal);
        Assert.Contains("Disk", Amtool("alert", "query", "--silenced"), StringComparison.Ordinal);

        var exported = Amtool("silence", "query", "-o", "json");
        Amtool("silence", "expire", id);
        Assert.Equal("", Amtool("silence", "query", "-q").Trim());
        Assert.Contains(id, Amtool("silence", "query", "--expired", "-q"), StringComparison.Ordinal);

        var file = Path.Combine(_dir, "silences.json");
        File.WriteAllText(file, exported);
        Amtool("silence", "import", file);
        var imported = Amtool("silence", "query", "-q").Trim();
        Assert.Equal(36, imported.Length);
        Assert.NotEqual(id, imported);
    }

    private string Amtool(params string[] args)
    {
        var start = new ProcessStartInfo("amtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--alertmanager.url=" + _server!.BaseAddress);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"amtool {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
