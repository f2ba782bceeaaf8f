using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Pharos.Tsdb.Block;

/// <summary>
/// A ULID, the identifier of a block and its directory name: 48 bits of Unix milliseconds followed by 80 random bits,
/// written as 26 Crockford base-32 characters, so names sort by creation time (as upstream's <c>oklog/ulid</c>).
/// </summary>
public readonly record struct Ulid
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly ulong _high;
    private readonly ulong _low;

    private Ulid(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>The number of characters of the text form.</summary>
    public const int Length = 26;

    /// <summary>The creation time in Unix milliseconds.</summary>
    public long TimestampMs => (long)(_high >> 16);

    /// <summary>Creates a ULID for <paramref name="timestampMs"/> with cryptographically random entropy.</summary>
    /// <param name="timestampMs">Unix milliseconds, 0 to 2^48-1.</param>
    /// <returns>The ULID.</returns>
    public static Ulid NewUlid(long timestampMs)
    {
        Span<byte> entropy = stackalloc byte[10];
        RandomNumberGenerator.Fill(entropy);
        return FromParts(timestampMs, entropy);
    }

    /// <summary>Creates a ULID from a timestamp and ten bytes of entropy.</summary>
    /// <param name="timestampMs">Unix milliseconds, 0 to 2^48-1.</param>
    /// <param name="entropy">Ten bytes.</param>
    /// <returns>The ULID.</returns>
    public static Ulid FromParts(long timestampMs, ReadOnlySpan<byte> entropy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timestampMs, (1L << 48) - 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(entropy.Length, 10);
        var high = ((ulong)timestampMs << 16) | BinaryPrimitives.ReadUInt16BigEndian(entropy);
        return new Ulid(high, BinaryPrimitives.ReadUInt64BigEndian(entropy[2..]));
    }

    /// <summary>Parses the 26-character text form (case-insensitive).</summary>
    /// <param name="text">The text.</param>
    /// <param name="ulid">The ULID.</param>
    /// <returns>False when the text is not a ULID.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out Ulid ulid)
    {
        ulid = default;
        if (text.Length != Length)
        {
            return false;
        }

        // 26 characters carry 130 bits; the first character holds only the top 3 bits of the 128.
        UInt128 value = 0;
        for (var i = 0; i < Length; i++)
        {
            var digit = Alphabet.IndexOf(char.ToUpperInvariant(text[i]), StringComparison.Ordinal);
            if (digit < 0 || (i == 0 && digit > 7))
            {
                return false;
            }

            value = (value << 5) | (uint)digit;
        }

        ulid = new Ulid((ulong)(value >> 64), (ulong)value);
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var value = ((UInt128)_high << 64) | _low;
        return string.Create(Length, value, static (chars, v) =>
        {
            for (var i = Length - 1; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(uint)(v & 31)];
                v >>= 5;
            }
        });
    }
}
