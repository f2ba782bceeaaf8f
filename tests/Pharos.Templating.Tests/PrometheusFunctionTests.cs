using Pharos.Templating.Prometheus;
using Xunit;

namespace Pharos.Templating.Tests;

public class PrometheusFunctionTests
{
    private static readonly RuleTemplateData Alert = new(
        new Dictionary<string, string> { ["pod"] = "api-7d9f", ["namespace"] = "prod", ["container"] = "app", ["service"] = "checkout", ["instance"] = "node1.example.com:9100" },
        new Dictionary<string, string> { ["cluster"] = "eu-1" },
        "https://prom.example.com",
        0.0734);

    private static readonly PrometheusTemplateContext Context = new()
    {
        ExternalUrl = new Uri("https://prom.example.com/prometheus"),
        Query = (query, _) => query switch
        {
            "up" =>
            [
                new QuerySample(new Dictionary<string, string> { ["__name__"] = "up", ["instance"] = "b:9100" }, 1),
                new QuerySample(new Dictionary<string, string> { ["__name__"] = "up", ["instance"] = "a:9100" }, 0),
            ],
            "none" => [],
            _ => throw new InvalidOperationException("bad query"),
        },
    };

    [Theory]
    [InlineData("{{ humanize 1234567 }}", "1.235M")]
    [InlineData("{{ humanize 1234567.0 }}", "1.235M")]
    [InlineData("{{ humanize 0 }}", "0")]
    [InlineData("{{ humanize 0.00123 }}", "1.23m")]
    [InlineData("{{ humanize -1500 }}", "-1.5k")]
    [InlineData("{{ humanize 1e30 }}", "1e+06Y")]
    [InlineData("{{ humanize \"2048\" }}", "2.048k")]
    [InlineData("{{ humanize1024 1048576 }}", "1Mi")]
    [InlineData("{{ humanize1024 1536 }}", "1.5ki")]
    [InlineData("{{ humanize1024 0.5 }}", "0.5")]
    [InlineData("{{ humanizeDuration 3661 }}", "1h 1m 1s")]
    [InlineData("{{ humanizeDuration 90061 }}", "1d 1h 1m 1s")]
    [InlineData("{{ humanizeDuration 61 }}", "1m 1s")]
    [InlineData("{{ humanizeDuration 1.5 }}", "1.5s")]
    [InlineData("{{ humanizeDuration 0 }}", "0s")]
    [InlineData("{{ humanizeDuration 0.0015 }}", "1.5ms")]
    [InlineData("{{ humanizeDuration -3661 }}", "-1h 1m 1s")]
    [InlineData("{{ humanizePercentage 0.1234 }}", "12.34%")]
    [InlineData("{{ humanizePercentage 1 }}", "100%")]
    [InlineData("{{ humanizeTimestamp 1435065584.128 }}", "2015-06-23 13:19:44.128 +0000 UTC")]
    [InlineData("{{ humanizeTimestamp 0 }}", "1970-01-01 00:00:00 +0000 UTC")]
    [InlineData("{{ toTime 1435065584 }}", "2015-06-23 13:19:44 +0000 UTC")]
    [InlineData("{{ (toTime 1435065584).Unix }}", "1435065584")]
    [InlineData("{{ toDuration 3661.5 }}", "1h1m1.5s")]
    [InlineData("{{ toDuration 0.25 }}", "250ms")]
    [InlineData("{{ parseDuration \"1h30m\" }}", "5400")]
    [InlineData("{{ title \"hello wORLD-foo\" }}", "Hello WORLD-Foo")]
    [InlineData("{{ toUpper \"abc\" }} {{ toLower \"ABC\" }}", "ABC abc")]
    [InlineData("{{ match \"^a.c$\" \"abc\" }} {{ match \"b\" \"abc\" }} {{ match \"^b\" \"abc\" }}", "true true false")]
    [InlineData("{{ reReplaceAll \"(a+)(b)\" \"<$2$1>\" \"xaabyab\" }}", "x<baa>y<ba>")]
    [InlineData("{{ reReplaceAll \"a(?P<n>x)\" \"${n}$$\" \"ax\" }}", "x$")]
    [InlineData("{{ reReplaceAll \"(a)\" \"$1x\" \"a\" }}", "")]
    [InlineData("{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}", "-b-c-")]
    [InlineData("{{ reReplaceAll \":.*\" \"\" $labels.instance }}", "node1.example.com")]
    [InlineData("{{ stripPort \"host:9100\" }} {{ stripPort \"[::1]:80\" }} {{ stripPort \"host\" }}", "host ::1 host")]
    [InlineData("{{ stripDomain \"node1.example.com:9100\" }} {{ stripDomain \"10.0.0.1:80\" }} {{ stripDomain \"node1.example.com\" }}", "node1:9100 10.0.0.1:80 node1")]
    [InlineData("{{ graphLink \"rate(x[5m])\" }}", "/graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=0")]
    [InlineData("{{ tableLink \"up\" }}", "/graph?g0.expr=up&g0.tab=1")]
    [InlineData("{{ externalURL }} {{ pathPrefix }}", "https://prom.example.com/prometheus /prometheus")]
    [InlineData("{{ $labels.pod }} in {{ $labels.namespace }}", "api-7d9f in prod")]
    [InlineData("{{ $value | humanizePercentage }}", "7.34%")]
    [InlineData("{{ printf \"%.1f\" $value | humanizePercentage }}", "10%")]
    [InlineData("{{ printf \"%.2f\" $value }}", "0.07")]
    [InlineData("{{ $externalLabels.cluster }} {{ $externalURL }}", "eu-1 https://prom.example.com")]
    [InlineData("{{ .Labels.service }} {{ .Value }}", "checkout 0.0734")]
    [InlineData("{{ $labels.missing }}|", "|")]
    [InlineData("{{ with query \"up\" }}{{ . | first | value }}{{ end }}", "1")]
    [InlineData("{{ range query \"up\" | sortByLabel \"instance\" }}{{ .Labels.instance }}={{ .Value }} {{ end }}", "a:9100=0 b:9100=1 ")]
    [InlineData("{{ range query \"up\" }}{{ label \"instance\" . }} {{ end }}", "b:9100 a:9100 ")]
    [InlineData("{{ with query \"none\" }}x{{ else }}empty{{ end }}", "empty")]
    [InlineData("{{ with args 1 \"b\" }}{{ .arg0 }}{{ .arg1 }}{{ end }}", "1b")]
    [InlineData("{{ if gt $value 0.05 }}high{{ end }}", "high")]
    public void Prometheus_function_gives_upstreams_output(string text, string expected)
    {
        var result = AlertTemplateExpander.Expand("Test", text, Alert, PrometheusFunctions.Create(Context));

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("{{ query \"boom\" }}", "<error expanding template: error executing template __alert_Test: template: __alert_Test:1:115: executing \"__alert_Test\" at <query \"boom\">: error calling query: bad query>")]
    [InlineData("{{ with query \"none\" }}{{ end }}{{ first (query \"none\") }}", "<error expanding template: error executing template __alert_Test: template: __alert_Test:1:147: executing \"__alert_Test\" at <first (query \"none\")>: error calling first: first() called on vector with no elements>")]
    [InlineData("{{ if gt $value 1 }}x{{ end }}", "<error expanding template: error executing template __alert_Test: template: __alert_Test:1:118: executing \"__alert_Test\" at <gt $value 1>: error calling gt: incompatible types for comparison>")]
    [InlineData("{{ humanize \"abc\" }}", "<error expanding template: error executing template __alert_Test: template: __alert_Test:1:115: executing \"__alert_Test\" at <humanize \"abc\">: error calling humanize: strconv.ParseFloat: parsing \"abc\": invalid syntax>")]
    [InlineData("{{ $labels.pod", "<error expanding template: error parsing template __alert_Test: template: __alert_Test:1: unclosed action>")]
    public void Failing_alert_template_becomes_prometheus_error_text(string text, string expected)
    {
        Assert.Equal(expected, AlertTemplateExpander.Expand("Test", text, Alert, PrometheusFunctions.Create(Context)));
    }

    [Fact]
    public void Variable_definitions_match_prometheus_rule_evaluation()
    {
        Assert.Equal(
            "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}",
            AlertTemplateExpander.VariableDefinitions);
    }
}
