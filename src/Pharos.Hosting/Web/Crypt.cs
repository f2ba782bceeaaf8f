using System.Runtime.InteropServices;

namespace Pharos.Hosting.Web;

/// <summary>
/// Password hash verification through the system's libxcrypt (<c>crypt(3)</c>, Debian's <c>libcrypt1</c>), which
/// understands the bcrypt hashes (<c>$2a$</c>, <c>$2b$</c>, <c>$2y$</c>) that exporter-toolkit's
/// <c>basic_auth_users</c> hold.
/// </summary>
public static class Crypt
{
    // crypt() returns a pointer into a static buffer: calls are serialised.
    private static readonly Lock CryptLock = new();

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>.</summary>
    /// <param name="password">The clear-text password.</param>
    /// <param name="hash">A crypt(3) hash, for example a bcrypt <c>$2y$10$…</c> string.</param>
    /// <returns>True on a match; false on a mismatch or a hash the library rejects.</returns>
    /// <exception cref="DllNotFoundException">libcrypt.so.1 is not installed.</exception>
    public static bool Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(hash);
        var computed = Hash(password, hash);
        return computed is not null && computed.Length == hash.Length &&
            System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(computed), System.Text.Encoding.UTF8.GetBytes(hash));
    }

    /// <summary>Hashes <paramref name="password"/> with the method and salt encoded in <paramref name="setting"/>.</summary>
    /// <param name="password">The clear-text password.</param>
    /// <param name="setting">A setting or full hash, e.g. <c>$2y$10$</c> followed by 22 salt characters.</param>
    /// <returns>The hash, or null when the library rejects the setting.</returns>
    public static string? Hash(string password, string setting)
    {
        lock (CryptLock)
        {
            var result = NativeCrypt(password, setting);
            if (result == IntPtr.Zero)
            {
                return null;
            }

            var text = Marshal.PtrToStringUTF8(result);

            // libxcrypt's failure token starts with '*' instead of returning null.
            return text is null || text.StartsWith('*') ? null : text;
        }
    }

    [DllImport("libcrypt.so.1", EntryPoint = "crypt", ExactSpelling = true)]
    private static extern IntPtr NativeCrypt(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string key,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string setting);
}
