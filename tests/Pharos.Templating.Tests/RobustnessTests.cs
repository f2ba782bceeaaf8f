using Pharos.Templating.Alertmanager;
using Pharos.Templating.Prometheus;
using Xunit;

namespace Pharos.Templating.Tests;

public class RobustnessTests
{
    private static readonly string[] Fragments =
    [
        "{{", "}}", "{{-", " -}}", "{{/*", "*/}}", " ", "\n", ".", ".Name", ".Map", ".List", "$", "$x", ":=", "=", "|", "(", ")",
        ",", "\"s\"", "`r`", "'c'", "'\\", "\"\\x", "1", "-2", "1.5", "0x", "1e", "nil", "true", "if", "else", "end", "range",
        "with", "define", "template", "block", "break", "continue", "printf", "\"%d\"", "\"%.2f\"", "index", "slice", "len",
        "eq", "lt", "and", "or", "not", "call", "humanize", "reReplaceAll", "\"(\"", "match", "first", "toTime", "text",
        "{{end}}", "{{range .List}}", "{{if .True}}", "{{$x := 1}}", "{{template \"t\" .}}", "{{define \"t\"}}",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Random_template_either_works_or_fails_with_a_template_error(int seed)
    {
        var random = new Random(seed);
        var functions = PrometheusFunctions.Create(new PrometheusTemplateContext());
        AlertmanagerFunctions.AddTo(functions);
        var options = new TemplateOptions { Functions = functions, MaxOutputChars = 100_000 };
        for (var i = 0; i < 3000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 25)).Select(_ => Fragments[random.Next(Fragments.Length)]));
            try
            {
                Template.Parse("t", text, options).Execute(TestData.Default());
            }
            catch (TemplateException)
            {
                // Expected for most random input.
            }
        }
    }
}
