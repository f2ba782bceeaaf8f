using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Pharos.Exposition.Body;
using Pharos.Exposition.Negotiation;
using Pharos.Testing;
using Pharos.Testing.Peers;
using Xunit;

namespace Pharos.Exposition.Tests.RoundTrip;

/// <summary>
/// Fetches <c>/metrics</c> from a real Prometheus and a real node exporter in each format, parses it, writes it back
/// with the Pharos writers and checks that nothing is lost.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed partial class RealExporterRoundTripTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private PrometheusPeer? _prometheus;
    private NodeExporterPeer? _nodeExporter;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var peer in new[] { "prometheus", "node-exporter" })
        {
            foreach (var protocol in new[] { "PrometheusText0.0.4", "PrometheusProto", "OpenMetricsText1.0.0" })
            {
                data.Add(peer, protocol);
            }
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        _nodeExporter = await NodeExporterPeer.StartAsync();
        _prometheus = await PrometheusPeer.StartAsync(
            PrometheusPeer.StaticScrapeConfig("node", [_nodeExporter.Target], TimeSpan.FromSeconds(5)));
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
        {
            await _prometheus.DisposeAsync();
        }

        if (_nodeExporter is not null)
        {
            await _nodeExporter.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Real_metrics_survive_parse_write_parse(string peer, string protocolName)
    {
        Assert.True(ScrapeProtocols.TryParse(protocolName, out var protocol));
        var url = peer == "prometheus" ? new Uri(_prometheus!.BaseAddress, "/metrics") : _nodeExporter!.MetricsUrl;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", ScrapeProtocols.BuildAcceptHeader([protocol]));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();

        var contentType = response.Content.Headers.ContentType?.ToString();
        var resolved = ScrapeContentType.Resolve(contentType, fallback: null);
        Assert.True(resolved.Succeeded, resolved.Problem);
        var format = resolved.Format!.Value;

        using var body = new BodyBuffer();
        var gzip = BodyReader.IsGzip(string.Join(",", response.Content.Headers.ContentEncoding));
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            await BodyReader.ReadAsync(stream, gzip, body, maxBodyBytes: 64 << 20);
        }

        var payload = body.WrittenSpan.ToArray();
        var (families, rewritten) = RoundTripAssert.AssertStable(format, payload, ParserMode.Scrape);
        Assert.NotEmpty(families);
        Assert.Contains(families, f => f.Name.StartsWith(peer == "prometheus" ? "prometheus_" : "node_", StringComparison.Ordinal));

        // The upstream writers and ours format identically, so the text formats come back line for line, except that
        // an empty label value means "no label" in Prometheus and is not kept (node_disk_info{model=""}).
        if (format != ExpositionFormat.Protobuf)
        {
            Assert.Equal(SortedLines(payload), SortedLines(rewritten));
        }
    }

    private static List<string> SortedLines(byte[] payload) =>
        [.. Encoding.UTF8.GetString(payload).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(WithoutEmptyLabels).Order(StringComparer.Ordinal)];

    private static string WithoutEmptyLabels(string line) =>
        EmptyLabel().Replace(line, string.Empty).Replace(",}", "}", StringComparison.Ordinal).Replace("{}", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex("(?<=[{,])[a-zA-Z_][a-zA-Z0-9_]*=\"\",?")]
    private static partial Regex EmptyLabel();
}
