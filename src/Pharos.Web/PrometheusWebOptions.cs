using Pharos.Client;
using Pharos.Model;
using Pharos.PromQL.Engine;
using IQueryable = Pharos.Storage.IQueryable;

namespace Pharos.Web;

/// <summary>
/// What the web layer serves from: the storage and engine, the retrievers the server adapts from scrape, rules and
/// the TSDB (each optional: a missing one answers empty, as upstream does for an agent or before the piece runs),
/// and the switches of the upstream flags. Set once before mapping; read concurrently afterwards.
/// </summary>
public sealed class PrometheusWebOptions
{
    /// <summary>The storage queries, series and labels read.</summary>
    public required IQueryable Queryable { get; init; }

    /// <summary>The PromQL engine.</summary>
    public required PromQLEngine Engine { get; init; }

    /// <summary>The clock; the default time of queries.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Scrape targets; empty lists when null.</summary>
    public ITargetRetriever? Targets { get; init; }

    /// <summary>Scraped metadata; empty when null.</summary>
    public IMetadataRetriever? Metadata { get; init; }

    /// <summary>Rules and alerts; empty when null.</summary>
    public IRulesRetriever? Rules { get; init; }

    /// <summary>Alertmanagers; empty when null.</summary>
    public IAlertmanagerRetriever? Alertmanagers { get; init; }

    /// <summary>Admin operations; the admin API answers <c>unavailable</c> when null or disabled.</summary>
    public ITsdbAdmin? TsdbAdmin { get; init; }

    /// <summary>TSDB statistics; computed from <see cref="Queryable"/> when null.</summary>
    public ITsdbStatus? TsdbStatus { get; init; }

    /// <summary>Exemplars; empty when null.</summary>
    public IExemplarQueryable? Exemplars { get; init; }

    /// <summary>Whether the server is ready (false during WAL replay); API and federation answer 503 until then.</summary>
    public Func<bool> IsReady { get; init; } = static () => true;

    /// <summary>The loaded configuration as YAML with secrets redacted.</summary>
    public Func<string> ConfigYaml { get; init; } = static () => string.Empty;

    /// <summary>The external labels of the loaded configuration, added by federation.</summary>
    public Func<Labels> ExternalLabels { get; init; } = static () => Labels.Empty;

    /// <summary>Flag name (without dashes) to value, for <c>/api/v1/status/flags</c>.</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();

    /// <summary>Runtime information; a minimal record when null.</summary>
    public Func<RuntimeInfo>? RuntimeInfo { get; init; }

    /// <summary>Build information.</summary>
    public BuildInfoValues BuildInfo { get; init; } = new("unknown", "unknown", "unknown", "unknown", "unknown", Environment.Version.ToString());

    /// <summary><c>--web.enable-admin-api</c>.</summary>
    public bool EnableAdminApi { get; init; }

    /// <summary><c>--web.enable-lifecycle</c>.</summary>
    public bool EnableLifecycle { get; init; }

    /// <summary>Reloads the configuration; throws with the reason when the new configuration is rejected.</summary>
    public Func<CancellationToken, Task>? Reload { get; init; }

    /// <summary>Starts a graceful shutdown (<c>/-/quit</c>).</summary>
    public Action? Quit { get; init; }

    /// <summary><c>--web.cors.origin</c>: a regular expression the Origin header must fully match.</summary>
    public string CorsOrigin { get; init; } = ".*";

    /// <summary>Where <c>prometheus_http_*</c> metrics are registered; none when null.</summary>
    public MetricRegistry? Registry { get; init; }

    /// <summary>The lookback of federation (<c>--query.lookback-delta</c>).</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Called after every query with its statistics (for <c>prometheus_engine_query_duration_seconds</c>); may be null.</summary>
    public Action<QueryStats>? QueryObserver { get; init; }

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; init; } = 32L * 1024 * 1024;
}
