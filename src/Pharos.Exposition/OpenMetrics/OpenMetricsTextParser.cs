using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;
using Pharos.Exposition.Text;
using Pharos.Model;
using static Pharos.Exposition.Text.TextSyntax;

namespace Pharos.Exposition.OpenMetrics;

/// <summary>
/// Parses the OpenMetrics 1.0 text format. In <see cref="ParserMode.Scrape"/> it accepts what Prometheus's scrape-time
/// parser accepts (line syntax, no per-family semantics); in <see cref="ParserMode.Strict"/> it applies the whole
/// specification, including the per-family checks of the OpenMetrics reference parser.
/// </summary>
/// <remarks>
/// Timestamps are float seconds in the input and are exposed truncated to milliseconds. Scrape mode allocates nothing
/// in steady state; strict mode allocates a little per family to remember names and label groups.
/// </remarks>
public sealed partial class OpenMetricsTextParser : ExpositionParser
{
    private readonly LabelOffsets _labels = new();
    private readonly LabelOffsets _exemplarLabels = new();
    private ReadOnlyMemory<byte> _input;
    private byte[] _scratch = new byte[256];
    private int _pos;
    private int _line;
    private int _lineStart;
    private bool _done;

    private int _nameStart;
    private int _nameEnd;
    private int _textStart;
    private int _textEnd;
    private int _helpLength;
    private MetricType _type;

    private int _seriesStart;
    private int _seriesEnd;
    private int _metricNameEnd;
    private double _value;
    private bool _hasTimestamp;
    private long _timestampMs;
    private double _timestampSeconds;

    private bool _hasExemplar;
    private double _exemplarValue;
    private bool _exemplarHasTimestamp;
    private long _exemplarTimestampMs;

    /// <summary>Creates a parser.</summary>
    /// <param name="mode">How strictly to apply the format's rules.</param>
    public OpenMetricsTextParser(ParserMode mode)
        : base(mode)
    {
    }

    /// <inheritdoc />
    public override ExpositionFormat Format => ExpositionFormat.OpenMetricsText;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> FamilyName => _input.Span[_nameStart.._nameEnd];

    /// <inheritdoc />
    public override MetricType Type => _type;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Help => _scratch.AsSpan(0, _helpLength);

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Unit => _input.Span[_textStart.._textEnd];

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Comment => default;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Series => _input.Span[_seriesStart.._seriesEnd];

    /// <inheritdoc />
    public override double Value => _value;

    /// <inheritdoc />
    public override bool HasTimestamp => _hasTimestamp;

    /// <inheritdoc />
    public override long TimestampMs => _timestampMs;

    private NumberDialect Dialect => Mode == ParserMode.Strict ? NumberDialect.Strict : NumberDialect.Scrape;

    /// <inheritdoc />
    public override void Reset(ReadOnlyMemory<byte> input)
    {
        _input = input;
        _pos = 0;
        _line = 0;
        _lineStart = 0;
        _done = false;
        _nameStart = _nameEnd = _textStart = _textEnd = _helpLength = 0;
        _seriesStart = _seriesEnd = _metricNameEnd = 0;
        _labels.Clear();
        _exemplarLabels.Clear();
        _hasExemplar = false;
        ResetStrict();
    }

    /// <inheritdoc />
    public override ExpositionEntry Next()
    {
        if (_done)
        {
            return ExpositionEntry.EndOfInput;
        }

        var span = _input.Span;
        _line++;
        _lineStart = _pos;
        _hasExemplar = false;
        if (_pos >= span.Length)
        {
            Fail(_pos, "data does not end with # EOF");
        }

        return span[_pos] == '#' ? ParseMetadataLine(span) : ParseSampleLine(span);
    }

    /// <inheritdoc />
    public override void GetLabels(LabelsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var span = _input.Span;
        builder.Clear();
        builder.Add(LabelNames.MetricName, System.Text.Encoding.UTF8.GetString(span[_seriesStart.._metricNameEnd]));
        for (var i = 0; i < _labels.Count; i++)
        {
            builder.Add(
                System.Text.Encoding.UTF8.GetString(_labels.Name(span, i)),
                UnescapeToString(_labels.RawValue(span, i)));
        }
    }

