namespace Pharos.Config;

/// <summary><c>basic_auth</c>: user name and password, each inline or from a file.</summary>
public sealed class BasicAuth
{
    /// <summary>The user name.</summary>
    public string Username { get; set; } = "";

    /// <summary>Path of a file holding the user name.</summary>
    public string UsernameFile { get; set; } = "";

    /// <summary>The password (a secret).</summary>
    public string Password { get; set; } = "";

    /// <summary>Path of a file holding the password.</summary>
    public string PasswordFile { get; set; } = "";

    internal static BasicAuth Read(ConfigSection m)
    {
        var c = new BasicAuth
        {
            Username = m.String("username") ?? "",
            UsernameFile = m.String("username_file") ?? "",
            Password = m.String("password") ?? "",
            PasswordFile = m.String("password_file") ?? "",
        };
        m.Finish();
        return c;
    }
}
