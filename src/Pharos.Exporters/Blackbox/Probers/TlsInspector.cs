using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Pharos.Exporters.Blackbox.Config;

namespace Pharos.Exporters.Blackbox.Probers;

/// <summary>
/// Client TLS for the probers: certificate validation by <c>tls_config</c> (system roots, <c>ca_file</c>,
/// <c>insecure_skip_verify</c>, <c>server_name</c>), and the TLS gauges upstream reports from the connection state.
/// </summary>
internal static class TlsInspector
{
    /// <summary>What the handshake showed; filled by the validation callback.</summary>
    internal sealed class HandshakeState
    {
        public X509Certificate2[] PeerCertificates { get; set; } = [];

        public X509Certificate2[] VerifiedChain { get; set; } = [];

        public SslProtocols Protocol { get; set; }

        public long DoneTimestamp { get; set; }
    }

    /// <summary>Client options validating by <paramref name="config"/> and recording into <paramref name="state"/>.</summary>
    /// <param name="config">The module's TLS settings (may be null).</param>
    /// <param name="host">The host name used when <c>server_name</c> is unset.</param>
    /// <param name="state">Receives the peer certificates.</param>
    /// <returns>The options.</returns>
    public static SslClientAuthenticationOptions ClientOptions(TlsClientConfig? config, string host, HandshakeState state)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = config?.ServerName is { Length: > 0 } serverName ? serverName : host,
        };
        X509Certificate2Collection? roots = null;
        if (config?.CaFile is { Length: > 0 } caFile)
        {
            roots = [];
            roots.ImportFromPemFile(caFile);
        }
        else if (config?.Ca is { Length: > 0 } ca)
        {
            roots = [];
            roots.ImportFromPem(ca);
        }

        if (config?.CertFile is { Length: > 0 } certFile && config.KeyFile is { Length: > 0 } keyFile)
        {
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(certFile, keyFile)];
        }

        options.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            state.DoneTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            if (sender is SslStream ssl)
            {
                state.Protocol = ssl.SslProtocol;
            }

            var peers = new List<X509Certificate2>();
            if (certificate is not null)
            {
                peers.Add(new X509Certificate2(certificate));
            }

            if (chain is not null)
            {
                peers.AddRange(chain.ChainElements.Skip(1).Select(e => e.Certificate));
            }

            state.PeerCertificates = [.. peers];
            if (certificate is null)
            {
                return false;
            }

            var ok = errors == SslPolicyErrors.None;
            if (roots is not null)
            {
                using var custom = new X509Chain();
                custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                custom.ChainPolicy.CustomTrustStore.AddRange(roots);
                custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                if (chain is not null)
                {
                    custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
                }

                ok = custom.Build(new X509Certificate2(certificate)) &&
                    (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
                if (ok)
                {
                    state.VerifiedChain = custom.ChainElements.Select(e => e.Certificate).ToArray();
                }
            }
            else if (ok && chain is not null)
            {
                state.VerifiedChain = chain.ChainElements.Select(e => e.Certificate).ToArray();
            }

            return ok || config?.InsecureSkipVerify == true;
        };
        if (config is not null)
        {
            options.EnabledSslProtocols = Protocols(config.MinVersion, config.MaxVersion);
        }

        return options;
    }

    /// <summary>Sets <c>probe_ssl_earliest_cert_expiry</c>, <c>probe_ssl_last_chain_expiry_timestamp_seconds</c>,
    /// <c>probe_ssl_last_chain_info</c> and <c>probe_tls_version_info</c> from a finished handshake.</summary>
    /// <param name="metrics">The probe's metrics.</param>
    /// <param name="state">The handshake.</param>
    public static void Report(ProbeMetrics metrics, HandshakeState state)
    {
        if (state.PeerCertificates.Length > 0)
        {
            metrics.Set(
                "probe_ssl_earliest_cert_expiry",
                "Returns last SSL chain expiry in unixtime",
                state.PeerCertificates.Min(c => new DateTimeOffset(c.NotAfter.ToUniversalTime()).ToUnixTimeSeconds()));
        }

        metrics.Set(
            "probe_ssl_last_chain_expiry_timestamp_seconds",
            "Returns last SSL chain expiry in timestamp",
            state.VerifiedChain.Length == 0 ? -62135596800 : state.VerifiedChain.Min(c => new DateTimeOffset(c.NotAfter.ToUniversalTime()).ToUnixTimeSeconds()));
        if (state.PeerCertificates.Length > 0)
        {
            var leaf = state.PeerCertificates[0];
            metrics.GaugeVec("probe_ssl_last_chain_info", "Contains SSL leaf certificate information", ["fingerprint_sha256", "subject", "issuer", "subjectalternative"]);
            metrics.SetWith(
                "probe_ssl_last_chain_info",
                1,
                Convert.ToHexStringLower(leaf.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)),
                leaf.Subject,
                leaf.Issuer,
                string.Join(',', leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames())));
        }

        metrics.GaugeVec("probe_tls_version_info", "Returns the TLS version used or NaN when unknown", "version");
        metrics.SetWith("probe_tls_version_info", 1, VersionName(state.Protocol));
    }

    /// <summary>Upstream's TLS version label (<c>TLS 1.2</c>, <c>TLS 1.3</c>).</summary>
    /// <param name="protocol">The negotiated protocol.</param>
    /// <returns>The label value.</returns>
    public static string VersionName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
#pragma warning disable SYSLIB0039 // Named only to report what a peer negotiated.
        SslProtocols.Tls11 => "TLS 1.1",
        SslProtocols.Tls => "TLS 1.0",
#pragma warning restore SYSLIB0039
        _ => "unknown",
    };

    private static SslProtocols Protocols(string? min, string? max)
    {
        if (string.IsNullOrEmpty(min) && string.IsNullOrEmpty(max))
        {
            return SslProtocols.None;
        }

        var order = new[] { "TLS12", "TLS13" };
        var lo = Math.Max(0, Array.IndexOf(order, min ?? "TLS12"));
        var hi = string.IsNullOrEmpty(max) ? order.Length - 1 : Math.Max(0, Array.IndexOf(order, max));
        var result = SslProtocols.None;
        for (var i = lo; i <= hi; i++)
        {
            result |= order[i] == "TLS12" ? SslProtocols.Tls12 : SslProtocols.Tls13;
        }

        return result;
    }
}
