namespace Pharos.Testing.Peers;

/// <summary>
/// A real node exporter (Debian's <c>/usr/bin/prometheus-node-exporter</c>) on a free 127.0.0.1 port, ready when
/// <c>/metrics</c> answers 200. As with <see cref="PrometheusPeer"/>, a missing binary fails the test.
/// </summary>
public sealed class NodeExporterPeer : IDisposable, IAsyncDisposable
{
    /// <summary>The default binary; overridden by the <c>PHAROS_NODE_EXPORTER_BINARY</c> environment variable.</summary>
    public const string DefaultBinary = "/usr/bin/prometheus-node-exporter";

    private readonly PeerProcess _process;

    private NodeExporterPeer(PeerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The port the exporter listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>The scrape target, <c>127.0.0.1:port</c>.</summary>
    public string Target => $"127.0.0.1:{Port}";

    /// <summary>The exporter's <c>/metrics</c> URL.</summary>
    public Uri MetricsUrl => new($"http://127.0.0.1:{Port}/metrics");

    /// <summary>The underlying process (working directory, captured output).</summary>
    public PeerProcess Process => _process;

    /// <summary>The binary the peer runs: <c>PHAROS_NODE_EXPORTER_BINARY</c> if set, else <see cref="DefaultBinary"/>.</summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("PHAROS_NODE_EXPORTER_BINARY") is { Length: > 0 } path ? path : DefaultBinary;

    /// <summary>Starts the exporter and waits until <c>/metrics</c> answers 200.</summary>
    /// <param name="extraFlags">More flags, e.g. <c>--no-collector.hwmon</c>.</param>
    /// <param name="startTimeout">How long to wait; 30 seconds by default.</param>
    /// <param name="binary">The executable; <see cref="Binary"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ready peer; dispose it to kill the process.</returns>
    public static async Task<NodeExporterPeer> StartAsync(
        IEnumerable<string>? extraFlags = null,
        TimeSpan? startTimeout = null,
        string? binary = null,
        CancellationToken cancellationToken = default)
    {
        binary ??= Binary;
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException(
                $"The node exporter is required by this integration test but {binary} does not exist. Install " +
                "Debian's 'prometheus-node-exporter' package (CI does this in .ci/run) or point " +
                "PHAROS_NODE_EXPORTER_BINARY at a node_exporter binary.",
                binary);
        }

        var port = FreePort.Next();
        string[] flags = [$"--web.listen-address=127.0.0.1:{port}", .. extraFlags ?? []];
        var process = PeerProcess.Start(binary, flags, name: "node-exporter");
        var peer = new NodeExporterPeer(process, port);
        try
        {
            await process.WaitForHttpOkAsync(peer.MetricsUrl, startTimeout ?? TimeSpan.FromSeconds(30), cancellationToken)
                .ConfigureAwait(false);
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _process.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
