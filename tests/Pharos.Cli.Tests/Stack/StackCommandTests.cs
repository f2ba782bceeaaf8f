using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pharos.Testing;
using Xunit;

namespace Pharos.Cli.Tests.Stack;

[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed class StackCommandTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("pharos-stack-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly int _server = FreePort.Next();
    private readonly int _pushgateway = FreePort.Next();
    private readonly int _node = FreePort.Next();
    private readonly int _blackbox = FreePort.Next();

    public void Dispose()
    {
        _http.Dispose();
        _data.Delete(recursive: true);
    }

    private string[] StackArgs() =>
    [
        "stack",
        "--data.dir=" + _data.FullName,
        "--stack.listen-host=127.0.0.1",
        $"--stack.server-port={_server}",
        $"--stack.pushgateway-port={_pushgateway}",
        $"--stack.node-exporter-port={_node}",
        $"--stack.blackbox-exporter-port={_blackbox}",
        "--log.level=warn",
    ];

    [Fact]
    public async Task Runs_every_component_and_stops_cleanly_on_cancellation()
    {
        var cancellation = CancellationToken.None;
        using var stop = new CancellationTokenSource();
        var error = new StringWriter();
        var stack = PharosCommandLine.Build().Parse(StackArgs())
            .InvokeAsync(new() { Output = new StringWriter(), Error = error, ProcessTerminationTimeout = null }, stop.Token);
        try
        {
            await WaitUntilAnswersAsync($"http://127.0.0.1:{_pushgateway}/-/ready", stack, cancellation);
            await WaitUntilAnswersAsync($"http://127.0.0.1:{_node}/metrics", stack, cancellation);
            await WaitUntilAnswersAsync($"http://127.0.0.1:{_blackbox}/-/healthy", stack, cancellation);

            using (var push = new StringContent("stack_test_metric 42\n", Encoding.UTF8, "text/plain"))
            {
                using var pushed = await _http.PutAsync($"http://127.0.0.1:{_pushgateway}/metrics/job/stack_test", push, cancellation);
                Assert.True(pushed.IsSuccessStatusCode, $"push answered {(int)pushed.StatusCode}");
            }

            var gateway = await _http.GetStringAsync($"http://127.0.0.1:{_pushgateway}/metrics", cancellation);
            Assert.Matches("(?m)^stack_test_metric\\{[^}]*job=\"stack_test\"[^}]*\\} 42$", gateway);

            var node = await _http.GetStringAsync($"http://127.0.0.1:{_node}/metrics", cancellation);
            Assert.Contains("node_cpu_seconds_total", node, StringComparison.Ordinal);

            var probe = await _http.GetStringAsync($"http://127.0.0.1:{_blackbox}/probe?target=127.0.0.1:{_pushgateway}&module=tcp_connect", cancellation);
            Assert.Contains("\nprobe_success 1\n", probe, StringComparison.Ordinal);

            Assert.True(File.Exists(Path.Combine(_data.FullName, "blackbox.yml")));

            // The server scrapes itself and every other component with the embedded default configuration.
            await WaitUntilAnswersAsync($"http://127.0.0.1:{_server}/-/ready", stack, cancellation);
            var up = await WaitForUpAsync(4, stack, cancellation);
            foreach (var job in new[] { "prometheus", "pushgateway", "node", "blackbox" })
            {
                Assert.Matches($"\\{{\"__name__\":\"up\",\"instance\":\"[^\"]+\",\"job\":\"{job}\"\\}},\"value\":\\[[0-9.]+,\"1\"\\]", up);
            }

            Assert.True(File.Exists(Path.Combine(_data.FullName, "prometheus.yml")));
        }
        finally
        {
            await stop.CancelAsync();
        }

        var status = await stack.WaitAsync(TimeSpan.FromSeconds(20), cancellation);
        Assert.True(status == 0, "stack exited " + status + ": " + error);
    }

    [Fact]
    public async Task A_component_that_cannot_bind_stops_the_stack_with_a_non_zero_status()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, _node);
        occupied.Start();
        var error = new StringWriter();
        var status = await PharosCommandLine.Build().Parse(StackArgs())
            .InvokeAsync(new() { Output = new StringWriter(), Error = error, ProcessTerminationTimeout = null }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.NotEqual(0, status);
    }

    [Fact]
    public async Task The_executable_stops_every_component_on_SIGTERM_and_exits_0()
    {
        var cancellation = CancellationToken.None;
        var dll = Path.Combine(AppContext.BaseDirectory, "pharos.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])[dll, .. StackArgs()])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        var exited = process.WaitForExitAsync(cancellation);
        try
        {
            await WaitUntilAnswersAsync($"http://127.0.0.1:{_pushgateway}/-/ready", exited, cancellation);
            await WaitUntilAnswersAsync($"http://127.0.0.1:{_node}/metrics", exited, cancellation);
            await WaitUntilAnswersAsync($"http://127.0.0.1:{_blackbox}/-/healthy", exited, cancellation);
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(cancellation);
            await exited.WaitAsync(TimeSpan.FromSeconds(20), cancellation);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, "exit " + process.ExitCode + ": " + await stderr);
    }

    // Polls `up` until the given number of targets report 1, as a user of the README's curl would.
    private async Task<string> WaitForUpAsync(int targets, Task stack, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(stack.IsCompleted, "the stack exited before every target was up");
            var body = await _http.GetStringAsync($"http://127.0.0.1:{_server}/api/v1/query?query=up", cancellationToken);
            if (System.Text.RegularExpressions.Regex.Count(body, "\"1\"\\]") >= targets)
            {
                return body;
            }

            Assert.True(deadline.Elapsed < StartTimeout, "not every target was up within " + StartTimeout + ": " + body);
            await Task.Delay(500, cancellationToken);
        }
    }

    private async Task WaitUntilAnswersAsync(string url, Task stack, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(stack.IsCompleted, "the stack exited before " + url + " answered");
            try
            {
                using var response = await _http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(deadline.Elapsed < StartTimeout, url + " did not answer within " + StartTimeout);
            await Task.Delay(100, cancellationToken);
        }
    }
}
