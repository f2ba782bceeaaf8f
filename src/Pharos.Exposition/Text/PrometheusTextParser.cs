using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Pharos.Model;
using static Pharos.Exposition.Text.TextSyntax;

namespace Pharos.Exposition.Text;

/// <summary>
/// Parses the Prometheus text format 0.0.4, including the quoted UTF-8 metric and label names of Prometheus 3
/// (<c>{"my.metric", "my.label"="v"}</c>). Spaces and tabs may separate tokens; blank lines are skipped; a NUL at
/// the start of a line ends the input, as in Prometheus.
/// </summary>
/// <remarks>
/// Scrape mode accepts what Prometheus's scrape parser accepts (checked against Prometheus 2.42). Strict mode also
/// refuses a second <c># HELP</c> or <c># TYPE</c> for the same metric name. Steady-state parsing allocates nothing in
/// scrape mode.
/// </remarks>
public sealed class PrometheusTextParser : ExpositionParser
{
    private readonly LabelOffsets _labels = new();
    private readonly HashSet<string> _seenHelp = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenType = new(StringComparer.Ordinal);
    private ReadOnlyMemory<byte> _input;
    private byte[] _scratch = new byte[256];
    private int _pos;
    private int _line;
    private int _lineStart;
    private bool _done;

    private int _nameStart;
    private int _nameEnd;
    private int _helpLength;
    private int _commentStart;
    private int _commentEnd;
    private MetricType _type;

    private int _seriesStart;
    private int _seriesEnd;
    private int _metricNameStart;
    private int _metricNameEnd;
    private double _value;
    private bool _hasTimestamp;
    private long _timestampMs;

    /// <summary>Creates a parser.</summary>
    /// <param name="mode">How strictly to apply the format's rules.</param>
    public PrometheusTextParser(ParserMode mode)
        : base(mode)
    {
    }

    /// <inheritdoc />
    public override ExpositionFormat Format => ExpositionFormat.PrometheusText;

    /// <inheritdoc />
    /// <remarks>A quoted name is returned without its quotes and still escaped.</remarks>
    public override ReadOnlySpan<byte> FamilyName => _input.Span[_nameStart.._nameEnd];

    /// <inheritdoc />
    public override MetricType Type => _type;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Help => _scratch.AsSpan(0, _helpLength);

    /// <inheritdoc />
    /// <remarks>The text format has no units: always empty.</remarks>
    public override ReadOnlySpan<byte> Unit => default;

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Comment => _input.Span[_commentStart.._commentEnd];

    /// <inheritdoc />
    public override ReadOnlySpan<byte> Series => _input.Span[_seriesStart.._seriesEnd];

    /// <inheritdoc />
    public override double Value => _value;

    /// <inheritdoc />
    public override bool HasTimestamp => _hasTimestamp;

    /// <inheritdoc />
    public override long TimestampMs => _timestampMs;

    /// <inheritdoc />
    public override void Reset(ReadOnlyMemory<byte> input)
    {
        _input = input;
        _pos = 0;
        _line = 0;
        _lineStart = 0;
        _done = false;
        _nameStart = _nameEnd = _helpLength = _commentStart = _commentEnd = 0;
        _seriesStart = _seriesEnd = _metricNameStart = _metricNameEnd = 0;
        _labels.Clear();
        _seenHelp.Clear();
        _seenType.Clear();
    }

    /// <inheritdoc />
    public override ExpositionEntry Next()
    {
        var span = _input.Span;
        while (!_done)
        {
            if (_pos >= span.Length)
            {
                _done = true;
                break;
            }

            _line++;
            _lineStart = _pos;
            var c = span[_pos];
            if (c == '\n')
            {
                _pos++;
                continue;
            }

            if (c == 0)
            {
                // Prometheus's lexer treats a NUL at the start of a line as the end of the input.
                _done = true;
                break;
            }

            if (c == '#')
            {
                return ParseCommentLine(span);
            }

            if (c == '{' || IsMetricNameStart(c))
            {
                return ParseSampleLine(span);
            }

            Fail(_pos, "expected a metric name, '{' or '#' at the start of the line");
        }

        return ExpositionEntry.EndOfInput;
    }

    /// <inheritdoc />
    public override void GetLabels(LabelsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var span = _input.Span;
        builder.Clear();
        builder.Add(LabelNames.MetricName, UnescapeToString(span[_metricNameStart.._metricNameEnd]));
        for (var i = 0; i < _labels.Count; i++)
        {
            builder.Add(UnescapeToString(_labels.Name(span, i)), UnescapeToString(_labels.RawValue(span, i)));
        }
    }

