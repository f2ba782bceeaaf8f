using System.Reflection;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Integration.Tests;

/// <summary>
/// examples/SampleApp run as its own process (<c>dotnet SampleApp.dll --urls http://127.0.0.1:port</c>) from the
/// build output the project reference produced, ready when <c>/healthz</c> answers.
/// </summary>
internal sealed class SampleAppPeer : IAsyncDisposable
{
    private readonly PeerProcess _process;

    private SampleAppPeer(PeerProcess process, int port)
    {
        _process = process;
        Port = port;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public int Port { get; }

    /// <summary>The scrape target, <c>127.0.0.1:port</c>.</summary>
    public string Target => $"127.0.0.1:{Port}";

    /// <summary>A client whose base address is the app.</summary>
    public HttpClient Client { get; }

    public PeerProcess Process => _process;

    public static string AssemblyPath =>
        typeof(SampleAppPeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SampleAppAssembly").Value
        ?? throw new InvalidOperationException("The test assembly does not record the SampleApp path.");

    public static async Task<SampleAppPeer> StartAsync()
    {
        var port = FreePort.Next();
        var process = DotnetHost.Start(
            AssemblyPath,
            ["--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string?>
            {
                // The command line wins over these anyway; removed so the peer's log shows no conflicting setting.
                ["ASPNETCORE_URLS"] = null,
                ["ASPNETCORE_HTTP_PORTS"] = null,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
            name: "SampleApp");
        var peer = new SampleAppPeer(process, port);
        try
        {
            await process.WaitForHttpOkAsync(new Uri(peer.Client.BaseAddress!, "healthz"), TimeSpan.FromSeconds(30));
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends <paramref name="count"/> GET requests to <paramref name="path"/> and checks each answer.</summary>
    public async Task GetAsync(string path, int count, string expectedBody)
    {
        for (var i = 0; i < count; i++)
        {
            var body = await Client.GetStringAsync(path);
            Assert.Equal(expectedBody, body);
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return _process.DisposeAsync();
    }
}
