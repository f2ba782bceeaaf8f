using System.Globalization;
using System.Text;
using Pharos.Model;

namespace Pharos.Exposition.Model;

/// <summary>
/// Drives an <see cref="ExpositionParser"/> over a whole payload and regroups its flat series into
/// <see cref="MetricFamily"/> objects, as client_golang's <c>expfmt</c> decoder does for the text formats: the
/// <c>_bucket</c>, <c>_sum</c>, <c>_count</c>, <c>_gsum</c>, <c>_gcount</c>, <c>_created</c> and quantile series of
/// a family are folded back into one point per label set. A sample that does not belong to the family declared
/// before it starts a new family of unknown type named after the sample. Families without samples are dropped.
/// </summary>
/// <remarks>
/// Allocates freely (strings, lists): this is for tools, tests, federation checks and format conversion, not for the
/// scrape hot path. Not thread-safe; reusable across payloads.
/// </remarks>
public sealed class MetricFamilyReader
{
    private const int MaxExemplarsPerSample = 128;

    private readonly ExpositionParser _parser;
    private readonly LabelsBuilder _builder = new();

    /// <summary>Creates a reader over <paramref name="parser"/>.</summary>
    /// <param name="parser">The parser to drive; the reader calls its <see cref="ExpositionParser.Reset"/>.</param>
    public MetricFamilyReader(ExpositionParser parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        _parser = parser;
    }

    /// <summary>Parses <paramref name="payload"/> in <paramref name="format"/> into families.</summary>
    /// <param name="payload">The whole payload.</param>
    /// <param name="format">The exposition format.</param>
    /// <param name="mode">The parser mode; <see cref="ParserMode.Strict"/> by default.</param>
    /// <returns>The families in exposition order.</returns>
    /// <exception cref="ExpositionParseException">The payload is malformed.</exception>
    public static List<MetricFamily> Read(ReadOnlyMemory<byte> payload, ExpositionFormat format, ParserMode mode = ParserMode.Strict) =>
        new MetricFamilyReader(ExpositionParser.Create(format, mode)).Read(payload);

    /// <summary>Parses <paramref name="payload"/> into families.</summary>
    /// <param name="payload">The whole payload; it must not change during the call.</param>
    /// <returns>The families in exposition order.</returns>
    /// <exception cref="ExpositionParseException">The payload is malformed.</exception>
    public List<MetricFamily> Read(ReadOnlyMemory<byte> payload)
    {
        _parser.Reset(payload);
        var families = new List<MetricFamily>();
        FamilyState? current = null;
        ExpositionEntry entry;
        while ((entry = _parser.Next()) != ExpositionEntry.EndOfInput)
        {
            switch (entry)
            {
                case ExpositionEntry.Type:
                case ExpositionEntry.Help:
                case ExpositionEntry.Unit:
                    current = OnMetadata(entry, current, families);
                    break;
                case ExpositionEntry.Series:
                    current = OnSeries(current, families);
                    break;
                case ExpositionEntry.Histogram:
                    current = OnHistogram(current, families);
                    break;
                default:
                    break;
            }
        }

        families.RemoveAll(f => f.Points.Count == 0);
        return families;
    }

    private FamilyState OnMetadata(ExpositionEntry entry, FamilyState? current, List<MetricFamily> families)
    {
        var metadataName = Encoding.UTF8.GetString(_parser.FamilyName);
        if (current is null || current.MetadataName != metadataName || current.Family.Points.Count > 0 && entry == ExpositionEntry.Type)
        {
            current = new FamilyState(metadataName, new MetricFamily(metadataName, MetricType.Unknown));
            families.Add(current.Family);
        }

        var family = current.Family;
        switch (entry)
        {
            case ExpositionEntry.Type:
                family.Type = _parser.Type;
                family.Name = SampleName(metadataName, family.Type);
                break;
            case ExpositionEntry.Help:
                family.Help = Encoding.UTF8.GetString(_parser.Help);
                family.HasHelp = true;
                break;
            default:
                family.Unit = Encoding.UTF8.GetString(_parser.Unit);
                break;
        }

        return current;
    }

    // OpenMetrics declares counters and info metrics by their base name; the model names them by their samples.
    private string SampleName(string metadataName, MetricType type)
    {
        if (_parser.Format != ExpositionFormat.OpenMetricsText)
        {
            return metadataName;
        }

        return type switch
        {
            MetricType.Counter => metadataName + "_total",
            MetricType.Info => metadataName + "_info",
            _ => metadataName,
        };
    }

    private FamilyState OnSeries(FamilyState? current, List<MetricFamily> families)
    {
        _parser.GetLabels(_builder);
        var all = _builder.ToLabels();
        var name = all.MetricName;
        var role = current is null ? SeriesRole.None : Classify(current.Family, name);
        if (role == SeriesRole.None)
        {
            current = new FamilyState(name, new MetricFamily(name, MetricType.Unknown));
            families.Add(current.Family);
            role = SeriesRole.Value;
        }

        var labels = all.Without(LabelNames.MetricName);
        var value = _parser.Value;
        switch (role)
        {
            case SeriesRole.Bucket:
                {
                    var le = ParseFloat(labels.Get("le"));
                    var point = current!.Point(labels.Without("le"), _parser);
                    Exemplar? exemplar = _parser.TryGetExemplar(out var e) ? e : null;
                    point.Buckets.Add(new ClassicBucket(le, value, exemplar));
                    ReadCreated(point);
                    break;
                }

            case SeriesRole.Quantile:
                {
                    var rank = ParseFloat(labels.Get("quantile"));
                    var point = current!.Point(labels.Without("quantile"), _parser);
                    point.Quantiles.Add(new Quantile(rank, value));
                    ReadCreated(point);
                    break;
                }

            case SeriesRole.Sum:
                {
                    var point = current!.Point(labels, _parser);
                    point.Sum = value;
                    point.HasSum = true;
                    ReadCreated(point);
                    break;
                }

            case SeriesRole.Count:
                {
                    var point = current!.Point(labels, _parser);
                    point.Count = value;
                    point.HasCount = true;
                    ReadCreated(point);
                    break;
                }

            case SeriesRole.Created:
                current!.Point(labels, null).CreatedTimestampMs = (long)Math.Round(value * 1000);
                break;

            default:
                {
                    var point = current!.Point(labels, _parser);
                    point.Value = value;
                    ReadExemplars(point);

                    ReadCreated(point);
                    break;
                }
        }

        return current!;
    }

