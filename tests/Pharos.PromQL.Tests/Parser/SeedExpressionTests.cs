using Pharos.PromQL.Parser;
using Xunit;

namespace Pharos.PromQL.Tests.Parser;

/// <summary>PromQL from the seed documents (alert rules, dashboards, prose examples), extracted by hand.</summary>
public sealed class SeedExpressionTests
{
    public static TheoryData<string> SeedExpressions => new()
    {
        "node_cpu_seconds_total{mode=\"idle\"}",
        "node_cpu_seconds_total{mode=\"user\"}",
        "rate(node_cpu_seconds_total{mode=\"user\"}[5m]) # CPU usage over the last 5 minutes",
        "http_requests_total{method=\"GET\", handler!=\"/metrics\", job=~\"api|web\"}",
        "increase(http_requests_total{job=\"backend\"}[1h])",
        "sum(rate(http_requests_total[5m]))",
        "sum(rate(http_requests_total[5m])) by (job, method)",
        "avg(rate(container_cpu_usage_seconds_total{image!=\"\"}[5m])) by (namespace)",
        "100 - (avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])) * 100)",
        "(node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes) / node_memory_MemTotal_bytes * 100",
        "count(kube_pod_info)",
        "100 - (node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes * 100)",
        "container_memory_working_set_bytes{container!=\"\"} / 1024 / 1024",
        "rate(http_requests_total[5m])",
        "rate(http_requests_total{status=~\"5..\"}[5m])",
        "histogram_quantile(\n  0.99,\n  rate(http_request_duration_seconds_bucket[5m])\n)",
        "histogram_quantile(0.50, rate(http_request_duration_seconds_bucket[5m]))",
        "histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m]))",
        "sum(rate(http_requests_total[5m])) by (service)",
        "count(kube_pod_info) by (namespace)",
        "topk(5, rate(container_cpu_usage_seconds_total{container!=\"\"}[5m]))",
        "100 * (1 - avg by (instance) (\n  rate(node_cpu_seconds_total{mode=\"idle\"}[5m])\n))",
        "kube_deployment_status_replicas_available / kube_deployment_spec_replicas",
        "rate(kube_pod_container_status_restarts_total[15m]) * 60",
        "kube_pod_container_status_last_terminated_reason{reason=\"OOMKilled\"}",
        "sum(kube_pod_container_resource_requests{resource=\"cpu\"}) by (node) /\nsum(kube_node_status_allocatable{resource=\"cpu\"}) by (node) * 100",
        "rate(kube_pod_container_status_restarts_total[15m]) * 60 > 0",
        "sum(rate(http_requests_total{status=~\"5..\"}[5m])) by (service)\n/\nsum(rate(http_requests_total[5m])) by (service)",
        "histogram_quantile(\n  0.99,\n  rate(http_request_duration_seconds_bucket[5m])\n) > 1.0",
        "100 - (\n  node_memory_MemAvailable_bytes /\n  node_memory_MemTotal_bytes * 100\n) > 85",
        "(\n  kubelet_volume_stats_used_bytes /\n  kubelet_volume_stats_capacity_bytes\n) * 100 > 80",
        "rate(http_requests_total[1m])",
        "100 * (1 - avg by(instance)(rate(node_cpu_seconds_total{mode=\"idle\"}[5m])))",
        "up{job=\"new-service\"} == 0",
        "rate(http_requests_total{status=~\"5..\",service=\"new-service\"}[5m]) > 0.1",
        "rate(node_cpu_seconds_total{mode=\"system\"}[1m])",
        "rate(node_network_receive_bytes_total[1m])",
        "node_cpu_seconds_total",
        "(node_cpu_seconds_total{mode=\"idle\"}[1m])",
        "node_memory_Active_bytes{instance=\"192.168.1.105:9100\"}",
        "kube_deployment_status_replicas_available{deployment=\"coredns\"}",
        "kubeproxy_sync_proxy_rules_iptables_total",
        "kubeproxy_sync_proxy_rules_iptables_total{table=\"filter\"}",
        "kubeproxy_sync_proxy_rules_iptables_total{table=\"nat\"}",
        "ping_request_count > 5",
    };

    [Theory]
    [MemberData(nameof(SeedExpressions))]
    public void Seed_expression_parses_and_its_printed_form_parses_to_the_same_text(string query)
    {
        var printed = PromQLParser.ParseExpr(query).ToString();
        Assert.Equal(printed, PromQLParser.ParseExpr(printed).ToString());
    }
}
