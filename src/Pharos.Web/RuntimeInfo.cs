namespace Pharos.Web;

/// <summary>What <c>/api/v1/status/runtimeinfo</c> returns (upstream's field names are kept in the JSON).</summary>
/// <param name="StartTime">When the server started.</param>
/// <param name="Cwd">The working directory.</param>
/// <param name="Hostname">The machine name.</param>
/// <param name="ReloadConfigSuccess">Whether the last configuration reload succeeded.</param>
/// <param name="LastConfigTime">When the configuration was last loaded successfully.</param>
/// <param name="CorruptionCount">WAL corruptions found.</param>
/// <param name="ThreadCount">Threads of the process (shown as <c>goroutineCount</c>).</param>
/// <param name="ProcessorCount">Processors available (shown as <c>GOMAXPROCS</c>).</param>
/// <param name="MemoryLimitBytes">The GC memory limit (shown as <c>GOMEMLIMIT</c>).</param>
/// <param name="StorageRetention">The retention in upstream's words, e.g. <c>15d</c>.</param>
public sealed record RuntimeInfo(
    DateTimeOffset StartTime,
    string Cwd,
    string Hostname,
    bool ReloadConfigSuccess,
    DateTimeOffset LastConfigTime,
    long CorruptionCount,
    int ThreadCount,
    int ProcessorCount,
    long MemoryLimitBytes,
    string StorageRetention);
