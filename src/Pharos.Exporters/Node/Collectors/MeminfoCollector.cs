using Pharos.Exporters.Node.Parsing;

namespace Pharos.Exporters.Node.Collectors;

/// <summary>
/// <c>meminfo</c>: every <c>/proc/meminfo</c> line as <c>node_memory_KEY[_bytes]</c>. Parentheses become an
/// underscore prefix (<c>Active(anon)</c> → <c>Active_anon</c>) and values with a <c>kB</c> unit are converted to
/// bytes and get the <c>_bytes</c> suffix, as upstream names them.
/// </summary>
internal sealed class MeminfoCollector(NodePaths paths) : INodeCollector
{
    public string Name => "meminfo";

    public void Update(MetricBatch batch)
    {
        var path = paths.Proc("meminfo");
        var lines = new LineReader(ProcFile.Read(path));
        var any = false;
        while (lines.TryRead(out var line))
        {
            var fields = new FieldReader(line);
            if (!fields.TryRead(out var key))
            {
                continue;
            }

            if (key[^1] != (byte)':' || !fields.TryRead(out var number))
            {
                throw new NodeCollectorException($"{path}: malformed line '{Ascii.ToString(line)}'");
            }

            var value = Ascii.ParseDouble(number, path);
            var name = MetricKey(key[..^1]);
            if (fields.TryRead(out _))
            {
                // Every unit in meminfo is kB.
                value *= 1024;
                name += "_bytes";
            }

            batch.Gauge("node_memory_" + name, $"Memory information field {name}.", value);
            any = true;
        }

        if (!any)
        {
            throw new NodeCollectorException($"{path}: no memory information");
        }
    }

    private static string MetricKey(ReadOnlySpan<byte> key)
    {
        var open = key.IndexOf((byte)'(');
        var close = key.LastIndexOf((byte)')');
        if (open < 0 || close < open)
        {
            return Ascii.ToString(key);
        }

        return $"{Ascii.ToString(key[..open])}_{Ascii.ToString(key[(open + 1)..close])}{Ascii.ToString(key[(close + 1)..])}";
    }
}
