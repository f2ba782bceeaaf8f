namespace Pharos.Exporters.Blackbox.Config;

/// <summary>The <c>authorization</c> header of the prober's requests.</summary>
internal sealed class AuthorizationConfig
{
    public string? Type { get; set; }

    public string? Credentials { get; set; }

    public string? CredentialsFile { get; set; }
}