    /// <inheritdoc />
    public override bool TryGetExemplar(out Exemplar exemplar)
    {
        if (!_hasExemplar)
        {
            exemplar = default;
            return false;
        }

        var span = _input.Span;
        var builder = new LabelsBuilder();
        for (var i = 0; i < _exemplarLabels.Count; i++)
        {
            builder.Add(
                System.Text.Encoding.UTF8.GetString(_exemplarLabels.Name(span, i)),
                UnescapeToString(_exemplarLabels.RawValue(span, i)));
        }

        exemplar = new Exemplar(builder.ToLabels(), _exemplarValue, _exemplarTimestampMs, _exemplarHasTimestamp);

        // A sample carries at most one exemplar in OpenMetrics: the next call reports there is no further one.
        _hasExemplar = false;
        return true;
    }

    private ExpositionEntry ParseMetadataLine(ReadOnlySpan<byte> span)
    {
        var rest = span[_pos..];
        if (rest.StartsWith("# EOF"u8))
        {
            var after = _pos + 5;
            if (after == span.Length || (span[after] == '\n' && after + 1 == span.Length))
            {
                if (Mode == ParserMode.Strict)
                {
                    FinishStrict();
                }

                _done = true;
                return ExpositionEntry.EndOfInput;
            }

            Fail(after, "unexpected data after # EOF");
        }

        ExpositionEntry entry;
        if (rest.StartsWith("# HELP "u8))
        {
            entry = ExpositionEntry.Help;
        }
        else if (rest.StartsWith("# TYPE "u8))
        {
            entry = ExpositionEntry.Type;
        }
        else if (rest.StartsWith("# UNIT "u8))
        {
            entry = ExpositionEntry.Unit;
        }
        else
        {
            Fail(_pos, "expected '# HELP', '# TYPE', '# UNIT' or '# EOF'; other comments are not allowed");
            return default;
        }

        var p = _pos + 7;
        _nameStart = p;
        if (p >= span.Length || !IsMetricNameStart(span[p]))
        {
            Fail(p, "expected metric name after " + MetadataKeyword(entry));
        }

        p++;
        while (p < span.Length && IsMetricNameChar(span[p]))
        {
            p++;
        }

        _nameEnd = p;
        if (p >= span.Length || span[p] != ' ')
        {
            Fail(p, "expected a space and text after the metric name in " + MetadataKeyword(entry));
        }

        _textStart = p + 1;
        var newline = span[_textStart..].IndexOf((byte)'\n');
        if (newline < 0)
        {
            Fail(span.Length, "data does not end with # EOF");
        }

        _textEnd = _textStart + newline;
        _pos = _textEnd + 1;
        var text = span[_textStart.._textEnd];
        switch (entry)
        {
            case ExpositionEntry.Type:
                if (!MetricTypes.TryParse(text, out _type) || text.SequenceEqual("untyped"u8))
                {
                    Fail(_textStart, "invalid metric type");
                }

                break;
            case ExpositionEntry.Help:
                if (!Utf8.IsValid(text))
                {
                    Fail(_textStart, "help text is not valid UTF-8");
                }

                if (_scratch.Length < text.Length)
                {
                    _scratch = new byte[Math.Max(text.Length, _scratch.Length * 2)];
                }

                // OpenMetrics escapes HELP like label values (\\, \n and \"), unlike the Prometheus text format.
                _helpLength = Unescape(text, _scratch, quoteEscape: true);
                break;
            default:
                if (Mode == ParserMode.Scrape && text.Length > 0 && !HasUnitSuffix(span[_nameStart.._nameEnd], text))
                {
                    Fail(_textStart, "the metric name must end in '_' and the unit");
                }

                break;
        }

        if (Mode == ParserMode.Strict)
        {
            OnStrictMetadata(entry);
        }

        return entry;
    }

