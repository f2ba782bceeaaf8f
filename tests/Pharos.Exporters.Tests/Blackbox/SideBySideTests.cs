using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Pharos.Client;
using Pharos.Exporters.Blackbox;
using Pharos.Exporters.Blackbox.Config;
using Pharos.Exporters.Blackbox.Dns;
using Pharos.Exporters.Blackbox.Probers;
using Pharos.Testing;
using Pharos.Testing.Peers;

namespace Pharos.Exporters.Tests.Blackbox;

/// <summary>
/// Debian's blackbox exporter and ours with the same modules file probe the same local targets (HTTP with and without
/// TLS, a redirect, a 404, a body regex, a TCP line dialogue, a UDP DNS responder): the same <c>probe_success</c> and the
/// same metric names with label names for every probe.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Integration)]
public sealed partial class SideBySideTests
{
    private const string Binary = "/usr/bin/prometheus-blackbox-exporter";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task Probes_agree_with_upstream()
    {
        var httpPort = FreePort.Next();
        var httpsPort = FreePort.Next();
        await using var web = await StartWebAsync(httpPort, httpsPort);
        using var tcp = StartLineServer(out var tcpPort);
        using var dns = StartDnsResponder(out var dnsPort);
        var modules = """
            modules:
              http_2xx:
                prober: http
                timeout: 5s
                http:
                  preferred_ip_protocol: ip4
              http_404:
                prober: http
                timeout: 5s
                http:
                  valid_status_codes: [404]
              http_no_follow:
                prober: http
                timeout: 5s
                http:
                  no_follow_redirects: true
                  valid_status_codes: [302]
              http_body:
                prober: http
                timeout: 5s
                http:
                  fail_if_body_not_matches_regexp: ["hello pharos"]
              http_body_fail:
                prober: http
                timeout: 5s
                http:
                  fail_if_body_matches_regexp: ["hello"]
              https_insecure:
                prober: http
                timeout: 5s
                http:
                  fail_if_not_ssl: true
                  tls_config:
                    insecure_skip_verify: true
              https_verify:
                prober: http
                timeout: 5s
              tcp_dialogue:
                prober: tcp
                timeout: 5s
                tcp:
                  query_response:
                    - expect: "^READY"
                    - send: "ping"
                    - expect: "^ping$"
              tcp_wrong:
                prober: tcp
                timeout: 5s
                tcp:
                  query_response:
                    - expect: "^NOPE"
              dns_a:
                prober: dns
                timeout: 5s
                dns:
                  query_name: probe.test
                  query_type: A
                  validate_answer_rrs:
                    fail_if_not_matches_regexp: ["probe\\.test\\.\\t.*\\tIN\\tA\\t127\\.0\\.0\\.1"]
              dns_srv:
                prober: dns
                timeout: 5s
                dns:
                  query_name: _http._tcp.probe.test
                  query_type: SRV
              dns_nx:
                prober: dns
                timeout: 5s
                dns:
                  query_name: missing.test
                  query_type: A
            """;
        var http = $"http://127.0.0.1:{httpPort}";
        (string Module, string Target, bool Expected)[] probes =
        [
            ("http_2xx", http + "/", true),
            ("http_2xx", http + "/redirect", true),
            ("http_2xx", http + "/missing", false),
            ("http_404", http + "/missing", true),
            ("http_no_follow", http + "/redirect", true),
            ("http_body", http + "/", true),
            ("http_body_fail", http + "/", false),
            ("https_insecure", $"https://127.0.0.1:{httpsPort}/", true),
            ("https_verify", $"https://127.0.0.1:{httpsPort}/", false),
            ("tcp_dialogue", $"127.0.0.1:{tcpPort}", true),
            ("tcp_wrong", $"127.0.0.1:{tcpPort}", false),
            ("dns_a", $"127.0.0.1:{dnsPort}", true),
            ("dns_srv", $"127.0.0.1:{dnsPort}", true),
            ("dns_nx", $"127.0.0.1:{dnsPort}", false),
        ];

        Assert.True(File.Exists(Binary), $"{Binary} is required: install Debian's prometheus-blackbox-exporter (test.sh does)");
        var port = FreePort.Next();
        await using var upstream = PeerProcess.Start(
            Binary,
            dir =>
            {
                File.WriteAllText(Path.Combine(dir, "blackbox.yml"), modules);
                return [$"--config.file={Path.Combine(dir, "blackbox.yml")}", $"--web.listen-address=127.0.0.1:{port}"];
            },
            name: "blackbox-exporter");
        await upstream.WaitForHttpOkAsync(new Uri($"http://127.0.0.1:{port}/metrics"), TimeSpan.FromSeconds(30));
        var config = BlackboxConfig.Parse(modules);
        var exporter = new BlackboxExporter("unused", TimeSpan.FromSeconds(0.5), NullLogger.Instance, new MetricRegistry());
        IProber Prober(string kind) => kind switch { "http" => new HttpProber(), "tcp" => new TcpProber(), _ => new DnsProber() };

        var failures = new List<string>();
        foreach (var (module, target, expected) in probes)
        {
            var upstreamText = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/probe?module={module}&target={Uri.EscapeDataString(target)}"));
            var (metrics, log, ok) = await exporter.RunAsync(Prober(config.Modules[module].Prober), config.Modules[module], module, target, TimeSpan.FromSeconds(5), CancellationToken.None);
            var registry = new MetricRegistry();
            registry.Register(metrics.Collect);
            var oursText = Encoding.UTF8.GetString(registry.ToArray());
            var upstreamSuccess = upstreamText.Contains("\nprobe_success 1", StringComparison.Ordinal);
            if (upstreamSuccess != expected || ok != expected)
            {
                failures.Add($"{module} {target}: expected {expected}, upstream {upstreamSuccess}, ours {ok}\n{log.Text}");
            }

            var up = Pairs(upstreamText);
            var ours = Pairs(oursText);
            if (!up.SetEquals(ours))
            {
                failures.Add($"{module} {target}: only upstream [{string.Join(", ", up.Except(ours))}], only ours [{string.Join(", ", ours.Except(up))}]");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static HashSet<string> Pairs(string exposition) =>
        exposition.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => SeriesLine().Match(l))
            .Select(m => m.Groups[1].Value + "{" + string.Join(',', LabelName().Matches(m.Groups[2].Value).Select(x => x.Groups[1].Value).Order(StringComparer.Ordinal)) + "}")
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();

    private static async Task<WebApplication> StartWebAsync(int httpPort, int httpsPort)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, httpPort);
            k.Listen(IPAddress.Loopback, httpsPort, l => l.UseHttps(certificate));
        });
        var app = builder.Build();
        app.MapGet("/", () => Results.Text("hello pharos"));
        app.MapGet("/redirect", () => Results.Redirect("/"));
        app.MapGet("/missing", () => Results.NotFound());
        await app.StartAsync();
        return app;
    }

    private static TcpListener StartLineServer(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            var stream = client.GetStream();
                            using var reader = new StreamReader(stream);
                            await stream.WriteAsync("READY\n"u8.ToArray());
                            while (await reader.ReadLineAsync() is { } line)
                            {
                                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
                            }
                        }
                        catch (IOException)
                        {
                        }
                    }
                });
            }
        });
        return listener;
    }

    private static UdpClient StartDnsResponder(out int port)
    {
        var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                UdpReceiveResult received;
                try
                {
                    received = await udp.ReceiveAsync();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    return;
                }

                var (name, type) = DnsMessage.ReadQuestion(received.Buffer);
                byte[] reply = (name, type) switch
                {
                    ("probe.test.", 1) => DnsMessage.EncodeResponse(received.Buffer, 0, [(1, [127, 0, 0, 1])]),
                    ("_http._tcp.probe.test.", 33) => DnsMessage.EncodeResponse(received.Buffer, 0, [(33, [0, 10, 0, 5, 0x1F, 0x90, .. DnsMessage.EncodeName("probe.test")])]),
                    _ => DnsMessage.EncodeResponse(received.Buffer, 3, []),
                };
                await udp.SendAsync(reply, received.RemoteEndPoint);
            }
        });
        return udp;
    }
}
