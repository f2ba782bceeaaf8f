using System.Threading.Channels;

namespace Pharos.Discovery;

/// <summary>
/// One running discovery mechanism instance (upstream's <c>discovery.Discoverer</c>). It sends target groups to the
/// manager whenever it learns of a change: the first send should be the full initial state; later sends may carry
/// only the groups that changed. A group whose targets vanished is sent with the same source and no targets.
/// </summary>
public interface IDiscoverer
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then returns without throwing.</summary>
    /// <param name="updates">Where to send groups; the manager owns it and reads it for the discoverer's lifetime.</param>
    /// <param name="cancellationToken">Stops the discoverer (configuration reload or shutdown).</param>
    /// <returns>A task that completes when the discoverer has stopped.</returns>
    Task RunAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken);
}
