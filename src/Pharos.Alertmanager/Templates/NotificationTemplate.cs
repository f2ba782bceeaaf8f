using System.Collections.Concurrent;
using Pharos.Templating;
using Pharos.Templating.Alertmanager;
using Pharos.Templating.Functions;
using Alert = Pharos.Alertmanager.Alerts.Alert;
using TemplateAlert = Pharos.Templating.Alertmanager.Alert;

namespace Pharos.Alertmanager.Templates;

/// <summary>
/// The template set notifications are rendered with: the default templates, then the configuration's
/// <c>templates</c> files, then the field's own text (which may call any of them), as upstream's
/// <c>template.Template</c>. Parsed texts are cached. Thread-safe.
/// </summary>
public sealed class NotificationTemplate
{
    private readonly IReadOnlyList<(string Name, string Text)> _files;
    private readonly ConcurrentDictionary<(string, TemplateMode), Template> _cache = new();
    private readonly TemplateFunctions _functions = AlertmanagerFunctions.Create();
    private readonly TimeProvider _time;

    /// <summary>Creates the set, reading the template files the globs match.</summary>
    /// <param name="globs">The configuration's template globs.</param>
    /// <param name="time">The clock for time functions.</param>
    /// <exception cref="TemplateException">A file is not a valid template.</exception>
    public NotificationTemplate(IEnumerable<string> globs, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(globs);
        _time = time;
        var files = new List<(string, string)> { ("default.tmpl", DefaultTemplates.Text) };
        foreach (var glob in globs)
        {
            var directory = Path.GetDirectoryName(glob) ?? ".";
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(directory, Path.GetFileName(glob)).Order(StringComparer.Ordinal))
            {
                files.Add((Path.GetFileName(file), File.ReadAllText(file)));
            }
        }

        _files = files;

        // Parse once now so a broken file fails the (re)load, not the first notification.
        _ = Get("", TemplateMode.Text);
    }

    /// <summary>Renders a template text.</summary>
    /// <param name="text">The text, e.g. <c>{{ template "slack.default.title" . }}</c>.</param>
    /// <param name="data">The notification data.</param>
    /// <param name="html">Whether to escape as HTML (email bodies).</param>
    /// <returns>The output.</returns>
    /// <exception cref="TemplateException">Parse or execution failed.</exception>
    public string Execute(string text, NotificationData data, bool html = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("{{", StringComparison.Ordinal) ? Get(text, html ? TemplateMode.Html : TemplateMode.Text).Execute(data) : text;
    }

    /// <summary>Builds the template data of a notification, as upstream's <c>template.Data</c>.</summary>
    /// <param name="receiver">The receiver name.</param>
    /// <param name="groupLabels">The group's labels.</param>
    /// <param name="alerts">The alerts.</param>
    /// <param name="externalUrl">The external URL (without trailing slash).</param>
    /// <param name="groupKey">The group key.</param>
    /// <param name="now">Resolved alerts are those resolved at this instant.</param>
    /// <returns>The data.</returns>
    public static NotificationData Data(string receiver, Model.Labels groupLabels, IReadOnlyList<Alert> alerts, string externalUrl, string groupKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var converted = alerts.Select(a => new TemplateAlert
        {
            Status = a.ResolvedAt(now) ? "resolved" : "firing",
            Labels = Kv(a.Labels),
            Annotations = Kv(a.Annotations),
            StartsAt = a.StartsAt,
            EndsAt = a.EndsAt,
            GeneratorUrl = a.GeneratorUrl,
            Fingerprint = Alert.FormatFingerprint(a.Fingerprint),
        }).ToList();
        return new NotificationData
        {
            Receiver = receiver,
            Status = converted.Any(a => a.Status == "firing") ? "firing" : "resolved",
            Alerts = new Templating.Alertmanager.Alerts(converted),
            GroupLabels = Kv(groupLabels),
            CommonLabels = Common(alerts.Select(a => a.Labels)),
            CommonAnnotations = Common(alerts.Select(a => a.Annotations)),
            ExternalUrl = externalUrl,
            GroupKey = groupKey,
        };
    }

    /// <summary>The labels every set shares with the same value.</summary>
    /// <param name="sets">The label sets.</param>
    /// <returns>The common labels.</returns>
    public static KV Common(IEnumerable<Model.Labels> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        Dictionary<string, string>? common = null;
        foreach (var set in sets)
        {
            if (common is null)
            {
                common = set.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);
                continue;
            }

            foreach (var name in common.Keys.ToList())
            {
                if (set.Get(name) != common[name] || !set.Has(name))
                {
                    common.Remove(name);
                }
            }
        }

        return new KV(common ?? []);
    }

    private static KV Kv(Model.Labels labels) => new(labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value)));

    private Template Get(string text, TemplateMode mode) => _cache.GetOrAdd((text, mode), key =>
    {
        var template = Template.Parse("", key.Item1, new TemplateOptions { Functions = _functions, Mode = key.Item2, TimeProvider = _time });
        foreach (var (name, body) in _files)
        {
            template.AddParse(name, body);
        }

        return template;
    });
}
