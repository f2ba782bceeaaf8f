using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Client;
using Pharos.Hosting.Web;
using Xunit;

namespace Pharos.Hosting.Tests.Web;

public sealed class WebServerTests : IDisposable
{
    private const string Hash = "$2y$10$abcdefghijklmnopqrstuuqflPDzB6gcMhKa1rZqKiun2YGL5sa2u";

    private readonly string _dir = Directory.CreateTempSubdirectory("pharos-web-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Basic_auth_accepts_the_right_password_and_rejects_others()
    {
        var config = WebConfig.Parse($"basic_auth_users:\n  alice: {Hash}\nhttp_server_config:\n  headers:\n    X-Frame-Options: deny\n");
        await using var server = await StartAsync(config);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var url = new Uri(server.BoundAddresses[0], "hello");

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, url, "alice", "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, url, "bob", "secret")).StatusCode);
        var ok = await SendAsync(http, url, "alice", "secret");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("deny", ok.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("hello", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tls_with_a_self_signed_certificate_serves_https()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certFile = Path.Combine(_dir, "server.crt");
        var keyFile = Path.Combine(_dir, "server.key");
        await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        var configFile = Path.Combine(_dir, "web.yml");
        await File.WriteAllTextAsync(configFile, "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n  min_version: TLS12\n");

        await using var server = await StartAsync(WebConfig.Load(configFile));
        var address = server.BoundAddresses[0];
        Assert.Equal("https", address.Scheme);
        var thumbprint = certificate.Thumbprint;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == thumbprint },
        });
        Assert.Equal("hello", await http.GetStringAsync(new Uri(address, "hello")));

        using var plain = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new Uri($"http://127.0.0.1:{address.Port}/hello")));
    }

    [Fact]
    public async Task Route_prefix_and_telemetry_endpoint()
    {
        var registry = new MetricRegistry();
        registry.CreateCounter("demo_total", "Demo.").Inc(3);
        var options = new WebOptions(ListenAddress.Parse("127.0.0.1:0"), null, string.Empty, new Uri("http://127.0.0.1/"), "/pg");
        await using var server = WebServer.Create(options, NullLoggerFactory.Instance);
        server.App.MapTelemetry("/metrics", registry);
        await server.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var root = server.BoundAddresses[0];
        var body = await http.GetStringAsync(new Uri(root, "pg/metrics"));
        Assert.Contains("demo_total 3", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(root, "metrics"))).StatusCode);
    }

    private static async Task<WebServer> StartAsync(WebConfig config)
    {
        var options = new WebOptions(ListenAddress.Parse("127.0.0.1:0"), config, "web.yml", new Uri("http://127.0.0.1/"), "/");
        var server = WebServer.Create(options, NullLoggerFactory.Instance);
        server.App.MapGet("/hello", (HttpContext context) => context.Response.WriteAsync("hello"));
        await server.StartAsync();
        return server;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, Uri url, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        return http.SendAsync(request);
    }
}
