using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Pharos.Config;

namespace Pharos.Discovery.Http;

/// <summary>
/// Builds an <see cref="HttpClient"/> from an <c>http_config</c> block: TLS (CA, client certificate, server name,
/// skip-verify), proxy URL, redirects, basic auth, authorization and extra headers. Credential files are read per
/// request, as upstream, so a rotated token is picked up without a reload.
/// </summary>
internal static class HttpClientFactory
{
    public static HttpClient Create(HttpClientConfig config, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.OAuth2 is not null)
        {
            throw new InvalidOperationException("oauth2 is not supported by HTTP service discovery yet");
        }

        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = config.FollowRedirects,
            UseCookies = false,
            SslOptions = CreateSslOptions(config.TlsConfig),
        };
        if (config.Proxy.ProxyUrl.Length > 0)
        {
            handler.Proxy = new WebProxy(new Uri(config.Proxy.ProxyUrl));
            handler.UseProxy = true;
        }
        else
        {
            handler.UseProxy = config.Proxy.ProxyFromEnvironment;
        }

        return new HttpClient(new AuthHandler(config) { InnerHandler = handler }) { Timeout = timeout };
    }

    /// <summary>Wraps a given handler (tests) with the configuration's authentication and headers.</summary>
    public static HttpClient Create(HttpClientConfig config, HttpMessageHandler inner, TimeSpan timeout) =>
        new(new AuthHandler(config) { InnerHandler = inner }) { Timeout = timeout };

    private static SslClientAuthenticationOptions CreateSslOptions(TlsConfig tls)
    {
        var options = new SslClientAuthenticationOptions();
        if (tls.ServerName.Length > 0)
        {
            options.TargetHost = tls.ServerName;
        }

        if (tls.CertFile.Length > 0 && tls.KeyFile.Length > 0)
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile)];
        }
        else if (tls.Cert.Length > 0 && tls.Key.Length > 0)
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPem(tls.Cert, tls.Key)];
        }

        if (tls.InsecureSkipVerify)
        {
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (tls.CaFile.Length > 0 || tls.Ca.Length > 0)
        {
            var roots = new X509Certificate2Collection();
            if (tls.CaFile.Length > 0)
            {
                roots.ImportFromPemFile(tls.CaFile);
            }
            else
            {
                roots.ImportFromPem(tls.Ca);
            }

            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }

        return options;
    }

    private sealed class AuthHandler(HttpClientConfig config) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach (var (name, header) in config.HttpHeaders)
            {
                var values = header.Values.Concat(header.Secrets).ToList();
                foreach (var file in header.Files)
                {
                    values.Add((await System.IO.File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).Trim());
                }

                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, values);
            }

            if (config.BasicAuth is { } basic)
            {
                var user = basic.UsernameFile.Length > 0 ? await ReadSecretAsync(basic.UsernameFile, cancellationToken).ConfigureAwait(false) : basic.Username;
                var password = basic.PasswordFile.Length > 0 ? await ReadSecretAsync(basic.PasswordFile, cancellationToken).ConfigureAwait(false) : basic.Password;
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            }
            else if (config.Authorization is { } auth)
            {
                var credentials = auth.CredentialsFile.Length > 0 ? await ReadSecretAsync(auth.CredentialsFile, cancellationToken).ConfigureAwait(false) : auth.Credentials;
                request.Headers.Authorization = new AuthenticationHeaderValue(auth.Type.Length > 0 ? auth.Type : "Bearer", credentials);
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        private static async Task<string> ReadSecretAsync(string path, CancellationToken cancellationToken) =>
            (await System.IO.File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
    }
}
