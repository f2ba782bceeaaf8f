using Pharos.Model;

namespace Pharos.Web.Tests.Api;

public sealed class MetadataEndpointTests : IAsyncLifetime
{
    private ApiTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync((storage, engine) => new PrometheusWebOptions
    {
        Queryable = storage,
        Engine = engine,
        TimeProvider = new ApiTestServer.FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(ApiTestServer.NowMs)),
        Targets = new FakeTargets(),
        Metadata = new FakeTargets(),
        ConfigYaml = () => "global:\n  scrape_interval: 15s\n",
        Flags = new Dictionary<string, string> { ["web.enable-lifecycle"] = "false", ["config.file"] = "prometheus.yml" },
        BuildInfo = new BuildInfoValues("1.2.3", "abc", "main", "me", "20240101", "dotnet10"),
        ExternalLabels = () => Labels.FromStrings("cluster", "eu"),
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Series_returns_label_sets_matching_any_selector()
    {
        var (_, body) = await _server.GetAsync("/api/v1/series?match[]=up&match[]=http_requests_total");
        Assert.Equal(
            """{"status":"success","data":[{"__name__":"http_requests_total","code":"200","job":"api"},{"__name__":"up","instance":"a:9090","job":"prometheus"},{"__name__":"up","instance":"b:9100","job":"node"}]}""",
            body);
    }

    [Fact]
    public async Task Series_outside_the_time_range_are_left_out()
    {
        var (_, body) = await _server.GetAsync("/api/v1/series?match[]=up&start=1600000000&end=1600000100");
        Assert.Equal("""{"status":"success","data":[]}""", body);
    }

    [Fact]
    public async Task A_limit_truncates_with_a_warning()
    {
        var (_, body) = await _server.GetAsync("/api/v1/series?match[]=up&limit=1");
        Assert.Equal("""{"status":"success","data":[{"__name__":"up","instance":"a:9090","job":"prometheus"}],"warnings":["results truncated due to limit"]}""", body);
    }

    [Fact]
    public async Task Labels_lists_names_in_order()
    {
        var (_, all) = await _server.GetAsync("/api/v1/labels");
        Assert.Equal("""{"status":"success","data":["__name__","code","instance","job"]}""", all);
        var (_, matched) = await _server.GetAsync("/api/v1/labels?match[]=up");
        Assert.Equal("""{"status":"success","data":["__name__","instance","job"]}""", matched);
    }

    [Fact]
    public async Task Label_values_lists_values_in_order()
    {
        var (_, body) = await _server.GetAsync("/api/v1/label/job/values");
        Assert.Equal("""{"status":"success","data":["api","node","prometheus"]}""", body);
        var (_, names) = await _server.GetAsync("/api/v1/label/__name__/values?match[]=%7Bjob%3D%22api%22%7D");
        Assert.Equal("""{"status":"success","data":["http_requests_total"]}""", names);
    }

    [Fact]
    public async Task Escaped_utf8_label_names_are_unescaped()
    {
        var (status, body) = await _server.GetAsync("/api/v1/label/U__j_6f_b/values");
        Assert.Equal(200, status);
        Assert.Equal("""{"status":"success","data":["api","node","prometheus"]}""", body);
    }

    [Fact]
    public async Task Targets_show_active_and_dropped_targets()
    {
        var (_, body) = await _server.GetAsync("/api/v1/targets");
        Assert.Equal(
            """{"status":"success","data":{"activeTargets":[{"discoveredLabels":{"__address__":"a:9090","job":"prometheus"},"labels":{"instance":"a:9090","job":"prometheus"},"scrapePool":"prometheus","scrapeUrl":"http://a:9090/metrics","globalUrl":"http://a:9090/metrics","lastError":"","lastScrape":"2023-11-14T22:13:05Z","lastScrapeDuration":0.25,"health":"up","scrapeInterval":"15s","scrapeTimeout":"10s"}],"droppedTargets":[{"discoveredLabels":{"__address__":"c:1"},"scrapePool":"prometheus"}],"droppedTargetCounts":{"prometheus":1}}}""",
            body);
        var (_, active) = await _server.GetAsync("/api/v1/targets?state=active");
        Assert.Contains("\"droppedTargets\":[],\"droppedTargetCounts\":null", active, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metadata_is_grouped_by_metric_and_target_metadata_lists_each_target()
    {
        var (_, metadata) = await _server.GetAsync("/api/v1/metadata");
        Assert.Equal("""{"status":"success","data":{"up":[{"type":"gauge","help":"Whether the target is up.","unit":""}]}}""", metadata);
        var (_, targets) = await _server.GetAsync("/api/v1/targets/metadata?match_target=%7Bjob%3D%22prometheus%22%7D");
        Assert.Equal(
            """{"status":"success","data":[{"target":{"instance":"a:9090","job":"prometheus"},"metric":"up","type":"gauge","help":"Whether the target is up.","unit":""}]}""",
            targets);
    }

    [Fact]
    public async Task Status_endpoints_report_config_flags_and_build()
    {
        var (_, config) = await _server.GetAsync("/api/v1/status/config");
        Assert.Equal("""{"status":"success","data":{"yaml":"global:\n  scrape_interval: 15s\n"}}""", config);
        var (_, flags) = await _server.GetAsync("/api/v1/status/flags");
        Assert.Equal("""{"status":"success","data":{"config.file":"prometheus.yml","web.enable-lifecycle":"false"}}""", flags);
        var (_, build) = await _server.GetAsync("/api/v1/status/buildinfo");
        Assert.Equal("""{"status":"success","data":{"version":"1.2.3","revision":"abc","branch":"main","buildUser":"me","buildDate":"20240101","goVersion":"dotnet10"}}""", build);
        var (_, runtime) = await _server.GetAsync("/api/v1/status/runtimeinfo");
        Assert.Contains("\"reloadConfigSuccess\":true", runtime, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tsdb_status_counts_series_by_metric_name()
    {
        var (_, body) = await _server.GetAsync("/api/v1/status/tsdb?limit=1");
        Assert.StartsWith(
            """{"status":"success","data":{"headStats":{"numSeries":3,"numLabelPairs":8,"chunkCount":0,"minTime":1699999700000,"maxTime":1700000000000},"seriesCountByMetricName":[{"name":"up","value":2}],""",
            body,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_alerts_and_alertmanagers_are_empty_without_a_rule_manager()
    {
        Assert.Equal("""{"status":"success","data":{"groups":[]}}""", (await _server.GetAsync("/api/v1/rules")).Body);
        Assert.Equal("""{"status":"success","data":{"alerts":[]}}""", (await _server.GetAsync("/api/v1/alerts")).Body);
        Assert.Equal("""{"status":"success","data":{"activeAlertmanagers":[],"droppedAlertmanagers":[]}}""", (await _server.GetAsync("/api/v1/alertmanagers")).Body);
    }

    [Fact]
    public async Task Admin_endpoints_are_unavailable_unless_enabled()
    {
        var (status, body) = await _server.PostFormAsync("/api/v1/admin/tsdb/snapshot");
        Assert.Equal(503, status);
        Assert.Equal("""{"status":"error","errorType":"unavailable","error":"admin APIs disabled"}""", body);
    }

    private sealed class FakeTargets : ITargetRetriever, IMetadataRetriever
    {
        private static readonly Labels Target = Labels.FromStrings("job", "prometheus", "instance", "a:9090");

        public IReadOnlyList<ActiveTarget> ActiveTargets() =>
        [
            new(
                Labels.FromStrings("__address__", "a:9090", "job", "prometheus"),
                Target,
                "prometheus",
                "http://a:9090/metrics",
                "http://a:9090/metrics",
                string.Empty,
                DateTimeOffset.FromUnixTimeMilliseconds(ApiTestServer.NowMs - 15_000),
                TimeSpan.FromMilliseconds(250),
                "up",
                TimeSpan.FromSeconds(15),
                TimeSpan.FromSeconds(10)),
        ];

        public IReadOnlyList<DroppedTarget> DroppedTargets() => [new(Labels.FromStrings("__address__", "c:1"), "prometheus")];

        public IReadOnlyDictionary<string, int> DroppedTargetCounts() => new Dictionary<string, int> { ["prometheus"] = 1 };

        public IReadOnlyList<TargetMetadata> TargetMetadata() =>
        [
            new(Target, "up", new Metadata(MetricType.Gauge, "Whether the target is up.", string.Empty)),
            new(Labels.FromStrings("job", "node", "instance", "b:9100"), "up", new Metadata(MetricType.Gauge, "Whether the target is up.", string.Empty)),
        ];
    }
}
