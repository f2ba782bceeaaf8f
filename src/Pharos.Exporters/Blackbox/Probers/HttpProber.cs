using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Pharos.Exporters.Blackbox.Config;

namespace Pharos.Exporters.Blackbox.Probers;

/// <summary>
/// The <c>http</c> prober: one request (following redirects unless told not to) to the target URL on the address
/// resolved with the module's IP preference; checks status, HTTP version, TLS, body and header regexes, and reports
/// per-phase durations summed over redirects, as upstream's <c>ProbeHTTP</c>.
/// </summary>
internal sealed class HttpProber : IProber
{
    private const int MaxRedirects = 10;
    private const string Duration = "probe_http_duration_seconds";
    private static readonly string[] Phases = ["resolve", "connect", "tls", "processing", "transfer"];

    /// <inheritdoc />
    public async Task<bool> ProbeAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        var m = context.Metrics;
        var config = context.Module.Http;
        var log = context.Logger;
        m.GaugeVec(Duration, "Duration of http request by phase, summed over all redirects", "phase");
        foreach (var phase in Phases)
        {
            m.SetWith(Duration, 0, phase);
        }

        var contentLength = m.Gauge("probe_http_content_length", "Length of http content response");
        var bodyLength = m.Gauge("probe_http_uncompressed_body_length", "Length of uncompressed response body");
        var redirects = m.Gauge("probe_http_redirects", "The number of redirects");
        var isSsl = m.Gauge("probe_http_ssl", "Indicates if SSL was used for the final redirect");
        var statusCode = m.Gauge("probe_http_status_code", "Response HTTP status code");
        var httpVersion = m.Gauge("probe_http_version", "Returns the version of HTTP of the probe response");
        var failedRegex = m.Gauge("probe_failed_due_to_regex", "Indicates if probe failed due to regex");

        var target = context.Target;
        if (!target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            target = "http://" + target;
        }

        if (!Uri.TryCreate(target, UriKind.Absolute, out var url))
        {
            log.LogProbeError("Could not parse target URL", target);
            return false;
        }

        var originalHost = url.IdnHost;
        var resolved = await TargetResolver.ResolveAsync(context, originalHost, config.PreferredIpProtocol, config.IpProtocolFallback, cancellationToken).ConfigureAwait(false);
        if (resolved is not { } r)
        {
            return false;
        }

