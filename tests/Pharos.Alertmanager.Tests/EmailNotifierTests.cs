using System.Net;
using System.Net.Sockets;
using System.Text;
using Pharos.Alertmanager.Config;
using Pharos.Alertmanager.Notify;
using Pharos.Alertmanager.Notify.Receivers;
using Pharos.Alertmanager.Templates;

namespace Pharos.Alertmanager.Tests;

/// <summary>The e-mail integration against a minimal SMTP server on a local socket.</summary>
public sealed class EmailNotifierTests
{
    [Fact]
    public async Task Email_is_sent_with_auth_plain_and_a_multipart_body()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var server = RunSmtpServerAsync(listener);
        var config = AlertmanagerConfigLoader.Load($$$"""
            route: {receiver: r}
            receivers:
            - name: r
              email_configs:
              - to: 'ops@example.org'
                from: 'Alertmanager <am@example.org>'
                smarthost: '127.0.0.1:{{{port}}}'
                auth_username: user
                auth_password: secret
                require_tls: false
                text: 'plain {{ .Status }}'
            """).Receivers[0].Integrations[0];
        var now = DateTimeOffset.UtcNow;
        var context = new NotifyContext
        {
            Receiver = "r",
            GroupKey = "{}:{alertname=\"Disk\"}",
            GroupLabels = RoutingTests.Parse("alertname=Disk"),
            Alerts = [new Alerts.Alert { Labels = RoutingTests.Parse("alertname=Disk,instance=a"), StartsAt = now }],
            Now = now,
            Template = new NotificationTemplate([], TimeProvider.System),
            ExternalUrl = "http://am.example",
        };

        await new EmailNotifier(config).NotifyAsync(context, CancellationToken.None);
        var (commands, data) = await server;
        Assert.Contains("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0user\0secret")), commands);
        Assert.Contains("MAIL FROM:<am@example.org>", commands);
        Assert.Contains("RCPT TO:<ops@example.org>", commands);
        Assert.Contains("Subject: [FIRING:1] Disk (a)", data, StringComparison.Ordinal);
        Assert.Contains("To: ops@example.org", data, StringComparison.Ordinal);
        Assert.Contains("Content-Type: multipart/alternative", data, StringComparison.Ordinal);
        Assert.Contains("plain firing", data, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/html; charset=UTF-8", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_starttls_fails_when_tls_is_required()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = RunSmtpServerAsync(listener);
        var config = AlertmanagerConfigLoader.Load($"route: {{receiver: r}}\nreceivers:\n- name: r\n  email_configs: [{{to: a@b, from: c@d, smarthost: '127.0.0.1:{port}'}}]\n").Receivers[0].Integrations[0];
        var context = new NotifyContext
        {
            Receiver = "r",
            GroupKey = "g",
            GroupLabels = default,
            Alerts = [],
            Now = DateTimeOffset.UtcNow,
            Template = new NotificationTemplate([], TimeProvider.System),
            ExternalUrl = "",
        };
        var e = await Assert.ThrowsAsync<NotifyException>(() => new EmailNotifier(config).NotifyAsync(context, CancellationToken.None));
        Assert.Contains("does not advertise the STARTTLS extension", e.Message, StringComparison.Ordinal);
    }

    private static async Task<(List<string> Commands, string Data)> RunSmtpServerAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        var commands = new List<string>();
        var data = new StringBuilder();
        await writer.WriteLineAsync("220 fake ESMTP");
        while (await reader.ReadLineAsync() is { } line)
        {
            commands.Add(line);
            var verb = line.Split(' ')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-fake");
                    await writer.WriteLineAsync("250 AUTH PLAIN LOGIN");
                    break;
                case "AUTH":
                    await writer.WriteLineAsync("235 ok");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 go");
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                    {
                        data.AppendLine(body);
                    }

                    await writer.WriteLineAsync("250 queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return (commands, data.ToString());
                default:
                    await writer.WriteLineAsync("250 ok");
                    break;
            }
        }

        return (commands, data.ToString());
    }
}
