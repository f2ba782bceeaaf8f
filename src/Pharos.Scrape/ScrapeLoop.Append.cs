using System.Text;
using Pharos.Exposition;
using Pharos.Model;
using Pharos.Model.Relabel;
using Pharos.Storage;

namespace Pharos.Scrape;

internal sealed partial class ScrapeLoop
{
    private const string ExportedLabelPrefix = "exported_";

    private readonly ExpositionParser?[] _parsers = new ExpositionParser?[3];
    private readonly LabelsBuilder _builder = new();
    private readonly ReportSeries[] _reportSeries;
    private FloatHistogram? _histogram;

    /// <summary>What one append of a scrape body did.</summary>
    /// <param name="Total">Samples parsed.</param>
    /// <param name="Added">Samples left after metric relabeling.</param>
    /// <param name="SeriesAdded">Series not seen in the previous scrape.</param>
    /// <param name="Error">Why the scrape is rejected (parse error, a limit), or null.</param>
    internal readonly record struct AppendResult(int Total, int Added, int SeriesAdded, string? Error);

    /// <summary>
    /// Parses <paramref name="body"/> and appends its samples, then staleness markers for the series of the previous
    /// scrape that are gone. An empty body is a failed scrape: every series of the previous scrape is marked stale.
    /// On an error the caller must roll the batch back.
    /// </summary>
    internal AppendResult Append(IAppender app, ReadOnlyMemory<byte> body, ExpositionFormat format, long defaultTimestampMs)
    {
        if (body.IsEmpty)
        {
            Cache.ForgetCurrent();
            AppendStaleMarkers(app, defaultTimestampMs);
            Cache.IterationDone(flush: false);
            return default;
        }

        var parser = _parsers[(int)format] ??= ExpositionParser.Create(format, ParserMode.Scrape);
        parser.Reset(body);
        var config = _job.Config;
        var sampleLimit = config.SampleLimit;
        var honorTimestamps = config.HonorTimestamps;
        var trackTimestampsStaleness = config.TrackTimestampsStaleness;
        int total = 0, added = 0, seriesAdded = 0;
        var sampleLimitExceeded = false;
        string? error = null;
        try
        {
            ExpositionEntry kind;
            while ((kind = parser.Next()) != ExpositionEntry.EndOfInput)
            {
                switch (kind)
                {
                    case ExpositionEntry.Type:
                        Cache.SetType(parser.FamilyName, parser.Type);
                        continue;
                    case ExpositionEntry.Help:
                        Cache.SetHelp(parser.FamilyName, parser.Help);
                        continue;
                    case ExpositionEntry.Unit:
                        Cache.SetUnit(parser.FamilyName, parser.Unit);
                        continue;
                    case ExpositionEntry.Series:
                    case ExpositionEntry.Histogram:
                        break;
                    default:
                        continue;
                }

                if (kind == ExpositionEntry.Histogram && !config.ScrapeNativeHistograms)
                {
                    continue;
                }

                total++;
                var timestampMs = defaultTimestampMs;
                var hasTimestamp = honorTimestamps && parser.HasTimestamp;
                if (hasTimestamp)
                {
                    timestampMs = parser.TimestampMs;
                }

                var series = parser.Series;
                SeriesRef seriesRef;
                Labels labels;
                ulong hash;
                var hit = Cache.TryGet(series, out var entry);
                if (hit)
                {
                    if (entry.Dropped)
                    {
                        continue;
                    }

                    seriesRef = entry.Ref;
                    labels = entry.Labels;
                    hash = entry.Hash;
                }
                else
                {
                    parser.GetLabels(_builder);
                    if (!MutateSampleLabels(out labels))
                    {
                        Cache.Add(series, Labels.Empty, dropped: true);
                        continue;
                    }

                    error = CheckLabels(labels);
                    if (error is not null)
                    {
                        break;
                    }

                    seriesRef = SeriesRef.None;
                    hash = labels.Hash();
                }

                // Every sample left after relabeling counts, even past the limit, so the report says how many there were.
                added++;
                if (sampleLimit > 0 && (ulong)added > sampleLimit)
                {
                    sampleLimitExceeded = true;
                    continue;
                }

                var status = kind == ExpositionEntry.Series
                    ? app.Append(ref seriesRef, labels, timestampMs, parser.Value)
                    : AppendHistogram(app, parser, ref seriesRef, labels, timestampMs);
                CountRejection(status);
                if (!hasTimestamp || trackTimestampsStaleness)
                {
                    Cache.TrackStaleness(hash, labels);
                }

                if (hit)
                {
                    entry.Ref = seriesRef;
                }
                else
                {
                    if (seriesRef.IsSet)
                    {
                        Cache.Add(series, labels, dropped: false).Ref = seriesRef;
                    }

                    if (status == AppendStatus.Ok)
                    {
                        seriesAdded++;
                    }
                }
            }
        }
        catch (ExpositionParseException ex)
        {
            error = ex.Message;
        }

        if (error is null && sampleLimitExceeded)
        {
            _metrics.ExceededSampleLimit.Inc();
            error = "sample limit exceeded";
        }

        if (error is not null)
        {
            return new AppendResult(total, added, seriesAdded, error);
        }

        AppendStaleMarkers(app, defaultTimestampMs);
        Cache.IterationDone(flush: true);
        return new AppendResult(total, added, seriesAdded, null);
    }

