using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Pharos.Testing;

namespace Pharos.Exposition.Tests.Parsing;

/// <summary>
/// Serves every OpenMetrics suite case over HTTP on 127.0.0.1, lets a real Prometheus scrape each as its own target,
/// and reads <c>up</c> per case. Owns the listener, the Prometheus process and its temp directory.
/// </summary>
public sealed class PrometheusIngestFixture : IDisposable
{
    public const string PrometheusPath = "/usr/bin/prometheus";
    private const string ContentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private readonly HttpListener _listener = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("pharos-om-ingest-").FullName;
    private readonly Dictionary<string, byte[]> _payloads = new(StringComparer.Ordinal);
    private readonly Lazy<Task<IReadOnlyDictionary<string, bool>>> _verdicts;
    private Process? _prometheus;
    private Task? _serving;

    public PrometheusIngestFixture() => _verdicts = new(RunAsync);

    /// <summary>Case name to whether Prometheus ingested it (its <c>up</c> is 1).</summary>
    public Task<IReadOnlyDictionary<string, bool>> Verdicts => _verdicts.Value;

    public string PrometheusLog => Path.Combine(_directory, "prometheus.log");

    private async Task<IReadOnlyDictionary<string, bool>> RunAsync()
    {
        foreach (var name in OpenMetricsSuite.CaseNames())
        {
            _payloads[name] = OpenMetricsSuite.Load(name).Input;
        }

        var targetPort = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{targetPort}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);

        var config = new StringBuilder();
        config.Append("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: openmetrics\n    static_configs:\n");
        foreach (var name in _payloads.Keys)
        {
            config.Append(CultureInfo.InvariantCulture, $"      - targets: ['127.0.0.1:{targetPort}']\n        labels: {{__metrics_path__: '/case/{name}', case: '{name}'}}\n");
        }

        var configPath = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config.ToString());
        var webPort = FreePort.Next();
        var start = new ProcessStartInfo(PrometheusPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--config.file={configPath}");
        start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(_directory, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{webPort}");
        var log = new StreamWriter(PrometheusLog) { AutoFlush = true };
        _prometheus = new Process { StartInfo = start };
        _prometheus.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        _prometheus.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        _prometheus.Start();
        _prometheus.BeginErrorReadLine();
        _prometheus.BeginOutputReadLine();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (DateTime.UtcNow > deadline || _prometheus.HasExited)
            {
                throw new InvalidOperationException($"Prometheus did not scrape every case twice; see {PrometheusLog}");
            }

            await Task.Delay(1000);
            try
            {
                // Wait until each target has been scraped at least twice, then read the latest up.
                var counts = await QueryAsync(http, "count_over_time(up[1m])");
                if (counts.Count == _payloads.Count && counts.Values.All(v => v >= 2))
                {
                    var up = await QueryAsync(http, "up");
                    return up.ToDictionary(kv => kv.Key, kv => kv.Value == 1, StringComparer.Ordinal);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
    }

    private static async Task<Dictionary<string, double>> QueryAsync(HttpClient http, string query)
    {
        var json = await http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query));
        using var doc = JsonDocument.Parse(json);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var series in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var name = series.GetProperty("metric").GetProperty("case").GetString()!;
            var value = series.GetProperty("value")[1].GetString()!;
            result[name] = double.Parse(value, CultureInfo.InvariantCulture);
        }

        return result;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var path = context.Request.Url?.AbsolutePath ?? string.Empty;
            var response = context.Response;
            try
            {
                if (path.StartsWith("/case/", StringComparison.Ordinal) && _payloads.TryGetValue(path[6..], out var body))
                {
                    response.StatusCode = 200;
                    response.ContentType = ContentType;
                    response.ContentLength64 = body.Length;
                    await response.OutputStream.WriteAsync(body);
                }
                else
                {
                    response.StatusCode = 404;
                }

                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The scraper went away; the next scrape retries.
            }
        }
    }

    public void Dispose()
    {
        if (_prometheus is { HasExited: false })
        {
            _prometheus.Kill(entireProcessTree: true);
            _prometheus.WaitForExit(10_000);
        }

        _prometheus?.Dispose();
        _listener.Close();
        _serving?.Wait(5_000);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the process may still hold files for a moment.
        }
    }
}
