namespace Pharos.Exporters.Blackbox.Config;

/// <summary>HTTP basic authentication of the prober's requests (<c>basic_auth</c>).</summary>
internal sealed class BasicAuthConfig
{
    public string? Username { get; set; }

    public string? UsernameFile { get; set; }

    public string? Password { get; set; }

    public string? PasswordFile { get; set; }
}