    private AppendStatus AppendHistogram(IAppender app, ExpositionParser parser, ref SeriesRef seriesRef, Labels labels, long timestampMs)
    {
        // The storage may keep the histogram, so each sample gets its own.
        _histogram = new FloatHistogram();
        parser.GetFloatHistogram(_histogram);
        return app.AppendHistogram(ref seriesRef, labels, timestampMs, _histogram);
    }

    private void CountRejection(AppendStatus status)
    {
        switch (status)
        {
            case AppendStatus.OutOfOrder:
                _metrics.SampleOutOfOrder.Inc();
                break;
            case AppendStatus.DuplicateTimestamp:
                _metrics.SampleDuplicate.Inc();
                break;
            case AppendStatus.OutOfBounds:
            case AppendStatus.TooOld:
                _metrics.SampleOutOfBounds.Inc();
                break;
        }
    }

    private void AppendStaleMarkers(IAppender app, long timestampMs)
    {
        var state = new StaleState(app, timestampMs);
        Cache.ForEachStale(ref state, static (ref StaleState s, Labels labels) =>
        {
            var none = SeriesRef.None;
            // Rejections (a newer sample already there) are expected and ignored, as upstream.
            s.App.Append(ref none, labels, s.TimestampMs, StaleMarker.StaleNaN);
        });
    }

    // Upstream's mutateSampleLabels followed by metric relabeling; the builder holds the scraped labels.
    private bool MutateSampleLabels(out Labels labels)
    {
        var target = _target.Labels;
        if (_job.Config.HonorLabels)
        {
            foreach (var l in target)
            {
                if (_builder.Get(l.Name).Length == 0)
                {
                    _builder.Set(l.Name, l.Value);
                }
            }
        }
        else
        {
            List<Label>? conflicts = null;
            foreach (var l in target)
            {
                var exposed = _builder.Get(l.Name);
                if (exposed.Length > 0)
                {
                    (conflicts ??= []).Add(new Label(l.Name, exposed));
                }

                _builder.Set(l.Name, l.Value);
            }

            if (conflicts is not null)
            {
                // Shorter names first, each prefixed until free, so exported_x never overwrites an exported_exported_x.
                conflicts.Sort(static (a, b) => a.Name.Length - b.Name.Length);
                foreach (var c in conflicts)
                {
                    var name = c.Name;
                    do
                    {
                        name = ExportedLabelPrefix + name;
                    }
                    while (_builder.Get(name).Length > 0);
                    _builder.Set(name, c.Value);
                }
            }
        }

        var rules = _job.Config.MetricRelabelConfigs;
        if (rules.Count > 0 && !Relabeler.Process(_builder, rules))
        {
            labels = Labels.Empty;
            return false;
        }

        labels = _builder.ToLabels();
        return !labels.IsEmpty;
    }

