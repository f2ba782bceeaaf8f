using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Pharos.Hosting.Web;

/// <summary>
/// The <c>--web.config.file</c> document in prometheus/exporter-toolkit's format: TLS server settings, HTTP server
/// settings and bcrypt-hashed basic-auth users. Unknown keys are errors, as the toolkit's strict YAML decoding.
/// </summary>
public sealed class WebConfig
{
    // The headers exporter-toolkit lets a web config set; anything else is rejected as upstream does.
    private static readonly string[] AllowedHeaders =
    [
        "Strict-Transport-Security", "X-Content-Type-Options", "X-Frame-Options", "X-XSS-Protection",
        "Content-Security-Policy",
    ];

    /// <summary>TLS settings; null serves plain HTTP.</summary>
    [YamlMember(Alias = "tls_server_config")]
    public TlsServerConfig? TlsServerConfig { get; set; }

    /// <summary>HTTP server settings.</summary>
    [YamlMember(Alias = "http_server_config")]
    public HttpServerConfig HttpServerConfig { get; set; } = new();

    /// <summary>User name to bcrypt hash; empty disables basic authentication.</summary>
    [YamlMember(Alias = "basic_auth_users")]
    public Dictionary<string, string> BasicAuthUsers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reads and validates a web config file; relative certificate paths are resolved against its folder.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="WebConfigException">The file cannot be read or is invalid.</exception>
    public static WebConfig Load(string path)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WebConfigException($"open {path}: {e.Message}", e);
        }

        var config = Parse(yaml);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        config.TlsServerConfig?.ResolvePaths(directory);
        return config;
    }

    /// <summary>Parses and validates a web config document.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="WebConfigException">The document is invalid.</exception>
    public static WebConfig Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        WebConfig? config;
        try
        {
            config = deserializer.Deserialize<WebConfig?>(yaml);
        }
        catch (YamlException e)
        {
            throw new WebConfigException($"yaml: line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        config ??= new WebConfig();
        config.HttpServerConfig ??= new HttpServerConfig();
        config.BasicAuthUsers ??= new(StringComparer.Ordinal);
        config.Validate();
        return config;
    }

    private void Validate()
    {
        TlsServerConfig?.Validate();
        foreach (var name in HttpServerConfig.Headers.Keys)
        {
            if (!AllowedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new WebConfigException($"HTTP header \"{name}\" can not be configured");
            }
        }

        foreach (var (user, hash) in BasicAuthUsers)
        {
            if (string.IsNullOrEmpty(hash))
            {
                throw new WebConfigException($"basic auth user \"{user}\" has an empty password hash");
            }
        }
    }
}
