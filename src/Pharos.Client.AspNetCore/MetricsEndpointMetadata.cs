namespace Pharos.Client.AspNetCore;

/// <summary>
/// Endpoint metadata marking an endpoint mapped by <c>MapMetrics</c>; the HTTP metrics middleware leaves such
/// endpoints out unless told otherwise, whatever path they were mapped on.
/// </summary>
public sealed class MetricsEndpointMetadata
{
    /// <summary>The shared instance.</summary>
    public static MetricsEndpointMetadata Instance { get; } = new();

    private MetricsEndpointMetadata()
    {
    }
}
