namespace Pharos.Client;

/// <summary>One time series of a metric family: the family's label names bound to values.</summary>
public abstract class MetricChild
{
    private protected MetricChild(Metric parent, LabelSet labels)
    {
        Parent = parent;
        Labels = labels;
        CreatedSeconds = parent.NowSeconds();
    }

    /// <summary>The label values of this child, in the order of <see cref="Metric.LabelNames"/>.</summary>
    public IReadOnlyList<string> LabelValues => Labels.Values;

    internal LabelSet Labels { get; }

    internal Metric Parent { get; }

    /// <summary>The Unix time the child was created; exposed as the created timestamp in protobuf.</summary>
    internal double CreatedSeconds { get; }
}
