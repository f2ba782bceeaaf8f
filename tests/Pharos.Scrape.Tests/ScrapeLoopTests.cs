using System.Globalization;
using Pharos.Model;
using Pharos.Storage;

namespace Pharos.Scrape.Tests;

public sealed class ScrapeLoopTests : TargetFixture
{
    internal static string Config(string settings = "", string job = "test") =>
        $"""
        global:
          scrape_interval: 15s
          scrape_timeout: 10s
        scrape_configs:
          - job_name: {job}
        {Indent(settings)}
        """;

    private static string Indent(string settings) =>
        string.Join('\n', settings.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l));

    private string Key(string name, params string[] labels) =>
        Labels.FromStrings([.. labels, "__name__", name, "instance", Target.Address, "job", "test"]).ToString();

    private async Task<string?> ScrapeOnceAsync(string settings, string body, string contentType = "text/plain; version=0.0.4")
    {
        Harness.Configure(Config(settings));
        Harness.Targets("test", Target.Address);
        Target.Serve(body, contentType);
        return (await Harness.ScrapeAsync())[Target.Address];
    }

    [Fact]
    public async Task Successful_scrape_stores_samples_with_target_labels_and_the_report_series()
    {
        var error = await ScrapeOnceAsync("", "# TYPE a counter\na 1\nb{x=\"y\"} 2.5\n");

        Assert.Null(error);
        var now = Harness.NowMs;
        var series = Harness.Series();
        Assert.Equal([(now, 1.0)], series[Key("a")]);
        Assert.Equal([(now, 2.5)], series[Key("b", "x", "y")]);
        Assert.Equal(1, series[Key("up")].Single().Value);
        Assert.Equal(2, series[Key("scrape_samples_scraped")].Single().Value);
        Assert.Equal(2, series[Key("scrape_samples_post_metric_relabeling")].Single().Value);
        Assert.Equal(2, series[Key("scrape_series_added")].Single().Value);
        Assert.True(series[Key("scrape_duration_seconds")].Single().Value >= 0);
        Assert.Equal(7, series.Count);
    }

    [Fact]
    public async Task Scrape_request_carries_upstream_headers()
    {
        await ScrapeOnceAsync("", "a 1\n");

        var headers = Target.LastRequestHeaders!;
        Assert.Equal(
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2",
            headers["Accept"]);
        Assert.Equal("gzip", headers["Accept-Encoding"]);
        Assert.StartsWith("Pharos/", headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("10", headers["X-Prometheus-Scrape-Timeout-Seconds"]);
    }

    [Fact]
    public async Task Params_and_param_labels_become_the_query_string()
    {
        await ScrapeOnceAsync("params:\n  module: [http_2xx]\n  b: [one, two]\nmetrics_path: /probe\n", "a 1\n");

        Assert.Equal("?b=one&b=two&module=http_2xx", Target.LastQuery);
    }

    [Fact]
    public async Task Second_scrape_of_the_same_lines_hits_the_cache_and_adds_no_series()
    {
        await ScrapeOnceAsync("", "a 1\nb 2\n");
        var cache = Harness.Manager.PoolsSnapshot().Single().Loops().Single().Cache;
        var cached = cache.Count;

        await Harness.ScrapeAsync();

        Assert.Equal(2, cached);
        Assert.Equal(2, cache.Count);
        Assert.Equal([2.0, 0.0], Harness.Series()[Key("scrape_series_added")].Select(s => s.Value));
        Assert.Equal(2, Harness.Series()[Key("a")].Count);
    }

    [Fact]
    public async Task Cache_drops_entries_unseen_for_two_scrapes()
    {
        await ScrapeOnceAsync("", "a 1\nb 2\n");
        var cache = Harness.Manager.PoolsSnapshot().Single().Loops().Single().Cache;
        Target.Serve("a 1\n");

        await Harness.ScrapeAsync();
        var afterOne = cache.Count;
        await Harness.ScrapeAsync();

        Assert.Equal(2, afterOne);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Series_missing_from_the_next_scrape_get_a_staleness_marker()
    {
        await ScrapeOnceAsync("", "a 1\nb 2\n");
        Target.Serve("a 1\n");

        await Harness.ScrapeAsync();

        var b = Harness.Series()[Key("b")];
        Assert.Equal(2, b.Count);
        Assert.Equal(Harness.NowMs, b[1].TimestampMs);
        Assert.True(StaleMarker.IsStaleNaN(b[1].Value));
        Assert.False(StaleMarker.IsStaleNaN(Harness.Series()[Key("a")][1].Value));
    }

    [Fact]
    public async Task Failed_scrape_marks_every_series_of_the_target_stale_and_reports_up_0()
    {
        await ScrapeOnceAsync("", "a 1\n");
        Target.Serve("", status: 500);

        var error = (await Harness.ScrapeAsync())[Target.Address];

        Assert.Equal("server returned HTTP status 500 Internal Server Error", error);
        Assert.True(StaleMarker.IsStaleNaN(Harness.Last(Key("a"))!.Value));
        Assert.Equal(0, Harness.Last(Key("up")));
    }

    public static TheoryData<string, string, string> FailingTargets => new()
    {
        { "not found", "", "server returned HTTP status 404 Not Found" },
        { "garbage", "", "garbage" },
        { "truncated", "", "unexpected EOF" },
        { "oversized", "body_size_limit: 100B", "body size limit exceeded" },
        { "slow", "scrape_timeout: 1s", "context deadline exceeded" },
        { "unsupported content type", "", "received unsupported Content-Type \"application/json\" and no fallback_scrape_protocol specified for target" },
    };

    [Theory]
    [MemberData(nameof(FailingTargets))]
    public async Task Failing_target_reports_the_upstream_error_and_up_0_while_others_are_unaffected(string kind, string settings, string expected)
    {
        await using var good = await TestTarget.StartAsync();
        good.Serve("ok 1\n");
        var body = string.Join('\n', Enumerable.Range(0, 50).Select(i => $"metric_{i} {i}")) + "\n";
        switch (kind)
        {
            case "not found":
                Target.Serve("", status: 404);
                break;
            case "garbage":
                Target.Serve("this is { not metrics\n");
                break;
            case "truncated":
                break;
            case "oversized":
                Target.Serve(body);
                break;
            case "slow":
                Target.Serve(body, delay: TimeSpan.FromSeconds(20));
                break;
            case "unsupported content type":
                Target.Serve("{}", contentType: "application/json");
                break;
        }

        await using var truncating = new TruncatingTarget(body);
        var bad = kind == "truncated" ? truncating.Address : Target.Address;
        Harness.Configure(Config(settings));
        Harness.Targets("test", bad, good.Address);
        var errors = await Harness.ScrapeAsync();

        Assert.NotNull(errors[bad]);
        if (kind == "garbage")
        {
            Assert.NotEmpty(errors[bad]!);
        }
        else
        {
            Assert.True(errors[bad]!.Contains(expected, StringComparison.Ordinal), errors[bad]);
        }

        Assert.Null(errors[good.Address]);
        Assert.Equal(0, Harness.Last(Labels.FromStrings("__name__", "up", "instance", bad, "job", "test").ToString()));
        Assert.Equal(1, Harness.Last(Labels.FromStrings("__name__", "up", "instance", good.Address, "job", "test").ToString()));
        Assert.Equal(1, Harness.Last(Labels.FromStrings("__name__", "ok", "instance", good.Address, "job", "test").ToString()));
        var state = Harness.Manager.ActiveTargets().Single(t => t.Labels.Get("instance") == bad);
        Assert.Equal(TargetHealth.Down, state.Health);
        Assert.Equal(errors[bad], state.LastError);
    }

    [Fact]
    public async Task Slow_target_error_names_the_url_as_upstream()
    {
        var error = await ScrapeOnceAsync("scrape_timeout: 1s", "a 1\n");

        Assert.Null(error);
        Target.Serve("a 1\n", delay: TimeSpan.FromSeconds(20));
        error = (await Harness.ScrapeAsync())[Target.Address];
        Assert.Equal($"Get \"http://{Target.Address}/metrics\": context deadline exceeded", error);
    }

    [Fact]
    public async Task Gzip_body_is_decoded()
    {
        Harness.Configure(Config());
        Harness.Targets("test", Target.Address);
        Target.Serve("a 42\n", gzip: true);

        var errors = await Harness.ScrapeAsync();

        Assert.Null(errors[Target.Address]);
        Assert.Equal(42, Harness.Last(Key("a")));
    }

    [Fact]
    public async Task OpenMetrics_body_is_parsed_by_content_type()
    {
        var error = await ScrapeOnceAsync("", "# TYPE c counter\nc_total 3\n# EOF\n", "application/openmetrics-text; version=1.0.0; charset=utf-8");

        Assert.Null(error);
        Assert.Equal(3, Harness.Last(Key("c_total")));
    }

    [Fact]
    public async Task Sample_limit_rejects_the_whole_scrape_and_counts_it()
    {
        var error = await ScrapeOnceAsync("sample_limit: 2", "a 1\nb 2\nc 3\n");

        Assert.Equal("sample limit exceeded", error);
        var series = Harness.Series();
        Assert.False(series.ContainsKey(Key("a")));
        Assert.Equal(0, Harness.Last(Key("up")));
        Assert.Equal(3, Harness.Last(Key("scrape_samples_scraped")));
        Assert.Equal(3, Harness.Last(Key("scrape_samples_post_metric_relabeling")));
        Assert.Contains("prometheus_target_scrapes_exceeded_sample_limit_total 1", MetricsText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_limit_counts_samples_after_metric_relabeling()
    {
        var error = await ScrapeOnceAsync(
            "sample_limit: 2\nmetric_relabel_configs:\n  - source_labels: [__name__]\n    regex: c\n    action: drop\n",
            "a 1\nb 2\nc 3\n");

        Assert.Null(error);
        Assert.Equal(3, Harness.Last(Key("scrape_samples_scraped")));
        Assert.Equal(2, Harness.Last(Key("scrape_samples_post_metric_relabeling")));
        Assert.False(Harness.Series().ContainsKey(Key("c")));
    }

    public static TheoryData<string, string, string> LabelLimits => new()
    {
        { "label_limit: 3", "a{x=\"1\"} 1\n", "label_limit exceeded (metric: a, number of labels: 4, limit: 3)" },
        { "label_name_length_limit: 10", "a{averylongname=\"1\"} 1\n", "label_name_length_limit exceeded (metric: a, label name: averylongname, length: 13, limit: 10)" },
        { "label_value_length_limit: 20", "a{x=\"aaaaaaaaaaaaaaaaaaaaaaaaa\"} 1\n", "label_value_length_limit exceeded (metric: a, label name: x, value: \"aaaaaaaaaaaaaaaaaaaaaaaaa\", length: 25, limit: 20)" },
    };

    [Theory]
    [MemberData(nameof(LabelLimits))]
    public async Task Label_limits_fail_the_scrape_with_upstream_errors(string settings, string body, string expected)
    {
        var error = await ScrapeOnceAsync(settings, body);

        Assert.Equal(expected, error);
        Assert.Equal(0, Harness.Last(Key("up")));
        Assert.Contains("prometheus_target_scrape_pool_exceeded_label_limits_total 1", MetricsText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conflicting_exposed_labels_get_the_exported_prefix()
    {
        await ScrapeOnceAsync("", "a{job=\"j\",instance=\"i\"} 1\nb{job=\"x\",exported_job=\"y\"} 2\n");

        var series = Harness.Series();
        Assert.Equal(1, series[Key("a", "exported_job", "j", "exported_instance", "i")].Single().Value);
        Assert.Equal(2, series[Key("b", "exported_job", "y", "exported_exported_job", "x")].Single().Value);
    }

    [Fact]
    public async Task Honor_labels_keeps_exposed_labels_over_target_labels()
    {
        await ScrapeOnceAsync("honor_labels: true", "a{job=\"j\",instance=\"i\"} 1\nb 2\n");

        var series = Harness.Series();
        Assert.Equal(1, series[Labels.FromStrings("__name__", "a", "instance", "i", "job", "j").ToString()].Single().Value);
        Assert.Equal(2, series[Key("b")].Single().Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Honor_timestamps_decides_between_exposed_and_scrape_time(bool honor)
    {
        var exposedMs = ScrapeHarness.Start.ToUnixTimeMilliseconds() + 5000;
        await ScrapeOnceAsync($"honor_timestamps: {(honor ? "true" : "false")}", $"a 1 {exposedMs.ToString(CultureInfo.InvariantCulture)}\n");

        Assert.Equal(honor ? exposedMs : Harness.NowMs, Harness.Series()[Key("a")].Single().TimestampMs);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public async Task Series_with_exposed_timestamps_get_staleness_markers_only_when_tracked(bool track, int samples)
    {
        var exposedMs = ScrapeHarness.Start.ToUnixTimeMilliseconds() + 5000;
        await ScrapeOnceAsync($"track_timestamps_staleness: {(track ? "true" : "false")}", $"a 1 {exposedMs.ToString(CultureInfo.InvariantCulture)}\nb 1\n");
        Target.Serve("b 1\n");

        await Harness.ScrapeAsync();

        var a = Harness.Series()[Key("a")];
        Assert.Equal(samples, a.Count);
        Assert.Equal(track, StaleMarker.IsStaleNaN(a[^1].Value));
    }

    [Fact]
    public async Task Metric_relabeling_rewrites_and_drops_series()
    {
        var error = await ScrapeOnceAsync(
            "metric_relabel_configs:\n  - source_labels: [__name__]\n    regex: drop_.*\n    action: drop\n  - target_label: env\n    replacement: prod\n",
            "drop_me 1\nkeep 2\n");

        Assert.Null(error);
        var series = Harness.Series();
        Assert.Equal(2, series[Key("keep", "env", "prod")].Single().Value);
        Assert.DoesNotContain(series.Keys, k => k.Contains("drop_me", StringComparison.Ordinal));
        Assert.Equal(1, Harness.Last(Key("scrape_samples_post_metric_relabeling")));
    }

    [Fact]
    public async Task Out_of_order_samples_are_counted_and_do_not_fail_the_scrape()
    {
        var exposedMs = ScrapeHarness.Start.ToUnixTimeMilliseconds() + 5000;
        await ScrapeOnceAsync("", $"a 1 {exposedMs.ToString(CultureInfo.InvariantCulture)}\n");
        Target.Serve($"a 2 {(exposedMs - 1000).ToString(CultureInfo.InvariantCulture)}\n");

        var error = (await Harness.ScrapeAsync())[Target.Address];

        Assert.Null(error);
        Assert.Contains("prometheus_target_scrapes_sample_out_of_order_total 1", MetricsText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_of_the_exposed_families_is_kept_perTarget()
    {
        await ScrapeOnceAsync("", "# HELP a Things done.\n# TYPE a counter\na 1\n# TYPE g gauge\ng 2\n");

        var all = Harness.Manager.Metadata().OrderBy(m => m.Metric, StringComparer.Ordinal).ToList();
        var a = Harness.Manager.Metadata(metric: "a").Single();

        Assert.Equal(["a", "g"], all.Select(m => m.Metric));
        Assert.Equal(MetricType.Counter, a.Type);
        Assert.Equal("Things done.", a.Help);
        Assert.Equal("test", a.ScrapePool);
        Assert.Equal(Target.Address, a.Target.Get("instance"));
        Assert.Empty(Harness.Manager.Metadata(l => l.Get("job") == "other"));
    }

    [Fact]
    public async Task Extra_scrape_metrics_add_timeout_limit_and_body_size()
    {
        await ScrapeOnceAsync("extra_scrape_metrics: true\nsample_limit: 100", "a 1\n");

        Assert.Equal(10, Harness.Last(Key("scrape_timeout_seconds")));
        Assert.Equal(100, Harness.Last(Key("scrape_sample_limit")));
        Assert.Equal(4, Harness.Last(Key("scrape_body_size_bytes")));
    }

    private string MetricsText() => System.Text.Encoding.UTF8.GetString(Harness.Registry.ToArray());
}
