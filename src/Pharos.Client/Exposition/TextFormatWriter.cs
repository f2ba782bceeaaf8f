using System.Buffers;

namespace Pharos.Client.Exposition;

/// <summary>
/// Encodes the Prometheus text format 0.0.4 or, with <c>openMetrics</c>, the OpenMetrics 1.0 text format.
/// The two differ in metadata (OpenMetrics adds <c># UNIT</c>, types <c>info</c>/<c>stateset</c>/<c>unknown</c>,
/// and names counters without <c>_total</c>), float spelling, exemplars (OpenMetrics only) and the
/// <c># EOF</c> terminator. Label escaping is the same in both.
/// </summary>
internal sealed class TextFormatWriter(IBufferWriter<byte> output, bool openMetrics) : MetricWriter, IDisposable
{
    private readonly TextOutput _out = new(output);
    private FamilyMetadata _family = null!;

    public override void BeginFamily(FamilyMetadata family)
    {
        _family = family;
        var name = openMetrics ? family.OpenMetricsNameBytes : family.NameBytes;
        if (family.Help.Length > 0)
        {
            _out.Write("# HELP "u8);
            _out.Write(name);
            _out.Write((byte)' ');
            _out.WriteEscapedHelp(family.Help, escapeQuote: openMetrics);
            _out.Write((byte)'\n');
        }

        _out.Write("# TYPE "u8);
        _out.Write(name);
        _out.Write(TypeToken(family.Type));
        if (openMetrics && family.Unit is not null)
        {
            _out.Write("# UNIT "u8);
            _out.Write(name);
            _out.Write((byte)' ');
            _out.WriteString(family.Unit);
            _out.Write((byte)'\n');
        }
    }

    public override void WriteCounter(LabelSet labels, double value, Exemplar? exemplar, double createdSeconds, long? timestampMs)
    {
        SampleStart(openMetrics ? _family.OpenMetricsSampleBytes : _family.NameBytes, default, labels);
        _out.WriteDouble(value, openMetrics);
        WriteTimestamp(timestampMs);
        if (openMetrics && exemplar is not null)
        {
            WriteExemplar(exemplar);
        }

        _out.Write((byte)'\n');
    }

    public override void WriteGauge(LabelSet labels, double value, long? timestampMs)
    {
        SampleStart(openMetrics ? _family.OpenMetricsNameBytes : _family.NameBytes, default, labels);
        _out.WriteDouble(value, openMetrics);
        WriteTimestamp(timestampMs);
        _out.Write((byte)'\n');
    }

    public override void WriteHistogram(LabelSet labels, ReadOnlySpan<double> upperBounds, ReadOnlySpan<long> cumulativeCounts, double sum, ReadOnlySpan<Exemplar?> exemplars, double createdSeconds, long? timestampMs)
    {
        var name = openMetrics ? _family.OpenMetricsNameBytes : _family.NameBytes;
        for (var i = 0; i < upperBounds.Length; i++)
        {
            SampleStart(name, "_bucket"u8, labels, "le"u8, upperBounds[i]);
            _out.WriteLong(cumulativeCounts[i]);
            WriteTimestamp(timestampMs);
            if (openMetrics && i < exemplars.Length && exemplars[i] is { } exemplar)
            {
                WriteExemplar(exemplar);
            }

            _out.Write((byte)'\n');
        }

        WriteSumAndCount(name, labels, sum, cumulativeCounts.IsEmpty ? 0 : cumulativeCounts[^1], timestampMs);
    }

    public override void WriteSummary(LabelSet labels, ReadOnlySpan<double> quantiles, ReadOnlySpan<double> values, long count, double sum, double createdSeconds, long? timestampMs)
    {
        var name = openMetrics ? _family.OpenMetricsNameBytes : _family.NameBytes;
        for (var i = 0; i < quantiles.Length; i++)
        {
            SampleStart(name, default, labels, "quantile"u8, quantiles[i]);
            _out.WriteDouble(values[i], openMetrics);
            WriteTimestamp(timestampMs);
            _out.Write((byte)'\n');
        }

        WriteSumAndCount(name, labels, sum, count, timestampMs);
    }

