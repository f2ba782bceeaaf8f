using System.Reflection;

namespace Pharos.Scrape;

/// <summary>Process-level settings of a <see cref="ScrapeManager"/>; the per-job settings come from the configuration.</summary>
public sealed class ScrapeManagerOptions
{
    /// <summary>
    /// The host name mixed into the scrape offset seed and put into <see cref="ScrapeTargetState.GlobalUrl"/> in place
    /// of loopback hosts. Defaults to <see cref="Environment.MachineName"/>.
    /// </summary>
    public string Hostname { get; init; } = Environment.MachineName;

    /// <summary>
    /// A fixed seed for the scrape offsets instead of the one derived from the host name and external labels, so
    /// tests can predict when each target is first scraped.
    /// </summary>
    public ulong? OffsetSeed { get; init; }

    /// <summary>The <c>User-Agent</c> of scrape requests (upstream sends <c>Prometheus/&lt;version&gt;</c>).</summary>
    public string UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>The default user agent: <c>Pharos/&lt;version&gt;</c>.</summary>
    public static string DefaultUserAgent { get; } = "Pharos/" + Version();

    private static string Version()
    {
        var info = typeof(ScrapeManagerOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(info))
        {
            return "0.0.0";
        }

        // Drop the source revision suffix ("1.2.3+abcdef") the SDK appends.
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? info : info[..plus];
    }
}
