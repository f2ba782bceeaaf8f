namespace Pharos.Config;

/// <summary><c>tracing</c>: where spans are exported (OTLP over gRPC or HTTP).</summary>
public sealed class TracingConfig
{
    /// <summary>Whether a tracing block was given.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http</c>.</summary>
    public string ClientType { get; set; } = "grpc";

    /// <summary>The collector endpoint.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Fraction of traces sampled.</summary>
    public double SamplingFraction { get; set; }

    /// <summary>Whether TLS is disabled.</summary>
    public bool Insecure { get; set; }

    /// <summary>TLS settings.</summary>
    public TlsConfig TlsConfig { get; set; } = new();

    /// <summary>Extra headers.</summary>
    public List<KeyValuePair<string, string>> Headers { get; set; } = [];

    /// <summary>Compression: empty or <c>gzip</c>.</summary>
    public string Compression { get; set; } = "";

    /// <summary>Export timeout.</summary>
    public TimeSpan Timeout { get; set; }

    internal static TracingConfig Read(ConfigSection? m)
    {
        var c = new TracingConfig();
        if (m is null)
        {
            return c;
        }

        c.Enabled = true;
        c.ClientType = m.String("client_type") ?? "grpc";
        c.Endpoint = m.String("endpoint") ?? "";
        c.SamplingFraction = m.Float("sampling_fraction") ?? 0;
        c.Insecure = m.Bool("insecure") ?? false;
        c.TlsConfig = TlsConfig.Read(m.Map("tls_config", "TLSConfig"));
        c.Headers = m.StringMap("headers", out _) ?? [];
        c.Compression = m.String("compression") ?? "";
        c.Timeout = m.Duration("timeout") ?? TimeSpan.Zero;
        m.Finish();
        if (c.ClientType is not ("grpc" or "http"))
        {
            throw m.Error("client_type", $"expected tracing client type to be to be http or grpc, but got {c.ClientType}");
        }

        if (c.Endpoint.Length == 0)
        {
            throw m.Error("tracing endpoint must be set");
        }

        if (c.Compression.Length > 0 && c.Compression != "gzip")
        {
            throw m.Error("compression", $"invalid compression type {c.Compression} provided, valid options: gzip");
        }

        return c;
    }
}
