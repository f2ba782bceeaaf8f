using System.Text;
using Xunit;

namespace Pharos.Model.Tests;

public class LabelsTests
{
    [Fact]
    public void Labels_are_sorted_by_name_and_empty_values_dropped()
    {
        var labels = Labels.FromStrings("b", "2", "a", "1", "c", "");
        Assert.Equal("{a=\"1\", b=\"2\"}", labels.ToString());
        Assert.Equal(2, labels.Count);
        Assert.Equal("1", labels.Get("a"));
        Assert.Equal("", labels.Get("c"));
        Assert.False(labels.Has("c"));
    }

    [Fact]
    public void Duplicate_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Labels.FromStrings("a", "1", "a", "2"));
    }

    [Fact]
    public void Equal_sets_are_equal_whatever_the_input_order()
    {
        var x = Labels.FromStrings("job", "api", "instance", "h:1");
        var y = Labels.FromStrings("instance", "h:1", "job", "api");
        Assert.Equal(x, y);
        Assert.True(x == y);
        Assert.Equal(x.Hash(), y.Hash());
        Assert.Equal(0, x.CompareTo(y));
    }

    [Theory]
    [InlineData(new[] { "a", "1" }, new[] { "a", "2" }, -1)]
    [InlineData(new[] { "a", "1" }, new[] { "b", "1" }, -1)]
    [InlineData(new[] { "a", "1" }, new[] { "a", "1", "b", "1" }, -1)]
    [InlineData(new[] { "b", "1" }, new[] { "a", "1", "b", "1" }, 1)]
    [InlineData(new[] { "a", "10" }, new[] { "a", "9" }, -1)]
    public void Label_sets_order_label_by_label_names_then_values(string[] left, string[] right, int expectedSign)
    {
        Assert.Equal(expectedSign, Math.Sign(Labels.FromStrings(left).CompareTo(Labels.FromStrings(right))));
        Assert.Equal(-expectedSign, Math.Sign(Labels.FromStrings(right).CompareTo(Labels.FromStrings(left))));
    }

    [Fact]
    public void Hash_is_xxhash64_of_names_and_values_separated_by_0xff()
    {
        var labels = Labels.FromStrings("__name__", "up", "job", "prometheus");
        var bytes = Encoding.UTF8.GetBytes("__name__\xffup\xffjob\xffprometheus\xff".Replace('\xff', '\0'));
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0)
            {
                bytes[i] = 0xff;
            }
        }

        Assert.Equal(XxHash64.Hash(bytes), labels.Hash());
    }

    [Theory]
    [InlineData(new string[0], 0xEF46DB3751D8E999UL)]
    [InlineData(new[] { "a", "1" }, 0x6577CD4DF75E4415UL)]
    [InlineData(new[] { "__name__", "up", "job", "prometheus", "instance", "localhost:9090" }, 0xF28C8AFCD224E55FUL)]
    public void Hash_is_stable_across_releases(string[] pairs, ulong expected)
    {
        // Pinned values: hashes are persisted (WAL, sharding) and must never change.
        Assert.Equal(expected, Labels.FromStrings(pairs).Hash());
    }

    [Fact]
    public void Hash_of_a_large_set_uses_the_same_layout()
    {
        var pairs = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            pairs.Add($"label_{i:D3}");
            pairs.Add(new string('v', 50));
        }

        var labels = Labels.FromStrings([.. pairs]);
        var expected = new List<byte>();
        foreach (var label in labels)
        {
            expected.AddRange(Encoding.UTF8.GetBytes(label.Name));
            expected.Add(0xff);
            expected.AddRange(Encoding.UTF8.GetBytes(label.Value));
            expected.Add(0xff);
        }

        Assert.Equal(XxHash64.Hash([.. expected]), labels.Hash());
    }

    [Fact]
    public void Hash_for_and_without_labels_select_the_right_subset()
    {
        var labels = Labels.FromStrings("__name__", "m", "a", "1", "b", "2", "c", "3");
        Assert.Equal(Labels.FromStrings("a", "1", "c", "3").Hash(), labels.HashForLabels(["c", "a"]));
        Assert.Equal(Labels.FromStrings("a", "1", "c", "3").Hash(), labels.HashWithoutLabels(["b"]));
    }

    [Fact]
    public void Without_drops_one_label()
    {
        var labels = Labels.FromStrings("a", "1", "b", "2");
        Assert.Equal(Labels.FromStrings("b", "2"), labels.Without("a"));
        Assert.Equal(labels, labels.Without("zzz"));
    }

    [Theory]
    [InlineData(new[] { "a", "x\"y\\z\n" }, "{a=\"x\\\"y\\\\z\\n\"}")]
    [InlineData(new[] { "service.name", "api" }, "{\"service.name\"=\"api\"}")]
    [InlineData(new[] { "a", "\u0001" }, "{a=\"\\x01\"}")]
    [InlineData(new[] { "a", "é" }, "{a=\"é\"}")]
    public void ToString_quotes_like_Prometheus(string[] pairs, string expected)
    {
        Assert.Equal(expected, Labels.FromStrings(pairs).ToString());
    }

    [Theory]
    [InlineData(new[] { "__name__", "up", "job", "x" }, NameValidationScheme.Legacy, true)]
    [InlineData(new[] { "__name__", "http.requests", "job", "x" }, NameValidationScheme.Legacy, false)]
    [InlineData(new[] { "__name__", "http.requests", "job", "x" }, NameValidationScheme.Utf8, true)]
    [InlineData(new[] { "service.name", "x" }, NameValidationScheme.Legacy, false)]
    [InlineData(new[] { "service.name", "x" }, NameValidationScheme.Utf8, true)]
    public void Label_sets_validate_names_and_values(string[] pairs, NameValidationScheme scheme, bool expected)
    {
        Assert.Equal(expected, Labels.FromStrings(pairs).IsValid(scheme));
    }

    [Fact]
    public void Unpaired_surrogates_are_not_valid_utf8()
    {
        var lone = new string('\ud800', 1);
        Assert.False(Labels.FromStrings("a", lone).TryValidate(NameValidationScheme.Utf8, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
        Assert.False(Labels.FromStrings(lone, "x").IsValid());
    }
}
