using Pharos.Model;

namespace Pharos.Exposition.Protobuf;

/// <summary>Turning one Metric message into samples: plain values, exploded summaries and histograms.</summary>
public sealed partial class ProtobufParser
{
    private const int StepDone = int.MaxValue;

    private bool TryNextSample(ReadOnlySpan<byte> span)
    {
        if (_step == StepDone)
        {
            return false;
        }

        return _protoType switch
        {
            TypeSummary => NextSummarySample(span),
            TypeHistogram or TypeGaugeHistogram => NextHistogramSample(span),
            _ => NextPlainSample(span),
        };
    }

    private bool NextPlainSample(ReadOnlySpan<byte> span)
    {
        _value = 0;
        var reader = new ProtoReader(span, _valueStart, _valueEnd);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1)
            {
                reader.Expect(wire, ProtoReader.Fixed64);
                _value = reader.ReadDouble();
            }
            else if (field == 2 && _protoType == TypeCounter)
            {
                reader.Expect(wire, ProtoReader.LengthDelimited);
                (_exemplarStart, _exemplarEnd) = reader.ReadLengthDelimited();
            }
            else if (field == 3 && _protoType == TypeCounter)
            {
                ReadCreated(span, ref reader, wire);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        BeginSeries(span, default);
        _step = StepDone;
        _entry = ExpositionEntry.Series;
        return true;
    }

    private void ReadCreated(ReadOnlySpan<byte> span, ref ProtoReader reader, int wire)
    {
        reader.Expect(wire, ProtoReader.LengthDelimited);
        var (start, end) = reader.ReadLengthDelimited();
        _createdMs = ReadTimestampMs(span, start, end);
        _hasCreated = true;
    }

    private bool NextSummarySample(ReadOnlySpan<byte> span)
    {
        if (_step == 0)
        {
            _count = 0;
            _sum = 0;
            var reader = new ProtoReader(span, _valueStart, _valueEnd);
            while (reader.TryReadTag(out var field, out var wire))
            {
                switch (field)
                {
                    case 1:
                        reader.Expect(wire, ProtoReader.Varint);
                        _count = reader.ReadVarint();
                        break;
                    case 2:
                        reader.Expect(wire, ProtoReader.Fixed64);
                        _sum = reader.ReadDouble();
                        break;
                    case 4:
                        ReadCreated(span, ref reader, wire);
                        break;
                    default:
                        reader.Skip(wire);
                        break;
                }
            }

            return EmitCount(span);
        }

        if (_step == 1)
        {
            return EmitSum(span);
        }

        var quantiles = new ProtoReader(span, _subCursor, _valueEnd);
        while (quantiles.TryReadTag(out var field, out var wire))
        {
            if (field != 3)
            {
                quantiles.Skip(wire);
                continue;
            }

            quantiles.Expect(wire, ProtoReader.LengthDelimited);
            var (start, end) = quantiles.ReadLengthDelimited();
            _subCursor = quantiles.Position;
            double quantile = 0;
            _value = 0;
            var reader = new ProtoReader(span, start, end);
            while (reader.TryReadTag(out var f, out var w))
            {
                if (f is 1 or 2)
                {
                    reader.Expect(w, ProtoReader.Fixed64);
                    var d = reader.ReadDouble();
                    if (f == 1)
                    {
                        quantile = d;
                    }
                    else
                    {
                        _value = d;
                    }
                }
                else
                {
                    reader.Skip(w);
                }
            }

            BeginSeries(span, default);
            AppendBoundLabel("quantile"u8, quantile);
            _entry = ExpositionEntry.Series;
            return true;
        }

        _step = StepDone;
        return false;
    }

    private bool EmitCount(ReadOnlySpan<byte> span)
    {
        _value = _countFloat > 0 ? _countFloat : _count;
        BeginSeries(span, "_count"u8);
        _step = 1;
        _entry = ExpositionEntry.Series;
        return true;
    }

    private bool EmitSum(ReadOnlySpan<byte> span)
    {
        _value = _sum;
        BeginSeries(span, "_sum"u8);
        _step = 2;
        _subCursor = _valueStart;
        _entry = ExpositionEntry.Series;
        return true;
    }

