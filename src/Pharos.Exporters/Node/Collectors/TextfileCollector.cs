using Pharos.Client;
using Pharos.Exposition;
using Pharos.Exposition.Model;
using ModelType = Pharos.Model.MetricType;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>textfile</c>: metrics from the <c>*.prom</c> files in <c>--collector.textfile.directory</c>, written by cron
/// jobs and the like in the Prometheus text format. A file that cannot be read or parsed, or that carries
/// client-side timestamps, is skipped and sets <c>node_textfile_scrape_error</c>; the other files still count.
/// Families spread over several files are merged; families without help get one naming their files.
/// </summary>
internal sealed class TextfileCollector(NodeCollectorOptions options) : INodeCollector
{
    public string Name => "textfile";

    public void Update(MetricBatch batch)
    {
        var directory = options.TextfileDirectory;
        var error = false;
        var families = new SortedDictionary<string, MergedFamily>(StringComparer.Ordinal);
        var mtimes = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (directory.Length > 0)
        {
            string[] files;
            try
            {
                files = Directory.GetFiles(directory, "*.prom");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                files = [];
                error = true;
            }

            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (TryRead(file, families))
                {
                    mtimes[file] = new DateTimeOffset(File.GetLastWriteTimeUtc(file)).ToUnixTimeMilliseconds() / 1000.0;
                }
                else
                {
                    error = true;
                }
            }
        }

        foreach (var family in families.Values)
        {
            batch.Add(family.ToSnapshot());
        }

        foreach (var (file, mtime) in mtimes)
        {
            batch.Gauge("node_textfile_mtime_seconds", "Unixtime mtime of textfiles successfully read.", mtime, ("file", file));
        }

        batch.Gauge("node_textfile_scrape_error", "1 if there was an error opening or reading a file, 0 otherwise", error ? 1 : 0);
    }

    private static bool TryRead(string file, SortedDictionary<string, MergedFamily> families)
    {
        List<MetricFamily> parsed;
        try
        {
            parsed = MetricFamilyReader.Read(File.ReadAllBytes(file), Pharos.Exposition.ExpositionFormat.PrometheusText);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ExpositionParseException)
        {
            return false;
        }

        foreach (var family in parsed)
        {
            if (family.Points.Exists(p => p.TimestampMs is not null))
            {
                // Upstream refuses client-side timestamps: the file would shadow fresher data.
                return false;
            }
        }

        foreach (var family in parsed)
        {
            if (!families.TryGetValue(family.Name, out var merged))
            {
                merged = new MergedFamily(family.Name, family.Type, family.Help);
                families.Add(family.Name, merged);
            }

            merged.Files.Add(file);
            merged.Points.AddRange(family.Points);
        }

        return true;
    }

    private sealed class MergedFamily(string name, ModelType type, string help)
    {
        public List<string> Files { get; } = [];

        public List<Pharos.Exposition.Model.MetricPoint> Points { get; } = [];

        public MetricFamilySnapshot ToSnapshot()
        {
            var text = help.Length > 0 ? help : $"Metric read from {string.Join(", ", Files)}";
            var points = new List<Pharos.Client.MetricPoint>(Points.Count);
            var clientType = type switch
            {
                ModelType.Counter => Pharos.Client.MetricType.Counter,
                ModelType.Gauge => Pharos.Client.MetricType.Gauge,
                ModelType.Histogram => Pharos.Client.MetricType.Histogram,
                ModelType.Summary => Pharos.Client.MetricType.Summary,
                _ => Pharos.Client.MetricType.Unknown,
            };
            foreach (var point in Points)
            {
                var labels = new List<KeyValuePair<string, string>>();
                foreach (var label in point.Labels)
                {
                    if (label.Name != "__name__")
                    {
                        labels.Add(new(label.Name, label.Value));
                    }
                }

                points.Add(clientType switch
                {
                    Pharos.Client.MetricType.Histogram => Pharos.Client.MetricPoint.ForHistogram(
                        [.. point.Buckets.Select(b => new HistogramBucket(b.UpperBound, (long)b.CumulativeCount))],
                        point.Sum,
                        labels),
                    Pharos.Client.MetricType.Summary => Pharos.Client.MetricPoint.ForSummary(
                        [.. point.Quantiles.Select(q => new SummaryQuantile(q.Rank, q.Value))],
                        (long)point.Count,
                        point.Sum,
                        labels),
                    _ => Pharos.Client.MetricPoint.Sample(point.Value, labels),
                });
            }

            return new MetricFamilySnapshot(name, clientType, text, points);
        }
    }
}
