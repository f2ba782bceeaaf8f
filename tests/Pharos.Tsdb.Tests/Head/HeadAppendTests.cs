using Pharos.Model;
using Pharos.Storage;
using Pharos.Tsdb.Head;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Head;

/// <summary>Validation, batching and bookkeeping of the head appender.</summary>
public class HeadAppendTests
{
    private static readonly Labels Series = L("__name__", "up", "job", "a");

    [Theory]
    [InlineData(100, 1.0, AppendStatus.OutOfOrder)]
    [InlineData(200, 2.0, AppendStatus.DuplicateTimestamp)]
    [InlineData(200, 1.0, AppendStatus.Ok)]
    [InlineData(300, 1.0, AppendStatus.Ok)]
    public void A_sample_is_checked_against_the_newest_committed_one(long t, double v, AppendStatus expected)
    {
        var head = NewHead();
        Append(head, Series, (200, 1.0));
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(expected, app.Append(ref r, Series, t, v));
        app.Commit();
        Assert.Equal(expected == AppendStatus.Ok && t > 200 ? 2 : 1, Read(head, Series).Count);
    }

    [Theory]
    [InlineData(100, 1.0, AppendStatus.OutOfOrder)]
    [InlineData(200, 2.0, AppendStatus.DuplicateTimestamp)]
    [InlineData(200, 1.0, AppendStatus.Ok)]
    public void A_sample_is_checked_against_the_newest_one_of_the_same_batch(long t, double v, AppendStatus expected)
    {
        var head = NewHead();
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 200, 1.0));
        Assert.Equal(expected, app.Append(ref r, Series, t, v));
        app.Commit();
        Assert.Equal([(200L, 1.0)], Read(head, Series));
    }

    [Fact]
    public void Out_of_order_sample_is_rejected_and_counted()
    {
        var head = NewHead();
        Append(head, Series, (200, 1.0));
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.OutOfOrder, app.Append(ref r, Series, 100, 1.0));
        Assert.Equal(AppendStatus.DuplicateTimestamp, app.Append(ref r, Series, 200, 5.0));
        app.Commit();
        Assert.Equal(1, head.Metrics.OutOfOrderSamplesTotal);
        Assert.Equal(1, head.Metrics.DuplicateSamplesTotal);
        Assert.Equal(1, head.Metrics.HeadSamplesAppendedTotal);
    }

    [Fact]
    public void A_sample_older_than_half_a_chunk_range_behind_the_newest_is_out_of_bounds()
    {
        var head = NewHead();
        Append(head, L("a", "1"), (10 * 3_600_000, 1.0));
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.OutOfBounds, app.Append(ref r, L("a", "2"), (9 * 3_600_000) - 1, 1.0));
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, L("a", "2"), 9 * 3_600_000, 1.0));
        app.Commit();
        Assert.Equal(1, head.Metrics.OutOfBoundSamplesTotal);
    }

    [Fact]
    public void Out_of_bounds_samples_create_no_series()
    {
        var head = NewHead();
        head.Truncate(1000);
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.OutOfBounds, app.Append(ref r, Series, 999, 1.0));
        app.Commit();
        Assert.Equal(0, head.SeriesCount);
    }

    [Fact]
    public void Samples_are_invisible_until_commit()
    {
        var head = NewHead();
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        app.Append(ref r, Series, 1, 1.0);
        Assert.Empty(Read(head, Series));
        app.Commit();
        Assert.Equal([(1L, 1.0)], Read(head, Series));
    }

    [Fact]
    public void Rollback_discards_the_batch_and_later_batches_start_from_the_committed_state()
    {
        var head = NewHead();
        Append(head, Series, (1, 1.0));
        var app = head.CreateAppender();
        var r = SeriesRef.None;
        app.Append(ref r, Series, 5, 5.0);
        app.Rollback();
        Assert.Equal([(1L, 1.0)], Read(head, Series));

        Append(head, Series, (3, 3.0));
        Assert.Equal([(1L, 1.0), (3L, 3.0)], Read(head, Series));
    }

    [Fact]
    public void A_finished_appender_cannot_be_used_again()
    {
        var app = NewHead().CreateAppender();
        app.Commit();
        var r = SeriesRef.None;
        Assert.Throws<InvalidOperationException>(() => app.Append(ref r, Series, 1, 1));
        Assert.Throws<InvalidOperationException>(app.Commit);
        Assert.Throws<InvalidOperationException>(app.Rollback);
    }

    [Fact]
    public void The_reference_returned_by_append_finds_the_series_again_without_labels()
    {
        var head = NewHead();
        var r = Append(head, Series, (1, 1.0));
        Assert.True(r.IsSet);
        var app = head.CreateAppender();
        var again = r;
        Assert.Equal(AppendStatus.Ok, app.Append(ref again, default, 2, 2.0));
        app.Commit();
        Assert.Equal(r, again);
        Assert.Equal(2, Read(head, Series).Count);
    }

    [Fact]
    public void An_unknown_reference_falls_back_to_the_labels()
    {
        var head = NewHead();
        var app = head.CreateAppender();
        var r = new SeriesRef(12345);
        Assert.Equal(AppendStatus.Ok, app.Append(ref r, Series, 1, 1.0));
        app.Commit();
        Assert.NotEqual(12345UL, r.Value);
        Assert.Single(Read(head, Series));
    }

    [Fact]
    public void Empty_labels_are_rejected()
    {
        var app = NewHead().CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.InvalidLabels, app.Append(ref r, default, 1, 1.0));
    }

    [Fact]
    public void Series_references_increase_monotonically()
    {
        var head = NewHead();
        var refs = Enumerable.Range(0, 10).Select(i => Append(head, L("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), (1, 1.0)).Value).ToList();
        Assert.Equal(refs.Order(), refs);
        Assert.Equal(10, refs.Distinct().Count());
        Assert.Equal(10, head.Metrics.HeadSeries);
        Assert.Equal(10, head.Metrics.HeadSeriesCreatedTotal);
    }

    [Fact]
    public void The_stale_marker_is_stored_bit_for_bit()
    {
        var head = NewHead();
        Append(head, Series, (1, 1.0), (2, StaleMarker.StaleNaN), (3, StaleMarker.NormalNaN));
        var samples = Read(head, Series);
        Assert.True(StaleMarker.IsStaleNaN(samples[1].V));
        Assert.Equal(StaleMarker.NormalNaNBits, BitConverter.DoubleToUInt64Bits(samples[2].V));
    }

    [Fact]
    public void Histograms_are_not_stored_by_the_head_yet()
    {
        var app = NewHead().CreateAppender();
        var r = SeriesRef.None;
        Assert.Equal(AppendStatus.NativeHistogramsDisabled, app.AppendHistogram(ref r, Series, 1, new FloatHistogram()));
    }

    [Fact]
    public void Metadata_is_applied_on_commit()
    {
        var head = NewHead();
        var r = Append(head, Series, (1, 1.0));
        var app = head.CreateAppender();
        app.UpdateMetadata(r, Series, new Metadata(MetricType.Gauge, "help", "seconds"));
        Assert.Null(head.GetMetadata(Series));
        app.Commit();
        Assert.Equal(new Metadata(MetricType.Gauge, "help", "seconds"), head.GetMetadata(Series));
    }

    [Theory]
    [InlineData(10, 1.0, AppendStatus.DuplicateExemplar)]
    [InlineData(10, 2.0, AppendStatus.OutOfOrderExemplar)]
    [InlineData(9, 1.0, AppendStatus.OutOfOrderExemplar)]
    [InlineData(11, 1.0, AppendStatus.Ok)]
    public void Exemplars_must_be_newer_than_the_newest_of_their_series(long t, double v, AppendStatus expected)
    {
        var head = NewHead();
        var r = Append(head, Series, (1, 1.0));
        var app = head.CreateAppender();
        Assert.Equal(AppendStatus.Ok, app.AppendExemplar(r, Series, new Exemplar(L("trace", "x"), 1.0, 10, true)));
        app.Commit();

        app = head.CreateAppender();
        Assert.Equal(expected, app.AppendExemplar(r, Series, new Exemplar(L("trace", "x"), v, t, true)));
        app.Commit();
    }

    [Fact]
    public void The_exemplar_ring_overwrites_the_oldest_exemplars_of_any_series()
    {
        var head = NewHead(new HeadOptions { MaxExemplars = 3 });
        var a = Append(head, L("s", "a"), (1, 1.0));
        var b = Append(head, L("s", "b"), (1, 1.0));
        var app = head.CreateAppender();
        for (var t = 1; t <= 3; t++)
        {
            Assert.Equal(AppendStatus.Ok, app.AppendExemplar(a, default, new Exemplar(L("t", "a"), t, t, true)));
        }

        Assert.Equal(AppendStatus.Ok, app.AppendExemplar(b, default, new Exemplar(L("t", "b"), 9, 9, true)));
        app.Commit();
        Assert.Equal([2L, 3L], head.GetExemplars(L("s", "a")).Select(e => e.TimestampMs));
        Assert.Equal([9L], head.GetExemplars(L("s", "b")).Select(e => e.TimestampMs));
    }

    [Fact]
    public void An_exemplar_for_an_unknown_series_is_not_found()
    {
        var app = NewHead().CreateAppender();
        Assert.Equal(AppendStatus.NotFound, app.AppendExemplar(default, Series, new Exemplar(L("t", "x"), 1, 1, true)));
    }

    [Fact]
    public void Disabled_exemplar_storage_says_so()
    {
        var app = NewHead(new HeadOptions { MaxExemplars = 0 }).CreateAppender();
        Assert.Equal(AppendStatus.ExemplarsDisabled, app.AppendExemplar(default, Series, new Exemplar(L("t", "x"), 1, 1, true)));
    }

    [Fact]
    public void A_sample_made_out_of_order_by_a_concurrent_batch_is_dropped_at_commit_and_counted()
    {
        var head = NewHead();
        var first = head.CreateAppender();
        var second = head.CreateAppender();
        SeriesRef r1 = default, r2 = default;
        Assert.Equal(AppendStatus.Ok, first.Append(ref r1, Series, 10, 1.0));
        Assert.Equal(AppendStatus.Ok, second.Append(ref r2, Series, 20, 2.0));
        second.Commit();
        first.Commit();
        Assert.Equal([(20L, 2.0)], Read(head, Series));
        Assert.Equal(1, head.Metrics.OutOfOrderSamplesTotal);
    }

    [Fact]
    public void The_head_time_range_follows_committed_samples()
    {
        var head = NewHead();
        Assert.Equal(long.MaxValue, head.MinTimeMs);
        Append(head, Series, (100, 1.0), (300, 1.0));
        Assert.Equal(100, head.MinTimeMs);
        Assert.Equal(300, head.MaxTimeMs);
    }
}
