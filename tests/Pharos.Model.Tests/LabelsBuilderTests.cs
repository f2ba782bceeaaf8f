using Xunit;

namespace Pharos.Model.Tests;

public class LabelsBuilderTests
{
    [Fact]
    public void Setting_an_empty_value_deletes_the_label()
    {
        var builder = new LabelsBuilder(Labels.FromStrings("a", "1", "b", "2"));
        builder.Set("a", "");
        Assert.Equal(Labels.FromStrings("b", "2"), builder.ToLabels());
    }

    [Fact]
    public void Last_added_value_wins_for_duplicate_names()
    {
        var builder = new LabelsBuilder();
        builder.Add("b", "1");
        builder.Add("a", "x");
        builder.Add("b", "2");
        builder.Add("b", "3");
        Assert.Equal(Labels.FromStrings("a", "x", "b", "3"), builder.ToLabels());
    }

    [Fact]
    public void Last_added_value_wins_for_many_labels_too()
    {
        var builder = new LabelsBuilder();
        for (var i = 0; i < 40; i++)
        {
            builder.Add($"n{i % 20:D2}", $"v{i}");
        }

        var labels = builder.ToLabels();
        Assert.Equal(20, labels.Count);
        Assert.Equal("v39", labels.Get("n19"));
        Assert.Equal("v20", labels.Get("n00"));
        Assert.True(labels.IsValid());
    }

    [Fact]
    public void Added_empty_value_deletes_an_earlier_one()
    {
        var builder = new LabelsBuilder();
        builder.Add("a", "1");
        builder.Add("a", "");
        Assert.True(builder.ToLabels().IsEmpty);
    }

    [Fact]
    public void Set_overrides_earlier_duplicates()
    {
        var builder = new LabelsBuilder();
        builder.Add("a", "1");
        builder.Add("a", "2");
        builder.Set("a", "3");
        Assert.Equal("3", builder.Get("a"));
        Assert.Equal(Labels.FromStrings("a", "3"), builder.ToLabels());
    }

    [Fact]
    public void Delete_and_keep_filter_by_name()
    {
        var builder = new LabelsBuilder(Labels.FromStrings("a", "1", "b", "2", "c", "3"));
        builder.Delete("b");
        Assert.Equal(Labels.FromStrings("a", "1", "c", "3"), builder.ToLabels());
        builder.Keep("c", "zzz");
        Assert.Equal(Labels.FromStrings("c", "3"), builder.ToLabels());
    }

    [Fact]
    public void Unmodified_builder_returns_the_original_set()
    {
        var original = Labels.FromStrings("a", "1");
        var builder = new LabelsBuilder(original);
        builder.Set("a", "1");
        Assert.Equal(original, builder.ToLabels());
        Assert.Same(original.Span.ToArray().GetType(), builder.ToLabels().Span.ToArray().GetType());
    }

    [Fact]
    public void Builder_is_reusable_after_clear_and_reset()
    {
        var builder = new LabelsBuilder();
        builder.Add("x", "1");
        _ = builder.ToLabels();
        builder.Clear();
        Assert.True(builder.ToLabels().IsEmpty);
        builder.Reset(Labels.FromStrings("y", "2"));
        builder.Set("z", "3");
        Assert.Equal(Labels.FromStrings("y", "2", "z", "3"), builder.ToLabels());
    }

    [Fact]
    public void Building_allocates_only_the_result()
    {
        var builder = new LabelsBuilder();
        void Build()
        {
            builder.Clear();
            builder.Add("job", "api");
            builder.Add("__name__", "up");
            builder.Add("instance", "h:1");
            _ = builder.ToLabels();
        }

        Build();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Build();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // One Label[3]: header plus three pairs of references.
        Assert.True(allocated <= 100, $"allocated {allocated} bytes");
    }
}
