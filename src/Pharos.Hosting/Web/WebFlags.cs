using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Pharos.Hosting.Flags;

namespace Pharos.Hosting.Web;

/// <summary>
/// The web flags every component host accepts, with upstream spelling: <c>--web.listen-address</c>,
/// <c>--web.config.file</c>, and optionally <c>--web.external-url</c> and <c>--web.route-prefix</c>.
/// </summary>
public sealed class WebFlags
{
    private readonly Option<string> _listenAddress;
    private readonly Option<string> _configFile;
    private readonly Option<string>? _externalUrl;
    private readonly Option<string>? _routePrefix;

    /// <summary>Adds the flags to <paramref name="flags"/>.</summary>
    /// <param name="flags">The command's flag set.</param>
    /// <param name="defaultListenAddress">The component's default address, e.g. <c>:9091</c>.</param>
    /// <param name="withExternalUrl">Whether to declare <c>--web.external-url</c> and <c>--web.route-prefix</c>.</param>
    public WebFlags(FlagSet flags, string defaultListenAddress, bool withExternalUrl = true)
    {
        ArgumentNullException.ThrowIfNull(flags);
        _listenAddress = flags.String("web.listen-address", defaultListenAddress, "Address to listen on for the web interface, API, and telemetry.");
        _configFile = flags.String("web.config.file", string.Empty, "Path to configuration file that can enable TLS or authentication.");
        if (withExternalUrl)
        {
            _externalUrl = flags.String(
                "web.external-url",
                string.Empty,
                "The URL under which the component is externally reachable (for example, if it is served via a reverse proxy). Used for generating relative and absolute links back to it. If the URL has a path portion, it will be used to prefix all HTTP endpoints. If omitted, relevant URL components will be derived automatically.");
            _routePrefix = flags.String("web.route-prefix", string.Empty, "Prefix for the internal routes of web endpoints. Defaults to the path of --web.external-url.");
        }
    }

    /// <summary>The raw flag values by upstream name, for a <c>/api/v1/status</c> page.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>Flag name to value.</returns>
    public IEnumerable<KeyValuePair<string, string>> RawValues(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        yield return new("web.listen-address", result.GetValue(_listenAddress) ?? string.Empty);
        yield return new("web.config.file", result.GetValue(_configFile) ?? string.Empty);
        if (_externalUrl is not null && _routePrefix is not null)
        {
            yield return new("web.external-url", result.GetValue(_externalUrl) ?? string.Empty);
            yield return new("web.route-prefix", result.GetValue(_routePrefix) ?? string.Empty);
        }
    }

    /// <summary>Validates the flag values and loads the web config file.</summary>
    /// <param name="result">The parse result.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">The listen address or external URL is invalid.</exception>
    /// <exception cref="WebConfigException">The web config file cannot be read or is invalid.</exception>
    public WebOptions Resolve(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var listen = ListenAddress.Parse(result.GetValue(_listenAddress) ?? string.Empty);
        var configFile = result.GetValue(_configFile) ?? string.Empty;
        var config = configFile.Length > 0 ? WebConfig.Load(configFile) : null;
        var externalUrl = ComputeExternalUrl(
            _externalUrl is null ? string.Empty : result.GetValue(_externalUrl) ?? string.Empty,
            listen,
            config?.TlsServerConfig is not null);
        var prefix = _routePrefix is null ? string.Empty : result.GetValue(_routePrefix) ?? string.Empty;
        return new WebOptions(listen, config, configFile, externalUrl, NormalizeRoutePrefix(prefix.Length > 0 ? prefix : externalUrl.AbsolutePath));
    }

    /// <summary>
    /// <see cref="Resolve"/> for a host's start-up: an invalid listen address, external URL or web config file is
    /// logged and reported as false, so the host exits with status 1 as upstream does.
    /// </summary>
    /// <param name="result">The parse result.</param>
    /// <param name="logger">Receives the error.</param>
    /// <param name="options">The options when valid.</param>
    /// <returns>Whether the web flags are valid.</returns>
    public bool TryResolve(ParseResult result, ILogger logger, [NotNullWhen(true)] out WebOptions? options)
    {
        ArgumentNullException.ThrowIfNull(logger);
        try
        {
            options = Resolve(result);
            return true;
        }
        catch (Exception e) when (e is FormatException or WebConfigException)
        {
            logger.LogError("Invalid web configuration: err={Error}", e.Message);
            options = null;
            return false;
        }
    }

    /// <summary>
    /// Derives the external URL as Prometheus does: the flag value when given, otherwise
    /// <c>http(s)://&lt;hostname&gt;:&lt;port&gt;/</c> from the machine name and the listen port.
    /// </summary>
    /// <param name="flagValue">The <c>--web.external-url</c> value, or empty.</param>
    /// <param name="listen">The listen address.</param>
    /// <param name="tls">Whether TLS is configured.</param>
    /// <returns>The URL.</returns>
    /// <exception cref="FormatException">The flag value is not an absolute http(s) URL.</exception>
    public static Uri ComputeExternalUrl(string flagValue, ListenAddress listen, bool tls)
    {
        if (flagValue.Length == 0)
        {
            var host = listen.IsAnyInterface ? Environment.MachineName : listen.Host;
            if (host.Contains(':', StringComparison.Ordinal))
            {
                host = "[" + host + "]";
            }

            return new Uri($"{(tls ? "https" : "http")}://{host}:{listen.Port}/");
        }

        if (!Uri.TryCreate(flagValue, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"invalid --web.external-url \"{flagValue}\": must be an absolute http or https URL");
        }

        return uri;
    }

    /// <summary>Normalises a route prefix to <c>/</c> or <c>/a/b</c> (leading slash, no trailing slash).</summary>
    /// <param name="prefix">The prefix as configured.</param>
    /// <returns>The normalised prefix.</returns>
    public static string NormalizeRoutePrefix(string prefix)
    {
        var trimmed = prefix.Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed;
    }
}
