using System.Collections.Concurrent;
using System.Threading.Channels;
using Pharos.Config.Discovery;
using YamlDotNet.RepresentationModel;

namespace Pharos.Discovery.Tests;

/// <summary>A mechanism the test drives by hand: the configuration's <see cref="Id"/> tells instances apart.</summary>
internal sealed class FakeSdConfig(string id) : IServiceDiscoveryConfig
{
    public string Id { get; } = id;

    public string Key => "fake_sd_configs";

    public void WriteTo(YamlMappingNode node) => node.Add("id", Id);
}

/// <summary>A configuration type no mechanism is registered for.</summary>
internal sealed class UnknownSdConfig : IServiceDiscoveryConfig
{
    public string Key => "unknown_sd_configs";

    public void WriteTo(YamlMappingNode node)
    {
    }
}

internal sealed class FakeDiscovererFactory : IDiscovererFactory
{
    public ConcurrentBag<FakeDiscoverer> Created { get; } = [];

    public Type ConfigType => typeof(FakeSdConfig);

    public IDiscoverer Create(IServiceDiscoveryConfig config, DiscovererOptions options)
    {
        var discoverer = new FakeDiscoverer(((FakeSdConfig)config).Id);
        Created.Add(discoverer);
        return discoverer;
    }

    public FakeDiscoverer Single(string id) => Created.Single(d => d.Id == id);
}

internal sealed class FakeDiscoverer(string id) : IDiscoverer
{
    private readonly TaskCompletionSource<ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>>> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public Task Stopped => _stopped.Task;

    public async Task RunAsync(ChannelWriter<IReadOnlyList<DiscoveredTargetGroup>> updates, CancellationToken cancellationToken)
    {
        _started.TrySetResult(updates);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _stopped.TrySetResult();
        }
    }

    public async Task SendAsync(params DiscoveredTargetGroup[] groups)
    {
        var writer = await _started.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await writer.WriteAsync(groups);
    }
}