    public override void WriteInfo(LabelSet labels)
    {
        SampleStart(openMetrics ? _family.OpenMetricsSampleBytes : _family.NameBytes, default, labels);
        _out.Write(openMetrics ? "1.0\n"u8 : "1\n"u8);
    }

    public override void WriteStateSet(LabelSet labels, string familyName, string[] states, ulong activeMask)
    {
        var name = openMetrics ? _family.OpenMetricsNameBytes : _family.NameBytes;
        for (var i = 0; i < states.Length; i++)
        {
            _out.Write(name);
            _out.Write((byte)'{');
            if (labels.Count > 0)
            {
                _out.Write(labels.TextBytes);
                _out.Write((byte)',');
            }

            _out.WriteString(familyName);
            _out.Write("=\""u8);
            _out.WriteEscapedHelp(states[i], escapeQuote: true);
            _out.Write("\"} "u8);
            var active = (activeMask & (1UL << i)) != 0;
            _out.Write(active ? (openMetrics ? "1.0\n"u8 : "1\n"u8) : (openMetrics ? "0.0\n"u8 : "0\n"u8));
        }
    }

    public override void EndFamily()
    {
    }

    public override void Finish()
    {
        if (openMetrics)
        {
            _out.Write("# EOF\n"u8);
        }

        _out.Flush();
    }

    public void Dispose() => _out.Dispose();

    private void WriteSumAndCount(byte[] name, LabelSet labels, double sum, long count, long? timestampMs)
    {
        SampleStart(name, "_sum"u8, labels);
        _out.WriteDouble(sum, openMetrics);
        WriteTimestamp(timestampMs);
        _out.Write((byte)'\n');
        SampleStart(name, "_count"u8, labels);
        _out.WriteLong(count);
        WriteTimestamp(timestampMs);
        _out.Write((byte)'\n');
    }

    private void SampleStart(byte[] name, ReadOnlySpan<byte> suffix, LabelSet labels)
    {
        _out.Write(name);
        _out.Write(suffix);
        if (labels.Count > 0)
        {
            _out.Write((byte)'{');
            _out.Write(labels.TextBytes);
            _out.Write((byte)'}');
        }

        _out.Write((byte)' ');
    }

    private void SampleStart(byte[] name, ReadOnlySpan<byte> suffix, LabelSet labels, ReadOnlySpan<byte> extraName, double extraValue)
    {
        _out.Write(name);
        _out.Write(suffix);
        _out.Write((byte)'{');
        if (labels.Count > 0)
        {
            _out.Write(labels.TextBytes);
            _out.Write((byte)',');
        }

        _out.Write(extraName);
        _out.Write("=\""u8);
        _out.WriteDouble(extraValue, openMetrics);
        _out.Write("\"} "u8);
    }

    private void WriteTimestamp(long? timestampMs)
    {
        if (timestampMs is not { } ms)
        {
            return;
        }

        _out.Write((byte)' ');
        if (openMetrics)
        {
            // OpenMetrics timestamps are seconds.
            _out.WriteDouble(ms / 1000.0, openMetrics: false);
        }
        else
        {
            _out.WriteLong(ms);
        }
    }

    private void WriteExemplar(Exemplar exemplar)
    {
        _out.Write(" # {"u8);
        _out.Write(exemplar.Labels.TextBytes);
        _out.Write("} "u8);
        _out.WriteDouble(exemplar.Value, openMetrics: true);
        _out.Write((byte)' ');
        _out.WriteDouble(exemplar.TimestampSeconds, openMetrics: false);
    }

    private ReadOnlySpan<byte> TypeToken(MetricType type) => type switch
    {
        MetricType.Counter => " counter\n"u8,
        MetricType.Gauge => " gauge\n"u8,
        MetricType.Histogram => " histogram\n"u8,
        MetricType.Summary => " summary\n"u8,
        MetricType.Info => openMetrics ? " info\n"u8 : " gauge\n"u8,
        MetricType.StateSet => openMetrics ? " stateset\n"u8 : " gauge\n"u8,
        _ => openMetrics ? " unknown\n"u8 : " untyped\n"u8,
    };
}