    /// <inheritdoc />
    /// <remarks>The text format has no exemplars: always false.</remarks>
    public override bool TryGetExemplar(out Exemplar exemplar)
    {
        exemplar = default;
        return false;
    }

    private ExpositionEntry ParseCommentLine(ReadOnlySpan<byte> span)
    {
        var lineEnd = LineEnd(span, _pos);
        var p = _pos + 1;
        var afterHash = SkipBlanks(span, p);
        ExpositionEntry entry = ExpositionEntry.Comment;
        if (afterHash > p)
        {
            var rest = span[afterHash..lineEnd];
            if (rest.Length > 4 && rest[4] is (byte)' ' or (byte)'\t')
            {
                if (rest.StartsWith("HELP"u8))
                {
                    entry = ExpositionEntry.Help;
                }
                else if (rest.StartsWith("TYPE"u8))
                {
                    entry = ExpositionEntry.Type;
                }
            }
        }

        if (entry == ExpositionEntry.Comment)
        {
            _commentStart = _pos;
            _commentEnd = lineEnd;
            _pos = Math.Min(lineEnd + 1, span.Length);
            return entry;
        }

        p = SkipBlanks(span, afterHash + 4);
        if (p < lineEnd && span[p] == '"')
        {
            _nameStart = p + 1;
            p = ScanQuoted(span, p + 1);
            _nameEnd = p;
            p++;
        }
        else if (p < lineEnd && IsMetricNameStart(span[p]))
        {
            _nameStart = p;
            p = ScanMetricName(span, p);
            _nameEnd = p;
        }
        else
        {
            Fail(p, entry == ExpositionEntry.Help ? "expected metric name after HELP" : "expected metric name after TYPE");
        }

        // Prometheus takes the rest of the line as the text and drops its first character (the separator).
        var text = p < lineEnd ? span[(p + 1)..lineEnd] : default;
        _pos = Math.Min(lineEnd + 1, span.Length);
        if (entry == ExpositionEntry.Type)
        {
            _type = ParseType(text, p);
            if (Mode == ParserMode.Strict && !_seenType.Add(Encoding.UTF8.GetString(FamilyName)))
            {
                Fail(_lineStart, "second TYPE line for this metric name");
            }

            return entry;
        }

        if (!Utf8.IsValid(text))
        {
            Fail(p + 1, "help text is not valid UTF-8");
        }

        if (_scratch.Length < text.Length)
        {
            _scratch = new byte[Math.Max(text.Length, _scratch.Length * 2)];
        }

        _helpLength = Unescape(text, _scratch, quoteEscape: false);
        if (Mode == ParserMode.Strict && !_seenHelp.Add(Encoding.UTF8.GetString(FamilyName)))
        {
            Fail(_lineStart, "second HELP line for this metric name");
        }

        return entry;
    }

    private MetricType ParseType(ReadOnlySpan<byte> text, int position)
    {
        if (text.SequenceEqual("counter"u8))
        {
            return MetricType.Counter;
        }

        if (text.SequenceEqual("gauge"u8))
        {
            return MetricType.Gauge;
        }

        if (text.SequenceEqual("histogram"u8))
        {
            return MetricType.Histogram;
        }

        if (text.SequenceEqual("summary"u8))
        {
            return MetricType.Summary;
        }

        if (!text.SequenceEqual("untyped"u8))
        {
            Fail(position + 1, "invalid metric type; expected counter, gauge, histogram, summary or untyped");
        }

        return MetricType.Unknown;
    }

    private ExpositionEntry ParseSampleLine(ReadOnlySpan<byte> span)
    {
        var p = _pos;
        _seriesStart = p;
        _labels.Clear();
        _metricNameStart = _metricNameEnd = -1;
        if (span[p] != '{')
        {
            _metricNameStart = p;
            p = ScanMetricName(span, p);
            _metricNameEnd = p;
            p = SkipBlanks(span, p);
        }

        if (p < span.Length && span[p] == '{')
        {
            p = ParseLabelSet(span, p + 1);
            if (_metricNameStart < 0)
            {
                Fail(_seriesStart, "metric name not set: a label set without a name needs a quoted name inside it");
            }

            _seriesEnd = p;
            p = SkipBlanks(span, p);
        }
        else
        {
            _seriesEnd = _metricNameEnd;
        }

        var valueEnd = p;
        while (valueEnd < span.Length && span[valueEnd] is not ((byte)'{' or (byte)' ' or (byte)'\t' or (byte)'\n'))
        {
            valueEnd++;
        }

        if (valueEnd == p)
        {
            Fail(p, "expected value after metric");
        }

        if (!TryParseFloat(span[p..valueEnd], NumberDialect.Scrape, out _value))
        {
            Fail(p, "invalid value");
        }

        p = SkipBlanks(span, valueEnd);
        _hasTimestamp = false;
        _timestampMs = 0;
        if (p < span.Length && IsDigit(span[p]))
        {
            var tsStart = p;
            while (p < span.Length && IsDigit(span[p]))
            {
                p++;
            }

            if (!TryParseInt64(span[tsStart..p], out _timestampMs))
            {
                Fail(tsStart, "timestamp out of range");
            }

            _hasTimestamp = true;
            p = SkipBlanks(span, p);
        }

        if (p < span.Length && span[p] != '\n')
        {
            Fail(p, _hasTimestamp ? "expected next entry after timestamp" : "expected timestamp or new record");
        }

        _pos = Math.Min(p + 1, span.Length);
        return ExpositionEntry.Series;
    }