        m.SetWith(Duration, r.LookupTime.TotalSeconds, "resolve");
        var tls = new TlsInspector.HandshakeState();
        long connectDone = 0;
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            UseProxy = config.ProxyUrl is { Length: > 0 },
            Proxy = config.ProxyUrl is { Length: > 0 } proxy ? new WebProxy(proxy) : null,
            AutomaticDecompression = config.Compression switch
            {
                "gzip" => DecompressionMethods.GZip,
                "deflate" => DecompressionMethods.Deflate,
                "br" => DecompressionMethods.Brotli,
                _ => DecompressionMethods.None,
            },
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = TlsInspector.ClientOptions(config.TlsConfig, originalHost, tls),
            ConnectCallback = async (connect, token) =>
            {
                var start = Stopwatch.GetTimestamp();
                var address = string.Equals(connect.DnsEndPoint.Host, originalHost, StringComparison.OrdinalIgnoreCase)
                    ? r.Address
                    : (await System.Net.Dns.GetHostAddressesAsync(connect.DnsEndPoint.Host, token).ConfigureAwait(false))[0];
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, connect.DnsEndPoint.Port), token).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                connectDone = Stopwatch.GetTimestamp();
                m.AddWith(Duration, Stopwatch.GetElapsedTime(start, connectDone).TotalSeconds, "connect");
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };

        byte[]? requestBody = null;
        if (config.BodyFile is { Length: > 0 } bodyFile)
        {
            requestBody = await File.ReadAllBytesAsync(bodyFile, cancellationToken).ConfigureAwait(false);
        }
        else if (config.Body is { Length: > 0 } body)
        {
            requestBody = Encoding.UTF8.GetBytes(body);
        }

        var method = new HttpMethod(string.IsNullOrEmpty(config.Method) ? "GET" : config.Method);
        HttpResponseMessage? response = null;
        var redirectCount = 0;
        try
        {
            while (true)
            {
                using var request = BuildRequest(config, method, url, requestBody);
                var sent = Stopwatch.GetTimestamp();
                tls.DoneTimestamp = 0;
                connectDone = 0;
                log.LogProbeInfo($"Making HTTP request url={url} host={originalHost}");
                response?.Dispose();
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var headersAt = Stopwatch.GetTimestamp();
                var processingStart = sent;
                if (connectDone != 0)
                {
                    processingStart = connectDone;
                }

                if (tls.DoneTimestamp != 0)
                {
                    m.AddWith(Duration, Stopwatch.GetElapsedTime(connectDone == 0 ? sent : connectDone, tls.DoneTimestamp).TotalSeconds, "tls");
                    processingStart = tls.DoneTimestamp;
                }

                m.AddWith(Duration, Stopwatch.GetElapsedTime(processingStart, headersAt).TotalSeconds, "processing");
                var code = (int)response.StatusCode;
                if (!config.FollowRedirects || code is < 300 or > 399 || response.Headers.Location is null)
                {
                    break;
                }

                if (redirectCount >= MaxRedirects)
                {
                    log.LogProbeError("Error for HTTP request", "stopped after 10 redirects");
                    m.Set(redirects, redirectCount);
                    return false;
                }

                redirectCount++;
                log.LogProbeInfo($"Received redirect location={response.Headers.Location}");
                url = new Uri(url, response.Headers.Location);
                if (code is 301 or 302 or 303 && method != HttpMethod.Get && method != HttpMethod.Head)
                {
                    method = HttpMethod.Get;
                    requestBody = null;
                }

                var drained = Stopwatch.GetTimestamp();
                await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                m.AddWith(Duration, Stopwatch.GetElapsedTime(drained).TotalSeconds, "transfer");
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            log.LogProbeError("Error for HTTP request", e.InnerException?.Message ?? e.Message);
            response?.Dispose();
            m.Set(redirects, redirectCount);
            return false;
        }

        using (response)
        {
            m.Set(redirects, redirectCount);
            var code = (int)response.StatusCode;
            log.LogProbeInfo($"Received HTTP response status_code={code}");
            var success = config.ValidStatusCodes is { Count: > 0 } valid ? valid.Contains(code) : code is >= 200 and < 300;
            if (!success)
            {
                log.LogProbeInfo($"Invalid HTTP response status code, wanted 2xx status_code={code}");
            }

            m.Set(statusCode, code);
            m.Set(contentLength, response.Content.Headers.ContentLength ?? -1);
            var versionText = $"HTTP/{response.Version.Major}.{response.Version.Minor}";
            m.Set(httpVersion, response.Version.Major + (response.Version.Minor / 10.0));
            if (success && config.ValidHttpVersions is { Count: > 0 } versions && !versions.Contains(versionText))
            {
                log.LogProbeError("Invalid HTTP version number", versionText);
                success = false;
            }

            if (success && (config.FailIfHeaderMatches is { Count: > 0 } || config.FailIfHeaderNotMatches is { Count: > 0 }))
            {
                success = MatchHeaders(response, config, context);
                m.Set(failedRegex, success ? 0 : 1);
            }

            var transferStart = Stopwatch.GetTimestamp();
            byte[] body;
            var limit = config.BodySizeLimit is { Length: > 0 } limitText && Hosting.Flags.ByteSize.TryParse(limitText, out var b) && b > 0 ? b : long.MaxValue;
            try
            {
                body = await ReadBodyAsync(response, limit, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
            {
                log.LogProbeError("Failed to read HTTP response body", e.Message);
                return false;
            }

            m.AddWith(Duration, Stopwatch.GetElapsedTime(transferStart).TotalSeconds, "transfer");
            m.Set(bodyLength, body.Length);
            if (success && (config.FailIfBodyMatchesRegexp is { Count: > 0 } || config.FailIfBodyNotMatchesRegexp is { Count: > 0 }))
            {
                success = MatchBody(Encoding.UTF8.GetString(body), config, context);
                m.Set(failedRegex, success ? 0 : 1);
            }

            if (response.Content.Headers.LastModified is { } lastModified)
            {
                m.Set("probe_http_last_modified_timestamp_seconds", "Returns the Last-Modified HTTP response header in unixtime", lastModified.ToUnixTimeSeconds());
            }

            var viaTls = url.Scheme == Uri.UriSchemeHttps;
            m.Set(isSsl, viaTls ? 1 : 0);
            if (viaTls)
            {
                TlsInspector.Report(m, tls);
                if (config.FailIfSsl)
                {
                    log.LogProbeError("Final request was over SSL", "fail_if_ssl");
                    success = false;
                }
            }
            else if (config.FailIfNotSsl)
            {
                log.LogProbeError("Final request was not over SSL", "fail_if_not_ssl");
                success = false;
            }

            return success;
        }
    }

    private static HttpRequestMessage BuildRequest(HttpProbeConfig config, HttpMethod method, Uri url, byte[]? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (url.Scheme == Uri.UriSchemeHttps && config.EnableHttp2)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
        else
        {
            request.Version = HttpVersion.Version11;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        request.Headers.UserAgent.ParseAdd("Blackbox-Exporter/" + Hosting.BuildInfo.Version);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in config.Headers ?? [])
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (config.BasicAuth is { } basic)
        {
            var user = basic.UsernameFile is { Length: > 0 } uf ? File.ReadAllText(uf).Trim() : basic.Username ?? "";
            var password = basic.PasswordFile is { Length: > 0 } pf ? File.ReadAllText(pf).Trim() : basic.Password ?? "";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        else if (config.Authorization is { } authorization)
        {
            var credentials = authorization.CredentialsFile is { Length: > 0 } cf ? File.ReadAllText(cf).Trim() : authorization.Credentials ?? "";
            request.Headers.Authorization = new AuthenticationHeaderValue(string.IsNullOrEmpty(authorization.Type) ? "Bearer" : authorization.Type, credentials);
        }
        else if (config.BearerToken is { Length: > 0 } || config.BearerTokenFile is { Length: > 0 })
        {
            var token = config.BearerTokenFile is { Length: > 0 } tf ? File.ReadAllText(tf).Trim() : config.BearerToken!;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    throw new IOException("http: response body too large");
                }
            }

            return buffer.ToArray();
        }
    }

    private static bool MatchBody(string body, HttpProbeConfig config, ProbeContext context)
    {
        foreach (var pattern in config.FailIfBodyMatchesRegexp ?? [])
        {
            if (BlackboxConfig.Compile(pattern).IsMatch(body))
            {
                context.Logger.LogProbeError("Body matched regular expression", pattern);
                return false;
            }
        }

        foreach (var pattern in config.FailIfBodyNotMatchesRegexp ?? [])
        {
            if (!BlackboxConfig.Compile(pattern).IsMatch(body))
            {
                context.Logger.LogProbeError("Body did not match regular expression", pattern);
                return false;
            }
        }

        return true;
    }

    private static bool MatchHeaders(HttpResponseMessage response, HttpProbeConfig config, ProbeContext context)
    {
        string[] Values(string name) =>
            response.Headers.TryGetValues(name, out var v) ? [.. v]
            : response.Content.Headers.TryGetValues(name, out var c) ? [.. c]
            : [];

        foreach (var match in config.FailIfHeaderMatches ?? [])
        {
            var values = Values(match.Header);
            if (values.Length == 0)
            {
                if (!match.AllowMissing)
                {
                    context.Logger.LogProbeError("Missing required header", match.Header);
                    return false;
                }

                continue;
            }

            var regex = BlackboxConfig.Compile(match.Regexp);
            if (values.Any(regex.IsMatch))
            {
                context.Logger.LogProbeError("Header matched regular expression", $"{match.Header}: {match.Regexp}");
                return false;
            }
        }

        foreach (var match in config.FailIfHeaderNotMatches ?? [])
        {
            var values = Values(match.Header);
            if (values.Length == 0)
            {
                if (!match.AllowMissing)
                {
                    context.Logger.LogProbeError("Missing required header", match.Header);
                    return false;
                }

                continue;
            }

            var regex = BlackboxConfig.Compile(match.Regexp);
            if (!values.Any(regex.IsMatch))
            {
                context.Logger.LogProbeError("Header did not match regular expression", $"{match.Header}: {match.Regexp}");
                return false;
            }
        }

        return true;
    }
}
