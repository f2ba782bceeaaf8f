using System.Text;

namespace Pharos.Client.Exposition;

/// <summary>
/// The descriptive part of a metric family, with the names each format uses:
/// the Prometheus text and protobuf formats use <see cref="Name"/> as registered (a counter keeps or lacks
/// <c>_total</c> as given, an info metric ends in <c>_info</c>), while OpenMetrics names the family without
/// those suffixes and puts them on the samples (<see cref="OpenMetricsName"/>), as client_golang's encoder does.
/// </summary>
internal sealed class FamilyMetadata
{
    private byte[]? _nameBytes;
    private byte[]? _openMetricsNameBytes;
    private byte[]? _openMetricsSampleBytes;

    public FamilyMetadata(string name, string help, MetricType type, string? unit)
    {
        Help = help ?? string.Empty;
        Type = type;
        Unit = string.IsNullOrEmpty(unit) ? null : unit;

        var baseName = type switch
        {
            MetricType.Counter => TrimSuffix(name, "_total"),
            MetricType.Info => TrimSuffix(name, "_info"),
            _ => name,
        };
        if (Unit is not null && !baseName.EndsWith("_" + Unit, StringComparison.Ordinal))
        {
            // As client_python does: a unit is part of the name, so append it rather than reject the name.
            baseName = baseName + "_" + Unit;
        }

        OpenMetricsName = baseName;
        Name = type switch
        {
            MetricType.Counter when name.EndsWith("_total", StringComparison.Ordinal) => baseName + "_total",
            MetricType.Info => baseName + "_info",
            _ => baseName,
        };
    }

    /// <summary>The family name in the Prometheus text and protobuf formats.</summary>
    public string Name { get; }

    /// <summary>The family name on OpenMetrics <c># TYPE</c>, <c># HELP</c> and <c># UNIT</c> lines.</summary>
    public string OpenMetricsName { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public string? Unit { get; }

    public byte[] NameBytes => _nameBytes ??= Encoding.UTF8.GetBytes(Name);

    public byte[] OpenMetricsNameBytes => _openMetricsNameBytes ??= Encoding.UTF8.GetBytes(OpenMetricsName);

    /// <summary>The OpenMetrics name of the main sample: <c>x_total</c> for counters, <c>x_info</c> for info metrics.</summary>
    public byte[] OpenMetricsSampleBytes => _openMetricsSampleBytes ??= Encoding.UTF8.GetBytes(Type switch
    {
        MetricType.Counter => OpenMetricsName + "_total",
        MetricType.Info => OpenMetricsName + "_info",
        _ => OpenMetricsName,
    });

    /// <summary>Every sample name the family produces in any format, for collision checks at registration.</summary>
    public IEnumerable<string> SampleNames()
    {
        yield return Name;
        switch (Type)
        {
            case MetricType.Counter:
                yield return OpenMetricsName + "_total";
                yield return OpenMetricsName + "_created";
                break;
            case MetricType.Histogram:
                yield return Name + "_bucket";
                yield return Name + "_sum";
                yield return Name + "_count";
                yield return Name + "_created";
                break;
            case MetricType.Summary:
                yield return Name + "_sum";
                yield return Name + "_count";
                yield return Name + "_created";
                break;
        }
    }

    private static string TrimSuffix(string name, string suffix) =>
        name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length ? name[..^suffix.Length] : name;
}