    private bool NextHistogramSample(ReadOnlySpan<byte> span)
    {
        const int StepClassicCount = -1;
        if (_step == 0)
        {
            var native = ReadHistogramHeader(span);
            _step = StepClassicCount;
            if (native)
            {
                BeginSeries(span, default);
                _value = double.NaN;
                _step = ScrapeClassicHistograms && HasClassicBuckets(span) ? StepClassicCount : StepDone;
                _entry = ExpositionEntry.Histogram;
                return true;
            }
        }

        if (_step == StepClassicCount)
        {
            return EmitCount(span);
        }

        if (_step == 1)
        {
            return EmitSum(span);
        }

        var buckets = new ProtoReader(span, _subCursor, _valueEnd);
        while (buckets.TryReadTag(out var field, out var wire))
        {
            if (field != 3)
            {
                buckets.Skip(wire);
                continue;
            }

            buckets.Expect(wire, ProtoReader.LengthDelimited);
            var (start, end) = buckets.ReadLengthDelimited();
            _subCursor = buckets.Position;
            ulong count = 0;
            double countFloat = 0;
            double bound = 0;
            var reader = new ProtoReader(span, start, end);
            while (reader.TryReadTag(out var f, out var w))
            {
                switch (f)
                {
                    case 1:
                        reader.Expect(w, ProtoReader.Varint);
                        count = reader.ReadVarint();
                        break;
                    case 2:
                        reader.Expect(w, ProtoReader.Fixed64);
                        bound = reader.ReadDouble();
                        break;
                    case 3:
                        reader.Expect(w, ProtoReader.LengthDelimited);
                        (_exemplarStart, _exemplarEnd) = reader.ReadLengthDelimited();
                        break;
                    case 4:
                        reader.Expect(w, ProtoReader.Fixed64);
                        countFloat = reader.ReadDouble();
                        break;
                    default:
                        reader.Skip(w);
                        break;
                }
            }

            _value = countFloat > 0 ? countFloat : count;
            _lastBound = bound;
            BeginSeries(span, "_bucket"u8);
            AppendBoundLabel("le"u8, bound);
            _step = 3;
            _entry = ExpositionEntry.Series;
            return true;
        }

        _subCursor = _valueEnd;
        if (!double.IsPositiveInfinity(_lastBound))
        {
            // Prometheus adds the +Inf bucket when the exposition leaves it implicit; its value is the count.
            _lastBound = double.PositiveInfinity;
            _value = _countFloat > 0 ? _countFloat : _count;
            BeginSeries(span, "_bucket"u8);
            AppendBoundLabel("le"u8, double.PositiveInfinity);
            _entry = ExpositionEntry.Series;
            return true;
        }

        _step = StepDone;
        return false;
    }

    private bool HasClassicBuckets(ReadOnlySpan<byte> span)
    {
        var reader = new ProtoReader(span, _valueStart, _valueEnd);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 3)
            {
                return true;
            }

