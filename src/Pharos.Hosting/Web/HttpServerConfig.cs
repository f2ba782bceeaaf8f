using YamlDotNet.Serialization;

namespace Pharos.Hosting.Web;

/// <summary>The <c>http_server_config</c> section of a web config file.</summary>
public sealed class HttpServerConfig
{
    /// <summary>Whether HTTP/2 is offered (over TLS); true by default as upstream.</summary>
    [YamlMember(Alias = "http2")]
    public bool Http2 { get; set; } = true;

    /// <summary>Response headers added to every response.</summary>
    [YamlMember(Alias = "headers")]
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
