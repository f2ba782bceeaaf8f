using Pharos.Hosting.Web;

namespace Pharos.Pushgateway.Tests;

internal static class InProcess
{
    public static PushgatewayOptions Options(string persistenceFile = "", TimeSpan? ttl = null) => new()
    {
        Web = new WebOptions(ListenAddress.Parse("127.0.0.1:0"), null, string.Empty, new Uri("http://127.0.0.1/"), "/"),
        PersistenceFile = persistenceFile,
        MetricsTtl = ttl ?? TimeSpan.Zero,
    };
}
