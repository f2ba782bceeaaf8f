using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Pharos.Config;

namespace Pharos.Scrape;

/// <summary>
/// The HTTP client of one scrape pool, built from the job's <c>http_client_config</c> as upstream's
/// <c>config.NewClientFromConfig</c>: TLS (CA, client certificate, server name, insecure skip verify), proxy,
/// redirects, HTTP/2, and per-request authentication (basic auth, authorization with credentials or a credentials
/// file re-read per request, OAuth2 client credentials with a cached token) and extra headers. Thread-safe.
/// </summary>
internal sealed class ScrapeHttpClient : IDisposable
{
    private readonly HttpClientConfig _config;
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;
    private DateTimeOffset _tokenExpiry;

    public ScrapeHttpClient(HttpClientConfig config, TimeProvider time)
    {
        _config = config;
        _time = time;
        _client = new HttpClient(CreateHandler(config), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends <paramref name="request"/> after adding the configured authentication and headers.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_config.EnableHttp2 && request.RequestUri?.Scheme == Uri.UriSchemeHttps)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        foreach (var (name, header) in _config.HttpHeaders)
        {
            var values = new List<string>(header.Values);
            values.AddRange(header.Secrets);
            foreach (var file in header.Files)
            {
                values.Add((await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).Trim());
            }

            request.Headers.TryAddWithoutValidation(name, values);
        }

        await AddAuthorizationAsync(request, cancellationToken).ConfigureAwait(false);
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _client.Dispose();
        _tokenLock.Dispose();
    }

    private async Task AddAuthorizationAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_config.BasicAuth is { } basic)
        {
            var user = basic.UsernameFile.Length > 0 ? await ReadSecretAsync(basic.UsernameFile, cancellationToken).ConfigureAwait(false) : basic.Username;
            var password = basic.PasswordFile.Length > 0 ? await ReadSecretAsync(basic.PasswordFile, cancellationToken).ConfigureAwait(false) : basic.Password;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }
        else if (_config.Authorization is { } auth)
        {
            // The file is read per request so rotated credentials are picked up, as upstream.
            var credentials = auth.CredentialsFile.Length > 0 ? await ReadSecretAsync(auth.CredentialsFile, cancellationToken).ConfigureAwait(false) : auth.Credentials;
            if (credentials.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", $"{auth.Type} {credentials}");
            }
        }
        else if (_config.OAuth2 is { } oauth)
        {
            var token = await GetTokenAsync(oauth, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    // OAuth2 client credentials grant; the token is reused until shortly before it expires.
    private async Task<string> GetTokenAsync(OAuth2Config oauth, CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && _time.GetUtcNow() < _tokenExpiry)
            {
                return _token;
            }

            var secret = oauth.ClientSecretFile.Length > 0 ? await ReadSecretAsync(oauth.ClientSecretFile, cancellationToken).ConfigureAwait(false) : oauth.ClientSecret;
            var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
            if (oauth.Scopes.Count > 0)
            {
                form.Add(new("scope", string.Join(' ', oauth.Scopes)));
            }

            form.AddRange(oauth.EndpointParams);
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, oauth.TokenUrl) { Content = new FormUrlEncodedContent(form) };
            tokenRequest.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(oauth.ClientId)}:{Uri.EscapeDataString(secret)}")));
            using var response = await _client.SendAsync(tokenRequest, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"oauth2: cannot fetch token: {(int)response.StatusCode} {response.ReasonPhrase}\nResponse: {body}");
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            _token = root.GetProperty("access_token").GetString() ?? "";
            var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt64(out var seconds) ? seconds : 3600;
            // Refresh ten seconds early, as golang.org/x/oauth2 does.
            _tokenExpiry = _time.GetUtcNow().AddSeconds(Math.Max(0, expiresIn - 10));
            return _token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private static async Task<string> ReadSecretAsync(string path, CancellationToken cancellationToken) =>
        (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();

    private static SocketsHttpHandler CreateHandler(HttpClientConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = config.FollowRedirects,
            AutomaticDecompression = DecompressionMethods.None, // the body reader inflates gzip itself, under the size limit
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
        };
        if (config.Proxy.ProxyUrl.Length > 0)
        {
            var bypass = config.Proxy.NoProxy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            handler.Proxy = new WebProxy(new Uri(config.Proxy.ProxyUrl), false, bypass);
            handler.UseProxy = true;
        }
        else if (config.Proxy.ProxyFromEnvironment)
        {
            handler.Proxy = HttpClient.DefaultProxy;
            handler.UseProxy = true;
        }

        var tls = config.TlsConfig;
        var ssl = new SslClientAuthenticationOptions();
        if (tls.ServerName.Length > 0)
        {
            ssl.TargetHost = tls.ServerName;
        }

        var ca = LoadCa(tls);
        if (tls.InsecureSkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (ca is not null)
        {
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateWithCa(certificate, errors, ca);
        }

        if (LoadClientCertificate(tls) is { } clientCertificate)
        {
            ssl.ClientCertificates = [clientCertificate];
        }

        handler.SslOptions = ssl;
        return handler;
    }

    private static X509Certificate2Collection? LoadCa(TlsConfig tls)
    {
        var pem = tls.Ca.Length > 0 ? tls.Ca : tls.CaFile.Length > 0 ? File.ReadAllText(tls.CaFile) : null;
        if (pem is null)
        {
            return null;
        }

        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }

    private static X509Certificate2? LoadClientCertificate(TlsConfig tls)
    {
        var cert = tls.Cert.Length > 0 ? tls.Cert : tls.CertFile.Length > 0 ? File.ReadAllText(tls.CertFile) : null;
        var key = tls.Key.Length > 0 ? tls.Key : tls.KeyFile.Length > 0 ? File.ReadAllText(tls.KeyFile) : null;
        return cert is null || key is null ? null : X509Certificate2.CreateFromPem(cert, key);
    }

    // Trusts exactly the configured CA (plus the name check), as a Go tls.Config with RootCAs set.
    private static bool ValidateWithCa(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection ca)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