    private ExpositionEntry ParseSampleLine(ReadOnlySpan<byte> span)
    {
        var p = _pos;
        if (!IsMetricNameStart(span[p]))
        {
            Fail(p, "expected metric name at the start of a sample line");
        }

        _seriesStart = p;
        p++;
        while (p < span.Length && IsMetricNameChar(span[p]))
        {
            p++;
        }

        _metricNameEnd = p;
        _labels.Clear();
        if (p < span.Length && span[p] == '{')
        {
            p = ParseLabelSet(span, p + 1, _labels);
        }

        _seriesEnd = p;
        p = ExpectSpace(span, p, "expected a space and a value after the metric");
        var valueEnd = TokenEnd(span, p);
        if (valueEnd == p)
        {
            Fail(p, "expected value after the metric");
        }

        if (!TryParseFloat(span[p..valueEnd], Dialect, out _value))
        {
            Fail(p, "invalid value");
        }

        p = valueEnd;
        _hasTimestamp = false;
        _timestampMs = 0;
        if (p < span.Length && span[p] == ' ' && !IsExemplarStart(span, p))
        {
            p++;
            var tsEnd = TokenEnd(span, p);
            if (tsEnd == p)
            {
                Fail(p, "expected timestamp after the value");
            }

            _timestampSeconds = ParseTimestamp(span, p, tsEnd);
            _timestampMs = SecondsToMs(_timestampSeconds);
            _hasTimestamp = true;
            p = tsEnd;
        }

        if (p < span.Length && span[p] == ' ')
        {
            if (!IsExemplarStart(span, p))
            {
                Fail(p + 1, "expected ' # {' to start an exemplar, or the end of the line");
            }

            p = ParseExemplar(span, p + 4);

            // Prometheus refuses exemplars on any series whose name does not end in _total or _bucket.
            var metricName = span[_seriesStart.._metricNameEnd];
            if (Mode == ParserMode.Scrape && !metricName.EndsWith("_total"u8) && !metricName.EndsWith("_bucket"u8))
            {
                Fail(_seriesStart, "exemplars are only allowed on _total and _bucket series");
            }
        }

        if (p >= span.Length)
        {
            Fail(p, "data does not end with # EOF");
        }

        if (span[p] != '\n')
        {
            Fail(p, "expected the end of the line");
        }

        _pos = p + 1;
        if (Mode == ParserMode.Strict)
        {
            OnStrictSample(span);
        }

        return ExpositionEntry.Series;
    }

    /// <summary>Whether <paramref name="name"/> ends in <c>_</c> followed by <paramref name="unit"/>.</summary>
    internal static bool HasUnitSuffix(ReadOnlySpan<byte> name, ReadOnlySpan<byte> unit) =>
        name.Length > unit.Length && name.EndsWith(unit) && name[name.Length - unit.Length - 1] == '_';

    private static bool IsExemplarStart(ReadOnlySpan<byte> span, int p) => span[p..].StartsWith(" # {"u8);

    private int ParseExemplar(ReadOnlySpan<byte> span, int p)
    {
        _exemplarLabels.Clear();
        var labelsStart = p;
        p = ParseLabelSet(span, p, _exemplarLabels);
        if (Mode == ParserMode.Strict && ExemplarLabelCodePoints(span) > 128)
        {
            Fail(labelsStart, "exemplar label set is longer than 128 code points");
        }

        p = ExpectSpace(span, p, "expected a space and a value after the exemplar labels");
        var valueEnd = TokenEnd(span, p);
        if (valueEnd == p || !TryParseFloat(span[p..valueEnd], Dialect, out _exemplarValue))
        {
            Fail(p, "invalid exemplar value");
        }

        p = valueEnd;
        _exemplarHasTimestamp = false;
        _exemplarTimestampMs = 0;
        if (p < span.Length && span[p] == ' ')
        {
            p++;
            var tsEnd = TokenEnd(span, p);
            if (tsEnd == p)
            {
                Fail(p, "expected exemplar timestamp after the space");
            }

            _exemplarTimestampMs = SecondsToMs(ParseTimestamp(span, p, tsEnd));
            _exemplarHasTimestamp = true;
            p = tsEnd;
        }

        _hasExemplar = true;
        return p;
    }

