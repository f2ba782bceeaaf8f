namespace Pharos.Config;

/// <summary>One entry of <c>remote_read</c>.</summary>
public sealed class RemoteReadConfig
{
    /// <summary>The endpoint URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>Request timeout (default 1m).</summary>
    public TimeSpan RemoteTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Maximum size of a streamed frame (default 50 MB).</summary>
    public ulong ChunkedReadLimit { get; set; } = 50_000_000;

    /// <summary>Extra request headers.</summary>
    public List<KeyValuePair<string, string>> Headers { get; set; } = [];

    /// <summary>Whether recent data (covered by local storage) is read remotely too.</summary>
    public bool ReadRecent { get; set; }

    /// <summary>The name, unique when set.</summary>
    public string Name { get; set; } = "";

    /// <summary>Equality matchers a query must contain to be sent.</summary>
    public List<KeyValuePair<string, string>> RequiredMatchers { get; set; } = [];

    /// <summary>Whether external labels are added as selectors (default true).</summary>
    public bool FilterExternalLabels { get; set; } = true;

    /// <summary>The HTTP client.</summary>
    public HttpClientConfig HttpClientConfig { get; set; } = new();

    internal static RemoteReadConfig Read(ConfigSection m)
    {
        var url = m.String("url");
        var c = new RemoteReadConfig
        {
            RemoteTimeout = m.Duration("remote_timeout") ?? TimeSpan.FromMinutes(1),
            ChunkedReadLimit = m.UInt("chunked_read_limit") is { } l && l != 0 ? l : 50_000_000,
            Headers = m.StringMap("headers", out _) ?? [],
            ReadRecent = m.Bool("read_recent") ?? false,
            Name = m.String("name") ?? "",
            RequiredMatchers = m.StringMap("required_matchers", out _) ?? [],
            FilterExternalLabels = m.Bool("filter_external_labels") ?? true,
            HttpClientConfig = HttpClientConfig.Read(m),
        };
        m.Finish();
        if (url is null || url.Length == 0)
        {
            throw m.Error("url for remote_read is empty");
        }

        if (!HttpClientConfig.TryParseUrl(url, out var urlError))
        {
            throw m.Error("url", urlError);
        }

        c.Url = url;
        RemoteWriteConfig.ValidateHeaders(m, c.Headers);
        return c;
    }
}
