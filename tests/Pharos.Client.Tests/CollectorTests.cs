using System.Text;
using Pharos.Client.Collectors;

namespace Pharos.Client.Tests;

public sealed class CollectorTests
{
    [Theory]
    [InlineData("process_cpu_seconds_total", "counter")]
    [InlineData("process_resident_memory_bytes", "gauge")]
    [InlineData("process_virtual_memory_bytes", "gauge")]
    [InlineData("process_start_time_seconds", "gauge")]
    public void The_process_collector_exposes_upstream_names(string name, string type)
    {
        var registry = new MetricRegistry();
        registry.Register(new ProcessCollector());

        var text = Encoding.UTF8.GetString(registry.ToArray());

        Assert.Contains($"# TYPE {name} {type}\n{name} ", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process_open_fds")]
    [InlineData("process_max_fds")]
    [InlineData("process_virtual_memory_max_bytes")]
    public void On_Linux_the_process_collector_reads_descriptor_and_address_space_limits(string name)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var registry = new MetricRegistry();
        registry.Register(new ProcessCollector());

        Assert.Contains($"\n{name} ", Encoding.UTF8.GetString(registry.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dotnet_collection_count_total{generation=\"0\"} ")]
    [InlineData("dotnet_gc_heap_size_bytes{gc_generation=\"gen0\"} ")]
    [InlineData("dotnet_gc_allocated_bytes_total ")]
    [InlineData("dotnet_total_memory_bytes ")]
    [InlineData("dotnet_threadpool_num_threads ")]
    [InlineData("dotnet_threadpool_queue_length ")]
    [InlineData("dotnet_exceptions_total ")]
    [InlineData("dotnet_jit_method_total ")]
    [InlineData("dotnet_contention_total ")]
    public void The_runtime_collector_exposes_prometheus_net_names(string sample)
    {
        var registry = new MetricRegistry();
        using var runtime = new DotNetRuntimeCollector();
        registry.Register(runtime);

        Assert.Contains("\n" + sample, Encoding.UTF8.GetString(registry.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void The_runtime_collector_counts_thrown_exceptions()
    {
        using var runtime = new DotNetRuntimeCollector();
        var before = Exceptions(runtime);

        try
        {
            throw new InvalidOperationException("counted");
        }
        catch (InvalidOperationException)
        {
        }

        Assert.True(Exceptions(runtime) >= before + 1);
    }

    [Fact]
    public void The_default_registry_carries_process_and_runtime_metrics()
    {
        var text = Encoding.UTF8.GetString(Metrics.DefaultRegistry.ToArray(ExpositionFormat.OpenMetricsText));

        Assert.Contains("# TYPE process_cpu_seconds counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_collection_count counter\n", text, StringComparison.Ordinal);
        Assert.EndsWith("# EOF\n", text, StringComparison.Ordinal);
    }

    private static double Exceptions(DotNetRuntimeCollector runtime) =>
        runtime.Collect().Single(f => f.Name == "dotnet_exceptions_total").Points[0].Value;
}