    // Upstream's verifyLabelLimits plus the mandatory name and valid names checks, on a cache miss only.
    private string? CheckLabels(Labels labels)
    {
        var config = _job.Config;
        var metric = labels.MetricName;
        if (metric.Length == 0)
        {
            return "__name__ label is missing";
        }

        if (config.LabelLimit > 0 && (ulong)labels.Count > config.LabelLimit)
        {
            _metrics.ExceededLabelLimits.Inc();
            return $"label_limit exceeded (metric: {Truncate(metric)}, number of labels: {labels.Count}, limit: {config.LabelLimit})";
        }

        foreach (var l in labels)
        {
            var nameLength = Encoding.UTF8.GetByteCount(l.Name);
            if (config.LabelNameLengthLimit > 0 && (ulong)nameLength > config.LabelNameLengthLimit)
            {
                _metrics.ExceededLabelLimits.Inc();
                return $"label_name_length_limit exceeded (metric: {Truncate(metric)}, label name: {Truncate(l.Name)}, length: {nameLength}, limit: {config.LabelNameLengthLimit})";
            }

            var valueLength = Encoding.UTF8.GetByteCount(l.Value);
            if (config.LabelValueLengthLimit > 0 && (ulong)valueLength > config.LabelValueLengthLimit)
            {
                _metrics.ExceededLabelLimits.Inc();
                var quoted = GoQuoting.Quote(Truncate(l.Value));
                return $"label_value_length_limit exceeded (metric: {Truncate(metric)}, label name: {Truncate(l.Name)}, value: {quoted}, length: {valueLength}, limit: {config.LabelValueLengthLimit})";
            }
        }

        if (!labels.TryValidate(config.MetricNameValidationScheme, out _))
        {
            return $"invalid metric name or label names: {labels}";
        }

        return null;
    }

    // Go's %.50s: at most 50 runes.
    private static string Truncate(string s)
    {
        if (s.Length <= 50)
        {
            return s;
        }

        var runes = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                i++;
            }

            if (++runes == 50)
            {
                return s[..(i + 1)];
            }
        }

        return s;
    }

    private void AppendReport(IAppender app, long timestampMs, TimeSpan duration, AppendResult result, string? error)
    {
        var config = _job.Config;
        AppendReportSample(app, 0, timestampMs, error is null ? 1 : 0);
        AppendReportSample(app, 1, timestampMs, duration.TotalSeconds);
        AppendReportSample(app, 2, timestampMs, result.Total);
        AppendReportSample(app, 3, timestampMs, result.Added);
        AppendReportSample(app, 4, timestampMs, result.SeriesAdded);
        if (_reportSeries.Length > 5)
        {
            AppendReportSample(app, 5, timestampMs, _target.Timeout.TotalSeconds);
            AppendReportSample(app, 6, timestampMs, config.SampleLimit);
            AppendReportSample(app, 7, timestampMs, error is null ? _body.Length : 0);
        }
    }

    private void AppendReportStale(IAppender app, long timestampMs)
    {
        for (var i = 0; i < _reportSeries.Length; i++)
        {
            AppendReportSample(app, i, timestampMs, StaleMarker.StaleNaN);
        }
    }

    private void AppendReportSample(IAppender app, int index, long timestampMs, double value)
    {
        ref var series = ref _reportSeries[index];
        var status = app.Append(ref series.Ref, series.Labels, timestampMs, value);
        CountRejection(status);
    }

    // up, scrape_duration_seconds, … with the target's labels, as upstream's mutateReportSampleLabels.
    private static ReportSeries[] CreateReportSeries(Labels target, bool extra)
    {
        string[] names = extra
            ? ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added", "scrape_timeout_seconds", "scrape_sample_limit", "scrape_body_size_bytes"]
            : ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"];
        var result = new ReportSeries[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var builder = new LabelsBuilder(target);
            builder.Set(LabelNames.MetricName, names[i]);
            result[i] = new ReportSeries { Labels = builder.ToLabels() };
        }

        return result;
    }

    private struct ReportSeries
    {
        public Labels Labels;
        public SeriesRef Ref;
    }

    private readonly record struct StaleState(IAppender App, long TimestampMs);
}
