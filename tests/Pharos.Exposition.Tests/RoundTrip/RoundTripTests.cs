using System.Text;
using Pharos.Exposition.Model;
using Pharos.Exposition.Tests.Writing;
using Pharos.Model;
using Pharos.Testing;
using Xunit;

namespace Pharos.Exposition.Tests.RoundTrip;

public class RoundTripTests
{
    // NOTE: the OpenMetrics parser keeps "\"" in HELP text escaped, while the OpenMetrics ABNF (and Prometheus's
    // parser) unescape it, so help text with a double quote does not survive parse, write, parse. The case is
    // covered by the skipped test below until the parser unescapes it.
    private const string HelpEscapingCase = "help_escaping";

    public static TheoryData<ExpositionFormat> Formats => new()
    {
        ExpositionFormat.PrometheusText,
        ExpositionFormat.OpenMetricsText,
        ExpositionFormat.Protobuf,
    };

    public static TheoryData<string> OpenMetricsSuiteCases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RepositoryPaths.SharedTestData("openmetrics")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (!name.StartsWith("bad_", StringComparison.Ordinal) && name != HelpEscapingCase)
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Written_families_parse_back_to_the_same_families(ExpositionFormat format)
    {
        var families = ForFormat(format, SampleFamilies.All());
        var payload = RoundTripAssert.Write(format, families);
        var parsed = RoundTripAssert.Parse(format, payload);
        RoundTripAssert.AssertSameFamilies(families, parsed, format == ExpositionFormat.Protobuf ? null : Encoding.UTF8.GetString(payload));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Parse_write_parse_is_stable(ExpositionFormat format)
    {
        var payload = RoundTripAssert.Write(format, ForFormat(format, SampleFamilies.All()));
        var (_, rewritten) = RoundTripAssert.AssertStable(format, payload);
        Assert.Equal(payload, rewritten);
    }

    [Fact]
    public void OpenMetrics_only_types_survive_an_OpenMetrics_round_trip()
    {
        var families = SampleFamilies.OpenMetricsOnly().Where(f => f.Name != "legacy_requests").ToList();
        var payload = RoundTripAssert.Write(ExpositionFormat.OpenMetricsText, families);
        RoundTripAssert.AssertSameFamilies(families, RoundTripAssert.Parse(ExpositionFormat.OpenMetricsText, payload), Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public void Hand_written_text_is_reproduced_byte_for_byte()
    {
        const string Text = """
            # HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.
            # TYPE go_gc_duration_seconds summary
            go_gc_duration_seconds{quantile="0"} 2.4568e-05
            go_gc_duration_seconds{quantile="0.25"} 4.1232e-05
            go_gc_duration_seconds{quantile="1"} 0.001130126
            go_gc_duration_seconds_sum 0.027430845
            go_gc_duration_seconds_count 392
            # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
            # TYPE node_cpu_seconds_total counter
            node_cpu_seconds_total{cpu="0",mode="idle"} 1.1743527e+06
            node_cpu_seconds_total{cpu="0",mode="user"} 29832.57
            # HELP prometheus_http_request_duration_seconds Histogram of latencies for HTTP requests.
            # TYPE prometheus_http_request_duration_seconds histogram
            prometheus_http_request_duration_seconds_bucket{handler="/metrics",le="0.1"} 1502
            prometheus_http_request_duration_seconds_bucket{handler="/metrics",le="+Inf"} 1503
            prometheus_http_request_duration_seconds_sum{handler="/metrics"} 12.337
            prometheus_http_request_duration_seconds_count{handler="/metrics"} 1503
            # TYPE untyped_thing untyped
            untyped_thing{a="x\\y\"z\n"} -Inf 1712345678901

            """;
        var payload = Encoding.UTF8.GetBytes(Text);
        var (_, rewritten) = RoundTripAssert.AssertStable(ExpositionFormat.PrometheusText, payload);
        Assert.Equal(Text, Encoding.UTF8.GetString(rewritten));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_payload_spanning_many_buffer_chunks_round_trips(ExpositionFormat format)
    {
        // Regression: a float written right where the writer's 4 KiB chunk ran out used to be corrupted.
        var random = new Random(3);
        var family = new MetricFamily("node_cpu_seconds_total", MetricType.Counter, "Seconds the CPUs spent in each mode.");
        for (var i = 0; i < 5_000; i++)
        {
            family.Add(new MetricPoint(Labels.FromStrings("cpu", (i / 8).ToString(System.Globalization.CultureInfo.InvariantCulture), "mode", "m" + (i % 8)), Math.Round(random.NextDouble() * 1e6, 2)));
        }

        var payload = RoundTripAssert.Write(format, [family]);
        RoundTripAssert.AssertSameFamilies([family], RoundTripAssert.Parse(format, payload));
    }

    [Fact]
    public void Samples_without_metadata_become_untyped_families_as_in_expfmt()
    {
        var families = RoundTripAssert.Parse(ExpositionFormat.PrometheusText, "a 1\nb{x=\"1\"} 2\nb{x=\"2\"} 3\n"u8.ToArray());
        Assert.Equal(["a", "b"], families.Select(f => f.Name));
        Assert.All(families, f => Assert.Equal(MetricType.Unknown, f.Type));
        Assert.Equal(2, families[1].Points.Count);
    }

    [Theory]
    [MemberData(nameof(OpenMetricsSuiteCases))]
    public void OpenMetrics_suite_cases_round_trip(string name)
    {
        var payload = File.ReadAllBytes(RepositoryPaths.SharedTestData("openmetrics", name, "metrics"));
        RoundTripAssert.AssertStable(ExpositionFormat.OpenMetricsText, payload);
    }

    [Fact]
    public void OpenMetrics_help_escaping_case_round_trips() => OpenMetrics_suite_cases_round_trip(HelpEscapingCase);

    [Fact]
    public void OpenMetrics_help_with_double_quotes_round_trips()
    {
        var family = new MetricFamily("quoted", MetricType.Gauge, "say \"hi\"").Add(new MetricPoint(Labels.Empty, 1));
        var payload = RoundTripAssert.Write(ExpositionFormat.OpenMetricsText, [family]);
        Assert.Equal("say \"hi\"", RoundTripAssert.Parse(ExpositionFormat.OpenMetricsText, payload)[0].Help);
    }

    // Each format keeps only what it can express: the sample set is reduced to that subset.
    private static List<MetricFamily> ForFormat(ExpositionFormat format, List<MetricFamily> families)
    {
        foreach (var family in families)
        {
            foreach (var point in family.Points)
            {
                if (format == ExpositionFormat.PrometheusText)
                {
                    point.CreatedTimestampMs = null;
                    point.Exemplars.Clear();
                    for (var i = 0; i < point.Buckets.Count; i++)
                    {
                        point.Buckets[i] = point.Buckets[i] with { Exemplar = null };
                    }
                }
            }

            if (format == ExpositionFormat.PrometheusText)
            {
                family.Unit = string.Empty;
            }
        }

        // UTF-8 names need the quoted syntax, which OpenMetrics 1.0 does not have.
        return format == ExpositionFormat.OpenMetricsText ? families.Where(f => !f.Name.Contains('.', StringComparison.Ordinal)).ToList() : families;
    }
}
