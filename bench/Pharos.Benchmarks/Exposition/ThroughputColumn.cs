using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Pharos.Exposition;

namespace Pharos.Benchmarks.Exposition;

/// <summary>Adds payload size and MB/s (decimal megabytes of payload per second of mean time) to the summary.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ThroughputConfig() => AddColumn(new ThroughputColumn(false), new ThroughputColumn(true));
}

/// <summary>A column computed from the payload size registered for the benchmark's format parameter.</summary>
/// <param name="rate">True for MB/s, false for the payload size.</param>
public sealed class ThroughputColumn(bool rate) : IColumn
{
    /// <inheritdoc />
    public string Id => rate ? "MBps" : "PayloadBytes";

    /// <inheritdoc />
    public string ColumnName => rate ? "MB/s" : "Payload";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => rate ? 1 : 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => rate ? "Payload megabytes (10^6) parsed or written per second" : "Payload size in bytes";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var format = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Format")?.Value as ExpositionFormat?;
        if (format is null)
        {
            return "-";
        }

        var bytes = NodeExporterPayload.Get(format.Value).LongLength;
        if (!rate)
        {
            return bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats)
        {
            return "-";
        }

        var seconds = stats.Mean / 1e9;
        return (bytes / 1e6 / seconds).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
