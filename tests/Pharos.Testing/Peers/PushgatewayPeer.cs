namespace Pharos.Testing.Peers;

/// <summary>
/// Debian's real Pushgateway (<c>/usr/bin/prometheus-pushgateway</c>, 1.5.1 at the time of writing) on a free
/// 127.0.0.1 port, with its persistence file in the peer's temporary directory (Debian's default points at
/// <c>/var/lib/prometheus</c>, which tests must never share). Ready when <c>/-/ready</c> answers.
/// </summary>
public sealed class PushgatewayPeer : IDisposable, IAsyncDisposable
{
    /// <summary>The default binary; overridden by <c>PHAROS_PUSHGATEWAY_BINARY</c>.</summary>
    public const string DefaultBinary = "/usr/bin/prometheus-pushgateway";

    private PushgatewayPeer(PeerProcess process, int port)
    {
        Process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>The server's base URL, ending in a slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The underlying process.</summary>
    public PeerProcess Process { get; }

    /// <summary>The binary: <c>PHAROS_PUSHGATEWAY_BINARY</c> if set, else <see cref="DefaultBinary"/>.</summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("PHAROS_PUSHGATEWAY_BINARY") is { Length: > 0 } path ? path : DefaultBinary;

    /// <summary>Starts the Pushgateway and waits until it is ready.</summary>
    /// <param name="extraFlags">More flags.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ready peer.</returns>
    public static async Task<PushgatewayPeer> StartAsync(IEnumerable<string>? extraFlags = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Binary))
        {
            throw new FileNotFoundException(
                $"The Pushgateway is required by this integration test but {Binary} does not exist. Install Debian's " +
                "'prometheus-pushgateway' package (test.sh does this) or point PHAROS_PUSHGATEWAY_BINARY at a pushgateway binary.",
                Binary);
        }

        var port = FreePort.Next();
        var flags = extraFlags?.ToArray() ?? [];
        var process = PeerProcess.Start(
            Binary,
            dir =>
            [
                $"--web.listen-address=127.0.0.1:{port}",
                $"--persistence.file={Path.Combine(dir, "pushgateway.data")}",
                "--log.level=debug",
                .. flags,
            ],
            name: "pushgateway");
        var peer = new PushgatewayPeer(process, port);
        try
        {
            await process.WaitForHttpOkAsync(new Uri(peer.BaseAddress, "-/ready"), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Process.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