    /// <summary>Parses labels after <c>{</c>; spaces and tabs may surround tokens and a trailing comma is allowed.</summary>
    private int ParseLabelSet(ReadOnlySpan<byte> span, int p)
    {
        while (true)
        {
            p = SkipBlanks(span, p);
            if (p >= span.Length)
            {
                Fail(p, "unterminated label set");
            }

            if (span[p] == '}')
            {
                return p + 1;
            }

            int nameStart;
            int nameEnd;
            var quoted = span[p] == '"';
            if (quoted)
            {
                nameStart = p + 1;
                nameEnd = ScanQuoted(span, p + 1);
                p = nameEnd + 1;
            }
            else if (IsLabelNameStart(span[p]))
            {
                nameStart = p;
                p++;
                while (p < span.Length && IsLabelNameChar(span[p]))
                {
                    p++;
                }

                nameEnd = p;
            }
            else
            {
                Fail(p, "expected label name");
                return p;
            }

            p = SkipBlanks(span, p);
            if (quoted && p < span.Length && span[p] is (byte)',' or (byte)'}')
            {
                // A quoted string on its own is the metric name (Prometheus 3).
                if (_metricNameStart >= 0)
                {
                    Fail(nameStart - 1, "metric name already set");
                }

                _metricNameStart = nameStart;
                _metricNameEnd = nameEnd;
                if (span[p] == ',')
                {
                    p++;
                }

                continue;
            }

            if (p >= span.Length || span[p] != '=')
            {
                Fail(p, "expected '=' after label name");
            }

            p = SkipBlanks(span, p + 1);
            if (p >= span.Length || span[p] != '"')
            {
                Fail(p, "expected '\"' to start the label value");
            }

            var valueStart = p + 1;
            var valueEnd = ScanQuoted(span, valueStart);
            if (!Utf8.IsValid(span[valueStart..valueEnd]))
            {
                Fail(valueStart, "label value is not valid UTF-8");
            }

            _labels.Add(nameStart, nameEnd, valueStart, valueEnd);
            if (_labels.LastIsDuplicate(span) || IsMetricNameLabel(span[nameStart..nameEnd]))
            {
                Fail(nameStart, "duplicate label name");
            }

            p = SkipBlanks(span, valueEnd + 1);
            if (p < span.Length && span[p] == ',')
            {
                p++;
                continue;
            }

            if (p >= span.Length || span[p] != '}')
            {
                Fail(p, "expected ',' or '}' after label value");
            }
        }
    }

    private bool IsMetricNameLabel(ReadOnlySpan<byte> name) => _metricNameStart >= 0 && name.SequenceEqual("__name__"u8);

    private int ScanQuoted(ReadOnlySpan<byte> span, int p)
    {
        while (true)
        {
            var i = span[p..].IndexOfAny((byte)'"', (byte)'\\');
            if (i < 0)
            {
                Fail(span.Length, "unterminated quoted string");
            }

            p += i;
            if (span[p] == '"')
            {
                return p;
            }

            if (p + 1 >= span.Length || span[p + 1] == '\n')
            {
                Fail(p, "unterminated quoted string");
            }

            p += 2;
        }
    }

    private static int ScanMetricName(ReadOnlySpan<byte> span, int p)
    {
        p++;
        while (p < span.Length && IsMetricNameChar(span[p]))
        {
            p++;
        }

        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipBlanks(ReadOnlySpan<byte> span, int p)
    {
        while (p < span.Length && span[p] is (byte)' ' or (byte)'\t')
        {
            p++;
        }

        return p;
    }

    private static int LineEnd(ReadOnlySpan<byte> span, int p)
    {
        var i = span[p..].IndexOf((byte)'\n');
        return i < 0 ? span.Length : p + i;
    }

    [DoesNotReturn]
    private void Fail(int position, string reason) =>
        throw new ExpositionParseException(_line, position - _lineStart + 1, reason);
}
