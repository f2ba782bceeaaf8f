using Pharos.Model;

namespace Pharos.Exposition.Text;

/// <summary>Parses the Prometheus text format 0.0.4.</summary>
public sealed class PrometheusTextParser : ExpositionParser
{
    /// <summary>Creates a parser.</summary>
    /// <param name="mode">How strictly to apply the format's rules.</param>
    public PrometheusTextParser(ParserMode mode)
        : base(mode)
    {
    }

    /// <inheritdoc />
    public override ExpositionFormat Format => ExpositionFormat.PrometheusText;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> FamilyName => default;

    /// <inheritdoc />
    public override MetricType Type => MetricType.Unknown;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Help => default;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Unit => default;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Comment => default;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Series => default;

    /// <inheritdoc />
    public override double Value => 0;

    /// <inheritdoc />
    public override bool HasTimestamp => false;

    /// <inheritdoc />
    public override long TimestampMs => 0;

    /// <inheritdoc />
    public override void Reset(ReadOnlyMemory<byte> input)
    {
    }

    /// <inheritdoc />
    public override ExpositionEntry Next() => throw new ExpositionParseException("not implemented yet");

    /// <inheritdoc />
    public override void GetLabels(LabelsBuilder builder) => builder.Clear();

    /// <inheritdoc />
    public override bool TryGetExemplar(out Exemplar exemplar)
    {
        exemplar = default;
        return false;
    }
}
