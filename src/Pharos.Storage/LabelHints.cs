namespace Pharos.Storage;

/// <summary>Optional information for <see cref="IQuerier.LabelNames"/> and <see cref="IQuerier.LabelValues"/>. Immutable.</summary>
public sealed record LabelHints
{
    /// <summary>The most names or values to return (the first ones in sorted order); 0 for no limit.</summary>
    public int Limit { get; init; }
}
