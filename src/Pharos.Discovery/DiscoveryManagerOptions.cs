namespace Pharos.Discovery;

/// <summary>Settings of one <see cref="DiscoveryManager"/>.</summary>
public sealed class DiscoveryManagerOptions
{
    /// <summary>The manager's name in the <c>name</c> label of its metrics: upstream uses <c>scrape</c> and <c>notify</c>.</summary>
    public string Name { get; init; } = "scrape";

    /// <summary>The shortest time between two snapshots (upstream's <c>updatert</c>, 5 s).</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The mechanisms; <see cref="DiscovererRegistry.Default"/> when null.</summary>
    public DiscovererRegistry? Registry { get; init; }

    /// <summary>Relative <c>file_sd_configs</c> paths are resolved against this directory (the configuration
    /// file's, as upstream); the working directory when empty.</summary>
    public string BaseDirectory { get; init; } = "";

    /// <summary>The resolver configuration the DNS mechanism reads on every lookup (as upstream).</summary>
    public string ResolvConfPath { get; init; } = "/etc/resolv.conf";

    /// <summary>The DNS port used with the nameservers of <see cref="ResolvConfPath"/> (53); tests point it at a local server.</summary>
    public int DnsPort { get; init; } = 53;

    /// <summary>Creates the HTTP handler for HTTP discovery instead of the one built from the configuration; for tests.</summary>
    public Func<Pharos.Config.HttpClientConfig, HttpMessageHandler>? HttpHandlerFactory { get; init; }
}
