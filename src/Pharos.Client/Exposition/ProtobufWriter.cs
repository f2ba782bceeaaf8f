using System.Buffers;

namespace Pharos.Client.Exposition;

/// <summary>
/// Encodes families as varint-length-delimited <c>io.prometheus.client.MetricFamily</c> messages (the proto2
/// schema in prometheus/client_model <c>metrics.proto</c>). Field numbers are written out below; fields are always
/// present because the schema is proto2. As client_golang does, histogram buckets omit +Inf (the scraper derives
/// it from <c>sample_count</c>) unless an exemplar sits there; info and state set families become gauges.
/// </summary>
internal sealed class ProtobufWriter(IBufferWriter<byte> output) : MetricWriter, IDisposable
{
    // MetricFamily
    private const int FamilyName = 1;
    private const int FamilyHelp = 2;
    private const int FamilyType = 3;
    private const int FamilyMetric = 4;
    private const int FamilyUnit = 5;

    // Metric
    private const int MetricLabel = 1;
    private const int MetricGauge = 2;
    private const int MetricCounter = 3;
    private const int MetricSummary = 4;
    private const int MetricUntyped = 5;
    private const int MetricTimestampMs = 6;
    private const int MetricHistogram = 7;

    // proto enum MetricType
    private const ulong TypeCounter = 0;
    private const ulong TypeGauge = 1;
    private const ulong TypeSummary = 2;
    private const ulong TypeUntyped = 3;
    private const ulong TypeHistogram = 4;

    private readonly ProtoBuffer _buffer = new();
    private FamilyMetadata _family = null!;

    public override void BeginFamily(FamilyMetadata family)
    {
        _family = family;
        _buffer.Reset();
        _buffer.BeginDelimited();
        _buffer.WriteString(FamilyName, family.Name);
        if (family.Help.Length > 0)
        {
            _buffer.WriteString(FamilyHelp, family.Help);
        }

        _buffer.WriteUInt64(FamilyType, family.Type switch
        {
            MetricType.Counter => TypeCounter,
            MetricType.Gauge or MetricType.Info or MetricType.StateSet => TypeGauge,
            MetricType.Summary => TypeSummary,
            MetricType.Histogram => TypeHistogram,
            _ => TypeUntyped,
        });
        if (family.Unit is not null)
        {
            _buffer.WriteString(FamilyUnit, family.Unit);
        }
    }

    public override void WriteCounter(LabelSet labels, double value, Exemplar? exemplar, double createdSeconds, long? timestampMs)
    {
        BeginMetric(labels);
        _buffer.BeginMessage(MetricCounter);
        _buffer.WriteDouble(1, value);
        if (exemplar is not null)
        {
            WriteExemplar(2, exemplar);
        }

        WriteTimestamp(3, createdSeconds);
        _buffer.EndMessage();
        EndMetric(timestampMs);
    }

    public override void WriteGauge(LabelSet labels, double value, long? timestampMs)
    {
        BeginMetric(labels);
        _buffer.BeginMessage(_family.Type == MetricType.Unknown ? MetricUntyped : MetricGauge);
        _buffer.WriteDouble(1, value);
        _buffer.EndMessage();
        EndMetric(timestampMs);
    }

    public override void WriteHistogram(LabelSet labels, ReadOnlySpan<double> upperBounds, ReadOnlySpan<long> cumulativeCounts, double sum, ReadOnlySpan<Exemplar?> exemplars, double createdSeconds, long? timestampMs)
    {
        BeginMetric(labels);
        _buffer.BeginMessage(MetricHistogram);
        _buffer.WriteUInt64(1, (ulong)(cumulativeCounts.IsEmpty ? 0 : cumulativeCounts[^1]));
        _buffer.WriteDouble(2, sum);
        for (var i = 0; i < upperBounds.Length; i++)
        {
            var exemplar = i < exemplars.Length ? exemplars[i] : null;
            if (double.IsPositiveInfinity(upperBounds[i]) && exemplar is null)
            {
                continue;
            }

            _buffer.BeginMessage(3);
            _buffer.WriteUInt64(1, (ulong)cumulativeCounts[i]);
            _buffer.WriteDouble(2, upperBounds[i]);
            if (exemplar is not null)
            {
                WriteExemplar(3, exemplar);
            }

            _buffer.EndMessage();
        }

        WriteTimestamp(15, createdSeconds);
        _buffer.EndMessage();
        EndMetric(timestampMs);
    }

