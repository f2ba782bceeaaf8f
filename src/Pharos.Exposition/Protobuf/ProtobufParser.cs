using System.Globalization;
using System.Text;
using Pharos.Exposition.Text;
using Pharos.Exposition.Writers;
using Pharos.Model;

namespace Pharos.Exposition.Protobuf;

/// <summary>
/// Parses varint-delimited <c>io.prometheus.client.MetricFamily</c> messages (see <c>metrics.proto</c>). Each family
/// yields <see cref="ExpositionEntry.Help"/> (when non-empty), <see cref="ExpositionEntry.Type"/> and
/// <see cref="ExpositionEntry.Unit"/> (when non-empty), then its samples: summaries are exploded into <c>_count</c>,
/// <c>_sum</c> and one series per quantile, classic histograms into <c>_count</c>, <c>_sum</c> and <c>_bucket</c>
/// series ending with <c>le="+Inf"</c>, and native histograms become <see cref="ExpositionEntry.Histogram"/> entries.
/// </summary>
/// <remarks>
/// Errors report <see cref="ExpositionParseException.Line"/> 0 and the byte offset in
/// <see cref="ExpositionParseException.Column"/>. Steady-state parsing allocates nothing.
/// </remarks>
public sealed partial class ProtobufParser : ExpositionParser
{
    private const int TypeCounter = 0;
    private const int TypeGauge = 1;
    private const int TypeSummary = 2;
    private const int TypeUntyped = 3;
    private const int TypeHistogram = 4;
    private const int TypeGaugeHistogram = 5;

    private readonly LabelOffsets _labels = new();
    private ReadOnlyMemory<byte> _input;
    private byte[] _series = new byte[256];
    private int _seriesLength;
    private int _pos;

    // Current family.
    private bool _inFamily;
    private int _familyEnd;
    private int _nameStart;
    private int _nameEnd;
    private int _helpStart;
    private int _helpEnd;
    private int _unitStart;
    private int _unitEnd;
    private int _protoType;
    private int _metadataStep;
    private int _metricCursor;

    // Current metric.
    private bool _inMetric;
    private int _valueStart;
    private int _valueEnd;
    private bool _hasTimestamp;
    private long _timestampMs;
    private int _step;
    private int _subCursor;
    private double _lastBound;
    private ulong _count;
    private double _countFloat;
    private double _sum;

    // Current sample.
    private ExpositionEntry _entry;
    private double _value;
    private int _exemplarStart;
    private int _exemplarEnd;
    private int _exemplarCursor;
    private bool _isFloatHistogram;
    private bool _hasCreated;
    private long _createdMs;

    /// <summary>Creates a parser.</summary>
    /// <param name="mode">How strictly to apply the format's rules (protobuf has one set of rules).</param>
    public ProtobufParser(ParserMode mode)
        : base(mode)
    {
    }

    /// <summary>
    /// When true, a histogram that has native buckets also yields its classic <c>_bucket</c>/<c>_count</c>/<c>_sum</c>
    /// series after the native entry (Prometheus's <c>scrape_classic_histograms</c>). Default false.
    /// </summary>
    public bool ScrapeClassicHistograms { get; set; }

    /// <inheritdoc />
    public override ExpositionFormat Format => ExpositionFormat.Protobuf;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> FamilyName => _input.Span[_nameStart.._nameEnd];

    /// <inheritdoc />
    public override MetricType Type => _protoType switch
    {
        TypeCounter => MetricType.Counter,
        TypeGauge => MetricType.Gauge,
        TypeSummary => MetricType.Summary,
        TypeHistogram => MetricType.Histogram,
        TypeGaugeHistogram => MetricType.GaugeHistogram,
        _ => MetricType.Unknown,
    };

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Help => _input.Span[_helpStart.._helpEnd];

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Unit => _input.Span[_unitStart.._unitEnd];

    /// <inheritdoc />
    /// <remarks>Protobuf has no comments: always empty.</remarks>
    public override ReadOnlySpan<byte> Comment => default;

    /// <inheritdoc />
    /// <remarks>
    /// The encoding is the sample name, <c>0xFF</c>, then for each label its name, <c>0xFE</c>, its value and
    /// <c>0xFF</c>, with <c>le</c> or <c>quantile</c> last. It never collides with a text-format series.
    /// </remarks>
    public override ReadOnlySpan<byte> Series => _series.AsSpan(0, _seriesLength);

