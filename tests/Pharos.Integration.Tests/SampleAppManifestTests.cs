using Pharos.Testing;
using YamlDotNet.RepresentationModel;

namespace Pharos.Integration.Tests;

/// <summary>
/// The Kubernetes manifests of examples/SampleApp fit together the way the Prometheus Operator needs: the
/// ServiceMonitor selects the Service by label and names one of its ports, the Service selects the pods and targets a
/// named container port, and that port is the one the app listens on in its image.
/// </summary>
public sealed class SampleAppManifestTests
{
    private static readonly string Directory = RepositoryPaths.InRepository("examples", "SampleApp", "k8s");

    [Fact]
    public void ServiceMonitor_selects_the_Service_and_the_Service_selects_the_pods()
    {
        var deployment = Load("deployment.yaml", "Deployment");
        var service = Load("service.yaml", "Service");
        var monitor = Load("servicemonitor.yaml", "ServiceMonitor");

        Assert.Equal("monitoring.coreos.com/v1", Scalar(monitor, "apiVersion"));
        var serviceLabels = Map(service, "metadata", "labels");
        foreach (var (key, value) in Map(monitor, "spec", "selector", "matchLabels"))
        {
            Assert.Equal(value, serviceLabels.GetValueOrDefault(key));
        }

        var podLabels = Map(deployment, "spec", "template", "metadata", "labels");
        foreach (var (key, value) in Map(service, "spec", "selector"))
        {
            Assert.Equal(value, podLabels.GetValueOrDefault(key));
        }

        Assert.Equal(Map(deployment, "spec", "selector", "matchLabels"), podLabels);

        var endpoint = Assert.Single(Sequence(monitor, "spec", "endpoints"));
        Assert.Equal("/metrics", Scalar(endpoint, "path"));
        var servicePort = Assert.Single(
            Sequence(service, "spec", "ports"),
            p => Scalar(p, "name") == Scalar(endpoint, "port"));

        var container = Assert.Single(Sequence(deployment, "spec", "template", "spec", "containers"));
        var containerPort = Assert.Single(
            Sequence(container, "ports"),
            p => Scalar(p, "name") == Scalar(servicePort, "targetPort"));
        Assert.Equal("8080", Scalar(containerPort, "containerPort"));
    }

    private static YamlMappingNode Load(string file, string kind)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Directory, file)))
        {
            stream.Load(reader);
        }

        var document = Assert.Single(stream.Documents);
        var root = Assert.IsType<YamlMappingNode>(document.RootNode);
        Assert.Equal(kind, Scalar(root, "kind"));
        return root;
    }

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = Assert.IsType<YamlMappingNode>(node).Children[new YamlScalarNode(key)];
        }

        return node;
    }

    private static string? Scalar(YamlNode node, params string[] path) => Assert.IsType<YamlScalarNode>(Node(node, path)).Value;

    private static IEnumerable<YamlNode> Sequence(YamlNode node, params string[] path) =>
        Assert.IsType<YamlSequenceNode>(Node(node, path)).Children;

    private static Dictionary<string, string?> Map(YamlNode node, params string[] path) =>
        Assert.IsType<YamlMappingNode>(Node(node, path)).Children
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value);
}
