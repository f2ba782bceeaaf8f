using Pharos.Model;

namespace Pharos.Alertmanager.Config;

/// <summary>A loaded and validated <c>alertmanager.yml</c>. Immutable after loading.</summary>
public sealed class AlertmanagerConfig
{
    /// <summary>The <c>global</c> block with upstream's defaults filled in.</summary>
    public GlobalConfig Global { get; init; } = new();

    /// <summary>The root of the routing tree.</summary>
    public required RouteConfig Route { get; init; }

    /// <summary>The inhibition rules.</summary>
    public IReadOnlyList<InhibitRuleConfig> InhibitRules { get; init; } = [];

    /// <summary>The receivers by name, in file order.</summary>
    public IReadOnlyList<ReceiverConfig> Receivers { get; init; } = [];

    /// <summary>Named time intervals from <c>time_intervals</c> and <c>mute_time_intervals</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TimeInterval>> TimeIntervals { get; init; } = new Dictionary<string, IReadOnlyList<TimeInterval>>();

    /// <summary>The <c>templates</c> globs, resolved against the config file's directory.</summary>
    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>The file text as loaded.</summary>
    public string Original { get; init; } = "";
}

/// <summary>The <c>global</c> block.</summary>
public sealed class GlobalConfig
{
    /// <summary><c>resolve_timeout</c>: how long an alert without <c>endsAt</c> stays firing after its last update.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Every other global setting by its YAML name (SMTP, API URLs, keys), with defaults.</summary>
    public IReadOnlyDictionary<string, object?> Settings { get; init; } = new Dictionary<string, object?>();

    /// <summary>A global string setting, or empty.</summary>
    /// <param name="name">The YAML name, e.g. <c>smtp_from</c>.</param>
    /// <returns>The value.</returns>
    public string Get(string name) => Settings.TryGetValue(name, out var v) && v is string s ? s : "";
}

/// <summary>One node of the <c>route</c> tree as written; <c>Routing.Route</c> holds the inherited options.</summary>
public sealed class RouteConfig
{
    /// <summary><c>receiver</c>, or null to inherit.</summary>
    public string? Receiver { get; init; }

    /// <summary><c>group_by</c>, or null to inherit.</summary>
    public IReadOnlyList<string>? GroupBy { get; init; }

    /// <summary>The matchers from <c>match</c>, <c>match_re</c> and <c>matchers</c>, sorted.</summary>
    public IReadOnlyList<Matcher> Matchers { get; init; } = [];

    /// <summary><c>continue</c>: keep matching siblings after this route matched.</summary>
    public bool Continue { get; init; }

    /// <summary><c>group_wait</c>, or null to inherit.</summary>
    public TimeSpan? GroupWait { get; init; }

    /// <summary><c>group_interval</c>, or null to inherit.</summary>
    public TimeSpan? GroupInterval { get; init; }

    /// <summary><c>repeat_interval</c>, or null to inherit.</summary>
    public TimeSpan? RepeatInterval { get; init; }

    /// <summary><c>mute_time_intervals</c>.</summary>
    public IReadOnlyList<string> MuteTimeIntervals { get; init; } = [];

    /// <summary><c>active_time_intervals</c>.</summary>
    public IReadOnlyList<string> ActiveTimeIntervals { get; init; } = [];

    /// <summary>The child routes.</summary>
    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];
}

/// <summary>One <c>inhibit_rules</c> entry.</summary>
/// <param name="SourceMatchers">Matchers an inhibiting alert must satisfy.</param>
/// <param name="TargetMatchers">Matchers an inhibited alert must satisfy.</param>
/// <param name="Equal">Labels that must be equal in source and target.</param>
public sealed record InhibitRuleConfig(IReadOnlyList<Matcher> SourceMatchers, IReadOnlyList<Matcher> TargetMatchers, IReadOnlyList<string> Equal);

/// <summary>One receiver and its integrations.</summary>
/// <param name="Name">The receiver name.</param>
/// <param name="Integrations">The integrations, in upstream's order by type, then by index.</param>
public sealed record ReceiverConfig(string Name, IReadOnlyList<IntegrationConfig> Integrations);

/// <summary>One integration of a receiver (a <c>webhook_configs</c> entry, a <c>slack_configs</c> entry, …).</summary>
/// <param name="Type">The integration name as upstream labels it: <c>webhook</c>, <c>slack</c>, <c>email</c>, ….</param>
/// <param name="Index">The entry's position in its list.</param>
/// <param name="SendResolved">Whether resolved notifications are sent.</param>
/// <param name="Fields">The other fields by YAML name with defaults filled in.</param>
public sealed record IntegrationConfig(string Type, int Index, bool SendResolved, IReadOnlyDictionary<string, object?> Fields)
{
    /// <summary>A string field, or empty.</summary>
    /// <param name="name">The YAML name.</param>
    /// <returns>The value.</returns>
    public string Get(string name) => Fields.TryGetValue(name, out var v) && v is string s ? s : "";

    /// <summary>An integer field, or zero.</summary>
    /// <param name="name">The YAML name.</param>
    /// <returns>The value.</returns>
    public long GetInt(string name) => Fields.TryGetValue(name, out var v) && v is long l ? l : 0;

    /// <summary>A string map field in file order, or empty.</summary>
    /// <param name="name">The YAML name.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> GetMap(string name) =>
        Fields.TryGetValue(name, out var v) && v is IReadOnlyList<KeyValuePair<string, string>> m ? m : [];
}
