namespace Pharos.Config;

/// <summary><c>tls_config</c>: CA, client certificate and key (inline or from files), server name, verification, versions.</summary>
public sealed class TlsConfig
{
    /// <summary>PEM CA certificates, inline.</summary>
    public string Ca { get; set; } = "";

    /// <summary>Path of the CA certificates.</summary>
    public string CaFile { get; set; } = "";

    /// <summary>PEM client certificate, inline.</summary>
    public string Cert { get; set; } = "";

    /// <summary>Path of the client certificate.</summary>
    public string CertFile { get; set; } = "";

    /// <summary>PEM client key, inline (a secret).</summary>
    public string Key { get; set; } = "";

    /// <summary>Path of the client key.</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The server name to verify (SNI).</summary>
    public string ServerName { get; set; } = "";

    /// <summary>Whether to skip server certificate verification.</summary>
    public bool InsecureSkipVerify { get; set; }

    /// <summary>Minimum TLS version (<c>TLS10</c> … <c>TLS13</c>), or empty.</summary>
    public string MinVersion { get; set; } = "";

    /// <summary>Maximum TLS version, or empty.</summary>
    public string MaxVersion { get; set; } = "";

    internal static readonly string[] Versions = ["TLS10", "TLS11", "TLS12", "TLS13"];

    internal static TlsConfig Read(ConfigSection? m)
    {
        var c = new TlsConfig();
        if (m is null)
        {
            return c;
        }

        c.Ca = m.String("ca") ?? "";
        c.CaFile = m.String("ca_file") ?? "";
        c.Cert = m.String("cert") ?? "";
        c.CertFile = m.String("cert_file") ?? "";
        c.Key = m.String("key") ?? "";
        c.KeyFile = m.String("key_file") ?? "";
        c.ServerName = m.String("server_name") ?? "";
        c.InsecureSkipVerify = m.Bool("insecure_skip_verify") ?? false;
        c.MinVersion = ReadVersion(m, "min_version");
        c.MaxVersion = ReadVersion(m, "max_version");
        m.Finish();

        string? error = null;
        if (c.Ca.Length > 0 && c.CaFile.Length > 0)
        {
            error = "at most one of ca and ca_file must be configured";
        }
        else if (c.Cert.Length > 0 && c.CertFile.Length > 0)
        {
            error = "at most one of cert and cert_file must be configured";
        }
        else if (c.Key.Length > 0 && c.KeyFile.Length > 0)
        {
            error = "at most one of key and key_file must be configured";
        }
        else if ((c.Cert.Length > 0 || c.CertFile.Length > 0) && c.Key.Length == 0 && c.KeyFile.Length == 0)
        {
            error = "exactly one of key or key_file must be configured when a client certificate is configured";
        }
        else if ((c.Key.Length > 0 || c.KeyFile.Length > 0) && c.Cert.Length == 0 && c.CertFile.Length == 0)
        {
            error = "exactly one of cert or cert_file must be configured when a client key is configured";
        }

        return error is null ? c : throw m.Error(error);
    }

    private static string ReadVersion(ConfigSection m, string key)
    {
        var v = m.String(key);
        if (v is null)
        {
            return "";
        }

        return Versions.Contains(v) ? v : throw m.Error(key, $"unknown TLS version: {v}");
    }
}
