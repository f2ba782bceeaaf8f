using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Pharos.Config.Discovery;
using Pharos.Discovery.File;
using Pharos.Discovery.Refresh;

namespace Pharos.Discovery.Http;

/// <summary>
/// Polls a URL returning <c>[{targets, labels}]</c> JSON, as upstream's HTTP discovery: the request carries
/// <c>X-Prometheus-Refresh-Interval-Seconds</c>, anything but a 200 with a JSON content type is a failure (counted in
/// <c>prometheus_sd_http_failures_total</c>, previous groups kept), group <c>i</c> has source <c>url:i</c> and the
/// label <c>__meta_url</c>, and groups beyond the new count are sent empty.
/// </summary>
internal sealed partial class HttpDiscoverer : IDiscoverer
{
    /// <summary>The label holding the URL the targets came from.</summary>
    public const string UrlLabel = "__meta_url";

    private readonly HttpSdConfig _config;
    private readonly DiscovererOptions _options;
    private readonly HttpClient _client;
    private int _lastCount;

    public HttpDiscoverer(HttpSdConfig config, DiscovererOptions options)
    {
        _config = config;
        _options = options;

        // Upstream bounds a request by the refresh interval.
        var timeout = config.RefreshInterval > TimeSpan.Zero ? config.RefreshInterval : TimeSpan.FromMinutes(1);
        _client = options.ManagerOptions.HttpHandlerFactory is { } factory
            ? HttpClientFactory.Create(config.HttpClientConfig, factory(config.HttpClientConfig), timeout)
            : HttpClientFactory.Create(config.HttpClientConfig, timeout);
    }

    public async Task RunAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken)
    {
        using (_client)
        {
            await new RefreshDiscoverer("http", _config.RefreshInterval, RefreshAsync, _options).RunAsync(updates, cancellationToken).ConfigureAwait(false);
        }
    }

    internal async Task<IReadOnlyList<DiscoveredTargetGroup>> RefreshAsync(CancellationToken cancellationToken)
    {
        List<TargetGroupFile.Entry> entries;
        try
        {
            entries = await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _options.Metrics.HttpFailures.Inc();
            throw;
        }

        var groups = new List<DiscoveredTargetGroup>(Math.Max(entries.Count, _lastCount));
        for (var i = 0; i < entries.Count; i++)
        {
            groups.Add(GroupFactory.Create(Source(i), entries[i].Targets, entries[i].Labels, UrlLabel, _config.Url));
        }

        for (var i = entries.Count; i < _lastCount; i++)
        {
            groups.Add(GroupFactory.Empty(Source(i)));
        }

        _lastCount = entries.Count;
        return groups;
    }

    private string Source(int index) => _config.Url + ":" + index.ToString(CultureInfo.InvariantCulture);

    private async Task<List<TargetGroupFile.Entry>> FetchAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _config.Url);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.UserAgent.ParseAdd("Prometheus/3.0.0");
        request.Headers.Add("X-Prometheus-Refresh-Interval-Seconds", _config.RefreshInterval.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.OK)
        {
            throw new HttpRequestException($"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        if (!JsonContentType().IsMatch(contentType))
        {
            throw new HttpRequestException($"unsupported content type \"{contentType}\"");
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return TargetGroupFile.ParseJson(body);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{_config.Url}:{e.Message}", e);
        }
    }

    // As upstream: application/json, optionally with a UTF-8 charset.
    [GeneratedRegex(@"^application/json(;\s*charset=(""utf-8""|utf-8))?$", RegexOptions.IgnoreCase)]
    private static partial Regex JsonContentType();
}
