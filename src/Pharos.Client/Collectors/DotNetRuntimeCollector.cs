using System.Runtime;
using System.Runtime.ExceptionServices;

namespace Pharos.Client.Collectors;

/// <summary>
/// .NET runtime metrics named as prometheus-net and prometheus-net.DotNetRuntime name them:
/// <c>dotnet_collection_count_total{generation}</c>, <c>dotnet_total_memory_bytes</c>,
/// <c>dotnet_gc_heap_size_bytes{gc_generation}</c>, <c>dotnet_gc_allocated_bytes_total</c>,
/// <c>dotnet_gc_pause_seconds_total</c>, <c>dotnet_threadpool_num_threads</c>, <c>dotnet_threadpool_queue_length</c>,
/// <c>dotnet_threadpool_completed_items_total</c>, <c>dotnet_exceptions_total</c>, <c>dotnet_jit_method_total</c>,
/// <c>dotnet_jit_il_bytes</c>, <c>dotnet_jit_compilation_seconds_total</c>, <c>dotnet_contention_total</c>.
/// Values come from the runtime's own counters (no event listener), so collecting is cheap. Counting exceptions subscribes to <see cref="AppDomain.FirstChanceException"/>; dispose to unsubscribe.
/// </summary>
public sealed class DotNetRuntimeCollector : ICollector, IDisposable
{
    private static readonly string[] GenerationNames = ["gen0", "gen1", "gen2", "loh", "poh"];

    private long _exceptions;

    /// <summary>Creates the collector and starts counting first-chance exceptions.</summary>
    public DotNetRuntimeCollector() => AppDomain.CurrentDomain.FirstChanceException += OnFirstChanceException;

    /// <inheritdoc/>
    public IEnumerable<MetricFamilySnapshot> Collect()
    {
        var collections = new MetricPoint[GC.MaxGeneration + 1];
        for (var gen = 0; gen <= GC.MaxGeneration; gen++)
        {
            collections[gen] = MetricPoint.Sample(GC.CollectionCount(gen), [new("generation", gen.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        var info = GC.GetGCMemoryInfo();
        var generations = info.GenerationInfo;
        var heap = new MetricPoint[Math.Min(generations.Length, GenerationNames.Length)];
        for (var i = 0; i < heap.Length; i++)
        {
            heap[i] = MetricPoint.Sample(generations[i].SizeAfterBytes, [new("gc_generation", GenerationNames[i])]);
        }

        return
        [
            new("dotnet_collection_count_total", MetricType.Counter, "GC collection count.", collections),
            new("dotnet_total_memory_bytes", MetricType.Gauge, "Total known allocated memory.", [MetricPoint.Sample(GC.GetTotalMemory(false))]),
            new("dotnet_gc_heap_size_bytes", MetricType.Gauge, "The current size of all heaps (only updated after a garbage collection).", heap),
            new("dotnet_gc_allocated_bytes_total", MetricType.Counter, "The total number of bytes allocated on the managed heap.", [MetricPoint.Sample(GC.GetTotalAllocatedBytes())]),
            new("dotnet_gc_pause_seconds_total", MetricType.Counter, "The total time the runtime has paused for garbage collection.", [MetricPoint.Sample(GC.GetTotalPauseDuration().TotalSeconds)]),
            new("dotnet_gc_memory_total_available_bytes", MetricType.Gauge, "The upper limit on the amount of physical memory .NET can allocate to.", [MetricPoint.Sample(info.TotalAvailableMemoryBytes)]),
            new("dotnet_threadpool_num_threads", MetricType.Gauge, "The number of active threads in the thread pool.", [MetricPoint.Sample(ThreadPool.ThreadCount)]),
            new("dotnet_threadpool_queue_length", MetricType.Gauge, "The number of work items queued to the thread pool.", [MetricPoint.Sample(ThreadPool.PendingWorkItemCount)]),
            new("dotnet_threadpool_completed_items_total", MetricType.Counter, "The number of work items the thread pool has completed.", [MetricPoint.Sample(ThreadPool.CompletedWorkItemCount)]),
            new("dotnet_exceptions_total", MetricType.Counter, "The number of exceptions thrown (first chance).", [MetricPoint.Sample(Interlocked.Read(ref _exceptions))]),
            new("dotnet_jit_method_total", MetricType.Counter, "The number of methods compiled by the JIT compiler.", [MetricPoint.Sample(System.Runtime.JitInfo.GetCompiledMethodCount())]),
            new("dotnet_jit_il_bytes", MetricType.Gauge, "The number of bytes of IL compiled by the JIT compiler.", [MetricPoint.Sample(System.Runtime.JitInfo.GetCompiledILBytes())]),
            new("dotnet_jit_compilation_seconds_total", MetricType.Counter, "The time the JIT compiler has spent compiling methods.", [MetricPoint.Sample(System.Runtime.JitInfo.GetCompilationTime().TotalSeconds)]),
            new("dotnet_contention_total", MetricType.Counter, "The number of times there was contention when trying to take a monitor's lock.", [MetricPoint.Sample(Monitor.LockContentionCount)]),
            new("dotnet_gc_server_mode", MetricType.Gauge, "1 when the runtime uses server garbage collection.", [MetricPoint.Sample(GCSettings.IsServerGC ? 1 : 0)]),
        ];
    }

    /// <summary>Stops counting exceptions.</summary>
    public void Dispose() => AppDomain.CurrentDomain.FirstChanceException -= OnFirstChanceException;

    private void OnFirstChanceException(object? sender, FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref _exceptions);
}
