namespace Pharos.Client.Collectors;

/// <summary>Registers the collectors the default registry starts with.</summary>
internal static class DefaultCollectors
{
    public static ICollector[] Create(MetricRegistry registry)
    {
        ICollector[] collectors = [new ProcessCollector(), new DotNetRuntimeCollector()];
        foreach (var collector in collectors)
        {
            registry.Register(collector);
        }

        return collectors;
    }
}