    private FamilyState OnHistogram(FamilyState? current, List<MetricFamily> families)
    {
        _parser.GetLabels(_builder);
        var all = _builder.ToLabels();
        var name = all.MetricName;
        if (current is null || current.Family.Name != name)
        {
            current = new FamilyState(name, new MetricFamily(name, MetricType.Histogram));
            families.Add(current.Family);
        }

        var point = current.Point(all.Without(LabelNames.MetricName), _parser);
        var histogram = new FloatHistogram();
        _parser.GetFloatHistogram(histogram);
        point.NativeHistogram = histogram;
        point.Count = histogram.Count;
        point.Sum = histogram.Sum;
        point.HasCount = true;
        point.HasSum = true;
        ReadExemplars(point);

        ReadCreated(point);
        return current;
    }

    // Every parser reports each exemplar of the current sample once, then false; the bound protects memory from a
    // protobuf payload with an absurd number of exemplars.
    private void ReadExemplars(MetricPoint point)
    {
        while (point.Exemplars.Count < MaxExemplarsPerSample && _parser.TryGetExemplar(out var e))
        {
            point.Exemplars.Add(e);
        }
    }

    private void ReadCreated(MetricPoint point)
    {
        if (_parser.TryGetCreatedTimestamp(out var createdMs))
        {
            point.CreatedTimestampMs = createdMs;
        }
    }

    private static SeriesRole Classify(MetricFamily family, string name)
    {
        var n = family.Name;
        switch (family.Type)
        {
            case MetricType.Counter:
                if (name == n)
                {
                    return SeriesRole.Value;
                }

                var counterBase = n.EndsWith("_total", StringComparison.Ordinal) ? n[..^6] : n;
                return IsSuffixed(name, counterBase, "_created") ? SeriesRole.Created : SeriesRole.None;

            case MetricType.Summary:
                return name == n ? SeriesRole.Quantile
                    : IsSuffixed(name, n, "_sum") ? SeriesRole.Sum
                    : IsSuffixed(name, n, "_count") ? SeriesRole.Count
                    : IsSuffixed(name, n, "_created") ? SeriesRole.Created
                    : SeriesRole.None;

            case MetricType.Histogram:
                return IsSuffixed(name, n, "_bucket") ? SeriesRole.Bucket
                    : IsSuffixed(name, n, "_sum") ? SeriesRole.Sum
                    : IsSuffixed(name, n, "_count") ? SeriesRole.Count
                    : IsSuffixed(name, n, "_created") ? SeriesRole.Created
                    : SeriesRole.None;

            case MetricType.GaugeHistogram:
                return IsSuffixed(name, n, "_bucket") ? SeriesRole.Bucket
                    : IsSuffixed(name, n, "_gsum") ? SeriesRole.Sum
                    : IsSuffixed(name, n, "_gcount") ? SeriesRole.Count
                    : SeriesRole.None;

            default:
                return name == n ? SeriesRole.Value : SeriesRole.None;
        }
    }

    private static bool IsSuffixed(string name, string baseName, string suffix) =>
        name.Length == baseName.Length + suffix.Length
        && name.StartsWith(baseName, StringComparison.Ordinal)
        && name.EndsWith(suffix, StringComparison.Ordinal);

    private static double ParseFloat(string text) => text switch
    {
        "+Inf" or "Inf" or "+inf" or "inf" => double.PositiveInfinity,
        "-Inf" or "-inf" => double.NegativeInfinity,
        "NaN" or "nan" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN,
    };

    private enum SeriesRole : byte
    {
        None,
        Value,
        Bucket,
        Quantile,
        Sum,
        Count,
        Created,
    }

    private sealed class FamilyState(string metadataName, MetricFamily family)
    {
        private readonly Dictionary<Labels, MetricPoint> _points = [];

        public string MetadataName { get; } = metadataName;

        public MetricFamily Family { get; } = family;

        // Finds or creates the point for a label set; the first sample seen sets its timestamp.
        public MetricPoint Point(Labels labels, ExpositionParser? sample)
        {
            if (!_points.TryGetValue(labels, out var point))
            {
                point = new MetricPoint(labels);
                if (Family.Type is MetricType.Summary or MetricType.Histogram or MetricType.GaugeHistogram)
                {
                    point.HasSum = false;
                    point.HasCount = false;
                }

                if (sample is { HasTimestamp: true })
                {
                    point.TimestampMs = sample.TimestampMs;
                }

                _points.Add(labels, point);
                Family.Points.Add(point);
            }

            return point;
        }
    }
}
