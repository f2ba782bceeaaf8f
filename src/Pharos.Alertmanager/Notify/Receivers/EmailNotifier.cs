using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Pharos.Alertmanager.Config;

namespace Pharos.Alertmanager.Notify.Receivers;

/// <summary>
/// E-mail over SMTP with our own client: EHLO, STARTTLS when offered (required unless <c>require_tls: false</c>),
/// implicit TLS on port 465, AUTH PLAIN or LOGIN, and a <c>multipart/alternative</c> body with the text and HTML
/// parts, as upstream's email notifier.
/// </summary>
internal sealed class EmailNotifier(IntegrationConfig config) : INotifier
{
    public async Task NotifyAsync(NotifyContext context, CancellationToken cancellationToken)
    {
        var (host, port) = SplitHostPort(config.Get("smarthost"));
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new NotifyException($"establish connection to server: {e.Message}", retry: true, e);
        }

        Stream stream = tcp.GetStream();
        if (port == 465)
        {
            stream = await StartTlsAsync(stream, host, cancellationToken).ConfigureAwait(false);
        }

        var smtp = new SmtpConversation(stream);
        await smtp.ExpectAsync(220, cancellationToken).ConfigureAwait(false);
        var hello = config.Get("hello") is { Length: > 0 } h ? h : "localhost";
        var extensions = await smtp.CommandAsync("EHLO " + hello, 250, cancellationToken).ConfigureAwait(false);
        if (port != 465)
        {
            if (extensions.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase))
            {
                await smtp.CommandAsync("STARTTLS", 220, cancellationToken).ConfigureAwait(false);
                smtp = new SmtpConversation(await StartTlsAsync(stream, host, cancellationToken).ConfigureAwait(false));
                extensions = await smtp.CommandAsync("EHLO " + hello, 250, cancellationToken).ConfigureAwait(false);
            }
            else if (!config.Fields.TryGetValue("require_tls", out var tls) || tls is not false)
            {
                throw new NotifyException($"'require_tls' is true (default) but \"{host}:{port}\" does not advertise the STARTTLS extension", retry: true);
            }
        }

        if (config.Get("auth_username") is { Length: > 0 } user)
        {
            var password = config.Get("auth_password");
            if (password.Length == 0 && config.Get("auth_password_file") is { Length: > 0 } file)
            {
                password = File.ReadAllText(file).Trim();
            }

            if (extensions.Contains("PLAIN", StringComparison.OrdinalIgnoreCase))
            {
                var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.Get("auth_identity")}\0{user}\0{password}"));
                await smtp.CommandAsync("AUTH PLAIN " + token, 235, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await smtp.CommandAsync("AUTH LOGIN", 334, cancellationToken).ConfigureAwait(false);
                await smtp.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(user)), 334, cancellationToken).ConfigureAwait(false);
                await smtp.CommandAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(password)), 235, cancellationToken).ConfigureAwait(false);
            }
        }

        var from = context.Render(config.Get("from"));
        await smtp.CommandAsync($"MAIL FROM:<{Address(from)}>", 250, cancellationToken).ConfigureAwait(false);
        foreach (var to in context.Render(config.Get("to")).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await smtp.CommandAsync($"RCPT TO:<{Address(to)}>", 250, cancellationToken).ConfigureAwait(false);
        }

        await smtp.CommandAsync("DATA", 354, cancellationToken).ConfigureAwait(false);
        await smtp.CommandAsync(Message(config, context) + "\r\n.", 250, cancellationToken).ConfigureAwait(false);
        await smtp.CommandAsync("QUIT", 221, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message: headers, then the text and HTML parts (dot-stuffed, CRLF line ends).</summary>
    public static string Message(IntegrationConfig config, NotifyContext context)
    {
        var boundary = Guid.NewGuid().ToString("N");
        var sb = new StringBuilder();
        foreach (var (name, value) in config.GetMap("headers"))
        {
            sb.Append(name).Append(": ").Append(context.Render(value)).Append("\r\n");
        }

        sb.Append("Date: ").Append(context.Now.ToString("ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(29, 1)).Append("\r\n");
        sb.Append("Message-Id: <").Append(Guid.NewGuid().ToString("N")).Append("@pharos>\r\n");
        sb.Append("MIME-Version: 1.0\r\n");
        sb.Append("Content-Type: multipart/alternative;  boundary=").Append(boundary).Append("\r\n\r\n");
        foreach (var (field, type, html) in new[] { ("text", "text/plain", false), ("html", "text/html", true) })
        {
            if (config.Get(field) is not { Length: > 0 } template)
            {
                continue;
            }

            sb.Append("--").Append(boundary).Append("\r\n");
            sb.Append("Content-Transfer-Encoding: quoted-printable\r\n");
            sb.Append("Content-Type: ").Append(type).Append("; charset=UTF-8\r\n\r\n");
            sb.Append(QuotedPrintable(context.Template.Execute(template, context.Data, html))).Append("\r\n");
        }

        sb.Append("--").Append(boundary).Append("--\r\n");
        return string.Join("\r\n", sb.ToString().Split("\r\n").Select(l => l.StartsWith('.') ? "." + l : l)).TrimEnd('\r', '\n');
    }

    private static string QuotedPrintable(string text)
    {
        var sb = new StringBuilder();
        var lineLength = 0;
        foreach (var b in Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n")))
        {
            if (b == '\n')
            {
                sb.Append("\r\n");
                lineLength = 0;
                continue;
            }

            var encoded = b is >= 33 and <= 126 and not (byte)'=' || b == ' ' ? ((char)b).ToString() : "=" + b.ToString("X2", CultureInfo.InvariantCulture);
            if (lineLength + encoded.Length > 75)
            {
                sb.Append("=\r\n");
                lineLength = 0;
            }

            sb.Append(encoded);
            lineLength += encoded.Length;
        }

        return sb.ToString();
    }

    private static string Address(string text)
    {
        var open = text.LastIndexOf('<');
        var close = text.LastIndexOf('>');
        return open >= 0 && close > open ? text[(open + 1)..close] : text.Trim();
    }

    private static (string Host, int Port) SplitHostPort(string smarthost)
    {
        var colon = smarthost.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(smarthost[(colon + 1)..], CultureInfo.InvariantCulture, out var port))
        {
            throw new NotifyException($"invalid address {smarthost}: missing port in address", retry: false);
        }

        return (smarthost[..colon].Trim('[', ']'), port);
    }

    private static async Task<Stream> StartTlsAsync(Stream inner, string host, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: true);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, cancellationToken).ConfigureAwait(false);
        return ssl;
    }

    private sealed class SmtpConversation(Stream stream)
    {
        private readonly StreamReader _reader = new(stream, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, leaveOpen: true);

        public async Task<string> CommandAsync(string line, int expected, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return await ExpectAsync(expected, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Reads a (multi-line) reply and checks its code; 4xx replies are worth retrying, 5xx are not.</summary>
        public async Task<string> ExpectAsync(int expected, CancellationToken cancellationToken)
        {
            var reply = new StringBuilder();
            while (true)
            {
                var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new NotifyException("SMTP server closed the connection", retry: true);
                reply.AppendLine(line);
                if (line.Length < 4 || line[3] != '-')
                {
                    var code = int.TryParse(line.AsSpan(0, Math.Min(3, line.Length)), CultureInfo.InvariantCulture, out var c) ? c : 0;
                    if (code != expected)
                    {
                        throw new NotifyException($"SMTP: expected {expected}, got: {reply.ToString().Trim()}", retry: code / 100 == 4);
                    }

                    return reply.ToString();
                }
            }
        }
    }
}
