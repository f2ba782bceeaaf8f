using Pharos.Templating.Alertmanager;
using Xunit;

namespace Pharos.Templating.Tests;

public class AlertmanagerTemplateTests
{
    private static readonly DateTimeOffset Start = new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero);

    private static NotificationData Data()
    {
        static KV Kv(params string[] pairs) =>
            new(Enumerable.Range(0, pairs.Length / 2).Select(i => KeyValuePair.Create(pairs[2 * i], pairs[(2 * i) + 1])));

        return new NotificationData
        {
            Receiver = "slack-critical",
            Status = "firing",
            Alerts = new Alerts(
            [
                new Alert { Status = "firing", Labels = Kv("alertname", "HighErrorRate", "severity", "critical", "service", "api"), Annotations = Kv("summary", "api errors"), StartsAt = Start, GeneratorUrl = "http://prom/graph" },
                new Alert { Status = "firing", Labels = Kv("alertname", "HighErrorRate", "severity", "critical", "service", "web"), Annotations = Kv("summary", "web errors"), StartsAt = Start },
                new Alert { Status = "resolved", Labels = Kv("alertname", "HighErrorRate", "severity", "critical", "service", "db"), StartsAt = Start, EndsAt = Start.AddMinutes(5) },
            ]),
            GroupLabels = Kv("alertname", "HighErrorRate"),
            CommonLabels = Kv("severity", "critical", "alertname", "HighErrorRate", "team", "backend"),
            CommonAnnotations = Kv(),
            ExternalUrl = "http://am:9093",
        };
    }

    [Theory]
    [InlineData("[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}", "[FIRING:2] HighErrorRate")]
    [InlineData("{{ .Receiver }} {{ .ExternalURL }}", "slack-critical http://am:9093")]
    [InlineData("{{ len .Alerts }} {{ len .Alerts.Resolved }}", "3 1")]
    [InlineData("{{ range .Alerts.Firing }}{{ .Labels.service }}:{{ .Annotations.summary }};{{ end }}", "api:api errors;web:web errors;")]
    [InlineData("{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }} {{ end }}", "alertname=HighErrorRate severity=critical team=backend ")]
    [InlineData("{{ .CommonLabels.SortedPairs.Names | join \", \" }}", "alertname, severity, team")]
    [InlineData("{{ .CommonLabels.Names }} {{ .CommonLabels.Values }}", "[alertname severity team] [HighErrorRate critical backend]")]
    [InlineData("{{ (.CommonLabels.Remove .GroupLabels.Names).Values | join \" \" }}", "critical backend")]
    [InlineData("{{ .CommonLabels.Remove (stringSlice \"team\" \"severity\") }}", "alertname=HighErrorRate")]
    [InlineData("{{ .CommonLabels }}", "alertname=HighErrorRate, severity=critical, team=backend")]
    [InlineData("{{ if gt (len .CommonAnnotations) 0 }}x{{ else }}none{{ end }}", "none")]
    [InlineData("{{ range .Alerts }}{{ .StartsAt.Format \"2006-01-02T15:04:05Z07:00\" }} {{ end }}", "2024-03-05T14:07:09Z 2024-03-05T14:07:09Z 2024-03-05T14:07:09Z ")]
    [InlineData("{{ (index .Alerts 0).StartsAt | date \"Jan 2, 2006 3:04pm MST\" }}", "Mar 5, 2024 2:07pm UTC")]
    [InlineData("{{ (index .Alerts 0).StartsAt }}", "2024-03-05 14:07:09 +0000 UTC")]
    [InlineData("{{ (index .Alerts 2).EndsAt.Sub (index .Alerts 2).StartsAt }}", "5m0s")]
    [InlineData("{{ since (index .Alerts 0).StartsAt | humanizeDuration }}", "1h 0m 0s")]
    [InlineData("{{ (tz \"Europe/Paris\" (index .Alerts 0).StartsAt).Format \"15:04 -07:00\" }}", "15:07 +01:00")]
    [InlineData("{{ title \"hELLO world\" }} {{ trimSpace \"  x \" }}", "Hello World x")]
    [InlineData("{{ reReplaceAll \"(.*)Rate\" \"$1\" .CommonLabels.alertname }}", "HighError")]
    [InlineData("{{ match \"^High\" .GroupLabels.alertname }}", "true")]
    [InlineData("{{ toJson .GroupLabels }}", "{\"alertname\":\"HighErrorRate\"}")]
    [InlineData("{{ define \"slack.title\" }}[{{ .Status }}] {{ .GroupLabels.alertname }}{{ end }}{{ template \"slack.title\" . }}", "[firing] HighErrorRate")]
    [InlineData("{{ range $i, $a := .Alerts }}{{ if $i }}, {{ end }}{{ $a.Labels.service }}{{ end }}", "api, web, db")]
    public void Notification_template_renders_as_alertmanager_does(string text, string expected)
    {
        var clock = new FixedClock(Start.AddHours(1));
        var options = new TemplateOptions { Functions = AlertmanagerFunctions.Create(), MissingKey = MissingKeyOption.Zero, TimeProvider = clock };

        Assert.Equal(expected, Template.Parse("am", text, options).Execute(Data()));
    }

    [Fact]
    public void Template_file_with_shared_definitions_renders_a_subject_and_a_body()
    {
        const string Library = """
            {{ define "__amurl" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end }}
            {{ define "__subject" -}}
            [{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }}
            {{- if gt (len .CommonLabels) (len .GroupLabels) }} ({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}
            {{- end }}
            {{ define "__list" }}{{ range . }}Labels:
            {{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
            {{ end }}{{ end }}{{ end }}
            {{ define "body" }}{{ template "__subject" . }}
            {{ template "__amurl" . }}
            {{ if gt (len .Alerts.Firing) 0 }}Firing:
            {{ template "__list" .Alerts.Firing }}{{ end }}{{ end }}
            """;
        var options = new TemplateOptions { Functions = AlertmanagerFunctions.Create(), MissingKey = MissingKeyOption.Zero };
        var template = Template.Parse("am", "", options).AddParse("default.tmpl", Library);

        Assert.Equal("[FIRING:2] HighErrorRate (critical backend)", template.ExecuteTemplate("__subject", Data()));
        Assert.Equal(
            """
            [FIRING:2] HighErrorRate (critical backend)
            http://am:9093/#/alerts?receiver=slack-critical
            Firing:
            Labels:
             - alertname = HighErrorRate
             - service = api
             - severity = critical
            Labels:
             - alertname = HighErrorRate
             - service = web
             - severity = critical

            """,
            template.ExecuteTemplate("body", Data()));
    }

    [Fact]
    public void Error_in_a_library_file_names_the_file_and_the_template()
    {
        var options = new TemplateOptions { Functions = AlertmanagerFunctions.Create() };
        var template = Template.Parse("am", "", options).AddParse("lib.tmpl", "\n{{ define \"x\" }}{{ .Nope }}{{ end }}");

        var ex = Assert.Throws<TemplateException>(() => template.ExecuteTemplate("x", Data()));

        Assert.Equal("template: lib.tmpl:2:19: executing \"x\" at <.Nope>: can't evaluate field Nope in type template.Data", ex.Message);
    }

    [Fact]
    public void Html_email_body_escapes_labels_but_keeps_safe_html()
    {
        var options = new TemplateOptions { Functions = AlertmanagerFunctions.Create(), Mode = TemplateMode.Html };
        var template = Template.Parse("email", "<td>{{ .CommonLabels.alertname }}</td>{{ \"<hr>\" | safeHtml }}{{ \"<i>\" }}", options);

        Assert.Equal("<td>HighErrorRate</td><hr>&lt;i&gt;", template.Execute(Data()));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