    /// <inheritdoc />
    public override double Value => _value;

    /// <inheritdoc />
    public override bool HasTimestamp => _hasTimestamp;

    /// <inheritdoc />
    public override long TimestampMs => _timestampMs;

    /// <inheritdoc />
    public override bool IsFloatHistogram => _entry == ExpositionEntry.Histogram && _isFloatHistogram;

    /// <inheritdoc />
    public override void Reset(ReadOnlyMemory<byte> input)
    {
        _input = input;
        _pos = 0;
        _inFamily = false;
        _inMetric = false;
        _seriesLength = 0;
        _labels.Clear();
        _entry = ExpositionEntry.EndOfInput;
    }

    /// <inheritdoc />
    public override ExpositionEntry Next()
    {
        var span = _input.Span;
        _exemplarStart = _exemplarEnd = _exemplarCursor = 0;
        while (true)
        {
            if (!_inFamily)
            {
                if (_pos >= span.Length)
                {
                    return _entry = ExpositionEntry.EndOfInput;
                }

                StartFamily(span);
            }

            if (_metadataStep < 3)
            {
                var step = _metadataStep++;
                if (step == 0 && _helpEnd > _helpStart)
                {
                    return _entry = ExpositionEntry.Help;
                }

                if (step == 1)
                {
                    return _entry = ExpositionEntry.Type;
                }

                if (step == 2 && _unitEnd > _unitStart)
                {
                    return _entry = ExpositionEntry.Unit;
                }

                continue;
            }

            if (_inMetric && TryNextSample(span))
            {
                return _entry;
            }

            _inMetric = false;
            if (!TryStartMetric(span))
            {
                _inFamily = false;
                _pos = _familyEnd;
            }
        }
    }

    /// <inheritdoc />
    public override void GetLabels(LabelsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Clear();
        var series = Series;
        var nameEnd = series.IndexOf((byte)0xFF);
        builder.Add(LabelNames.MetricName, Encoding.UTF8.GetString(series[..nameEnd]));
        var rest = series[(nameEnd + 1)..];
        while (!rest.IsEmpty)
        {
            var separator = rest.IndexOf((byte)0xFE);
            var end = rest.IndexOf((byte)0xFF);
            builder.Add(Encoding.UTF8.GetString(rest[..separator]), Encoding.UTF8.GetString(rest[(separator + 1)..end]));
            rest = rest[(end + 1)..];
        }
    }

    /// <inheritdoc />
    /// <remarks>A native histogram can carry several exemplars: each call returns the next one.</remarks>
    public override bool TryGetExemplar(out Exemplar exemplar)
    {
        exemplar = default;
        var span = _input.Span;
        if (_entry == ExpositionEntry.Histogram)
        {
            // Native histogram exemplars are the repeated field 16 of the Histogram message.
            var reader = new ProtoReader(span, _exemplarCursor == 0 ? _valueStart : _exemplarCursor, _valueEnd);
            while (reader.TryReadTag(out var field, out var wire))
            {
                if (field == 16 && wire == ProtoReader.LengthDelimited)
                {
                    var (start, end) = reader.ReadLengthDelimited();
                    _exemplarCursor = reader.Position;
                    exemplar = ReadExemplar(span, start, end);
                    return true;
                }

                reader.Skip(wire);
            }

            _exemplarCursor = _valueEnd;
            return false;
        }

        if (_exemplarEnd <= _exemplarStart || _exemplarCursor != 0)
        {
            return false;
        }

        _exemplarCursor = 1;
        exemplar = ReadExemplar(span, _exemplarStart, _exemplarEnd);
        return true;
    }

    /// <inheritdoc />
    public override bool TryGetCreatedTimestamp(out long createdMs)
    {
        createdMs = _createdMs;
        return _hasCreated;
    }

