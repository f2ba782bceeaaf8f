namespace Pharos.Tsdb.Index;

/// <summary>
/// Orders strings as their UTF-8 bytes compare, which is Go's string order and so the order of every sorted list in
/// a Prometheus index. Ordinal UTF-16 comparison agrees except when a surrogate pair (a character above U+FFFF) meets
/// a character in U+E000–U+FFFF: UTF-16 sorts the pair first, UTF-8 last. Allocation-free.
/// </summary>
internal sealed class Utf8ByteOrder : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static Utf8ByteOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var a = x.AsSpan();
        var b = y.AsSpan();
        var common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length)
        {
            return a.Length.CompareTo(b.Length);
        }

        return Rank(a[common]).CompareTo(Rank(b[common]));
    }

    /// <summary>Moves surrogates (U+D800–U+DFFF) above U+E000–U+FFFF so code units compare in code point order.</summary>
    private static int Rank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
