using System.Globalization;
using Pharos.Model;
using Pharos.Model.Relabel;

namespace Pharos.Config;

/// <summary>One entry of <c>remote_write</c>: the endpoint, its queue and metadata settings and write relabeling.</summary>
public sealed class RemoteWriteConfig
{
    internal static readonly HashSet<string> ReservedHeaders =
    [
        "host", "content-encoding", "content-length", "content-type", "user-agent", "connection", "keep-alive",
        "proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding",
        "x-prometheus-remote-write-version", "x-prometheus-remote-read-version", "x-amz-date", "x-amz-security-token",
        "x-amz-content-sha256",
    ];

    /// <summary>The endpoint URL (basic-auth passwords in it are redacted when printed).</summary>
    public string Url { get; set; } = "";

    /// <summary>Request timeout (default 30s).</summary>
    public TimeSpan RemoteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra request headers.</summary>
    public List<KeyValuePair<string, string>> Headers { get; set; } = [];

    /// <summary>Relabeling applied before sending.</summary>
    public List<RelabelConfig> WriteRelabelConfigs { get; set; } = [];

    /// <summary>The queue name, unique when set.</summary>
    public string Name { get; set; } = "";

    /// <summary>Whether exemplars are sent.</summary>
    public bool SendExemplars { get; set; }

    /// <summary>Whether native histograms are sent.</summary>
    public bool SendNativeHistograms { get; set; }

    /// <summary>Whether DNS answers are used round-robin.</summary>
    public bool RoundRobinDns { get; set; }

    /// <summary>The protobuf message: <c>prometheus.WriteRequest</c> (1.0, default) or <c>io.prometheus.write.v2.Request</c>.</summary>
    public string ProtobufMessage { get; set; } = "prometheus.WriteRequest";

    /// <summary>The HTTP client (HTTP/2 off by default here, as upstream).</summary>
    public HttpClientConfig HttpClientConfig { get; set; } = new() { EnableHttp2 = false };

    /// <summary>Queue tuning: name to value as written (capacity, max_shards, min_shards, …).</summary>
    public List<KeyValuePair<string, string>> QueueConfig { get; set; } = [];

    /// <summary>Metadata sending: <c>send</c>, <c>send_interval</c>, <c>max_samples_per_send</c>.</summary>
    public List<KeyValuePair<string, string>> MetadataConfig { get; set; } = [];

    internal static RemoteWriteConfig Read(ConfigSection m, NameValidationScheme scheme)
    {
        var url = m.String("url");
        var c = new RemoteWriteConfig
        {
            RemoteTimeout = m.Duration("remote_timeout") ?? TimeSpan.FromSeconds(30),
            Headers = m.StringMap("headers", out _) ?? [],
            Name = m.String("name") ?? "",
            SendExemplars = m.Bool("send_exemplars") ?? false,
            SendNativeHistograms = m.Bool("send_native_histograms") ?? false,
            RoundRobinDns = m.Bool("round_robin_dns") ?? false,
            ProtobufMessage = m.String("protobuf_message") ?? "prometheus.WriteRequest",
        };
        c.WriteRelabelConfigs = RelabelConfigReader.ReadList(m, "write_relabel_configs", scheme, "empty or null relabeling rule in remote write config");
        c.HttpClientConfig = HttpClientConfig.Read(m, enableHttp2Default: false);
        if (m.Map("queue_config", "QueueConfig") is { } q)
        {
            foreach (var key in new[] { "capacity", "max_shards", "min_shards", "max_samples_per_send" })
            {
                if (q.Int(key) is { } v)
                {
                    c.QueueConfig.Add(new(key, v.ToString(CultureInfo.InvariantCulture)));
                }
            }

            foreach (var key in new[] { "batch_send_deadline", "min_backoff", "max_backoff", "sample_age_limit" })
            {
                if (q.Duration(key) is { } v)
                {
                    c.QueueConfig.Add(new(key, PrometheusDuration.Format(v)));
                }
            }

            if (q.Bool("retry_on_http_429") is { } retry)
            {
                c.QueueConfig.Add(new("retry_on_http_429", retry ? "true" : "false"));
            }

            q.Finish();
        }

        if (m.Map("metadata_config", "MetadataConfig") is { } md)
        {
            if (md.Bool("send") is { } send)
            {
                c.MetadataConfig.Add(new("send", send ? "true" : "false"));
            }

            if (md.Duration("send_interval") is { } interval)
            {
                c.MetadataConfig.Add(new("send_interval", PrometheusDuration.Format(interval)));
            }

            if (md.Int("max_samples_per_send") is { } max)
            {
                c.MetadataConfig.Add(new("max_samples_per_send", max.ToString(CultureInfo.InvariantCulture)));
            }

            md.Finish();
        }

        var authCount = (c.HttpClientConfig.BasicAuth is null ? 0 : 1) + (c.HttpClientConfig.Authorization is null ? 0 : 1) + (c.HttpClientConfig.OAuth2 is null ? 0 : 1);
        var configured = new List<string>();
        foreach (var (key, name) in new[] { ("sigv4", "sigv4"), ("azuread", "azuread"), ("google_iam", "google_iam") })
        {
            if (m.Map(key, key) is { } extra)
            {
                configured.Add(name);
                foreach (var k in extra.Keys.ToList())
                {
                    extra.MarkUsed(k);
                }
            }
        }

        m.Finish();
        if (url is null || url.Length == 0)
        {
            throw m.Error("url for remote_write is empty");
        }

        if (!HttpClientConfig.TryParseUrl(url, out var urlError))
        {
            throw m.Error("url", urlError);
        }

        c.Url = url;
        ValidateHeaders(m, c.Headers);
        if (c.ProtobufMessage is not ("prometheus.WriteRequest" or "io.prometheus.write.v2.Request"))
        {
            throw m.Error("protobuf_message", $"invalid protobuf_message value: unknown type for remote write protobuf message {c.ProtobufMessage}, supported: prometheus.WriteRequest, io.prometheus.write.v2.Request");
        }

        if (authCount + configured.Count > 1)
        {
            throw m.Error("at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured");
        }

        return c;
    }

    internal static void ValidateHeaders(ConfigSection m, List<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, _) in headers)
        {
            var lower = name.ToLower(CultureInfo.InvariantCulture);
            if (lower == "authorization")
            {
                throw m.Error("headers", "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter");
            }

            if (ReservedHeaders.Contains(lower))
            {
                throw m.Error("headers", $"{name} is a reserved header. It must not be changed");
            }
        }
    }
}
