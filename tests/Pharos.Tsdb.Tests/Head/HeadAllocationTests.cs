using Pharos.Model;
using Pharos.Storage;
using Xunit;
using static Pharos.Tsdb.Tests.Head.HeadFixtures;

namespace Pharos.Tsdb.Tests.Head;

/// <summary>The steady-state append path allocates nothing per sample.</summary>
public class HeadAllocationTests
{
    [Fact]
    public void Appending_to_existing_series_by_reference_allocates_nothing_per_sample()
    {
        const int SeriesCount = 1000;
        var head = NewHead();
        var refs = new SeriesRef[SeriesCount];
        var labels = Enumerable.Range(0, SeriesCount).Select(i => L("__name__", "m", "i", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        // Warm up: create the series, their head chunks, the pooled batch buffer and the JIT.
        Batch(head, refs, labels, 1000);
        Batch(head, refs, labels, 1100);

        var app = head.CreateAppender();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < SeriesCount; i++)
            {
                app.Append(ref refs[i], labels[i], 2000 + round, round);
            }
        }

        app.Commit();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Ten thousand samples; the only allowance is for a pooled buffer the pool might not have had yet.
        Assert.True(allocated < 1024, $"{allocated} bytes allocated for 10,000 samples");
    }

    private static void Batch(Pharos.Tsdb.Head.Head head, SeriesRef[] refs, Labels[] labels, long t)
    {
        // The same batch size as the measured one, so the pool holds a buffer of the right size.
        var app = head.CreateAppender();
        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < refs.Length; i++)
            {
                Assert.Equal(AppendStatus.Ok, app.Append(ref refs[i], labels[i], t + round, 1.0));
            }
        }

        app.Commit();
    }
}
