using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Pharos.Exposition;
using Pharos.Exposition.Model;
using Pharos.Exposition.Protobuf;

namespace Pharos.Pushgateway;

/// <summary>
/// Reads and writes <c>--persistence.file</c>. Upstream writes a Go gob stream; Pharos writes its own format (see
/// the README of this project): a header, then per group its grouping labels, push bookkeeping and each family as a
/// delimited <c>io.prometheus.client.MetricFamily</c> message, then a CRC32C of everything before it. Writes go to a
/// temporary file in the same folder that is fsynced and renamed over the old file, so a crash leaves either the
/// old or the new state.
/// </summary>
public static class PersistenceFile
{
    /// <summary>The first eight bytes of the file.</summary>
    public static ReadOnlySpan<byte> Magic => "PHPUSHGW"u8;

    /// <summary>The format version written.</summary>
    public const int FormatVersion = 1;

    private const long NoTime = long.MinValue;

    /// <summary>Writes the groups atomically to <paramref name="path"/>.</summary>
    /// <param name="path">The persistence file.</param>
    /// <param name="groups">The groups to store.</param>
    public static void Write(string path, IReadOnlyList<MetricGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var bytes = Encode(groups);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var temp = Path.Combine(directory, Path.GetFileName(path) + ".in_progress." + Environment.ProcessId);
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads the groups from <paramref name="path"/>; an absent file is an empty state.</summary>
    /// <param name="path">The persistence file.</param>
    /// <returns>The groups.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid persistence file.</exception>
    public static IReadOnlyList<MetricGroup> Read(string path) =>
        File.Exists(path) ? Decode(File.ReadAllBytes(path)) : [];

    /// <summary>Encodes groups into the file format.</summary>
    /// <param name="groups">The groups.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Encode(IReadOnlyList<MetricGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        using var memory = new MemoryStream();
        using (var w = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(groups.Count);
            var buffer = new ArrayBufferWriter<byte>();
            foreach (var group in groups)
            {
                w.Write(group.Key.Pairs.Count);
                foreach (var (name, value) in group.Key.Pairs)
                {
                    w.Write(name);
                    w.Write(value);
                }

                w.Write(ToTicks(group.PushTime));
                w.Write(group.PushTimeStamp.UtcTicks);
                w.Write(ToTicks(group.FailureTime));
                w.Write(group.FailureTimeStamp.UtcTicks);
                w.Write(ToTicks(group.ExpiresAt));
                w.Write(group.Families.Count);
                foreach (var (name, stored) in group.Families)
                {
                    w.Write(name);
                    w.Write(stored.Timestamp.UtcTicks);
                    buffer.ResetWrittenCount();
                    ProtobufWriter.WriteFamily(buffer, stored.Family);
                    w.Write(buffer.WrittenCount);
                    w.Write(buffer.WrittenSpan);
                }
            }
        }

        var crc = Crc32C(memory.GetBuffer().AsSpan(0, (int)memory.Length));
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(tail, crc);
        memory.Write(tail);
        return memory.ToArray();
    }

    /// <summary>Decodes the file format.</summary>
    /// <param name="bytes">The file content.</param>
    /// <returns>The groups.</returns>
    /// <exception cref="InvalidDataException">The content is not valid.</exception>
    public static IReadOnlyList<MetricGroup> Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < Magic.Length + 12 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a Pharos pushgateway persistence file");
        }

        var body = bytes.AsSpan(0, bytes.Length - 4);
        if (Crc32C(body) != BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)))
        {
            throw new InvalidDataException("persistence file checksum mismatch");
        }

        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, 0, body.Length), Encoding.UTF8);
            r.ReadBytes(Magic.Length);
            var version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"unsupported persistence file version {version}");
            }

            var groups = new List<MetricGroup>();
            var reader = new MetricFamilyReader(ExpositionParser.Create(ExpositionFormat.Protobuf, ParserMode.Scrape));
            for (var g = r.ReadInt32(); g > 0; g--)
            {
                var pairs = new List<KeyValuePair<string, string>>();
                for (var n = r.ReadInt32(); n > 0; n--)
                {
                    pairs.Add(new(r.ReadString(), r.ReadString()));
                }

                var pushTime = FromTicks(r.ReadInt64());
                var pushStamp = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
                var failureTime = FromTicks(r.ReadInt64());
                var failureStamp = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
                var expiresAt = FromTicks(r.ReadInt64());
                var families = new Dictionary<string, StoredFamily>(StringComparer.Ordinal);
                for (var f = r.ReadInt32(); f > 0; f--)
                {
                    var name = r.ReadString();
                    var stamp = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
                    var message = r.ReadBytes(r.ReadInt32());
                    var decoded = reader.Read(message);
                    var family = decoded.Count > 0 ? decoded[0] : new MetricFamily(name, Pharos.Model.MetricType.Unknown);
                    families[name] = new StoredFamily(family, stamp);
                }

                groups.Add(new MetricGroup(new GroupingKey(pairs), families, pushTime, pushStamp, failureTime, failureStamp, expiresAt));
            }

            return groups;
        }
        catch (Exception e) when (e is EndOfStreamException or ExpositionParseException or ArgumentException)
        {
            throw new InvalidDataException("corrupt persistence file: " + e.Message, e);
        }
    }

    private static long ToTicks(DateTimeOffset? time) => time?.UtcTicks ?? NoTime;

    private static DateTimeOffset? FromTicks(long ticks) => ticks == NoTime ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