    private void StartFamily(ReadOnlySpan<byte> span)
    {
        var outer = new ProtoReader(span, _pos, span.Length);
        var (start, end) = outer.ReadLengthDelimited();
        _familyEnd = end;
        _nameStart = _nameEnd = _helpStart = _helpEnd = _unitStart = _unitEnd = start;
        _protoType = TypeCounter;
        var reader = new ProtoReader(span, start, end);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wire, ProtoReader.LengthDelimited);
                    (_nameStart, _nameEnd) = reader.ReadLengthDelimited();
                    break;
                case 2:
                    reader.Expect(wire, ProtoReader.LengthDelimited);
                    (_helpStart, _helpEnd) = reader.ReadLengthDelimited();
                    break;
                case 3:
                    reader.Expect(wire, ProtoReader.Varint);
                    var at = reader.Position;
                    var type = reader.ReadVarint();
                    if (type > TypeGaugeHistogram)
                    {
                        ProtoReader.Fail(at, "unknown metric type " + type.ToString(CultureInfo.InvariantCulture));
                    }

                    _protoType = (int)type;
                    break;
                case 5:
                    reader.Expect(wire, ProtoReader.LengthDelimited);
                    (_unitStart, _unitEnd) = reader.ReadLengthDelimited();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (_nameEnd == _nameStart)
        {
            ProtoReader.Fail(start, "metric family without a name");
        }

        if (!System.Text.Unicode.Utf8.IsValid(span[_nameStart.._nameEnd]))
        {
            ProtoReader.Fail(_nameStart, "metric family name is not valid UTF-8");
        }

