using Microsoft.Extensions.Logging;

namespace Pharos.Discovery;

/// <summary>What the manager hands every discoverer it creates.</summary>
public sealed class DiscovererOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="loggerFactory">For the discoverer's logger.</param>
    /// <param name="timeProvider">The clock for refresh intervals.</param>
    /// <param name="metrics">The per-mechanism metrics.</param>
    /// <param name="managerOptions">The manager's options (paths, DNS and HTTP overrides).</param>
    /// <param name="setName">The set the provider was first created for.</param>
    internal DiscovererOptions(ILoggerFactory loggerFactory, TimeProvider timeProvider, DiscoveryMetrics metrics, DiscoveryManagerOptions managerOptions, string setName)
    {
        SetName = setName;
        LoggerFactory = loggerFactory;
        TimeProvider = timeProvider;
        Metrics = metrics;
        ManagerOptions = managerOptions;
    }

    /// <summary>For the discoverer's logger.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The set (job) the provider was first created for, as upstream labels refresh metrics with it.</summary>
    public string SetName { get; }

    /// <summary>The clock for refresh intervals.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The manager's options: relative paths, the resolver configuration, HTTP overrides.</summary>
    public DiscoveryManagerOptions ManagerOptions { get; }

    /// <summary>The upstream self-metrics of the built-in mechanisms.</summary>
    internal DiscoveryMetrics Metrics { get; }
}
