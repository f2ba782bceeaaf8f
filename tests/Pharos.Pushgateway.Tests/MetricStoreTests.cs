using Pharos.Exposition.Model;
using static Pharos.Pushgateway.Tests.StoreTestData;

namespace Pharos.Pushgateway.Tests;

public sealed class MetricStoreTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Grouping_labels_override_pushed_labels()
    {
        var store = new MetricStore(_clock);
        Assert.Null(store.Write(Put("job/j2/instance/i2", "a{job=\"other\",instance=\"i9\",x=\"1\"} 2\n")));
        var family = Single(store, "a");
        Assert.Equal("{instance=\"i2\", job=\"j2\", x=\"1\"}", family.Points[0].Labels.ToString());
    }

    [Fact]
    public void Pushed_instance_is_kept_when_the_key_has_none()
    {
        var store = new MetricStore(_clock);
        Assert.Null(store.Write(Put("job/j", "a{instance=\"i9\"} 2\n")));
        Assert.Equal("i9", Single(store, "a").Points[0].Labels.Get("instance"));
    }

    [Fact]
    public void Put_replaces_the_group_and_post_replaces_same_named_families()
    {
        var store = new MetricStore(_clock);
        store.Write(Put("job/j", "a 1\nb 2\n"));
        store.Write(Post("job/j", "b 3\nc 4\n"));
        Assert.Equal(["a", "b", "c"], store.Groups()[0].Families.Keys.Order());
        Assert.Equal(3, Single(store, "b").Points[0].Value);
        store.Write(Put("job/j", "d 5\n"));
        Assert.Equal(["d"], store.Groups()[0].Families.Keys);
    }

    [Fact]
    public void Type_conflict_with_another_group_is_rejected_and_only_the_failure_time_changes()
    {
        var store = new MetricStore(_clock);
        store.Write(Put("job/j1", "a 1\n"));
        _clock.Advance(TimeSpan.FromSeconds(10));
        var error = store.Write(Put("job/j3", "# TYPE a counter\na 1\n"));
        Assert.Equal(
            "collected metric \"a\" { label:<name:\"instance\" value:\"\" > label:<name:\"job\" value:\"j3\" > counter:<value:1 > } is not a UNTYPED",
            error);
        var failed = store.Groups().Single(g => g.Key.Job == "j3");
        Assert.Empty(failed.Families);
        Assert.Null(failed.PushTime);
        Assert.Equal(_clock.GetUtcNow(), failed.FailureTime);
        Assert.False(failed.LastPushSuccessful);
    }

    [Fact]
    public void Help_mismatch_across_groups_is_accepted()
    {
        var store = new MetricStore(_clock);
        Assert.Null(store.Write(Put("job/j1", "# HELP a one\na 1\n")));
        Assert.Null(store.Write(Put("job/j2", "# HELP a two\na 1\n")));
    }

    [Fact]
    public void Duplicate_series_across_groups_is_rejected()
    {
        var store = new MetricStore(_clock);
        Assert.Null(store.Write(Put("job/j", "a{instance=\"x\"} 1\n")));
        var error = store.Write(Put("job/j/instance/x", "a 2\n"));
        Assert.EndsWith("was collected before with the same name and label values", error);
    }

    [Fact]
    public void A_group_may_change_the_type_of_a_family_only_it_holds()
    {
        var store = new MetricStore(_clock);
        Assert.Null(store.Write(Put("job/j", "a 1\n")));
        Assert.Null(store.Write(Put("job/j", "# TYPE a counter\na 1\n")));
        Assert.Null(store.Write(Post("job/j", "# TYPE a gauge\na 1\n")));
    }

    [Fact]
    public void A_deleted_group_no_longer_constrains_types_or_series()
    {
        var store = new MetricStore(_clock);
        Assert.Null(store.Write(Put("job/j", "a{instance=\"x\"} 1\n")));
        Assert.NotNull(store.Write(Put("job/k", "# TYPE a counter\na 1\n")));
        Assert.NotNull(store.Write(Put("job/j/instance/x", "a 2\n")));
        store.Write(new WriteRequest(Key("job/j"), null, Replace: true));
        Assert.Null(store.Write(Put("job/k", "# TYPE a counter\na 1\n")));
        Assert.Null(store.Write(Put("job/j/instance/x", "# TYPE a counter\na 2\n")));
    }

    [Fact]
    public void A_replaced_push_frees_the_series_it_no_longer_holds()
    {
        var store = new MetricStore(_clock);
        Assert.Null(store.Write(Put("job/j", "a{instance=\"x\"} 1\n")));
        Assert.Null(store.Write(Put("job/j", "a{instance=\"y\"} 1\n")));
        Assert.Null(store.Write(Put("job/j/instance/x", "a 2\n")));
        Assert.NotNull(store.Write(Put("job/j/instance/y", "a 2\n")));
    }

    [Fact]
    public void Duplicate_series_within_one_push_is_rejected()
    {
        var store = new MetricStore(_clock);
        var families = Text("a{x=\"1\"} 1\n");
        var family = families["a"];
        family.Points.Add(family.Points[0]);
        Assert.EndsWith("was collected before with the same name and label values", store.Write(new WriteRequest(Key("job/j"), families, Replace: true)));
    }

    [Fact]
    public void A_wipe_or_restore_rebuilds_what_the_check_knows()
    {
        var store = new MetricStore(_clock);
        Assert.Null(store.Write(Put("job/j", "a 1\n")));
        var saved = store.Groups();
        store.Wipe();
        Assert.Null(store.Write(Put("job/k", "# TYPE a counter\na 1\n")));
        store.Restore(saved);
        Assert.NotNull(store.Write(Put("job/k", "# TYPE a counter\na 1\n")));
    }

    [Fact]
    public void Timestamps_are_rejected()
    {
        var store = new MetricStore(_clock);
        Assert.Equal("pushed metrics must not have timestamps", store.Write(Put("job/j", "a 1 12345\n")));
        Assert.Equal(MetricGroup.ToSeconds(_clock.GetUtcNow()), Single(store, "push_failure_time_seconds").Points[0].Value);
    }

    [Fact]
    public void Explicit_quantile_label_on_a_summary_is_rejected()
    {
        var store = new MetricStore(_clock);
        var families = new Dictionary<string, MetricFamily>
        {
            ["s"] = new MetricFamily("s", Pharos.Model.MetricType.Summary)
                .Add(new MetricPoint(Pharos.Model.Labels.FromStrings("quantile", "x")) { Count = 1, Sum = 1 }),
        };
        var error = store.Write(new WriteRequest(Key("job/j"), families, Replace: true));
        Assert.Contains("must not have an explicit \"quantile\" label", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_check_stores_conflicting_pushes_and_gathering_then_fails()
    {
        var store = new MetricStore(_clock);
        store.Write(Put("job/j1", "a 1\n"), check: false);
        Assert.Null(store.Write(Put("job/j2", "# TYPE a counter\na 1\n"), check: false));
        Assert.False(store.TryGather(out _, out var error));
        Assert.Contains("is not a", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Merged_exposition_holds_every_group_and_its_push_times()
    {
        var store = new MetricStore(_clock);
        store.Write(Put("job/j1", "# HELP a help\n# TYPE a gauge\na 1\n"));
        store.Write(Put("job/j2/instance/i", "# HELP a help\n# TYPE a gauge\na 2\nb 3\n"));
        Assert.True(store.TryGather(out var families, out var error), error);
        Assert.Equal(["a", "b", "push_failure_time_seconds", "push_time_seconds"], families.Select(f => f.Name));
        Assert.Equal(2, families[0].Points.Count);
        Assert.Equal(2, families[3].Points.Count);
        Assert.All(families[2].Points, p => Assert.Equal(0, p.Value));
    }

    [Fact]
    public void Own_metrics_are_merged_and_a_type_clash_with_them_is_rejected()
    {
        var own = new MetricFamily("pushgateway_build_info", Pharos.Model.MetricType.Gauge, "build") { HasHelp = true }
            .Add(new MetricPoint(Pharos.Model.Labels.FromStrings("version", "1"), 1));
        var store = new MetricStore(_clock, () => [own]);
        var error = store.Write(Put("job/j", "# TYPE pushgateway_build_info counter\npushgateway_build_info 1\n"));
        Assert.Equal("gathered metric family pushgateway_build_info has type COUNTER but should have GAUGE", error);
        Assert.True(store.TryGather(out var families, out _));
        Assert.Contains(families, f => f.Name == "pushgateway_build_info");
    }

    [Fact]
    public void Delete_removes_the_group_and_deleting_an_unknown_group_is_a_no_op()
    {
        var store = new MetricStore(_clock);
        store.Write(Put("job/j", "a 1\n"));
        Assert.Null(store.Write(new WriteRequest(Key("job/j"), null, false)));
        Assert.Null(store.Write(new WriteRequest(Key("job/none"), null, false)));
        Assert.Empty(store.Groups());
    }

    [Fact]
    public void Groups_expire_after_the_default_ttl_unless_pushed_again()
    {
        var store = new MetricStore(_clock, defaultTtl: TimeSpan.FromMinutes(10));
        store.Write(Put("job/a", "a 1\n"));
        store.Write(Put("job/b", "b 1\n"));
        _clock.Advance(TimeSpan.FromMinutes(6));
        store.Write(Put("job/b", "b 2\n"));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(["b"], store.Groups().Select(g => g.Key.Job));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(store.Groups());
    }

    [Fact]
    public void Per_push_ttl_overrides_the_default_and_zero_means_forever()
    {
        var store = new MetricStore(_clock, defaultTtl: TimeSpan.FromMinutes(1));
        store.Write(Put("job/short", "a 1\n", ttl: TimeSpan.FromSeconds(5)));
        store.Write(Put("job/forever", "b 1\n", ttl: TimeSpan.Zero));
        store.Write(Put("job/default", "c 1\n"));
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(["default", "forever"], store.Groups().Select(g => g.Key.Job).Order());
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(["forever"], store.Groups().Select(g => g.Key.Job));
    }

    [Fact]
    public void Without_ttl_groups_never_expire()
    {
        var store = new MetricStore(_clock);
        store.Write(Put("job/a", "a 1\n"));
        _clock.Advance(TimeSpan.FromDays(365));
        Assert.Single(store.Groups());
    }

    private static MetricFamily Single(MetricStore store, string name)
    {
        Assert.True(store.TryGather(out var families, out var error), error);
        return families.Single(f => f.Name == name);
    }
}
