using System.Text;
using Pharos.Exposition.Model;

namespace Pharos.Pushgateway.Tests;

internal static class StoreTestData
{
    public static GroupingKey Key(string path)
    {
        Assert.True(GroupingKey.TryParsePath(path, out var key, out var error), error);
        return key!;
    }

    public static Dictionary<string, MetricFamily> Text(string text)
    {
        var (families, error) = PushBody.Parse(Encoding.UTF8.GetBytes(text), protobuf: false);
        Assert.Null(error);
        return families!;
    }

    public static WriteRequest Put(string path, string text, TimeSpan? ttl = null) => new(Key(path), Text(text), Replace: true, ttl);

    public static WriteRequest Post(string path, string text) => new(Key(path), Text(text), Replace: false);
}