    private int ExemplarLabelCodePoints(ReadOnlySpan<byte> span)
    {
        var total = 0;
        for (var i = 0; i < _exemplarLabels.Count; i++)
        {
            var value = _exemplarLabels.RawValue(span, i);
            total += _exemplarLabels.Name(span, i).Length + CountCodePoints(value);
            for (var j = 0; j + 1 < value.Length; j++)
            {
                if (value[j] == '\\' && value[j + 1] is (byte)'\\' or (byte)'"' or (byte)'n')
                {
                    total--;
                    j++;
                }
            }
        }

        return total;
    }

    private double ParseTimestamp(ReadOnlySpan<byte> span, int start, int end)
    {
        if (!TryParseFloat(span[start..end], Dialect, out var seconds) || !double.IsFinite(seconds))
        {
            Fail(start, "invalid timestamp");
        }

        return seconds;
    }

    /// <summary>Parses <c>name="value",...}</c> after the opening brace; returns the position after <c>}</c>.</summary>
    private int ParseLabelSet(ReadOnlySpan<byte> span, int p, LabelOffsets labels)
    {
        if (p < span.Length && span[p] == '}')
        {
            return p + 1;
        }

        while (true)
        {
            if (p >= span.Length || !IsLabelNameStart(span[p]))
            {
                Fail(p, "expected label name");
            }

            var nameStart = p++;
            while (p < span.Length && IsLabelNameChar(span[p]))
            {
                p++;
            }

            var nameEnd = p;
            if (p >= span.Length || span[p] != '=')
            {
                Fail(p, "expected '=' after label name");
            }

            p++;
            if (p >= span.Length || span[p] != '"')
            {
                Fail(p, "expected '\"' to start the label value");
            }

            var valueStart = ++p;
            p = ScanQuoted(span, p);
            var value = span[valueStart..p];
            if (!Utf8.IsValid(value))
            {
                Fail(valueStart, "label value is not valid UTF-8");
            }

            labels.Add(nameStart, nameEnd, valueStart, p);
            if (labels.LastIsDuplicate(span))
            {
                Fail(nameStart, "duplicate label name");
            }

            p++;
            if (p < span.Length && span[p] == ',')
            {
                p++;
                if (p < span.Length && span[p] == '}')
                {
                    Fail(p, "expected label name after ','");
                }

                continue;
            }

            if (p < span.Length && span[p] == '}')
            {
                return p + 1;
            }

            Fail(p, "expected ',' or '}' after label value");
        }
    }

    /// <summary>Scans an escaped label value; returns the position of the closing quote.</summary>
    private int ScanQuoted(ReadOnlySpan<byte> span, int p)
    {
        while (true)
        {
            var i = span[p..].IndexOfAny((byte)'"', (byte)'\\', (byte)'\n');
            if (i < 0)
            {
                Fail(span.Length, "unterminated label value");
            }

            p += i;
            switch (span[p])
            {
                case (byte)'"':
                    return p;
                case (byte)'\n':
                    Fail(p, "unterminated label value");
                    break;
                default:
                    if (p + 1 >= span.Length || span[p + 1] == '\n')
                    {
                        Fail(p, "unterminated label value");
                    }

                    p += 2;
                    break;
            }
        }
    }

    private int ExpectSpace(ReadOnlySpan<byte> span, int p, string reason)
    {
        if (p >= span.Length || span[p] != ' ')
        {
            Fail(p, reason);
        }

        return p + 1;
    }

    private static int TokenEnd(ReadOnlySpan<byte> span, int p)
    {
        var i = span[p..].IndexOfAny((byte)' ', (byte)'\n');
        return i < 0 ? span.Length : p + i;
    }

    private static string MetadataKeyword(ExpositionEntry entry) => entry switch
    {
        ExpositionEntry.Help => "HELP",
        ExpositionEntry.Type => "TYPE",
        _ => "UNIT",
    };

    [DoesNotReturn]
    private void Fail(int position, string reason) =>
        throw new ExpositionParseException(_line, position - _lineStart + 1, reason);
}
