using Pharos.Client;

namespace Pharos.Exporters.Node;

/// <summary>
/// <c>node_exporter_build_info</c> with upstream's label names, so dashboards that show the exporter version work;
/// <c>goversion</c> carries the .NET runtime version.
/// </summary>
public sealed class NodeBuildInfo(string version, string revision) : ICollector
{
    /// <inheritdoc />
    public IEnumerable<MetricFamilySnapshot> Collect()
    {
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : "darwin";
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            var other => other.ToString().ToLowerInvariant(),
        };
        KeyValuePair<string, string>[] labels =
        [
            // An empty value would drop the label in every Prometheus query; upstream always has one.
            new("branch", "unknown"),
            new("goarch", arch),
            new("goos", os),
            new("goversion", "dotnet" + Environment.Version),
            new("revision", revision),
            new("version", version),
        ];
        yield return new MetricFamilySnapshot(
            "node_exporter_build_info",
            MetricType.Gauge,
            "A metric with a constant '1' value labeled by version, revision, branch, goversion from which node_exporter was built, and the goos and goarch for the build.",
            [Pharos.Client.MetricPoint.Sample(1, labels)]);
    }
}
