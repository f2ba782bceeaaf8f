using System.Globalization;
using System.Text;
using Pharos.Model;

namespace Pharos.PromQL.Tests.Differential;

/// <summary>
/// Deterministic test data for the differential test against real Prometheus: counters with resets, gauges, classic
/// histograms, summaries and series that appear and disappear, scraped every 15 s for three hours. Every target has
/// its own scrape offset plus a few milliseconds of noise, and no sample falls on a whole second or a quarter past
/// one, so no query time or window boundary ever coincides with a sample: that is where Prometheus 2.x (closed
/// windows) and 3.x (left-open windows) differ.
/// </summary>
internal sealed class DifferentialData
{
    /// <summary>The first scrape round, on a whole hour (2023-11-14T22:00:00Z).</summary>
    public const long BaseMs = 1_699_999_200_000;

    public const long ScrapeIntervalMs = 15_000;

    public const int Rounds = 3 * 3600 / 15;

    /// <summary>The end of the data: the last round plus the largest scrape offset.</summary>
    public const long EndMs = BaseMs + (Rounds * ScrapeIntervalMs);

    private static readonly string[] Jobs = ["api", "web", "db"];
    private static readonly string[] LatencyBuckets = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"];
    private static readonly string[] SummaryQuantiles = ["0.5", "0.9", "0.99"];

    private readonly Random _random = new(20231114);
    private readonly List<Family> _families = [];

    private DifferentialData()
    {
    }

    /// <summary>The metric families in generation order.</summary>
    public IReadOnlyList<Family> Families => _families;

    /// <summary>All series of all families.</summary>
    public IEnumerable<GeneratedSeries> AllSeries => _families.SelectMany(f => f.Series);

    /// <summary>Generates the data set (the same every time).</summary>
    public static DifferentialData Generate()
    {
        var data = new DifferentialData();
        data.GenerateDemoMetrics();
        data.GenerateSeedMetrics();
        return data;
    }

