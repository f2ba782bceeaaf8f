using Pharos.Exposition.Model;
using Pharos.Model;

namespace Pharos.Exposition.Tests.Writing;

/// <summary>Hand-built families covering every type and the escaping and number-formatting corner cases.</summary>
internal static class SampleFamilies
{
    public static List<MetricFamily> All()
    {
        var counter = new MetricFamily("http_requests_total", MetricType.Counter, "Total HTTP requests.");
        counter.Add(new MetricPoint(Labels.FromStrings("code", "200", "method", "get"), 1027));
        var withExemplar = new MetricPoint(Labels.FromStrings("code", "500", "method", "post"), 3)
        {
            CreatedTimestampMs = 1_700_000_000_123,
        };
        withExemplar.Exemplars.Add(new Exemplar(Labels.FromStrings("trace_id", "abc123"), 0.5, 1_700_000_001_000, true));
        counter.Add(withExemplar);

        var gauge = new MetricFamily("node_memory_MemTotal_bytes", MetricType.Gauge, "Memory information field MemTotal_bytes.")
            .Add(new MetricPoint(Labels.Empty, 16777216000));

        var escaping = new MetricFamily("escape_gauge", MetricType.Gauge, "Help with \\ backslash,\nnewline and \"quotes\".")
            .Add(new MetricPoint(Labels.FromStrings("path", "C:\\dir\n\"x\""), -1))
            .Add(new MetricPoint(Labels.FromStrings("path", "ünïcödé"), 1e-7) { TimestampMs = 1_500_000_000_000 });

        var numbers = new MetricFamily("numbers", MetricType.Unknown)
            .Add(new MetricPoint(Labels.FromStrings("v", "a"), 0.1))
            .Add(new MetricPoint(Labels.FromStrings("v", "b"), 123456.789))
            .Add(new MetricPoint(Labels.FromStrings("v", "c"), 1234567))
            .Add(new MetricPoint(Labels.FromStrings("v", "d"), 0.0001))
            .Add(new MetricPoint(Labels.FromStrings("v", "e"), 0.00001234))
            .Add(new MetricPoint(Labels.FromStrings("v", "f"), double.PositiveInfinity))
            .Add(new MetricPoint(Labels.FromStrings("v", "g"), double.NegativeInfinity))
            .Add(new MetricPoint(Labels.FromStrings("v", "h"), double.NaN))
            .Add(new MetricPoint(Labels.FromStrings("v", "i"), -0.0))
            .Add(new MetricPoint(Labels.FromStrings("v", "j"), 1e21))
            .Add(new MetricPoint(Labels.FromStrings("v", "k"), 5e-324));

        var histogram = new MetricFamily("request_duration_seconds", MetricType.Histogram, "Request latency.", "seconds");
        var h = new MetricPoint(Labels.FromStrings("job", "api")) { Count = 144320, Sum = 53423, CreatedTimestampMs = 1_600_000_000_000 };
        h.Buckets.Add(new ClassicBucket(0.05, 24054));
        h.Buckets.Add(new ClassicBucket(0.1, 33444, new Exemplar(Labels.FromStrings("trace_id", "KOO5S4vxi0o"), 0.067, 0, false)));
        h.Buckets.Add(new ClassicBucket(1, 100392));
        h.Buckets.Add(new ClassicBucket(double.PositiveInfinity, 144320));
        histogram.Add(h);

        var summary = new MetricFamily("rpc_duration_seconds", MetricType.Summary, "RPC latency.");
        var s = new MetricPoint(Labels.FromStrings("service", "exposition")) { Count = 2693, Sum = 17560473 };
        s.Quantiles.Add(new Quantile(0.01, 3102));
        s.Quantiles.Add(new Quantile(0.5, 4773));
        s.Quantiles.Add(new Quantile(1, 76656));
        summary.Add(s);

        var utf8 = new MetricFamily("my.dotted.metric", MetricType.Gauge)
            .Add(new MetricPoint(Labels.FromStrings("some.label", "x"), 2));

        return [counter, gauge, escaping, numbers, histogram, summary, utf8];
    }

    public static List<MetricFamily> OpenMetricsOnly()
    {
        var info = new MetricFamily("build_info", MetricType.Info, "Build information.")
            .Add(new MetricPoint(Labels.FromStrings("version", "1.2.3"), 1));
        var stateset = new MetricFamily("door", MetricType.StateSet)
            .Add(new MetricPoint(Labels.FromStrings("door", "open"), 1))
            .Add(new MetricPoint(Labels.FromStrings("door", "closed"), 0));
        var gh = new MetricFamily("queue_size_bytes", MetricType.GaugeHistogram, string.Empty, "bytes");
        var p = new MetricPoint(Labels.Empty) { Count = 42, Sum = 3289.5 };
        p.Buckets.Add(new ClassicBucket(1024, 10));
        p.Buckets.Add(new ClassicBucket(double.PositiveInfinity, 42));
        gh.Add(p);
        var counterWithoutTotal = new MetricFamily("legacy_requests", MetricType.Counter).Add(new MetricPoint(Labels.Empty, 7) { TimestampMs = 1_520_879_607_789 });
        return [info, stateset, gh, counterWithoutTotal];
    }
}
