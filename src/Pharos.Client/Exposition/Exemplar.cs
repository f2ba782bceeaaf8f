namespace Pharos.Client.Exposition;

/// <summary>An exemplar as recorded: immutable, published to readers by a single reference write.</summary>
internal sealed class Exemplar(LabelSet labels, double value, double timestampSeconds)
{
    public LabelSet Labels { get; } = labels;

    public double Value { get; } = value;

    public double TimestampSeconds { get; } = timestampSeconds;

    public static Exemplar? Create(in ExemplarLabels labels, double value, TimeProvider time)
    {
        if (labels.IsEmpty)
        {
            return null;
        }

        var seconds = time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        return new Exemplar(new LabelSet(labels.Names!, labels.Values!), value, seconds);
    }
}
