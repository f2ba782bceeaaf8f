using System.Text.RegularExpressions;
using Pharos.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using MatchType = Pharos.Model.MatchType;

namespace Pharos.Alertmanager.Config;

/// <summary>
/// Loads <c>alertmanager.yml</c> with upstream's validation (the checks <c>amtool check-config</c> runs): unknown
/// fields are errors, receivers and time intervals must exist where routes use them, integrations get the global
/// settings and upstream's defaults.
/// </summary>
public static partial class AlertmanagerConfigLoader
{
    private static readonly Dictionary<string, FieldKind> GlobalFields = new(StringComparer.Ordinal)
    {
        ["smtp_from"] = FieldKind.String,
        ["smtp_hello"] = FieldKind.String,
        ["smtp_smarthost"] = FieldKind.String,
        ["smtp_auth_username"] = FieldKind.String,
        ["smtp_auth_password"] = FieldKind.Secret,
        ["smtp_auth_password_file"] = FieldKind.String,
        ["smtp_auth_secret"] = FieldKind.Secret,
        ["smtp_auth_identity"] = FieldKind.String,
        ["smtp_require_tls"] = FieldKind.Bool,
        ["smtp_tls_config"] = FieldKind.Raw,
        ["slack_api_url"] = FieldKind.Secret,
        ["slack_api_url_file"] = FieldKind.String,
        ["pagerduty_url"] = FieldKind.String,
        ["opsgenie_api_url"] = FieldKind.String,
        ["opsgenie_api_key"] = FieldKind.Secret,
        ["opsgenie_api_key_file"] = FieldKind.String,
        ["wechat_api_url"] = FieldKind.String,
        ["wechat_api_secret"] = FieldKind.Secret,
        ["wechat_api_corp_id"] = FieldKind.String,
        ["victorops_api_url"] = FieldKind.String,
        ["victorops_api_key"] = FieldKind.Secret,
        ["victorops_api_key_file"] = FieldKind.String,
        ["telegram_api_url"] = FieldKind.String,
        ["webex_api_url"] = FieldKind.String,
        ["http_config"] = FieldKind.Raw,
    };

    private static readonly Dictionary<string, object?> GlobalDefaults = new(StringComparer.Ordinal)
    {
        ["smtp_hello"] = "localhost",
        ["smtp_require_tls"] = true,
        ["pagerduty_url"] = "https://events.pagerduty.com/v2/enqueue",
        ["opsgenie_api_url"] = "https://api.opsgenie.com/",
        ["wechat_api_url"] = "https://qyapi.weixin.qq.com/cgi-bin/",
        ["victorops_api_url"] = "https://alert.victorops.com/integrations/generic/20131114/alert/",
        ["telegram_api_url"] = "https://api.telegram.org",
        ["webex_api_url"] = "https://webexapis.com/v1/messages",
    };

