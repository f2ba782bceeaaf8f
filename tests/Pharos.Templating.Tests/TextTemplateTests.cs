using Xunit;

namespace Pharos.Templating.Tests;

public class TextTemplateTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("Hello, {{.Name}}!", "Hello, world!")]
    [InlineData("{{/* a comment */}}x", "x")]
    [InlineData("a {{- /* trimmed comment */ -}} b", "ab")]
    [InlineData("a   {{- .Name -}}   b", "aworldb")]
    [InlineData("a\n\t {{- .Name}} \n b", "aworld \n b")]
    [InlineData("{{.Name -}}\n\n  !", "world!")]
    [InlineData("{{-3}}", "-3")]
    [InlineData("{{ 3 -}} 4", "34")]
    [InlineData("{{.Nested.Inner.Value}}", "deep")]
    [InlineData("{{.Labels.job}}", "node")]
    [InlineData("[{{.Labels.missing}}]", "[]")]
    [InlineData("[{{.Map.missing}}]", "[<no value>]")]
    [InlineData("{{.Map}}", "map[alpha:1 mid:m zeta:26]")]
    [InlineData("{{.List}}", "[a b c]")]
    [InlineData("{{.Pi}}", "3.14159")]
    [InlineData("{{.True}} {{.False}}", "true false")]
    [InlineData("{{if .True}}yes{{end}}", "yes")]
    [InlineData("{{if .False}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Empty}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Zero}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Nil}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .EmptyList}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .Map.missing}}yes{{else}}no{{end}}", "no")]
    [InlineData("{{if .List}}yes{{end}}", "yes")]
    [InlineData("{{if .False}}a{{else if .True}}b{{else}}c{{end}}", "b")]
    [InlineData("{{if .False}}a{{else if .Zero}}b{{else}}c{{end}}", "c")]
    [InlineData("{{with .Name}}<{{.}}>{{end}}", "<world>")]
    [InlineData("{{with .Empty}}<{{.}}>{{else}}none{{end}}", "none")]
    [InlineData("{{with .Empty}}a{{else with .Name}}{{.}}{{end}}", "world")]
    [InlineData("{{range .List}}{{.}},{{end}}", "a,b,c,")]
    [InlineData("{{range $i, $v := .List}}{{$i}}={{$v}} {{end}}", "0=a 1=b 2=c ")]
    [InlineData("{{range $v := .List}}{{$v}}{{end}}", "abc")]
    [InlineData("{{range $k, $v := .Map}}{{$k}}:{{$v}};{{end}}", "alpha:1;mid:m;zeta:26;")]
    [InlineData("{{range .Labels}}{{.}} {{end}}", "host:9100 node ")]
    [InlineData("{{range .EmptyList}}x{{else}}empty{{end}}", "empty")]
    [InlineData("{{range .Nil}}x{{else}}nil{{end}}", "nil")]
    [InlineData("{{range 3}}{{.}}{{end}}", "012")]
    [InlineData("{{range .List}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}", "a")]
    [InlineData("{{range .List}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}", "ac")]
    [InlineData("{{$x := 1}}{{if .True}}{{$x = 2}}{{end}}{{$x}}", "2")]
    [InlineData("{{$x := .Name}}{{$x}}", "world")]
    [InlineData("{{$x := \"a\"}}{{range .List}}{{$x = .}}{{end}}{{$x}}", "c")]
    [InlineData("{{$.Name}}", "world")]
    [InlineData("{{with .Nested}}{{$.Name}}{{end}}", "world")]
    [InlineData("{{define \"T\"}}<{{.}}>{{end}}{{template \"T\" .Name}}", "<world>")]
    [InlineData("{{define \"T\"}}[{{.}}]{{end}}{{template \"T\"}}", "[<no value>]")]
    [InlineData("{{block \"B\" .Name}}({{.}}){{end}}", "(world)")]
    [InlineData("{{(index .List 1)}}", "b")]
    [InlineData("{{index .Map \"zeta\"}}", "26")]
    [InlineData("{{index .Labels \"job\"}}", "node")]
    [InlineData("{{index .Labels \"nope\"}}", "")]
    [InlineData("{{len .List}} {{len .Map}} {{len .Name}} {{len \"héllo\"}}", "3 3 5 6")]
    [InlineData("{{slice .Name 1 3}}", "or")]
    [InlineData("{{slice .List 1}}", "[b c]")]
    [InlineData("{{.Name | printf \"%s!\"}}", "world!")]
    [InlineData("{{\"a\" | printf \"%s-%s\" \"b\"}}", "b-a")]
    [InlineData("{{(printf \"%d\" 42) | len}}", "2")]
    [InlineData("{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3")]
    [InlineData("{{println 1 \"a\"}}", "1 a\n")]
    [InlineData("{{and 1 0 2}} {{and 1 2}} {{or 0 \"\" 3}} {{or 0 \"\"}}", "0 2 3 ")]
    [InlineData("{{and .False .Nil.Missing}}", "false")]
    [InlineData("{{or .True .Nil.Missing}}", "true")]
    [InlineData("{{not .True}} {{not 0}}", "false true")]
    [InlineData("{{eq 1 1}} {{eq 1 2}} {{eq 1 2 3 1}} {{eq \"a\" \"a\"}}", "true false true true")]
    [InlineData("{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}}", "true true true true false")]
    [InlineData("{{lt 1.5 2.5}} {{gt .Pi 3.0}} {{lt \"a\" \"b\"}}", "true true true")]
    [InlineData("{{eq .Labels.job \"node\"}}", "true")]
    [InlineData("{{html .Html}}", "&lt;b&gt;bold&lt;/b&gt; &amp; &#39;q&#39;")]
    [InlineData("{{js \"a'b\\\"<c>\"}}", "a\\'b\\\"\\u003Cc\\u003E")]
    [InlineData("{{urlquery \"a b&c=d/é\"}}", "a+b%26c%3Dd%2F%C3%A9")]
    [InlineData("{{\"\\t\\x41\\u00e9\\101\"}}", "\tAéA")]
    [InlineData("{{`raw\\n`}}", "raw\\n")]
    [InlineData("{{'a'}} {{0x1F}} {{0o17}} {{017}} {{0b101}} {{1_000}}", "97 31 15 15 5 1000")]
    [InlineData("{{1.5}} {{1e3}} {{.5}} {{-2.25}}", "1.5 1000 0.5 -2.25")]
    [InlineData("{{true}} {{false}}", "true false")]
    [InlineData("{{(.Nested).Inner.Value}}", "deep")]
    [InlineData("{{ .Name }}{{/* multi\nline */}}", "world")]
    [InlineData("{{ if\n .True\n }}ok{{ end }}", "ok")]
    public void Template_executes_as_go_text_template_does(string text, string expected)
    {
        var template = Template.Parse("t", text);

        Assert.Equal(expected, template.Execute(TestData.Default()));
    }

    [Fact]
    public void Templates_parsed_into_one_set_call_each_other()
    {
        var template = Template.Parse("main", "{{template \"a\" .}}")
            .AddParse("lib.tmpl", "{{define \"a\"}}A{{template \"b\" .}}{{end}}{{define \"b\"}}B{{.}}{{end}}");

        Assert.Equal("ABx", template.Execute("x"));
        Assert.Equal("Bx", template.ExecuteTemplate("b", "x"));
        Assert.Contains("a", template.DefinedTemplates);
    }

    [Fact]
    public void Html_mode_escapes_action_output_but_not_safe_html()
    {
        var options = new TemplateOptions { Mode = TemplateMode.Html, Functions = Prometheus.PrometheusFunctions.Create(new()) };
        var template = Template.Parse("h", "<p>{{.}}</p>{{ \"<br>\" | safeHtml }}", options);

        Assert.Equal("<p>&lt;a&gt; &amp; &#34;b&#34;</p><br>", template.Execute("<a> & \"b\""));
    }
}
