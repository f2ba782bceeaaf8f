using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Client;

namespace Pharos.Discovery.Tests;

/// <summary>Discoverer options over a private metric registry, for tests that run one mechanism directly.</summary>
internal sealed class TestContext
{
    public TestContext(DiscoveryManagerOptions? options = null, TimeProvider? time = null, ILoggerFactory? logger = null)
    {
        Options = new DiscovererOptions(logger ?? NullLoggerFactory.Instance, time ?? TimeProvider.System, DiscoveryMetrics.For(Registry), options ?? new DiscoveryManagerOptions(), "job");
    }

    public MetricRegistry Registry { get; } = new();

    public DiscovererOptions Options { get; }

    public string Exposition() => Encoding.UTF8.GetString(Registry.ToArray());
}
