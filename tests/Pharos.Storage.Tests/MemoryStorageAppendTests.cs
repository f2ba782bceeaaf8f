using Pharos.Model;
using static Pharos.Storage.Tests.Fixtures;

namespace Pharos.Storage.Tests;

public class MemoryStorageAppendTests
{
    private static readonly Labels Series = L("__name__", "up", "job", "a");

    [Theory]
    [InlineData(101, 1.0, AppendStatus.Ok, "100:1 101:1")]
    [InlineData(100, 1.0, AppendStatus.Ok, "100:1")]
    [InlineData(100, 2.0, AppendStatus.DuplicateTimestamp, "100:1")]
    [InlineData(99, 1.0, AppendStatus.OutOfOrder, "100:1")]
    [InlineData(100, double.NaN, AppendStatus.DuplicateTimestamp, "100:1")]
    public void Append_after_a_committed_sample_is_judged_like_the_head(long t, double v, AppendStatus expected, string stored)
    {
        var storage = new MemoryStorage();
        Append(storage, Series, (100, 1.0));

        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(expected, app.Append(ref r, Series, t, v));
        app.Commit();

        Assert.Equal(stored, Dump(storage));
    }

    [Fact]
    public void Repeated_stale_marker_is_a_no_op_but_a_plain_NaN_conflicts_with_it()
    {
        var storage = new MemoryStorage();
        Append(storage, Series, (100, StaleMarker.StaleNaN));
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 100, StaleMarker.StaleNaN));
        Assert.Equal(AppendStatus.DuplicateTimestamp, app.Append(ref r, Series, 100, double.NaN));
        app.Commit();

        using var q = storage.CreateQuerier(0, 1000);
        var it = SelectOne(q).Iterator(null);
        Assert.Equal(SampleType.Float, it.Next());
        Assert.True(StaleMarker.IsStaleNaN(it.At().Value));
    }

    [Fact]
    public void Out_of_order_within_one_batch_is_rejected()
    {
        var storage = new MemoryStorage();
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 100, 1));
        Assert.Equal(AppendStatus.OutOfOrder, app.Append(ref r, Series, 50, 1));
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 100, 1));
        Assert.Equal(AppendStatus.DuplicateTimestamp, app.Append(ref r, Series, 100, 2));
        app.Commit();
        Assert.Equal("100:1", Dump(storage));
    }

    [Theory]
    [InlineData(999, AppendStatus.OutOfBounds)]
    [InlineData(1000, AppendStatus.Ok)]
    public void Samples_before_the_minimum_valid_time_are_out_of_bounds(long t, AppendStatus expected)
    {
        var storage = new MemoryStorage { MinValidTimeMs = 1000 };
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(expected, app.Append(ref r, Series, t, 1));
        app.Rollback();
    }

    [Theory]
    [InlineData(950, 5.0, AppendStatus.Ok, "900:9 950:5 1000:10")]
    [InlineData(900, 9.0, AppendStatus.Ok, "900:9 1000:10")]
    [InlineData(900, 7.0, AppendStatus.DuplicateTimestamp, "900:9 1000:10")]
    [InlineData(800, 5.0, AppendStatus.Ok, "800:5 900:9 1000:10")]
    [InlineData(799, 5.0, AppendStatus.TooOld, "900:9 1000:10")]
    public void Out_of_order_window_accepts_recent_samples_and_rejects_older_ones(long t, double value, AppendStatus expected, string stored)
    {
        var storage = new MemoryStorage { OutOfOrderTimeWindowMs = 200 };
        Append(storage, Series, (900, 9.0), (1000, 10.0));

        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(expected, app.Append(ref r, Series, t, value));
        app.Commit();
        Assert.Equal(stored, Dump(storage));
    }

    [Fact]
    public void Empty_labels_are_invalid()
    {
        var app = new MemoryStorage().CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.InvalidLabels, app.Append(ref r, Labels.Empty, 1, 1));
        Assert.Equal(0UL, r.Value);
        app.Rollback();
    }

    [Fact]
    public void Appends_are_invisible_until_commit()
    {
        var storage = new MemoryStorage();
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 1, 1));
        Assert.Equal("", Dump(storage));
        app.Commit();
        Assert.Equal("1:1", Dump(storage));
    }

    [Fact]
    public void Rollback_discards_the_batch()
    {
        var storage = new MemoryStorage();
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        app.Append(ref r, Series, 1, 1);
        app.AppendExemplar(r, Series, new Exemplar(L("trace_id", "x"), 1, 1, true));
        app.UpdateMetadata(r, Series, new Metadata(MetricType.Gauge, "h", ""));
        app.Rollback();

        Assert.Equal("", Dump(storage));
        Assert.Empty(storage.GetExemplars(Series));
        Assert.Null(storage.GetMetadata(Series));

        // The rolled-back sample does not block a later one at the same timestamp.
        Append(storage, Series, (1, 2.0));
        Assert.Equal("1:2", Dump(storage));
    }

    [Fact]
    public void Appender_is_single_use()
    {
        var app = new MemoryStorage().CreateAppender();
        app.Commit();
        var r = SeriesRef.None;
        Assert.Throws<InvalidOperationException>(app.Commit);
        Assert.Throws<InvalidOperationException>(app.Rollback);
        Assert.Throws<InvalidOperationException>(() => app.Append(ref r, Series, 1, 1));
    }

    [Fact]
    public void Series_reference_can_be_reused_across_batches_without_labels()
    {
        var storage = new MemoryStorage();
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        app.Append(ref r, Series, 1, 1);
        app.Commit();
        Assert.True(r.IsSet);

        var again = storage.CreateAppender();
        var r2 = r;
        Assert.Equal(AppendStatus.Ok, again.Append(ref r2, Labels.Empty, 2, 2));
        again.Commit();
        Assert.Equal(r, r2);
        Assert.Equal("1:1 2:2", Dump(storage));
    }

    [Fact]
    public void Unknown_reference_falls_back_to_labels()
    {
        var storage = new MemoryStorage();
        var app = storage.CreateAppender();
        var r = new SeriesRef(12345);
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 1, 1));
        app.Commit();
        Assert.Equal(1UL, r.Value);
        Assert.Equal("1:1", Dump(storage));
    }

    [Fact]
    public void Histograms_round_trip_and_integer_ones_convert_to_float()
    {
        var storage = new MemoryStorage();
        var h = IntegerHistogram();
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, app.AppendHistogram(ref r, Series, 10, h));
        Assert.Equal(AppendStatus.Ok, app.AppendHistogram(ref r, Series, 20, h.ToFloat()));
        Assert.Equal(AppendStatus.Ok, app.AppendHistogram(ref r, Series, 20, h.ToFloat()));
        Assert.Equal(AppendStatus.DuplicateTimestamp, app.Append(ref r, Series, 20, 1));
        app.Commit();

        // Mutating the caller's object after the append does not change stored data.
        h.Count = 999;

        using var q = storage.CreateQuerier(0, 100);
        var it = SelectOne(q).Iterator(null);
        Assert.Equal(SampleType.Histogram, it.Next());
        Assert.Equal(10, it.AtTimestamp());
        var got = it.AtHistogram(null);
        Assert.Equal(IntegerHistogram(), got);
        var reuse = new FloatHistogram();
        Assert.Same(reuse, it.AtFloatHistogram(reuse));
        Assert.Equal(IntegerHistogram().ToFloat(), reuse);
        Assert.Equal(SampleType.FloatHistogram, it.Next());
        Assert.Equal(IntegerHistogram().ToFloat(), it.AtFloatHistogram(null));
        Assert.Throws<InvalidOperationException>(() => it.AtHistogram(null));
        Assert.Equal(SampleType.None, it.Next());
    }

    [Fact]
    public void Invalid_or_disabled_histograms_are_rejected()
    {
        var bad = IntegerHistogram();
        bad.PositiveBuckets = [1];
        var r = SeriesRef.None;
        var app = new MemoryStorage().CreateAppender();
        Assert.Equal(AppendStatus.InvalidSample, app.AppendHistogram(ref r, Series, 1, bad));
        app.Rollback();

        var disabled = new MemoryStorage { EnableNativeHistograms = false }.CreateAppender();
        Assert.Equal(AppendStatus.NativeHistogramsDisabled, disabled.AppendHistogram(ref r, Series, 1, IntegerHistogram()));
        Assert.Equal(AppendStatus.NativeHistogramsDisabled, disabled.AppendHistogram(ref r, Series, 1, IntegerHistogram().ToFloat()));
        disabled.Rollback();
    }

    [Fact]
    public void Exemplars_are_validated_like_the_exemplar_storage()
    {
        var storage = new MemoryStorage();
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        var e1 = new Exemplar(L("trace_id", "a"), 1, 100, true);
        Assert.Equal(AppendStatus.NotFound, app.AppendExemplar(r, Series, e1));
        app.Append(ref r, Series, 100, 1);
        Assert.Equal(AppendStatus.Ok, app.AppendExemplar(r, Series, e1));
        Assert.Equal(AppendStatus.DuplicateExemplar, app.AppendExemplar(r, Series, e1));
        Assert.Equal(AppendStatus.OutOfOrderExemplar, app.AppendExemplar(r, Series, e1 with { Value = 2 }));
        Assert.Equal(AppendStatus.OutOfOrderExemplar, app.AppendExemplar(r, Series, e1 with { TimestampMs = 50 }));
        Assert.Equal(AppendStatus.ExemplarLabelLength, app.AppendExemplar(r, Series, e1 with { Labels = L("trace_id", new string('x', 121)), TimestampMs = 200 }));
        Assert.Equal(AppendStatus.Ok, app.AppendExemplar(r, Series, e1 with { Labels = L("trace_id", new string('x', 120)), TimestampMs = 200 }));
        app.Commit();

        Assert.Equal(2, storage.GetExemplars(Series).Count);

        var disabled = new MemoryStorage { EnableExemplars = false }.CreateAppender();
        Assert.Equal(AppendStatus.ExemplarsDisabled, disabled.AppendExemplar(r, Series, e1));
        disabled.Rollback();
    }

    [Fact]
    public void Metadata_is_recorded_on_commit()
    {
        var storage = new MemoryStorage();
        var app = storage.CreateAppender();
        var r = SeriesRef.None;
        app.Append(ref r, Series, 1, 1);
        var md = new Metadata(MetricType.Counter, "Requests.", "requests");
        app.UpdateMetadata(r, Series, md);
        app.UpdateMetadata(SeriesRef.None, L("unknown", "x"), md);
        Assert.Null(storage.GetMetadata(Series));
        app.Commit();
        Assert.Equal(md, storage.GetMetadata(Series));
    }

    [Fact]
    public void Load_sorts_merges_and_overrides_equal_timestamps()
    {
        var storage = new MemoryStorage();
        storage.Load(Series, (30, 3.0), (10, 1.0));
        storage.Load(Series, (20, 2.0), (30, 33.0));
        Assert.Equal("10:1 20:2 30:33", Dump(storage));
        Assert.Equal(30, storage.MaxTimeMs);
        Assert.Equal(1, storage.SeriesCount);
    }

    internal static Histogram IntegerHistogram() => new()
    {
        Schema = 0,
        ZeroThreshold = 0.001,
        ZeroCount = 1,
        Count = 6,
        Sum = 10,
        PositiveSpans = [new HistogramSpan(0, 2)],
        PositiveBuckets = [2, 1],
    };

    private static ISeries SelectOne(IQuerier q)
    {
        var set = q.Select(false, null, new Matcher(MatchType.Equal, "job", "a"));
        Assert.True(set.Next());
        return set.Current;
    }

    private static string Dump(MemoryStorage storage)
    {
        using var q = storage.CreateQuerier(long.MinValue, long.MaxValue);
        var all = Drain(q.Select(true, null, new Matcher(MatchType.Equal, "job", "a")));
        return string.Join(' ', all.SelectMany(s => s.Samples).Select(s => FormattableString.Invariant($"{s.T}:{s.V}")));
    }
}
