using Pharos.Hosting.Web;
using Xunit;

namespace Pharos.Hosting.Tests.Web;

public sealed class WebConfigTests
{
    [Fact]
    public void Full_config_parses()
    {
        var config = WebConfig.Parse("""
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_auth_type: RequireAndVerifyClientCert
              client_ca_file: ca.crt
              min_version: TLS13
              cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
            http_server_config:
              http2: false
              headers:
                X-Frame-Options: deny
            basic_auth_users:
              alice: $2y$10$abcdefghijklmnopqrstuuqflPDzB6gcMhKa1rZqKiun2YGL5sa2u
            """);
        Assert.Equal("server.crt", config.TlsServerConfig!.CertFile);
        Assert.True(config.TlsServerConfig.RequiresClientCertificate);
        Assert.True(config.TlsServerConfig.VerifiesClientCertificate);
        Assert.Equal(System.Security.Authentication.SslProtocols.Tls13, config.TlsServerConfig.Protocols());
        Assert.False(config.HttpServerConfig.Http2);
        Assert.Equal("deny", config.HttpServerConfig.Headers["X-Frame-Options"]);
        Assert.Single(config.BasicAuthUsers);
    }

    [Fact]
    public void Empty_document_is_plain_http_without_auth()
    {
        var config = WebConfig.Parse(string.Empty);
        Assert.Null(config.TlsServerConfig);
        Assert.Empty(config.BasicAuthUsers);
        Assert.True(config.HttpServerConfig.Http2);
    }

    [Theory]
    [InlineData("tls_server_config:\n  key_file: k\n", "missing cert_file")]
    [InlineData("tls_server_config:\n  cert_file: c\n", "missing key_file")]
    [InlineData("tls_server_config:\n  cert_file: c\n  key_file: k\n  client_auth_type: Sometimes\n", "invalid ClientAuth: Sometimes")]
    [InlineData("tls_server_config:\n  cert_file: c\n  key_file: k\n  client_ca_file: ca\n", "Client CA's have been configured without a Client Auth Policy")]
    [InlineData("tls_server_config:\n  cert_file: c\n  key_file: k\n  min_version: TLS99\n", "unknown TLS version: TLS99")]
    [InlineData("tls_server_config:\n  cert_file: c\n  key_file: k\n  cipher_suites: [NOPE]\n", "unknown cipher: NOPE")]
    [InlineData("http_server_config:\n  headers:\n    Server: x\n", "HTTP header \"Server\" can not be configured")]
    public void Invalid_configs_are_rejected(string yaml, string expected)
    {
        var e = Assert.Throws<WebConfigException>(() => WebConfig.Parse(yaml));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Unknown_keys_are_rejected()
    {
        var e = Assert.Throws<WebConfigException>(() => WebConfig.Parse("basic_auth_user:\n  a: b\n"));
        Assert.StartsWith("yaml: line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bcrypt_hashes_verify_through_libcrypt()
    {
        // Generated with libxcrypt for "secret"; $2a$ and $2b$ forms as htpasswd and Python's bcrypt write them.
        Assert.True(Crypt.Verify("secret", "$2y$10$abcdefghijklmnopqrstuuqflPDzB6gcMhKa1rZqKiun2YGL5sa2u"));
        Assert.True(Crypt.Verify("secret", "$2a$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW"));
        Assert.True(Crypt.Verify("secret", "$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW"));
        Assert.False(Crypt.Verify("wrong", "$2y$10$abcdefghijklmnopqrstuuqflPDzB6gcMhKa1rZqKiun2YGL5sa2u"));
        Assert.False(Crypt.Verify("secret", "not a hash"));
    }
}