    /// <summary>Reads and validates a configuration file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="AlertmanagerConfigException">The file cannot be read or is invalid.</exception>
    public static AlertmanagerConfig LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AlertmanagerConfigException(path, 0, 0, "", e.Message);
        }

        return Load(text, path);
    }

    /// <summary>Parses and validates configuration text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="fileName">The file name for messages and for resolving template globs.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="AlertmanagerConfigException">The text is invalid.</exception>
    public static AlertmanagerConfig Load(string yaml, string fileName = "")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new AlertmanagerConfigException(fileName, (int)e.Start.Line, (int)e.Start.Column, "", e.InnerException?.Message ?? e.Message);
        }

        if (stream.Documents.Count == 0 || YamlMap.IsNull(stream.Documents[0].RootNode))
        {
            throw new AlertmanagerConfigException(fileName, 0, 0, "", "no route provided in config");
        }

        var root = new YamlMap(stream.Documents[0].RootNode, "", fileName, "config.plain");
        var global = ReadGlobal(root.Map("global", "config.plain"));
        var intervals = new Dictionary<string, IReadOnlyList<TimeInterval>>(StringComparer.Ordinal);
        ReadTimeIntervals(root, "mute_time_intervals", intervals);
        ReadTimeIntervals(root, "time_intervals", intervals);
        var receivers = root.List("receivers", (node, path) => ReadReceiver(root.Open(node, path, "config.plain"), global)) ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var receiver in receivers)
        {
            if (!names.Add(receiver.Name))
            {
                throw root.Error("receivers", $"notification config name \"{receiver.Name}\" is not unique");
            }
        }

        var inhibitRules = root.List("inhibit_rules", (node, path) => ReadInhibitRule(root.Open(node, path, "config.plain"))) ?? [];
        var directory = Path.GetDirectoryName(Path.GetFullPath(fileName.Length > 0 ? fileName : "alertmanager.yml")) ?? ".";
        var templates = (root.StringList("templates") ?? []).Select(t => Path.IsPathRooted(t) ? t : Path.Combine(directory, t)).ToList();
        var routeMap = root.Map("route", "config.plain") ?? throw root.Error("no routes provided");
        var route = ReadRoute(routeMap);
        root.Finish();
        if (string.IsNullOrEmpty(route.Receiver))
        {
            throw routeMap.Error("root route must specify a default receiver");
        }

        if (route.Matchers.Count > 0)
        {
            throw routeMap.Error("root route must not have any matchers");
        }

        if (route.MuteTimeIntervals.Count > 0)
        {
            throw routeMap.Error("root route must not have any mute time intervals");
        }

        if (route.ActiveTimeIntervals.Count > 0)
        {
            throw routeMap.Error("root route must not have any active time intervals");
        }

        CheckRoute(routeMap, route, names, intervals);
        return new AlertmanagerConfig
        {
            Global = global,
            Route = route,
            InhibitRules = inhibitRules,
            Receivers = receivers,
            TimeIntervals = intervals,
            Templates = templates,
            Original = yaml,
        };
    }

    private static void CheckRoute(YamlMap at, RouteConfig route, HashSet<string> receivers, Dictionary<string, IReadOnlyList<TimeInterval>> intervals)
    {
        if (route.Receiver is { Length: > 0 } r && !receivers.Contains(r))
        {
            throw at.Error($"undefined receiver \"{r}\" used in route");
        }

        foreach (var name in route.MuteTimeIntervals.Concat(route.ActiveTimeIntervals))
        {
            if (!intervals.ContainsKey(name))
            {
                throw at.Error($"undefined time interval \"{name}\" used in route");
            }
        }

        foreach (var child in route.Routes)
        {
            CheckRoute(at, child, receivers, intervals);
        }
    }

    private static GlobalConfig ReadGlobal(YamlMap? m)
    {
        var settings = new Dictionary<string, object?>(GlobalDefaults, StringComparer.Ordinal);
        if (m is null)
        {
            return new GlobalConfig { Settings = settings };
        }

        var resolveTimeout = m.Duration("resolve_timeout") ?? TimeSpan.FromMinutes(5);
        foreach (var (name, kind) in GlobalFields)
        {
            if (ReadField(m, name, kind) is { } value)
            {
                settings[name] = value;
            }
        }

        m.Finish();
        return new GlobalConfig { ResolveTimeout = resolveTimeout, Settings = settings };
    }

    private static void ReadTimeIntervals(YamlMap root, string key, Dictionary<string, IReadOnlyList<TimeInterval>> into)
    {
        foreach (var (name, list) in root.List(key, (node, path) =>
                 {
                     var m = root.Open(node, path, "config.plain");
                     var name = m.String("name") ?? "";
                     if (name.Length == 0)
                     {
                         throw m.Error("missing name in time interval");
                     }

                     var entries = m.List("time_intervals", (n, p) => TimeInterval.Read(m.Open(n, p, "timeinterval.TimeInterval"))) ?? [];
                     m.Finish();
                     return (name, entries);
                 }) ?? [])
        {
            if (!into.TryAdd(name, list))
            {
                throw root.Error(key, $"time interval \"{name}\" is not unique");
            }
        }
    }

    private static ReceiverConfig ReadReceiver(YamlMap m, GlobalConfig global)
    {
        var name = m.String("name") ?? "";
        if (name.Length == 0)
        {
            throw m.Error("missing name in receiver");
        }

        var integrations = new List<IntegrationConfig>();
        foreach (var spec in IntegrationSpec.All)
        {
            var list = m.List(spec.Type + "_configs", (node, path) => (node, path)) ?? [];
            for (var i = 0; i < list.Count; i++)
            {
                var entry = m.Open(list[i].node, list[i].path, "config.plain");
                integrations.Add(ReadIntegration(entry, spec, i, global));
            }
        }

        m.Finish();
        return new ReceiverConfig(name, integrations);
    }

    private static IntegrationConfig ReadIntegration(YamlMap m, IntegrationSpec spec, int index, GlobalConfig global)
    {
        var sendResolved = m.Bool("send_resolved") ?? spec.SendResolvedDefault;
        var fields = new Dictionary<string, object?>(spec.Defaults, StringComparer.Ordinal);
        foreach (var (name, kind) in spec.Fields)
        {
            if (ReadField(m, name, kind) is { } value)
            {
                fields[name] = value;
            }
        }

        if (spec.Type != "email" && ReadField(m, "http_config", FieldKind.Raw) is { } http)
        {
            fields["http_config"] = http;
        }

        m.Finish();
        InheritAndValidate(m, spec.Type, fields, global);
        return new IntegrationConfig(spec.Type, index, sendResolved, fields);
    }

    private static void InheritAndValidate(YamlMap m, string type, Dictionary<string, object?> f, GlobalConfig global)
    {
        string Get(string key) => f.TryGetValue(key, out var v) && v is string s ? s : "";
        void Inherit(string key, string globalKey)
        {
            if (Get(key).Length == 0 && global.Settings.TryGetValue(globalKey, out var v) && v is not null)
            {
                f[key] = v;
            }
        }

        switch (type)
        {
            case "webhook":
                if (Get("url").Length == 0 && Get("url_file").Length == 0)
                {
                    throw m.Error("missing URL in webhook config");
                }

                if (Get("url").Length > 0 && Get("url_file").Length > 0)
                {
                    throw m.Error("at most one of url & url_file must be configured");
                }

                if (Get("url").Length > 0 && !Uri.TryCreate(Get("url"), UriKind.Absolute, out _))
                {
                    throw m.Error("url", $"unsupported scheme \"\" for URL");
                }

                break;
            case "email":
                if (Get("to").Length == 0)
                {
                    throw m.Error("missing to address in email config");
                }

                foreach (var key in new[] { "from", "hello", "smarthost", "auth_username", "auth_password", "auth_password_file", "auth_secret", "auth_identity" })
                {
                    Inherit(key, "smtp_" + key);
                }

                if (!f.ContainsKey("require_tls"))
                {
                    f["require_tls"] = global.Settings.TryGetValue("smtp_require_tls", out var tls) ? tls : true;
                }

                if (Get("smarthost").Length == 0)
                {
                    throw m.Error("no global SMTP smarthost set");
                }

                if (Get("from").Length == 0)
                {
                    throw m.Error("no global SMTP from set");
                }

                // Header names are canonicalised (Go's textproto), so `subject` overrides the default Subject.
                var headers = new List<KeyValuePair<string, string>>();
                foreach (var (k, v) in f.TryGetValue("headers", out var h) && h is List<KeyValuePair<string, string>> given ? given : [])
                {
                    var canonical = CanonicalHeader(k);
                    if (headers.Any(x => x.Key == canonical))
                    {
                        throw m.Error("headers", $"duplicate header \"{canonical}\" in email config");
                    }

                    headers.Add(new(canonical, v));
                }

                AddHeader(headers, "Subject", "{{ template \"email.default.subject\" . }}");
                AddHeader(headers, "To", Get("to"));
                AddHeader(headers, "From", Get("from"));
                f["headers"] = headers;
                break;
            case "slack":
                Inherit("api_url", "slack_api_url");
                Inherit("api_url_file", "slack_api_url_file");
                if (Get("api_url").Length == 0 && Get("api_url_file").Length == 0)
                {
                    throw m.Error("no global Slack API URL set either inline or in a file");
                }

                break;
            case "pagerduty":
                Inherit("url", "pagerduty_url");
                if (Get("routing_key").Length == 0 && Get("service_key").Length == 0 && Get("routing_key_file").Length == 0 && Get("service_key_file").Length == 0)
                {
                    throw m.Error("missing service or routing key in PagerDuty config");
                }

                if (!f.ContainsKey("details"))
                {
                    f["details"] = new List<KeyValuePair<string, string>>
                    {
                        new("firing", "{{ template \"pagerduty.default.instances\" .Alerts.Firing }}"),
                        new("resolved", "{{ template \"pagerduty.default.instances\" .Alerts.Resolved }}"),
                        new("num_firing", "{{ .Alerts.Firing | len }}"),
                        new("num_resolved", "{{ .Alerts.Resolved | len }}"),
                    };
                }

                break;
            case "opsgenie":
                Inherit("api_url", "opsgenie_api_url");
                Inherit("api_key", "opsgenie_api_key");
                Inherit("api_key_file", "opsgenie_api_key_file");
                if (Get("api_key").Length == 0 && Get("api_key_file").Length == 0)
                {
                    throw m.Error("no global OpsGenie API Key set either inline or in a file");
                }

                break;
            case "telegram":
                Inherit("api_url", "telegram_api_url");
                if (Get("bot_token").Length == 0 && Get("bot_token_file").Length == 0)
                {
                    throw m.Error("missing bot_token or bot_token_file on telegram_config");
                }

                if (!f.TryGetValue("chat_id", out var chat) || chat is not long id || id == 0)
                {
                    throw m.Error("missing chat_id on telegram_config");
                }

                if (Get("parse_mode") is not ("HTML" or "Markdown" or "MarkdownV2" or ""))
                {
                    throw m.Error("parse_mode", "unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string");
                }

                break;
            case "msteams" or "discord":
                if (Get("webhook_url").Length == 0 && Get("webhook_url_file").Length == 0)
                {
                    throw m.Error("one of webhook_url or webhook_url_file must be configured");
                }

                break;
            case "webex":
                Inherit("api_url", "webex_api_url");
                if (Get("room_id").Length == 0)
                {
                    throw m.Error("missing room_id on webex_config");
                }

                break;
            case "wechat":
                Inherit("api_url", "wechat_api_url");
                Inherit("api_secret", "wechat_api_secret");
                Inherit("corp_id", "wechat_api_corp_id");
                break;
            case "victorops":
                Inherit("api_url", "victorops_api_url");
                Inherit("api_key", "victorops_api_key");
                if (Get("routing_key").Length == 0)
                {
                    throw m.Error("missing Routing key in VictorOps config");
                }

                break;
            case "pushover":
                if (Get("user_key").Length == 0 && Get("user_key_file").Length == 0)
                {
                    throw m.Error("one of user_key or user_key_file must be configured");
                }

                if (Get("token").Length == 0 && Get("token_file").Length == 0)
                {
                    throw m.Error("one of token or token_file must be configured");
                }

                break;
        }
    }

    private static void AddHeader(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        if (!headers.Any(h => h.Key == name))
        {
            headers.Add(new(name, value));
        }
    }

    private static string CanonicalHeader(string name) =>
        string.Join("-", name.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));

    private static object? ReadField(YamlMap m, string name, FieldKind kind) => kind switch
    {
        FieldKind.String or FieldKind.Secret => m.String(name),
        FieldKind.Bool => m.Bool(name),
        FieldKind.Int => m.Int(name),
        FieldKind.Duration => m.Duration(name),
        FieldKind.StringList => m.StringList(name),
        FieldKind.StringMap => m.StringMap(name),
        _ => m.Get(name) is { } node ? ToPlain(node) : null,
    };

    /// <summary>Converts YAML to plain objects: strings, lists and ordered string-keyed maps.</summary>
    internal static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode s => YamlMap.IsNull(s) ? null : s.Value,
        YamlSequenceNode seq => seq.Children.Select(ToPlain).ToList(),
        YamlMappingNode map => map.Children.Select(kv => new KeyValuePair<string, object?>(((YamlScalarNode)kv.Key).Value ?? "", ToPlain(kv.Value))).ToList(),
        _ => null,
    };

    private static RouteConfig ReadRoute(YamlMap m)
    {
        var matchers = new List<Matcher>();
        foreach (var (name, value) in m.StringMap("match") ?? [])
        {
            CheckLabelName(m, "match", name);
            matchers.Add(new Matcher(MatchType.Equal, name, value));
        }

        foreach (var (name, value) in m.StringMap("match_re") ?? [])
        {
            CheckLabelName(m, "match_re", name);
            matchers.Add(Regex(m, "match_re", name, value));
        }

        matchers.AddRange(ReadMatchers(m, "matchers"));
        matchers.Sort(CompareMatchers);
        var groupBy = m.StringList("group_by");
        if (groupBy is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var label in groupBy)
            {
                if (label == "...")
                {
                    if (groupBy.Count > 1)
                    {
                        throw m.Error("group_by", "cannot have wildcard group_by (`...`) and other other labels at the same time");
                    }

                    continue;
                }

                if (!LabelNameRegex().IsMatch(label))
                {
                    throw m.Error("group_by", $"invalid label name \"{label}\" in group_by list");
                }

                if (!seen.Add(label))
                {
                    throw m.Error("group_by", $"duplicated label \"{label}\" in group_by");
                }
            }
        }

        var groupInterval = m.Duration("group_interval");
        if (groupInterval == TimeSpan.Zero)
        {
            throw m.Error("group_interval", "group_interval cannot be zero");
        }

        var repeatInterval = m.Duration("repeat_interval");
        if (repeatInterval == TimeSpan.Zero)
        {
            throw m.Error("repeat_interval", "repeat_interval cannot be zero");
        }

        var route = new RouteConfig
        {
            Receiver = m.String("receiver"),
            GroupBy = groupBy,
            Matchers = matchers,
            Continue = m.Bool("continue") ?? false,
            GroupWait = m.Duration("group_wait"),
            GroupInterval = groupInterval,
            RepeatInterval = repeatInterval,
            MuteTimeIntervals = m.StringList("mute_time_intervals") ?? [],
            ActiveTimeIntervals = m.StringList("active_time_intervals") ?? [],
            Routes = m.List("routes", (node, path) => ReadRoute(m.Open(node, path, "config.plain"))) ?? [],
        };
        m.Finish();
        return route;
    }

    private static InhibitRuleConfig ReadInhibitRule(YamlMap m)
    {
        List<Matcher> Side(string prefix)
        {
            var list = new List<Matcher>();
            foreach (var (name, value) in m.StringMap(prefix + "_match") ?? [])
            {
                CheckLabelName(m, prefix + "_match", name);
                list.Add(new Matcher(MatchType.Equal, name, value));
            }

            foreach (var (name, value) in m.StringMap(prefix + "_match_re") ?? [])
            {
                CheckLabelName(m, prefix + "_match_re", name);
                list.Add(Regex(m, prefix + "_match_re", name, value));
            }

            list.AddRange(ReadMatchers(m, prefix + "_matchers"));
            return list;
        }

        var source = Side("source");
        var target = Side("target");
        var equal = m.StringList("equal") ?? [];
        foreach (var label in equal)
        {
            if (!LabelNameRegex().IsMatch(label))
            {
                throw m.Error("equal", $"invalid label name \"{label}\" in equal list");
            }
        }

        m.Finish();
        return new InhibitRuleConfig(source, target, equal);
    }

    private static List<Matcher> ReadMatchers(YamlMap m, string key)
    {
        var result = new List<Matcher>();
        var list = m.List(key, (node, path) => (Text: m.ReadString(node, path), Node: node)) ?? [];
        foreach (var (text, node) in list)
        {
            try
            {
                result.AddRange(MatcherParser.Parse(text));
            }
            catch (FormatException e)
            {
                throw m.Error(node, YamlMap.Join(m.Path, key), e.Message);
            }
        }

        return result;
    }

    private static Matcher Regex(YamlMap m, string key, string name, string value)
    {
        try
        {
            return MatcherParser.Create(MatchType.Regex, name, value);
        }
        catch (FormatException e)
        {
            throw m.Error(key, e.Message);
        }
    }

    private static void CheckLabelName(YamlMap m, string key, string name)
    {
        if (!LabelNameRegex().IsMatch(name))
        {
            throw m.Error(key, $"invalid label name \"{name}\"");
        }
    }

    /// <summary>Upstream's matcher order (name, then value, then equality before regex), which route keys depend on.</summary>
    internal static int CompareMatchers(Matcher a, Matcher b)
    {
        var c = string.CompareOrdinal(a.Name, b.Name);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Value, b.Value);
        return c != 0 ? c : a.Type.CompareTo(b.Type);
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNameRegex();
}
