using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Pharos.Hosting.Web;

/// <summary>
/// Checks <c>Authorization: Basic</c> credentials against <c>basic_auth_users</c> (bcrypt hashes). As
/// exporter-toolkit, a verified user/password pair is cached (keyed by a SHA-256 of the pair) so that bcrypt's
/// deliberate cost is paid once per credential, not on every scrape. Thread-safe.
/// </summary>
public sealed class BasicAuthenticator
{
    private const int MaxCacheEntries = 1024;

    private readonly IReadOnlyDictionary<string, string> _users;
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);

    /// <summary>Creates the authenticator.</summary>
    /// <param name="users">User name to bcrypt hash.</param>
    public BasicAuthenticator(IReadOnlyDictionary<string, string> users) => _users = users;

    /// <summary>Whether the header carries a known user with the right password.</summary>
    /// <param name="authorization">The request's Authorization header, or null.</param>
    /// <returns>True when authenticated.</returns>
    public bool IsAuthorized(string? authorization)
    {
        if (!TryDecode(authorization, out var user, out var password) || !_users.TryGetValue(user, out var hash))
        {
            return false;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user + "\0" + password + "\0" + hash)));
        if (_verified.TryGetValue(key, out var ok))
        {
            return ok;
        }

        ok = Crypt.Verify(password, hash);
        if (_verified.Count >= MaxCacheEntries)
        {
            _verified.Clear();
        }

        _verified[key] = ok;
        return ok;
    }

    /// <summary>Splits a Basic Authorization header into user and password.</summary>
    /// <param name="authorization">The header value.</param>
    /// <param name="user">The user name.</param>
    /// <param name="password">The password.</param>
    /// <returns>False when the header is absent or not valid Basic credentials.</returns>
    public static bool TryDecode(string? authorization, out string user, out string password)
    {
        user = password = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) ||
            !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        user = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }
}
