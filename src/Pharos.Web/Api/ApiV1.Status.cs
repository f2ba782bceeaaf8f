using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Pharos.Web.Api;

/// <summary>The status endpoints and the TSDB admin endpoints.</summary>
public sealed partial class ApiV1
{
    internal ApiResult StatusConfig(ApiParameters parameters, HttpContext context)
    {
        var yaml = _options.ConfigYaml();
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("yaml"u8, yaml);
            writer.WriteEndObject();
        });
    }

    internal ApiResult StatusFlags(ApiParameters parameters, HttpContext context) =>
        new(writer =>
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _options.Flags.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        });

    internal ApiResult StatusRuntimeInfo(ApiParameters parameters, HttpContext context)
    {
        var info = _options.RuntimeInfo?.Invoke() ?? new RuntimeInfo(
            DateTimeOffset.MinValue, Environment.CurrentDirectory, Environment.MachineName, true, DateTimeOffset.MinValue, 0, Environment.ProcessorCount, Environment.ProcessorCount, 0, string.Empty);
        var now = _options.TimeProvider.GetUtcNow();
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("startTime"u8, FormatTime(info.StartTime));
            writer.WriteString("CWD"u8, info.Cwd);
            writer.WriteString("hostname"u8, info.Hostname);
            writer.WriteString("serverTime"u8, FormatTime(now));
            writer.WriteBoolean("reloadConfigSuccess"u8, info.ReloadConfigSuccess);
            writer.WriteString("lastConfigTime"u8, FormatTime(info.LastConfigTime));
            writer.WriteNumber("corruptionCount"u8, info.CorruptionCount);
            writer.WriteNumber("goroutineCount"u8, info.ThreadCount);
            writer.WriteNumber("GOMAXPROCS"u8, info.ProcessorCount);
            writer.WriteNumber("GOMEMLIMIT"u8, info.MemoryLimitBytes);
            writer.WriteString("GOGC"u8, string.Empty);
            writer.WriteString("GODEBUG"u8, string.Empty);
            writer.WriteString("storageRetention"u8, info.StorageRetention);
            writer.WriteEndObject();
        });
    }

    internal ApiResult StatusBuildInfo(ApiParameters parameters, HttpContext context)
    {
        var info = _options.BuildInfo;
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("version"u8, info.Version);
            writer.WriteString("revision"u8, info.Revision);
            writer.WriteString("branch"u8, info.Branch);
            writer.WriteString("buildUser"u8, info.BuildUser);
            writer.WriteString("buildDate"u8, info.BuildDate);
            writer.WriteString("goVersion"u8, info.GoVersion);
            writer.WriteEndObject();
        });
    }

    internal ApiResult StatusTsdb(ApiParameters parameters, HttpContext context)
    {
        var limit = 10;
        var text = parameters.Value("limit");
        if (text.Length > 0 && (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1))
        {
            throw new ApiException(ApiErrorType.BadData, "limit must be a positive number");
        }

        var stats = _tsdbStatus.Statistics(limit);
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("headStats"u8);
            writer.WriteStartObject();
            writer.WriteNumber("numSeries"u8, stats.NumSeries);
            writer.WriteNumber("numLabelPairs"u8, stats.NumLabelPairs);
            writer.WriteNumber("chunkCount"u8, stats.ChunkCount);
            writer.WriteNumber("minTime"u8, stats.MinTimeMs);
            writer.WriteNumber("maxTime"u8, stats.MaxTimeMs);
            writer.WriteEndObject();
            WriteStatList(writer, "seriesCountByMetricName"u8, stats.SeriesCountByMetricName);
            WriteStatList(writer, "labelValueCountByLabelName"u8, stats.LabelValueCountByLabelName);
            WriteStatList(writer, "memoryInBytesByLabelName"u8, stats.MemoryInBytesByLabelName);
            WriteStatList(writer, "seriesCountByLabelValuePair"u8, stats.SeriesCountByLabelValuePair);
            writer.WriteEndObject();
        });
    }

    internal ApiResult StatusWalReplay(ApiParameters parameters, HttpContext context)
    {
        var status = _tsdbStatus.WalReplay();
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("min"u8, status.Min);
            writer.WriteNumber("max"u8, status.Max);
            writer.WriteNumber("current"u8, status.Current);
            writer.WriteEndObject();
        });
    }

    internal ApiResult Features(ApiParameters parameters, HttpContext context) =>
        new(writer =>
        {
            writer.WriteStartObject();
            WriteFeatureGroup(writer, "api"u8, ("admin", _options.EnableAdminApi), ("exclude_alerts", true), ("label_values_match", true), ("lifecycle", _options.EnableLifecycle), ("query_stats", true), ("time_range_labels", true), ("time_range_series", true));
            WriteFeatureGroup(writer, "promql"u8, ("at_modifier", true), ("negative_offset", true), ("per_step_stats", false), ("subqueries", true));
            WriteFeatureGroup(writer, "tsdb"u8, ("exemplar_storage", _options.Exemplars is not null), ("native_histograms", true));
            writer.WriteEndObject();
        });

    internal ApiResult DeleteSeries(ApiParameters parameters, HttpContext context)
    {
        var admin = Admin();
        if (parameters.Values("match[]").Count == 0)
        {
            throw new ApiException(ApiErrorType.BadData, "no match[] parameter provided");
        }

        var startMs = parameters.TimeOrDefault("start", ApiParameters.MinTimeMs);
        var endMs = parameters.TimeOrDefault("end", ApiParameters.MaxTimeMs);
        foreach (var set in parameters.MatcherSets())
        {
            RunAdmin(() => admin.DeleteSeries(startMs, endMs, set));
        }

        return new ApiResult(null, NoContent: true);
    }

    internal ApiResult CleanTombstones(ApiParameters parameters, HttpContext context)
    {
        var admin = Admin();
        RunAdmin(admin.CleanTombstones);
        return new ApiResult(null, NoContent: true);
    }

    internal ApiResult Snapshot(ApiParameters parameters, HttpContext context)
    {
        var admin = Admin();
        var skipHead = parameters.Bool("skip_head");
        var name = string.Empty;
        RunAdmin(() => name = admin.Snapshot(skipHead));
        return new ApiResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, name);
            writer.WriteEndObject();
        });
    }

    private ITsdbAdmin Admin() =>
        _options.EnableAdminApi && _options.TsdbAdmin is { } admin
            ? admin
            : throw new ApiException(ApiErrorType.Unavailable, "admin APIs disabled");

    private static void RunAdmin(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NotSupportedException or UnauthorizedAccessException)
        {
            throw new ApiException(ApiErrorType.Internal, e.Message);
        }
    }

    private static void WriteStatList(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<KeyValuePair<string, long>> entries)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var (key, value) in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, key);
            writer.WriteNumber("value"u8, value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteFeatureGroup(Utf8JsonWriter writer, ReadOnlySpan<byte> name, params (string Name, bool Enabled)[] features)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var (feature, enabled) in features)
        {
            writer.WriteBoolean(feature, enabled);
        }

        writer.WriteEndObject();
    }
}
