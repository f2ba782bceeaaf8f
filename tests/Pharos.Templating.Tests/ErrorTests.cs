using Xunit;

namespace Pharos.Templating.Tests;

public class ErrorTests
{
    [Theory]
    [InlineData("{{ 1 = 2 }}", "template: t:1: unexpected \"=\" in operand")]
    [InlineData("{{if .X}}open", "template: t:1: unexpected EOF")]
    [InlineData("a\n{{end}}", "template: t:2: unexpected {{end}}")]
    [InlineData("{{else}}", "template: t:1: unexpected {{else}}")]
    [InlineData("{{nofunc 1}}", "template: t:1: function \"nofunc\" not defined")]
    [InlineData("{{$x}}", "template: t:1: undefined variable \"$x\"")]
    [InlineData("{{break}}", "template: t:1: {{break}} outside {{range}}")]
    [InlineData("{{.Foo", "template: t:1: unclosed action")]
    [InlineData("{{ \"abc }}", "template: t:1: unterminated quoted string")]
    [InlineData("{{}}", "template: t:1: missing value for command")]
    [InlineData("{{/* open", "template: t:1: unclosed comment")]
    [InlineData("{{ ( 1 }}", "template: t:1: unclosed left paren")]
    [InlineData("{{ 1 ) }}", "template: t:1: unexpected right paren")]
    [InlineData("{{template .Name}}", "template: t:1: unexpected \".Name\" in template clause")]
    [InlineData("{{range $i, $v, $w := .}}{{end}}", "template: t:1: too many declarations in range")]
    [InlineData("{{with $x, $y := .}}{{end}}", "template: t:1: too many declarations in with")]
    [InlineData("{{ # }}", "template: t:1: unrecognized character in action: U+0023 '#'")]
    [InlineData("{{ 3x }}", "template: t:1: bad number syntax: \"3x\"")]
    public void Malformed_template_fails_to_parse_with_gos_message(string text, string expected)
    {
        var ex = Assert.Throws<TemplateException>(() => Template.Parse("t", text));

        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("{{.Name.Foo}}", "template: t:1:2: executing \"t\" at <.Name.Foo>: can't evaluate field Foo in type string")]
    [InlineData("x\n  {{index .List 5}}", "template: t:2:4: executing \"t\" at <index .List 5>: error calling index: index out of range: 5")]
    [InlineData("{{len 3}}", "template: t:1:2: executing \"t\" at <len 3>: error calling len: len of type int")]
    [InlineData("{{len 1 2}}", "template: t:1:2: executing \"t\" at <len>: wrong number of args for len: want 1 got 2")]
    [InlineData("{{and}}", "template: t:1:2: executing \"t\" at <and>: wrong number of args for and: want at least 1 got 0")]
    [InlineData("{{gt .Pi 1}}", "template: t:1:2: executing \"t\" at <gt .Pi 1>: error calling gt: incompatible types for comparison")]
    [InlineData("{{lt true false}}", "template: t:1:2: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison")]
    [InlineData("{{nil}}", "template: t:1:2: executing \"t\" at <nil>: nil is not a command")]
    [InlineData("{{.Nil.Foo}}", "template: t:1:2: executing \"t\" at <.Nil.Foo>: nil pointer evaluating interface {}.Foo")]
    [InlineData("{{.Name 1}}", "template: t:1:2: executing \"t\" at <.Name>: Name is not a method but has arguments")]
    [InlineData("{{$x := 1}}{{$x 2}}", "template: t:1:13: executing \"t\" at <$x>: can't give argument to non-function $x")]
    [InlineData("{{template \"nope\"}}", "template: t:1:2: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined")]
    [InlineData("{{range .Name}}{{end}}", "template: t:1:2: executing \"t\" at <{{range .Name}}>: range can't iterate over world")]
    public void Failing_execution_reports_position_and_node_as_go_does(string text, string expected)
    {
        var template = Template.Parse("t", text);

        var ex = Assert.Throws<TemplateException>(() => template.Execute(TestData.Default()));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Missing_key_can_be_an_error()
    {
        var template = Template.Parse("t", "{{.Map.nope}}", new TemplateOptions { MissingKey = MissingKeyOption.Error });

        var ex = Assert.Throws<TemplateException>(() => template.Execute(TestData.Default()));

        Assert.Equal("template: t:1:2: executing \"t\" at <.Map.nope>: map has no entry for key \"nope\"", ex.Message);
    }

    [Fact]
    public void Executing_an_undefined_template_name_fails()
    {
        var ex = Assert.Throws<TemplateException>(() => Template.Parse("t", "x").ExecuteTemplate("other", null));

        Assert.Equal("template: no template \"other\" associated with template \"t\"", ex.Message);
    }
}
