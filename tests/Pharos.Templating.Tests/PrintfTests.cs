using Xunit;

namespace Pharos.Templating.Tests;

public class PrintfTests
{
    [Theory]
    [InlineData("{{printf \"%s\" \"x\"}}", "x")]
    [InlineData("{{printf \"%d\" 42}}", "42")]
    [InlineData("{{printf \"%5d|%-5d|%05d\" 42 42 42}}", "   42|42   |00042")]
    [InlineData("{{printf \"%+d %x %X %o %b\" 5 255 255 8 5}}", "+5 ff FF 10 101")]
    [InlineData("{{printf \"%f\" 3.14159}}", "3.141590")]
    [InlineData("{{printf \"%.2f\" 3.14159}}", "3.14")]
    [InlineData("{{printf \"%.1f\" 0.05}}", "0.1")]
    [InlineData("{{printf \"%.0f\" 2.5}}", "2")]
    [InlineData("{{printf \"%8.3f|\" 3.14159}}", "   3.142|")]
    [InlineData("{{printf \"%e\" 123456.789}}", "1.234568e+05")]
    [InlineData("{{printf \"%g\" 123456.789}}", "123456.789")]
    [InlineData("{{printf \"%g\" 1e21}}", "1e+21")]
    [InlineData("{{printf \"%v\" 1000000.0}}", "1e+06")]
    [InlineData("{{printf \"%v\" 100000.0}}", "100000")]
    [InlineData("{{printf \"%g\" 0.00001}}", "1e-05")]
    [InlineData("{{printf \"%.4g\" 1234567.0}}", "1.235e+06")]
    [InlineData("{{printf \"%.4g\" 12.3456}}", "12.35")]
    [InlineData("{{printf \"%.4g\" 1000.0}}", "1000")]
    [InlineData("{{printf \"%.3g\" 100.0}}", "100")]
    [InlineData("{{printf \"%v %v %v\" 1 \"s\" true}}", "1 s true")]
    [InlineData("{{printf \"%q\" \"a\\\"b\\n\"}}", "\"a\\\"b\\n\"")]
    [InlineData("{{printf \"%x\" \"hi\"}}", "6869")]
    [InlineData("{{printf \"%.2s\" \"hello\"}}", "he")]
    [InlineData("{{printf \"%10s|%-4s|\" \"right\" \"l\"}}", "     right|l   |")]
    [InlineData("{{printf \"%T %T %T\" 1 1.5 \"s\"}}", "int float64 string")]
    [InlineData("{{printf \"100%%\"}}", "100%")]
    [InlineData("{{printf \"%d\" \"x\"}}", "%!d(string=x)")]
    [InlineData("{{printf \"%s\" 1.5}}", "%!s(float64=1.5)")]
    [InlineData("{{printf \"%d %d\" 1}}", "1 %!d(MISSING)")]
    [InlineData("{{printf \"%d\" 1 2}}", "1%!(EXTRA int=2)")]
    [InlineData("{{printf \"%v\" .Nil}}", "<nil>")]
    [InlineData("{{printf \"%v\" .List}}", "[a b c]")]
    [InlineData("{{printf \"%*d\" 4 7}}", "   7")]
    [InlineData("{{printf \"%t\" true}}", "true")]
    [InlineData("{{printf \"%c\" 65}}", "A")]
    [InlineData("{{printf \"%f\" 1}}", "%!f(int=1)")]
    [InlineData("{{printf \"%.1f\" -0.04}}", "-0.0")]
    [InlineData("{{printf \"%6.2f%%\" 12.345}}", " 12.35%")]
    public void Printf_formats_as_go_fmt(string text, string expected)
    {
        Assert.Equal(expected, Template.Parse("t", text).Execute(TestData.Default()));
    }
}
