using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Pharos.Config;

namespace Pharos.Notifier;

/// <summary>Builds the HTTP client of an Alertmanager set from its <c>http_client_config</c>.</summary>
internal static class AlertmanagerHttpClient
{
    public static HttpClient Create(AlertmanagerConfig config, Func<AlertmanagerConfig, HttpMessageHandler>? factory)
    {
        var handler = factory?.Invoke(config) ?? CreateHandler(config.HttpClientConfig);
        var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        var http = config.HttpClientConfig;
        if (http.BasicAuth is { } basic)
        {
            var user = basic.UsernameFile.Length > 0 ? File.ReadAllText(basic.UsernameFile).Trim() : basic.Username;
            var password = basic.PasswordFile.Length > 0 ? File.ReadAllText(basic.PasswordFile).Trim() : basic.Password;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }
        else if (http.Authorization is { } auth)
        {
            var credentials = auth.CredentialsFile.Length > 0 ? File.ReadAllText(auth.CredentialsFile).Trim() : auth.Credentials;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(auth.Type.Length > 0 ? auth.Type : "Bearer", credentials);
        }

        foreach (var (name, header) in http.HttpHeaders)
        {
            foreach (var v in header.Values.Concat(header.Secrets).Concat(header.Files.Select(f => File.ReadAllText(f).Trim())))
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation(name, v);
            }
        }

        return client;
    }

    private static SocketsHttpHandler CreateHandler(HttpClientConfig http)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = http.FollowRedirects,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var tls = http.TlsConfig;
        if (tls.InsecureSkipVerify || tls.CaFile.Length > 0 || tls.Ca.Length > 0 || tls.CertFile.Length > 0 || tls.ServerName.Length > 0)
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

            X509Certificate2Collection? roots = null;
            if (tls.CaFile.Length > 0 || tls.Ca.Length > 0)
            {
                roots = [];
                roots.ImportFromPem(tls.Ca.Length > 0 ? tls.Ca : File.ReadAllText(tls.CaFile));
            }

            options.RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
            {
                if (tls.InsecureSkipVerify || errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (roots is null || cert is null || chain is null)
                {
                    return false;
                }

                // A private CA: validate the chain against the configured roots only.
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                return chain.Build(new X509Certificate2(cert)) && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
            };
            handler.SslOptions = options;
        }

        if (http.Proxy is { } proxy && !string.IsNullOrEmpty(ProxyUrl(proxy)))
        {
            handler.Proxy = new System.Net.WebProxy(ProxyUrl(proxy));
            handler.UseProxy = true;
        }

        return handler;
    }

    private static string ProxyUrl(ProxyConfig proxy) => proxy.ProxyUrl;
}
