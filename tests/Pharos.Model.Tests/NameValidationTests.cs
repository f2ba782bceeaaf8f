using System.Text;
using Xunit;

namespace Pharos.Model.Tests;

public class NameValidationTests
{
    [Theory]
    [InlineData("up", true, true)]
    [InlineData("http_requests_total", true, true)]
    [InlineData("ns:metric:rate5m", true, true)]
    [InlineData("_x", true, true)]
    [InlineData(":x", true, true)]
    [InlineData("1x", false, true)]
    [InlineData("a-b", false, true)]
    [InlineData("http.requests", false, true)]
    [InlineData("température", false, true)]
    [InlineData("", false, false)]
    public void Metric_names_validate_per_scheme(string name, bool legacy, bool utf8)
    {
        Assert.Equal(legacy, NameValidation.IsValidMetricName(name, NameValidationScheme.Legacy));
        Assert.Equal(utf8, NameValidation.IsValidMetricName(name, NameValidationScheme.Utf8));
        Assert.Equal(legacy, NameValidation.IsValidMetricName(Encoding.UTF8.GetBytes(name), NameValidationScheme.Legacy));
        Assert.Equal(utf8, NameValidation.IsValidMetricName(Encoding.UTF8.GetBytes(name), NameValidationScheme.Utf8));
    }

    [Theory]
    [InlineData("job", true, true)]
    [InlineData("__name__", true, true)]
    [InlineData("_a1", true, true)]
    [InlineData("a:b", false, true)]
    [InlineData("1a", false, true)]
    [InlineData("service.name", false, true)]
    [InlineData("", false, false)]
    public void Label_names_validate_per_scheme(string name, bool legacy, bool utf8)
    {
        Assert.Equal(legacy, NameValidation.IsValidLabelName(name, NameValidationScheme.Legacy));
        Assert.Equal(utf8, NameValidation.IsValidLabelName(name, NameValidationScheme.Utf8));
        Assert.Equal(legacy, NameValidation.IsValidLabelName(Encoding.UTF8.GetBytes(name), NameValidationScheme.Legacy));
        Assert.Equal(utf8, NameValidation.IsValidLabelName(Encoding.UTF8.GetBytes(name), NameValidationScheme.Utf8));
    }

    [Fact]
    public void Invalid_utf8_is_rejected_in_utf8_mode()
    {
        byte[] invalid = [0x61, 0xff, 0x62];
        Assert.False(NameValidation.IsValidMetricName(invalid));
        Assert.False(NameValidation.IsValidLabelName(invalid));
        Assert.False(NameValidation.IsValidLabelValue(invalid));
        Assert.True(NameValidation.IsValidLabelValue("é😀"u8));
        Assert.False(NameValidation.IsValidLabelValue("a\udc00b"));
        Assert.True(NameValidation.IsValidLabelValue("a😀b"));
    }

    [Theory]
    [InlineData("__name__", true)]
    [InlineData("__meta_x", true)]
    [InlineData("_x", false)]
    [InlineData("job", false)]
    public void Double_underscore_names_are_reserved(string name, bool reserved)
    {
        Assert.Equal(reserved, NameValidation.IsReservedLabelName(name));
    }
}
