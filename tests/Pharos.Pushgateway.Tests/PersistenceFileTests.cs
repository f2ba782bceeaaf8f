using static Pharos.Pushgateway.Tests.StoreTestData;

namespace Pharos.Pushgateway.Tests;

public sealed class PersistenceFileTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero));

    [Fact]
    public void Round_trip_keeps_groups_families_push_times_and_expiry()
    {
        var store = new MetricStore(_clock, defaultTtl: TimeSpan.FromHours(1));
        store.Write(Put("job/a/x@base64/=", "# HELP h hh\n# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n"));
        store.Write(Put("job@base64/Zm9vL2Jhcg/instance/i", "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_sum 2\ns_count 3\n# TYPE c counter\nc 5\n"));
        _clock.Advance(TimeSpan.FromSeconds(3));
        store.Write(Put("job/failed", "x 1 1000\n"));
        var before = store.Groups();

        var restored = PersistenceFile.Decode(PersistenceFile.Encode(before));

        Assert.Equal(before.Count, restored.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Key, restored[i].Key);
            Assert.Equal(before[i].PushTime, restored[i].PushTime);
            Assert.Equal(before[i].FailureTime, restored[i].FailureTime);
            Assert.Equal(before[i].ExpiresAt, restored[i].ExpiresAt);
            Assert.Equal(before[i].Families.Keys.Order(), restored[i].Families.Keys.Order());
            foreach (var (name, stored) in before[i].Families)
            {
                Assert.Equal(stored.Family, restored[i].Families[name].Family);
                Assert.Equal(stored.Timestamp, restored[i].Families[name].Timestamp);
            }
        }
    }

    [Fact]
    public void Write_is_atomic_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("pharos-pg-").FullName;
        try
        {
            var path = Path.Combine(dir, "pg.data");
            var store = new MetricStore(_clock);
            store.Write(Put("job/a", "a 1\n"));
            PersistenceFile.Write(path, store.Groups());
            PersistenceFile.Write(path, store.Groups());
            Assert.Equal(["pg.data"], Directory.GetFiles(dir).Select(Path.GetFileName));
            Assert.Single(PersistenceFile.Read(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Corruption_is_detected()
    {
        var store = new MetricStore(_clock);
        store.Write(Put("job/a", "a 1\n"));
        var bytes = PersistenceFile.Encode(store.Groups());
        bytes[bytes.Length / 2] ^= 0x40;
        Assert.Throws<InvalidDataException>(() => PersistenceFile.Decode(bytes));
        Assert.Throws<InvalidDataException>(() => PersistenceFile.Decode(bytes[..10]));
    }

    [Fact]
    public void Missing_file_is_an_empty_state()
    {
        Assert.Empty(PersistenceFile.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }
}
