using Xunit;

namespace Pharos.Templating.Tests;

public class LimitTests
{
    [Fact]
    public void Output_beyond_the_limit_stops_execution()
    {
        var template = Template.Parse("t", "{{range 1000000}}xxxxxxxxxx{{end}}", new TemplateOptions { MaxOutputChars = 1000 });

        var ex = Assert.Throws<TemplateException>(() => template.Execute(null));

        Assert.Equal("template: t: output exceeds the limit of 1000 characters", ex.Message);
    }

    [Fact]
    public void Unbounded_recursion_stops_at_the_depth_limit()
    {
        var template = Template.Parse("t", "{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}", new TemplateOptions { MaxTemplateDepth = 50 });

        var ex = Assert.Throws<TemplateException>(() => template.Execute(null));

        Assert.Contains("exceeded maximum template depth (50)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_depth_limit_stops_recursion_before_the_stack_runs_out()
    {
        var template = Template.Parse("t", "{{define \"r\"}}{{if true}}{{with .}}{{template \"r\" .}}{{end}}{{end}}{{end}}{{template \"r\" 1}}");

        var ex = Assert.Throws<TemplateException>(() => template.Execute(null));

        Assert.Contains("exceeded maximum template depth (1000)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Deeply_nested_template_is_rejected_at_parse_time(bool parens)
    {
        var text = parens
            ? "{{" + new string('(', 5000) + "1" + new string(')', 5000) + "}}"
            : string.Concat(Enumerable.Repeat("{{if 1}}", 5000)) + string.Concat(Enumerable.Repeat("{{end}}", 5000));

        var ex = Assert.Throws<TemplateException>(() => Template.Parse("t", text));

        Assert.Equal("template: t:1: max expression depth exceeded", ex.Message);
    }

    [Fact]
    public void Cancellation_stops_a_long_loop()
    {
        var template = Template.Parse("t", "{{range 2000000000}}{{end}}");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var ex = Assert.Throws<TemplateException>(() => template.Execute(null, cts.Token));

        Assert.IsType<OperationCanceledException>(ex.InnerException);
    }
}
