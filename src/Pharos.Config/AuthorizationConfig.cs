namespace Pharos.Config;

/// <summary><c>authorization</c>: the <c>Authorization</c> header's type (default <c>Bearer</c>) and credentials.</summary>
public sealed class AuthorizationConfig
{
    /// <summary>The scheme, <c>Bearer</c> unless set.</summary>
    public string Type { get; set; } = "Bearer";

    /// <summary>The credentials (a secret).</summary>
    public string Credentials { get; set; } = "";

    /// <summary>Path of a file holding the credentials.</summary>
    public string CredentialsFile { get; set; } = "";

    internal static AuthorizationConfig Read(ConfigSection m)
    {
        var c = new AuthorizationConfig
        {
            Type = (m.String("type") ?? "").Trim(),
            Credentials = m.String("credentials") ?? "",
            CredentialsFile = m.String("credentials_file") ?? "",
        };
        m.Finish();
        return c;
    }
}
