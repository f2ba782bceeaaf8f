using System.Globalization;
using System.Threading.Channels;
using Pharos.Config.Discovery;

namespace Pharos.Discovery.Static;

/// <summary><c>static_configs</c>: sends the configured groups once, sources numbered from 0 as upstream.</summary>
internal sealed class StaticDiscovererFactory : IDiscovererFactory
{
    public Type ConfigType => typeof(StaticGroupsConfig);

    public IDiscoverer Create(IServiceDiscoveryConfig config, DiscovererOptions options)
    {
        var entries = ((StaticGroupsConfig)config).Groups;
        var groups = new List<DiscoveredTargetGroup>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var g = entries[i];
            groups.Add(GroupFactory.Create(i.ToString(CultureInfo.InvariantCulture), g.Targets, g.Labels));
        }

        return new StaticDiscoverer(groups);
    }

    /// <summary>Its groups are known up front, so the manager stores them at once instead of waiting for the run.</summary>
    internal sealed class StaticDiscoverer(IReadOnlyList<DiscoveredTargetGroup> groups) : IDiscoverer
    {
        public IReadOnlyList<DiscoveredTargetGroup> Groups => groups;

        public async Task RunAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken)
        {
            try
            {
                await updates.WriteAsync(groups, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped before the manager read the groups: nothing left to do.
            }
        }
    }
}
