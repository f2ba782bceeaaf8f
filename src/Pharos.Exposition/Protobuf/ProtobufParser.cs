using Pharos.Model;

namespace Pharos.Exposition.Protobuf;

/// <summary>Parses varint-delimited io.prometheus.client.MetricFamily messages.</summary>
public sealed class ProtobufParser : ExpositionParser
{
    /// <summary>Creates a parser.</summary>
    /// <param name="mode">How strictly to apply the format's rules.</param>
    public ProtobufParser(ParserMode mode)
        : base(mode)
    {
    }

    /// <inheritdoc />
    public override ExpositionFormat Format => ExpositionFormat.Protobuf;

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