            reader.Skip(wire);
        }

        return false;
    }

    /// <summary>Reads count, sum and created time; returns whether the histogram has native parts.</summary>
    private bool ReadHistogramHeader(ReadOnlySpan<byte> span)
    {
        _count = 0;
        _countFloat = 0;
        _sum = 0;
        _isFloatHistogram = false;
        var native = false;
        var reader = new ProtoReader(span, _valueStart, _valueEnd);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wire, ProtoReader.Varint);
                    _count = reader.ReadVarint();
                    break;
                case 2:
                    reader.Expect(wire, ProtoReader.Fixed64);
                    _sum = reader.ReadDouble();
                    break;
                case 4:
                    reader.Expect(wire, ProtoReader.Fixed64);
                    _countFloat = reader.ReadDouble();
                    _isFloatHistogram |= _countFloat > 0;
                    break;
                case 6:
                    reader.Expect(wire, ProtoReader.Fixed64);
                    native |= reader.ReadDouble() > 0;
                    break;
                case 7:
                    reader.Expect(wire, ProtoReader.Varint);
                    native |= reader.ReadVarint() > 0;
                    break;
                case 8:
                    reader.Expect(wire, ProtoReader.Fixed64);
                    var zeroFloat = reader.ReadDouble();
                    native |= zeroFloat > 0;
                    _isFloatHistogram |= zeroFloat > 0;
                    break;
                case 9 or 10 or 11 or 12 or 13 or 14:
                    native = true;
                    reader.Skip(wire);
                    break;
                case 15:
                    ReadCreated(span, ref reader, wire);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return native;
    }

    /// <inheritdoc />
    public override void GetFloatHistogram(FloatHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (_entry != ExpositionEntry.Histogram)
        {
            throw new InvalidOperationException("The current entry is not a native histogram.");
        }

        var span = _input.Span;
        int positiveSpans = 0, negativeSpans = 0, positiveBuckets = 0, negativeBuckets = 0;
        double zeroCount = 0;
        var reader = new ProtoReader(span, _valueStart, _valueEnd);
        histogram.Schema = 0;
        histogram.ZeroThreshold = 0;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field)
            {
                case 5:
                    reader.Expect(wire, ProtoReader.Varint);
                    histogram.Schema = (int)ProtoReader.ZigZag(reader.ReadVarint());
                    break;
                case 6:
                    reader.Expect(wire, ProtoReader.Fixed64);
                    histogram.ZeroThreshold = reader.ReadDouble();
                    break;
                case 7:
                    reader.Expect(wire, ProtoReader.Varint);
                    zeroCount += reader.ReadVarint();
                    break;
                case 8:
                    reader.Expect(wire, ProtoReader.Fixed64);
                    zeroCount += reader.ReadDouble();
                    break;
                case 9:
                    negativeSpans++;
                    reader.Skip(wire);
                    break;
                case 12:
                    positiveSpans++;
                    reader.Skip(wire);
                    break;
                case 10 or 11:
                    negativeBuckets += CountRepeated(ref reader, wire, field == 11);
                    break;
                case 13 or 14:
                    positiveBuckets += CountRepeated(ref reader, wire, field == 14);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        histogram.ZeroCount = zeroCount;
        histogram.Count = _countFloat > 0 ? _countFloat : _count;
        histogram.Sum = _sum;
        histogram.CounterResetHint = _protoType == TypeGaugeHistogram ? CounterResetHint.Gauge : CounterResetHint.Unknown;
        histogram.PositiveSpans = Resize(histogram.PositiveSpans, positiveSpans);
        histogram.NegativeSpans = Resize(histogram.NegativeSpans, negativeSpans);
        histogram.PositiveBuckets = Resize(histogram.PositiveBuckets, positiveBuckets);
        histogram.NegativeBuckets = Resize(histogram.NegativeBuckets, negativeBuckets);
        histogram.CustomValues = [];
        FillSpans(span, 12, histogram.PositiveSpans, positiveBuckets);
        FillSpans(span, 9, histogram.NegativeSpans, negativeBuckets);
        FillBuckets(span, 13, 14, histogram.PositiveBuckets);
        FillBuckets(span, 10, 11, histogram.NegativeBuckets);
    }

    private static T[] Resize<T>(T[] array, int length) => array.Length == length ? array : new T[length];

    private static int CountRepeated(ref ProtoReader reader, int wire, bool isDouble)
    {
        if (wire != ProtoReader.LengthDelimited)
        {
            reader.Skip(wire);
            return 1;
        }

        var (start, end) = reader.ReadLengthDelimited();
        if (isDouble)
        {
            if ((end - start) % 8 != 0)
            {
                ProtoReader.Fail(start, "packed doubles with a length that is not a multiple of 8");
            }

            return (end - start) / 8;
        }

        var count = 0;
        for (var i = start; i < end; i++)
        {
            // Every varint ends in exactly one byte without the continuation bit.
            if (reader.PeekByteAt(i) < 0x80)
            {
                count++;
            }
        }

        return count;
    }

    private void FillSpans(ReadOnlySpan<byte> span, int spanField, HistogramSpan[] spans, int bucketCount)
    {
        var n = 0;
        long covered = 0;
        var reader = new ProtoReader(span, _valueStart, _valueEnd);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != spanField)
            {
                reader.Skip(wire);
                continue;
            }

            reader.Expect(wire, ProtoReader.LengthDelimited);
            var (start, end) = reader.ReadLengthDelimited();
            int offset = 0;
            uint length = 0;
            var inner = new ProtoReader(span, start, end);
            while (inner.TryReadTag(out var f, out var w))
            {
                if (f is 1 or 2)
                {
                    inner.Expect(w, ProtoReader.Varint);
                    var v = inner.ReadVarint();
                    if (f == 1)
                    {
                        offset = (int)ProtoReader.ZigZag(v);
                    }
                    else
                    {
                        length = (uint)v;
                    }
                }
                else
                {
                    inner.Skip(w);
                }
            }

            spans[n++] = new HistogramSpan(offset, length);
            covered += length;
        }

        if (covered != bucketCount)
        {
            ProtoReader.Fail(_valueStart, "native histogram spans do not cover exactly the buckets given");
        }
    }

    private void FillBuckets(ReadOnlySpan<byte> span, int deltaField, int countField, double[] buckets)
    {
        var n = 0;
        long absolute = 0;
        var reader = new ProtoReader(span, _valueStart, _valueEnd);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == deltaField)
            {
                if (wire == ProtoReader.LengthDelimited)
                {
                    var (start, end) = reader.ReadLengthDelimited();
                    var packed = new ProtoReader(span, start, end);
                    while (!packed.AtEnd)
                    {
                        absolute += ProtoReader.ZigZag(packed.ReadVarint());
                        buckets[n++] = absolute;
                    }
                }
                else
                {
                    reader.Expect(wire, ProtoReader.Varint);
                    absolute += ProtoReader.ZigZag(reader.ReadVarint());
                    buckets[n++] = absolute;
                }
            }
            else if (field == countField)
            {
                if (wire == ProtoReader.LengthDelimited)
                {
                    var (start, end) = reader.ReadLengthDelimited();
                    var packed = new ProtoReader(span, start, end);
                    while (!packed.AtEnd)
                    {
                        buckets[n++] = packed.ReadDouble();
                    }
                }
                else
                {
                    reader.Expect(wire, ProtoReader.Fixed64);
                    buckets[n++] = reader.ReadDouble();
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }
}