    public override void WriteSummary(LabelSet labels, ReadOnlySpan<double> quantiles, ReadOnlySpan<double> values, long count, double sum, double createdSeconds, long? timestampMs)
    {
        BeginMetric(labels);
        _buffer.BeginMessage(MetricSummary);
        _buffer.WriteUInt64(1, (ulong)count);
        _buffer.WriteDouble(2, sum);
        for (var i = 0; i < quantiles.Length; i++)
        {
            _buffer.BeginMessage(3);
            _buffer.WriteDouble(1, quantiles[i]);
            _buffer.WriteDouble(2, values[i]);
            _buffer.EndMessage();
        }

        WriteTimestamp(4, createdSeconds);
        _buffer.EndMessage();
        EndMetric(timestampMs);
    }

    public override void WriteInfo(LabelSet labels) => WriteGauge(labels, 1, null);

    public override void WriteStateSet(LabelSet labels, string familyName, string[] states, ulong activeMask)
    {
        for (var i = 0; i < states.Length; i++)
        {
            BeginMetric(labels);
            WriteLabel(familyName, states[i]);
            _buffer.BeginMessage(MetricGauge);
            _buffer.WriteDouble(1, (activeMask & (1UL << i)) != 0 ? 1 : 0);
            _buffer.EndMessage();
            EndMetric(null);
        }
    }

    public override void EndFamily()
    {
        _buffer.EndMessage();
        output.Write(_buffer.WrittenSpan);
        _buffer.Reset();
    }

    public void Dispose() => _buffer.Dispose();

    private void BeginMetric(LabelSet labels)
    {
        _buffer.BeginMessage(FamilyMetric);
        for (var i = 0; i < labels.Count; i++)
        {
            WriteLabel(labels.Names[i], labels.Values[i]);
        }
    }

    private void WriteLabel(string name, string value)
    {
        _buffer.BeginMessage(MetricLabel);
        _buffer.WriteString(1, name);
        _buffer.WriteString(2, value);
        _buffer.EndMessage();
    }

    private void EndMetric(long? timestampMs)
    {
        if (timestampMs is { } ms)
        {
            _buffer.WriteInt64(MetricTimestampMs, ms);
        }

        _buffer.EndMessage();
    }

    private void WriteExemplar(int field, Exemplar exemplar)
    {
        _buffer.BeginMessage(field);
        for (var i = 0; i < exemplar.Labels.Count; i++)
        {
            WriteLabel(exemplar.Labels.Names[i], exemplar.Labels.Values[i]);
        }

        _buffer.WriteDouble(2, exemplar.Value);
        WriteTimestamp(3, exemplar.TimestampSeconds);
        _buffer.EndMessage();
    }

    /// <summary>Writes a <c>google.protobuf.Timestamp</c> (seconds, nanos) unless the time is unknown (NaN).</summary>
    private void WriteTimestamp(int field, double unixSeconds)
    {
        if (double.IsNaN(unixSeconds))
        {
            return;
        }

        var seconds = (long)Math.Floor(unixSeconds);
        var nanos = (long)Math.Round((unixSeconds - seconds) * 1e9);
        _buffer.BeginMessage(field);
        _buffer.WriteInt64(1, seconds);
        if (nanos != 0)
        {
            _buffer.WriteInt64(2, nanos);
        }

        _buffer.EndMessage();
    }
}
