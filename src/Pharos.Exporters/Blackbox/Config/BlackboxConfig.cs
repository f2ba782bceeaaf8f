using System.Text.RegularExpressions;
using Pharos.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Pharos.Exporters.Blackbox.Config;

/// <summary>
/// The blackbox exporter's modules file (<c>--config.file</c>): upstream's layout, defaults and validation. Unknown
/// fields are errors, as with upstream's strict YAML decoding. Immutable once loaded; a reload swaps the instance.
/// </summary>
internal sealed class BlackboxConfig
{
    private static readonly HashSet<string> DnsQueryTypes = new(StringComparer.Ordinal)
    {
        "A", "NS", "CNAME", "SOA", "PTR", "MX", "TXT", "AAAA", "SRV", "NAPTR", "DS", "RRSIG", "NSEC", "DNSKEY",
        "NSEC3", "TLSA", "CAA", "ANY", "SPF", "HTTPS", "SVCB", "HINFO", "AXFR", "IXFR", "CDS", "CDNSKEY", "LOC", "URI",
    };

    private static readonly HashSet<string> DnsQueryClasses = new(StringComparer.Ordinal) { "IN", "CS", "CH", "HS", "NONE", "ANY" };

    public Dictionary<string, ModuleConfig> Modules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reads and validates a modules file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="BlackboxConfigException">The file is unreadable or invalid.</exception>
    public static BlackboxConfig LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BlackboxConfigException($"error reading config file: {e.Message}", e);
        }

        return Parse(text);
    }

    /// <summary>Parses and validates modules-file YAML.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="BlackboxConfigException">The text is invalid.</exception>
    public static BlackboxConfig Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build();
        BlackboxConfig? config;
        try
        {
            config = deserializer.Deserialize<BlackboxConfig?>(yaml);
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException as YamlException ?? e).Message;
            var at = e.InnerException as YamlException ?? e;
            if (reason.StartsWith("Property '", StringComparison.Ordinal))
            {
                // YamlDotNet: "Property 'x' not found on type 'T'."; upstream: "field x not found in type T".
                var name = reason.Split('\'')[1];
                reason = $"field {name} not found";
            }

            throw new BlackboxConfigException($"error parsing config file: yaml: line {at.Start.Line}: {reason}", e);
        }

        config ??= new BlackboxConfig();
        config.Modules ??= new(StringComparer.Ordinal);
        foreach (var (name, module) in config.Modules)
        {
            try
            {
                Validate(module ?? throw new BlackboxConfigException("module is empty"));
            }
            catch (BlackboxConfigException e)
            {
                throw new BlackboxConfigException($"error parsing config file: module {name}: {e.Message}", e);
            }
        }

        return config;
    }

    /// <summary>The YAML of the loaded modules with secrets replaced by <c>&lt;secret&gt;</c>, for <c>/config</c>.</summary>
    /// <returns>The YAML text.</returns>
    public string ToRedactedYaml()
    {
        var serializer = new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitDefaults | DefaultValuesHandling.OmitEmptyCollections)
            .Build();
        var copy = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
            .Deserialize<BlackboxConfig>(serializer.Serialize(this));
        foreach (var module in copy.Modules.Values)
        {
            var http = module.Http;
            if (http.BasicAuth is { Password.Length: > 0 } basic)
            {
                basic.Password = "<secret>";
            }

            if (http.Authorization is { Credentials.Length: > 0 } authorization)
            {
                authorization.Credentials = "<secret>";
            }

            if (http.BearerToken is { Length: > 0 })
            {
                http.BearerToken = "<secret>";
            }

            if (http.Oauth2 is { } oauth2 && oauth2.ContainsKey("client_secret"))
            {
                oauth2["client_secret"] = "<secret>";
            }

            foreach (var tls in new[] { http.TlsConfig, module.Tcp.TlsConfig, module.Dns.TlsConfig, module.Grpc.TlsConfig })
            {
                if (tls is { Key.Length: > 0 })
                {
                    tls.Key = "<secret>";
                }
            }
        }

        return serializer.Serialize(copy);
    }

    private static void Validate(ModuleConfig module)
    {
        if (module.Timeout is { Length: > 0 } timeout)
        {
            if (!PrometheusDuration.TryParse(timeout, out var span, out var error))
            {
                throw new BlackboxConfigException($"invalid timeout {timeout}: {error}");
            }

            module.TimeoutSpan = span;
        }

        ValidateHttp(module.Http ??= new());
        ValidateTcp(module.Tcp ??= new());
        var dnsGiven = module.DnsGiven;
        module.Dns ??= new();
        if (dnsGiven && string.IsNullOrEmpty(module.Dns.QueryName))
        {
            throw new BlackboxConfigException("query name must be set for DNS module");
        }

        ValidateDns(module.Dns);
        module.Icmp ??= new();
        module.Grpc ??= new();
        if (module.Icmp.Ttl < 0)
        {
            throw new BlackboxConfigException("\"ttl\" cannot be negative");
        }

        if (module.Icmp.Ttl > 255)
        {
            throw new BlackboxConfigException("\"ttl\" cannot exceed 255");
        }
    }

    private static void ValidateHttp(HttpProbeConfig http)
    {
        if (http.NoFollowRedirects is { } noFollow)
        {
            http.FollowRedirects = !noFollow;
        }

        if (http.Body is { Length: > 0 } && http.BodyFile is { Length: > 0 })
        {
            throw new BlackboxConfigException("setting body and body_file both are not allowed");
        }

        CompileAll(http.FailIfBodyMatchesRegexp);
        CompileAll(http.FailIfBodyNotMatchesRegexp);
        foreach (var match in (http.FailIfHeaderMatches ?? []).Concat(http.FailIfHeaderNotMatches ?? []))
        {
            if (string.IsNullOrEmpty(match.Header))
            {
                throw new BlackboxConfigException("header name must be set for HTTP header matchers");
            }

            if (string.IsNullOrEmpty(match.Regexp))
            {
                throw new BlackboxConfigException("regexp must be set for HTTP header matchers");
            }

            Compile(match.Regexp);
        }

        if (http.BasicAuth is { } basic)
        {
            if (basic.Password is { Length: > 0 } && basic.PasswordFile is { Length: > 0 })
            {
                throw new BlackboxConfigException("at most one of basic_auth password & password_file must be configured");
            }
        }

        var authMethods = (http.BasicAuth is null ? 0 : 1) + (http.Authorization is null ? 0 : 1) + (http.Oauth2 is null ? 0 : 1) +
            (string.IsNullOrEmpty(http.BearerToken) && string.IsNullOrEmpty(http.BearerTokenFile) ? 0 : 1);
        if (authMethods > 1)
        {
            throw new BlackboxConfigException("at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }

        if (!string.IsNullOrEmpty(http.BearerToken) && !string.IsNullOrEmpty(http.BearerTokenFile))
        {
            throw new BlackboxConfigException("at most one of bearer_token & bearer_token_file must be configured");
        }

        if (http.Compression is { Length: > 0 } compression)
        {
            if (compression is not ("gzip" or "br" or "deflate" or "identity"))
            {
                throw new BlackboxConfigException($"invalid compression {compression}");
            }

            var accept = http.Headers?.FirstOrDefault(h => h.Key.Equals("Accept-Encoding", StringComparison.OrdinalIgnoreCase)).Value;
            if (accept is not null && !accept.Split(',').Any(v => v.Trim().Split(';')[0].Equals(compression, StringComparison.OrdinalIgnoreCase)))
            {
                throw new BlackboxConfigException($"invalid configuration \"Accept-Encoding: {accept}\", \"compression: {compression}\"");
            }
        }

        if (http.BodySizeLimit is { Length: > 0 } limit && !Hosting.Flags.ByteSize.TryParse(limit, out _))
        {
            throw new BlackboxConfigException($"invalid body_size_limit {limit}");
        }

        if (http.TlsConfig is { } tls)
        {
            ValidateTls(tls);
        }
    }

    private static void ValidateTcp(TcpProbeConfig tcp)
    {
        foreach (var step in tcp.QueryResponse ?? [])
        {
            if (step.Expect is { Length: > 0 } expect)
            {
                Compile(expect);
            }
        }

        if (tcp.TlsConfig is { } tls)
        {
            ValidateTls(tls);
        }
    }

    private static void ValidateDns(DnsProbeConfig dns)
    {
        dns.QueryType ??= "ANY";
        dns.QueryClass ??= "IN";
        dns.TransportProtocol ??= "udp";
        if (!DnsQueryTypes.Contains(dns.QueryType))
        {
            throw new BlackboxConfigException($"query type '{dns.QueryType}' is not valid");
        }

        if (!DnsQueryClasses.Contains(dns.QueryClass))
        {
            throw new BlackboxConfigException($"query class '{dns.QueryClass}' is not valid");
        }

        if (dns.TransportProtocol is not ("udp" or "tcp"))
        {
            throw new BlackboxConfigException($"transport protocol '{dns.TransportProtocol}' is not valid");
        }

        foreach (var validator in new[] { dns.ValidateAnswerRrs, dns.ValidateAuthorityRrs, dns.ValidateAdditionalRrs })
        {
            if (validator is null)
            {
                continue;
            }

            CompileAll(validator.FailIfMatchesRegexp);
            CompileAll(validator.FailIfAllMatchRegexp);
            CompileAll(validator.FailIfNotMatchesRegexp);
            CompileAll(validator.FailIfNoneMatchesRegexp);
        }

        if (dns.TlsConfig is { } tls)
        {
            ValidateTls(tls);
        }
    }

    private static void ValidateTls(TlsClientConfig tls)
    {
        if (tls.Ca is { Length: > 0 } && tls.CaFile is { Length: > 0 })
        {
            throw new BlackboxConfigException("at most one of ca and ca_file must be configured");
        }

        if (tls.Cert is { Length: > 0 } && tls.CertFile is { Length: > 0 })
        {
            throw new BlackboxConfigException("at most one of cert and cert_file must be configured");
        }

        if (tls.Key is { Length: > 0 } && tls.KeyFile is { Length: > 0 })
        {
            throw new BlackboxConfigException("at most one of key and key_file must be configured");
        }

        foreach (var version in new[] { tls.MinVersion, tls.MaxVersion })
        {
            if (version is { Length: > 0 } && version is not ("TLS10" or "TLS11" or "TLS12" or "TLS13"))
            {
                throw new BlackboxConfigException($"unknown TLS version: {version}");
            }
        }
    }

    private static void CompileAll(List<string>? patterns)
    {
        foreach (var pattern in patterns ?? [])
        {
            Compile(pattern);
        }
    }

    /// <summary>Compiles a regular expression as the probers use it.</summary>
    /// <param name="pattern">The pattern (RE2 syntax in upstream; the common subset behaves the same in .NET).</param>
    /// <returns>The regex.</returns>
    public static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException e)
        {
            throw new BlackboxConfigException($"\"Could not compile regular expression\" regexp={pattern}: {e.Message}", e);
        }
    }
}