        _inFamily = true;
        _metadataStep = 0;
        _metricCursor = start;
    }

    /// <summary>Finds the next Metric of the family and reads its labels, timestamp and value message.</summary>
    private bool TryStartMetric(ReadOnlySpan<byte> span)
    {
        var reader = new ProtoReader(span, _metricCursor, _familyEnd);
        int metricStart;
        int metricEnd;
        while (true)
        {
            if (!reader.TryReadTag(out var field, out var wire))
            {
                _metricCursor = _familyEnd;
                return false;
            }

            if (field == 4 && wire == ProtoReader.LengthDelimited)
            {
                (metricStart, metricEnd) = reader.ReadLengthDelimited();
                break;
            }

            reader.Skip(wire);
        }

        _metricCursor = reader.Position;
        _labels.Clear();
        _hasTimestamp = false;
        _timestampMs = 0;
        _valueStart = _valueEnd = metricStart;
        var valueField = _protoType switch
        {
            TypeCounter => 3,
            TypeGauge => 2,
            TypeSummary => 4,
            TypeUntyped => 5,
            _ => 7,
        };
        var metric = new ProtoReader(span, metricStart, metricEnd);
        while (metric.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                metric.Expect(wire, ProtoReader.LengthDelimited);
                var (start, end) = metric.ReadLengthDelimited();
                ReadLabelPair(span, start, end, _labels);
            }
            else if (field == 6)
            {
                metric.Expect(wire, ProtoReader.Varint);
                _timestampMs = (long)metric.ReadVarint();
                _hasTimestamp = true;
            }
            else if (field == valueField)
            {
                metric.Expect(wire, ProtoReader.LengthDelimited);
                (_valueStart, _valueEnd) = metric.ReadLengthDelimited();
            }
            else
            {
                metric.Skip(wire);
            }
        }

        _inMetric = true;
        _hasCreated = false;
        _step = 0;
        _subCursor = _valueStart;
        _lastBound = double.NegativeInfinity;
        return true;
    }

    private static void ReadLabelPair(ReadOnlySpan<byte> span, int start, int end, LabelOffsets labels)
    {
        int nameStart = start, nameEnd = start, valueStart = start, valueEnd = start;
        var reader = new ProtoReader(span, start, end);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field is 1 or 2)
            {
                reader.Expect(wire, ProtoReader.LengthDelimited);
                var (s, e) = reader.ReadLengthDelimited();
                if (field == 1)
                {
                    (nameStart, nameEnd) = (s, e);
                }
                else
                {
                    (valueStart, valueEnd) = (s, e);
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        if (nameEnd == nameStart)
        {
            ProtoReader.Fail(start, "label without a name");
        }

        if (span[nameStart..nameEnd].ContainsAny((byte)0xFE, (byte)0xFF) || span[valueStart..valueEnd].ContainsAny((byte)0xFE, (byte)0xFF)
            || !System.Text.Unicode.Utf8.IsValid(span[nameStart..nameEnd]) || !System.Text.Unicode.Utf8.IsValid(span[valueStart..valueEnd]))
        {
            ProtoReader.Fail(start, "label name or value is not valid UTF-8");
        }

        labels.Add(nameStart, nameEnd, valueStart, valueEnd);
        if (labels.LastIsDuplicate(span))
        {
            ProtoReader.Fail(start, "duplicate label name");
        }
    }

    private static Exemplar ReadExemplar(ReadOnlySpan<byte> span, int start, int end)
    {
        var builder = new LabelsBuilder();
        var value = 0.0;
        var hasTimestamp = false;
        long timestampMs = 0;
        var reader = new ProtoReader(span, start, end);
        var labels = new LabelOffsets();
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wire, ProtoReader.LengthDelimited);
                    var (s, e) = reader.ReadLengthDelimited();
                    ReadLabelPair(span, s, e, labels);
                    break;
                case 2:
                    reader.Expect(wire, ProtoReader.Fixed64);
                    value = reader.ReadDouble();
                    break;
                case 3:
                    reader.Expect(wire, ProtoReader.LengthDelimited);
                    var (ts, te) = reader.ReadLengthDelimited();
                    timestampMs = ReadTimestampMs(span, ts, te);
                    hasTimestamp = true;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        for (var i = 0; i < labels.Count; i++)
        {
            builder.Add(Encoding.UTF8.GetString(labels.Name(span, i)), Encoding.UTF8.GetString(labels.RawValue(span, i)));
        }

        return new Exemplar(builder.ToLabels(), value, timestampMs, hasTimestamp);
    }

    /// <summary>Reads a <c>google.protobuf.Timestamp</c> as milliseconds since the epoch.</summary>
    private static long ReadTimestampMs(ReadOnlySpan<byte> span, int start, int end)
    {
        long seconds = 0;
        long nanos = 0;
        var reader = new ProtoReader(span, start, end);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field is 1 or 2 && wire == ProtoReader.Varint)
            {
                var v = (long)reader.ReadVarint();
                if (field == 1)
                {
                    seconds = v;
                }
                else
                {
                    nanos = (int)v;
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return (seconds * 1000) + (nanos / 1_000_000);
    }

    private void BeginSeries(ReadOnlySpan<byte> span, ReadOnlySpan<byte> suffix)
    {
        _seriesLength = 0;
        Append(span[_nameStart.._nameEnd]);
        Append(suffix);
        AppendByte(0xFF);
        for (var i = 0; i < _labels.Count; i++)
        {
            Append(_labels.Name(span, i));
            AppendByte(0xFE);
            Append(_labels.RawValue(span, i));
            AppendByte(0xFF);
        }
    }

    /// <summary>Appends <c>le</c> or <c>quantile</c> with the value formatted as OpenMetrics does (<c>1.0</c>, <c>+Inf</c>).</summary>
    private void AppendBoundLabel(ReadOnlySpan<byte> name, double bound)
    {
        Append(name);
        AppendByte(0xFE);
        if (double.IsPositiveInfinity(bound))
        {
            Append("+Inf"u8);
        }
        else if (double.IsNegativeInfinity(bound))
        {
            Append("-Inf"u8);
        }
        else if (double.IsNaN(bound))
        {
            Append("NaN"u8);
        }
        else
        {
            // Prometheus spells bounds as Go's shortest 'g' form plus ".0" when that has neither '.' nor 'e'
            // (formatOpenMetricsFloat), so 1e6 is "1e+06": the same series as a text scrape of the same target.
            Span<byte> text = stackalloc byte[GoFloatFormat.MaxLength];
            var written = GoFloatFormat.Format(bound, text);
            Append(text[..written]);
            if (text[..written].IndexOfAny((byte)'.', (byte)'e') < 0)
            {
                Append(".0"u8);
            }
        }

        AppendByte(0xFF);
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_seriesLength + bytes.Length > _series.Length)
        {
            Array.Resize(ref _series, Math.Max(_series.Length * 2, _seriesLength + bytes.Length));
        }

        bytes.CopyTo(_series.AsSpan(_seriesLength));
        _seriesLength += bytes.Length;
    }

    private void AppendByte(byte b)
    {
        if (_seriesLength == _series.Length)
        {
            Array.Resize(ref _series, _series.Length * 2);
        }

        _series[_seriesLength++] = b;
    }
}
