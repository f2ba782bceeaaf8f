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
    public void Cancellation_stops_a_long_loop()
    {
        var template = Template.Parse("t", "{{range 2000000000}}{{end}}");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var ex = Assert.Throws<TemplateException>(() => template.Execute(null, cts.Token));

        Assert.IsType<OperationCanceledException>(ex.InnerException);
    }
}