    /// <summary>Writes the data as OpenMetrics text, as <c>promtool tsdb create-blocks-from openmetrics</c> reads it.</summary>
    public void WriteOpenMetrics(TextWriter writer)
    {
        var line = new StringBuilder();
        foreach (var family in _families)
        {
            writer.Write("# TYPE ");
            writer.Write(family.Name);
            writer.Write(' ');
            writer.WriteLine(family.Type);
            foreach (var series in family.Series)
            {
                foreach (var (timestampMs, value) in series.Samples)
                {
                    line.Clear();
                    line.Append(series.Labels.MetricName).Append('{');
                    var first = true;
                    foreach (var label in series.Labels)
                    {
                        if (label.Name == LabelNames.MetricName)
                        {
                            continue;
                        }

                        line.Append(first ? "" : ",").Append(label.Name).Append("=\"").Append(label.Value).Append('"');
                        first = false;
                    }

                    line.Append("} ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(' ')
                        .Append(timestampMs / 1000).Append('.').Append((timestampMs % 1000).ToString("D3", CultureInfo.InvariantCulture));
                    writer.WriteLine(line);
                }
            }
        }

        writer.WriteLine("# EOF");
    }

    private void GenerateDemoMetrics()
    {
        var requests = Add("demo_requests", "counter");
        var cpu = Add("demo_cpu_seconds", "counter");
        var temperature = Add("demo_temperature_celsius", "gauge");
        var queue = Add("demo_queue_length", "gauge");
        var items = Add("demo_items", "gauge");
        var latency = Add("demo_latency_seconds", "histogram");
        var rpc = Add("demo_rpc_duration_seconds", "summary");
        foreach (var job in Jobs)
        {
            for (var i = 0; i < 3; i++)
            {
                var instance = $"{job}-{i}:9100";
                var target = NewTarget(appearing: job == "db" && i == 2);
                foreach (var method in new[] { "GET", "POST" })
                {
                    foreach (var status in new[] { "200", "404", "500" })
                    {
                        var speed = status == "200" ? 5 : status == "404" ? 0.5 : 0.1;
                        requests.Series.Add(Counter(target, speed, "demo_requests_total", "job", job, "instance", instance, "method", method, "status", status));
                    }
                }

                foreach (var mode in new[] { "idle", "user", "system" })
                {
                    cpu.Series.Add(Counter(target, mode == "idle" ? 0.8 : 0.1, "demo_cpu_seconds_total", "job", job, "instance", instance, "mode", mode));
                }

                foreach (var sensor in new[] { "cpu", "board" })
                {
                    temperature.Series.Add(Gauge(target, 40, 2, "demo_temperature_celsius", "job", job, "instance", instance, "sensor", sensor));
                }

                queue.Series.Add(IntegerGauge(target, 10, "demo_queue_length", "job", job, "instance", instance));

                // Short-lived series: each shard exists for a random part of the time.
                for (var shard = 0; shard < 4; shard++)
                {
                    items.Series.Add(Gauge(NewTarget(appearing: true), 100, 5, "demo_items", "job", job, "instance", instance, "shard", shard.ToString(CultureInfo.InvariantCulture)));
                }

                Histogram(latency, target, "job", job, "instance", instance);
                Summary(rpc, target, "job", job, "instance", instance);
            }
        }
    }

    /// <summary>The metrics the seed documents' queries name, with the labels their matchers use.</summary>
    private void GenerateSeedMetrics()
    {
        var nodes = new[] { "node-a:9100", "node-b:9100", "192.168.1.105:9100" };
        var nodeCpu = Add("node_cpu_seconds", "counter");
        var memTotal = Add("node_memory_MemTotal_bytes", "gauge");
        var memAvailable = Add("node_memory_MemAvailable_bytes", "gauge");
        var memActive = Add("node_memory_Active_bytes", "gauge");
        var network = Add("node_network_receive_bytes", "counter");
        foreach (var node in nodes)
        {
            var target = NewTarget(appearing: false);
            for (var c = 0; c < 2; c++)
            {
                foreach (var mode in new[] { "idle", "user", "system" })
                {
                    nodeCpu.Series.Add(Counter(target, mode == "idle" ? 0.7 : 0.15, "node_cpu_seconds_total", "cpu", c.ToString(CultureInfo.InvariantCulture), "instance", node, "job", "node", "mode", mode));
                }
            }

            memTotal.Series.Add(Gauge(target, 16e9, 0, "node_memory_MemTotal_bytes", "instance", node, "job", "node"));
            memAvailable.Series.Add(Gauge(target, 6e9, 1e8, "node_memory_MemAvailable_bytes", "instance", node, "job", "node"));
            memActive.Series.Add(Gauge(target, 4e9, 5e7, "node_memory_Active_bytes", "instance", node, "job", "node"));
            foreach (var device in new[] { "eth0", "lo" })
            {
                network.Series.Add(Counter(target, device == "eth0" ? 125_000 : 2_000, "node_network_receive_bytes_total", "device", device, "instance", node, "job", "node"));
            }
        }

        var http = Add("http_requests", "counter");
        var httpLatency = Add("http_request_duration_seconds", "histogram");
        var up = Add("up", "gauge");
        foreach (var (job, service) in new[] { ("api", "checkout"), ("web", "frontend"), ("backend", "payments"), ("new-service", "new-service") })
        {
            for (var i = 0; i < 2; i++)
            {
                var instance = $"{job}-{i}:8080";
                var target = NewTarget(appearing: job == "new-service");
                foreach (var (method, handler) in new[] { ("GET", "/api/items"), ("POST", "/api/items"), ("GET", "/metrics") })
                {
                    foreach (var status in new[] { "200", "503" })
                    {
                        http.Series.Add(Counter(target, status == "200" ? 3 : 0.2, "http_requests_total", "handler", handler, "instance", instance, "job", job, "method", method, "service", service, "status", status));
                    }
                }

                Histogram(httpLatency, target, "instance", instance, "job", job, "service", service);
                up.Series.Add(Gauge(target, job == "new-service" && i == 1 ? 0 : 1, 0, "up", "instance", instance, "job", job));
            }
        }

        var containerCpu = Add("container_cpu_usage_seconds", "counter");
        var containerMemory = Add("container_memory_working_set_bytes", "gauge");
        var podInfo = Add("kube_pod_info", "gauge");
        var restarts = Add("kube_pod_container_status_restarts", "counter");
        var terminated = Add("kube_pod_container_status_last_terminated_reason", "gauge");
        var requests = Add("kube_pod_container_resource_requests", "gauge");
        var namespaces = new[] { "default", "kube-system", "monitoring" };
        var kubeNodes = new[] { "worker-1", "worker-2" };
        for (var n = 0; n < namespaces.Length; n++)
        {
            for (var p = 0; p < 3; p++)
            {
                var ns = namespaces[n];
                var pod = $"{ns}-pod-{p}";
                var node = kubeNodes[(n + p) % 2];
                var target = NewTarget(appearing: p == 2);
                foreach (var container in new[] { "app", "sidecar", "" })
                {
                    var image = container.Length == 0 ? "" : $"registry/{container}:1.0";
                    containerCpu.Series.Add(Counter(target, container == "app" ? 0.4 : 0.05, "container_cpu_usage_seconds_total", "container", container, "image", image, "namespace", ns, "pod", pod));
                    containerMemory.Series.Add(Gauge(target, 2e8, 1e6, "container_memory_working_set_bytes", "container", container, "namespace", ns, "pod", pod));
                    if (container.Length == 0)
                    {
                        continue;
                    }

                    restarts.Series.Add(StepCounter(target, 0.002, "kube_pod_container_status_restarts_total", "container", container, "namespace", ns, "pod", pod));
                    terminated.Series.Add(Gauge(target, 1, 0, "kube_pod_container_status_last_terminated_reason", "container", container, "namespace", ns, "pod", pod, "reason", p == 1 ? "OOMKilled" : "Completed"));
                    requests.Series.Add(Gauge(target, 0.25, 0, "kube_pod_container_resource_requests", "container", container, "namespace", ns, "node", node, "pod", pod, "resource", "cpu"));
                    requests.Series.Add(Gauge(target, 2.5e8, 0, "kube_pod_container_resource_requests", "container", container, "namespace", ns, "node", node, "pod", pod, "resource", "memory"));
                }

                podInfo.Series.Add(Gauge(target, 1, 0, "kube_pod_info", "namespace", ns, "node", node, "pod", pod));
            }
        }

        var allocatable = Add("kube_node_status_allocatable", "gauge");
        foreach (var node in kubeNodes)
        {
            var target = NewTarget(appearing: false);
            allocatable.Series.Add(Gauge(target, 4, 0, "kube_node_status_allocatable", "node", node, "resource", "cpu"));
            allocatable.Series.Add(Gauge(target, 16e9, 0, "kube_node_status_allocatable", "node", node, "resource", "memory"));
        }

        var available = Add("kube_deployment_status_replicas_available", "gauge");
        var spec = Add("kube_deployment_spec_replicas", "gauge");
        foreach (var (ns, deployment) in new[] { ("kube-system", "coredns"), ("default", "checkout"), ("default", "frontend") })
        {
            var target = NewTarget(appearing: false);
            available.Series.Add(IntegerGauge(target, 3, "kube_deployment_status_replicas_available", "deployment", deployment, "namespace", ns));
            spec.Series.Add(Gauge(target, 3, 0, "kube_deployment_spec_replicas", "deployment", deployment, "namespace", ns));
        }

        var used = Add("kubelet_volume_stats_used_bytes", "gauge");
        var capacity = Add("kubelet_volume_stats_capacity_bytes", "gauge");
        foreach (var claim in new[] { "data-db-0", "data-db-1", "prometheus" })
        {
            var target = NewTarget(appearing: false);
            used.Series.Add(Gauge(target, 8e9, 5e7, "kubelet_volume_stats_used_bytes", "namespace", "default", "persistentvolumeclaim", claim));
            capacity.Series.Add(Gauge(target, 1e10, 0, "kubelet_volume_stats_capacity_bytes", "namespace", "default", "persistentvolumeclaim", claim));
        }

        // An "unknown" family: a gauge whose name ends in _total, as kube-proxy exports it.
        var iptables = Add("kubeproxy_sync_proxy_rules_iptables_total", "unknown");
        var ping = Add("ping_request_count", "gauge");
        var proxyTarget = NewTarget(appearing: false);
        foreach (var table in new[] { "filter", "nat" })
        {
            iptables.Series.Add(IntegerGauge(proxyTarget, 200, "kubeproxy_sync_proxy_rules_iptables_total", "table", table));
        }

        ping.Series.Add(IntegerGauge(proxyTarget, 5, "ping_request_count", "instance", "pinger:9427"));
    }

    private Family Add(string name, string type)
    {
        var family = new Family(name, type);
        _families.Add(family);
        return family;
    }

    /// <summary>A scrape target: its offset within the interval and the rounds it is up for.</summary>
    private Target NewTarget(bool appearing)
    {
        var offsetMs = 1_000 + _random.Next(12_000);
        if (!appearing)
        {
            return new Target(offsetMs, 0, Rounds, _random.Next());
        }

        var from = _random.Next(Rounds / 2);
        var to = from + (Rounds / 6) + _random.Next(Rounds / 2);
        return new Target(offsetMs, from, Math.Min(to, Rounds), _random.Next());
    }

    /// <summary>The scrape timestamps of a target: its offset plus up to ±40 ms of noise, never on a whole or quarter second.</summary>
    private static IEnumerable<(int Round, long TimestampMs)> Scrapes(Target target)
    {
        var noise = new Random(target.Seed);
        for (var round = target.FromRound; round < target.ToRound; round++)
        {
            var t = BaseMs + (round * ScrapeIntervalMs) + target.OffsetMs + noise.Next(-40, 41);
            while (t % 1000 is 0 or 250)
            {
                t++;
            }

            yield return (round, t);
        }
    }

    private GeneratedSeries Counter(Target target, double perSecond, string name, params string[] labels)
    {
        var values = new Random(_random.Next());
        // Counters start far from zero: extrapolating a rate towards the start of a series never reaches zero, which is
        // where 2.x and 3.x (since 2.51) limit the extrapolation differently.
        var value = perSecond * 15 * (20 + (values.NextDouble() * 100));
        var samples = new List<(long, double)>();
        foreach (var (_, t) in Scrapes(target))
        {
            // A restart every few hours on average: the counter starts again from a small value.
            value = values.Next(300) == 0 ? values.NextDouble() * perSecond : value + (perSecond * 15 * values.NextDouble() * 2);
            samples.Add((t, value));
        }

        return new GeneratedSeries(Labels.FromStrings([LabelNames.MetricName, name, .. labels]), samples);
    }

    /// <summary>A counter that only occasionally increments by one (restarts of a container).</summary>
    private GeneratedSeries StepCounter(Target target, double probability, string name, params string[] labels)
    {
        var values = new Random(_random.Next());
        double value = values.Next(3);
        var samples = new List<(long, double)>();
        foreach (var (_, t) in Scrapes(target))
        {
            value += values.NextDouble() < probability * 15 ? 1 : 0;
            samples.Add((t, value));
        }

        return new GeneratedSeries(Labels.FromStrings([LabelNames.MetricName, name, .. labels]), samples);
    }

    private GeneratedSeries Gauge(Target target, double mean, double step, string name, params string[] labels)
    {
        var values = new Random(_random.Next());
        var value = mean + (step * (values.NextDouble() - 0.5) * 10);
        var samples = new List<(long, double)>();
        foreach (var (_, t) in Scrapes(target))
        {
            value += step * (values.NextDouble() - 0.5);
            samples.Add((t, value));
        }

        return new GeneratedSeries(Labels.FromStrings([LabelNames.MetricName, name, .. labels]), samples);
    }

    private GeneratedSeries IntegerGauge(Target target, int mean, string name, params string[] labels)
    {
        var values = new Random(_random.Next());
        var value = mean;
        var samples = new List<(long, double)>();
        foreach (var (_, t) in Scrapes(target))
        {
            value = Math.Max(0, value + values.Next(-1, 2));
            samples.Add((t, value));
        }

        return new GeneratedSeries(Labels.FromStrings([LabelNames.MetricName, name, .. labels]), samples);
    }

    /// <summary>A classic histogram: cumulative <c>_bucket</c> series, <c>_sum</c> and <c>_count</c>, reset together.</summary>
    private void Histogram(Family family, Target target, params string[] labels)
    {
        var values = new Random(_random.Next());
        var buckets = new double[LatencyBuckets.Length];
        var bucketSamples = LatencyBuckets.Select(_ => new List<(long, double)>()).ToArray();
        var sumSamples = new List<(long, double)>();
        var countSamples = new List<(long, double)>();
        double sum = 0;
        var history = values.Next(50, 500);
        foreach (var (_, t) in Enumerable.Range(0, history).Select(r => (r, 0L)).Concat(Scrapes(target)))
        {
            if (t != 0 && values.Next(400) == 0)
            {
                Array.Clear(buckets);
                sum = 0;
            }

            // The first rounds are history before the series appears, so its counts start far from zero (see Counter).
            var observations = values.Next(20, 60);
            for (var o = 0; o < observations; o++)
            {
                var seconds = Math.Exp((values.NextDouble() * 6) - 5.5);
                sum += seconds;
                for (var b = 0; b < buckets.Length; b++)
                {
                    if (b == buckets.Length - 1 || seconds <= double.Parse(LatencyBuckets[b], CultureInfo.InvariantCulture))
                    {
                        buckets[b]++;
                    }
                }
            }

            if (t == 0)
            {
                continue;
            }

            for (var b = 0; b < buckets.Length; b++)
            {
                bucketSamples[b].Add((t, buckets[b]));
            }

            sumSamples.Add((t, sum));
            countSamples.Add((t, buckets[^1]));
        }

        for (var b = 0; b < buckets.Length; b++)
        {
            family.Series.Add(new GeneratedSeries(Labels.FromStrings([.. labels, "__name__", family.Name + "_bucket", "le", LatencyBuckets[b]]), bucketSamples[b]));
        }

        family.Series.Add(new GeneratedSeries(Labels.FromStrings([.. labels, "__name__", family.Name + "_sum"]), sumSamples));
        family.Series.Add(new GeneratedSeries(Labels.FromStrings([.. labels, "__name__", family.Name + "_count"]), countSamples));
    }

    /// <summary>A summary: quantile gauges plus <c>_sum</c> and <c>_count</c> counters.</summary>
    private void Summary(Family family, Target target, params string[] labels)
    {
        var values = new Random(_random.Next());
        var quantiles = SummaryQuantiles.Select(_ => new List<(long, double)>()).ToArray();
        var sumSamples = new List<(long, double)>();
        var countSamples = new List<(long, double)>();
        double count = values.Next(1_000, 5_000), sum = count * 0.1;
        foreach (var (_, t) in Scrapes(target))
        {
            var median = 0.05 + (values.NextDouble() * 0.05);
            quantiles[0].Add((t, median));
            quantiles[1].Add((t, median * (2 + values.NextDouble())));
            quantiles[2].Add((t, median * (5 + (3 * values.NextDouble()))));
            var n = values.Next(10, 40);
            count += n;
            sum += n * median * 1.3;
            sumSamples.Add((t, sum));
            countSamples.Add((t, count));
        }

        for (var q = 0; q < SummaryQuantiles.Length; q++)
        {
            family.Series.Add(new GeneratedSeries(Labels.FromStrings([.. labels, "__name__", family.Name, "quantile", SummaryQuantiles[q]]), quantiles[q]));
        }

        family.Series.Add(new GeneratedSeries(Labels.FromStrings([.. labels, "__name__", family.Name + "_sum"]), sumSamples));
        family.Series.Add(new GeneratedSeries(Labels.FromStrings([.. labels, "__name__", family.Name + "_count"]), countSamples));
    }

    /// <summary>One OpenMetrics metric family.</summary>
    internal sealed record Family(string Name, string Type)
    {
        public List<GeneratedSeries> Series { get; } = [];
    }

    /// <summary>One series with its samples, oldest first.</summary>
    internal sealed record GeneratedSeries(Labels Labels, List<(long TimestampMs, double Value)> Samples);

    private sealed record Target(long OffsetMs, int FromRound, int ToRound, int Seed);
}
