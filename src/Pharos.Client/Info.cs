using Pharos.Client.Exposition;

namespace Pharos.Client;

/// <summary>
/// Constant information as labels with the value 1, for example build versions. The name gets an <c>_info</c>
/// suffix when it lacks one; OpenMetrics exposes the type <c>info</c>, the Prometheus text format a gauge.
/// Each child (label value combination) that exists is exported.
/// </summary>
public sealed class Info : Metric<Info.Child>
{
    internal Info(string name, string help, MetricOptions options, TimeProvider timeProvider)
        : base(name, help, options.LabelNames, MetricType.Info, null, timeProvider)
    {
        InitializeUnlabelled();
    }

    private protected override Child CreateChild(LabelSet labels) => new(this, labels);

    private protected override void CollectChild(MetricWriter writer, Child child) => writer.WriteInfo(child.Labels);

    /// <summary>One info series; it is exported for as long as it exists.</summary>
    public sealed class Child : MetricChild
    {
        internal Child(Info parent, LabelSet labels)
            : base(parent, labels)
        {
        }
    }
}
